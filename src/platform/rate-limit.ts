// Rate limits as Intercom applies them: a per-minute limit enforced in 10-second windows of
// ⌈limit/6⌉ requests on the workspace clock. The count of a window is one row per workspace × window,
// incremented atomically with an upsert, so processes sharing one PostgreSQL share the count.
import type { Kysely } from "kysely";
import type { DB } from "../db/types.js";
import { ApiError } from "./errors.js";

export const WINDOW_S = 10;

const localSettings = new Map<string, { perMinute: number | null; at: number }>();

/** Remembers a change made by this process (so a cached workspace row cannot hide it for a while). */
export function noteRateLimit(wsId: string, perMinute: number | null) {
  localSettings.set(wsId, { perMinute, at: Date.now() });
}

export function effectiveLimit(ws: { id: string; rate_limit_per_minute?: number | null }): number | null {
  const mine = localSettings.get(ws.id);
  if (mine && Date.now() - mine.at < 30_000) return mine.perMinute;
  return ws.rate_limit_per_minute == null ? null : Number(ws.rate_limit_per_minute);
}

export interface RateLimitState {
  limit: number;
  remaining: number;
  reset: number;
  exceeded: boolean;
}

/** Counts one request of the workspace; returns the headers' values and whether it is over. */
export async function countRequest(db: Kysely<DB>, wsId: string, perMinute: number, now: number): Promise<RateLimitState> {
  const limit = Math.ceil(perMinute / 6);
  const windowStart = Math.floor(now / WINDOW_S) * WINDOW_S;
  const row = await db
    .insertInto("rate_limit_counters")
    .values({ workspace_id: wsId, window_start: windowStart, count: 1 })
    .onConflict((oc) => oc.columns(["workspace_id", "window_start"]).doUpdateSet((eb) => ({ count: eb("rate_limit_counters.count", "+", 1) })))
    .returning("count")
    .executeTakeFirstOrThrow();
  const count = Number(row.count);
  if (count === 1) {
    // a new window: forget the old ones of this workspace
    await db.deleteFrom("rate_limit_counters").where("workspace_id", "=", wsId).where("window_start", "<", windowStart - 60).execute();
  }
  return { limit, remaining: Math.max(0, limit - count), reset: windowStart + WINDOW_S, exceeded: count > limit };
}

export const rateLimitError = (limit: number) => new ApiError(429, "rate_limit_exceeded", `Exceeded rate limit of ${limit} in 10_seconds`);
