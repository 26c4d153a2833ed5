// The workspace clock: every time a resource stores or compares comes from here, through Ctx.now(),
// never straight from Date.now(). Each workspace's clock is real time plus an offset, or frozen at an
// instant; the state lives in columns of `workspaces` so that every process on one store agrees. A
// change made by this process is also remembered locally (with its version) so that a cached
// workspace row cannot hide it from this process; listeners (the webhook worker, caches) hear of it.
import { EventEmitter } from "node:events";
import type { Kysely } from "kysely";
import type { DB } from "../db/types.js";

export interface ClockState {
  clock_offset: number;
  clock_frozen_at: number | null;
  clock_version: number;
}

type ClockHolder = { id: string } & Partial<ClockState>;

const local = new Map<string, ClockState>();
const changes = new EventEmitter();
changes.setMaxListeners(0);

/** Real unix seconds (the only place besides ids that reads the machine's time). */
export const realSeconds = () => Math.floor(Date.now() / 1000);

function stateOf(ws: ClockHolder): ClockState {
  const row: ClockState = { clock_offset: Number(ws.clock_offset ?? 0), clock_frozen_at: ws.clock_frozen_at == null ? null : Number(ws.clock_frozen_at), clock_version: Number(ws.clock_version ?? 0) };
  const mine = local.get(ws.id);
  return mine && mine.clock_version >= row.clock_version ? mine : row;
}

/** Unix seconds of a clock state. */
export const clockNow = (s: Pick<ClockState, "clock_offset" | "clock_frozen_at">) => (s.clock_frozen_at != null ? Number(s.clock_frozen_at) : realSeconds() + Number(s.clock_offset));

/** Unix seconds on the workspace's clock. */
export function workspaceNow(ws: ClockHolder): number {
  return clockNow(stateOf(ws));
}

export function isFrozen(ws: ClockHolder): boolean {
  return stateOf(ws).clock_frozen_at != null;
}

/** Calls fn(workspaceId) after every clock change made by this process; returns the unsubscribe function. */
export function onClockChange(fn: (wsId: string) => void): () => void {
  changes.on("change", fn);
  return () => changes.off("change", fn);
}

export type ClockChange = { set: number } | { advance: number } | { real: true };

/**
 * Changes the workspace clock atomically in the database (an advance adds to the stored values, so
 * concurrent advances both count) and returns the new state.
 */
export async function changeClock(db: Kysely<DB>, wsId: string, change: ClockChange): Promise<ClockState> {
  const real = realSeconds();
  let q = db.updateTable("workspaces").where("id", "=", wsId);
  if ("set" in change) {
    q = q.set((eb) => ({ clock_frozen_at: change.set, clock_offset: change.set - real, clock_version: eb("clock_version", "+", 1) }));
  } else if ("advance" in change) {
    const s = change.advance;
    q = q.set((eb) => ({
      clock_offset: eb("clock_offset", "+", s),
      clock_frozen_at: eb.case().when("clock_frozen_at", "is", null).then(null).else(eb("clock_frozen_at", "+", s)).end(),
      clock_version: eb("clock_version", "+", 1),
    }));
  } else {
    q = q.set((eb) => ({ clock_frozen_at: null, clock_offset: 0, clock_version: eb("clock_version", "+", 1) }));
  }
  const row = await q.returning(["clock_offset", "clock_frozen_at", "clock_version"]).executeTakeFirstOrThrow();
  const state: ClockState = { clock_offset: Number(row.clock_offset), clock_frozen_at: row.clock_frozen_at == null ? null : Number(row.clock_frozen_at), clock_version: Number(row.clock_version) };
  local.set(wsId, state);
  changes.emit("change", wsId);
  return state;
}
