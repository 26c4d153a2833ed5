// Fault injection: a request matching a workspace's fault waits latency_ms, then (when the fault has
// a status) answers that status as an error.list without reaching the handler. The request path
// looks faults up only when the workspace has any (workspaces.faults_active, or a change made by this
// process); `times` is counted down atomically, so concurrent requests never use a fault more often.
import type { Kysely } from "kysely";
import type { DB } from "../db/types.js";
import type { FaultsTable } from "../db/tables/toolkit.js";
import { ApiError } from "./errors.js";

export type FaultRow = Omit<FaultsTable, "id"> & { id: number };

const localCounts = new Map<string, number>();

/** Recounts the workspace's faults (call in the transaction of every change). */
export async function recountFaults(db: Kysely<DB>, wsId: string): Promise<void> {
  const row = await db.selectFrom("faults").select((eb) => eb.fn.countAll<number>().as("n")).where("workspace_id", "=", wsId).executeTakeFirstOrThrow();
  await db.updateTable("workspaces").set({ faults_active: Number(row.n) }).where("id", "=", wsId).execute();
  localCounts.set(wsId, Number(row.n));
}

/** Glob on the request path: `*` is one path segment (or part of one), `**` anything. */
export function pathMatches(pattern: string, path: string): boolean {
  const re = pattern
    .split(/(\*\*|\*)/)
    .map((part) => (part === "**" ? ".*" : part === "*" ? "[^/]*" : part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${re}/?$`).test(path);
}

const DEFAULT_CODES: Record<number, string> = {
  400: "parameter_invalid",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  422: "parameter_invalid",
  429: "rate_limit_exceeded",
  500: "server_error",
  502: "bad_gateway",
  503: "service_unavailable",
  504: "gateway_timeout",
};

export const defaultFaultCode = (status: number) => DEFAULT_CODES[status] ?? (status >= 500 ? "server_error" : "client_error");

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether the workspace may have faults (its row says so, or this process made one): else nothing to look up. */
export const faultsMayApply = (ws: { id: string; faults_active?: number | null }) => Number(ws.faults_active ?? 0) > 0 || (localCounts.get(ws.id) ?? 0) > 0;

/** Applies the first matching fault of the workspace to a request, if any. */
export async function applyFaults(db: Kysely<DB>, ws: { id: string; faults_active?: number | null }, method: string, path: string): Promise<void> {
  if (!faultsMayApply(ws)) return;
  const faults = await db.selectFrom("faults").selectAll().where("workspace_id", "=", ws.id).orderBy("id").limit(100).execute();
  for (const f of faults) {
    if (f.method && f.method.toUpperCase() !== method.toUpperCase()) continue;
    if (f.path && !pathMatches(f.path, path)) continue;
    if (f.remaining !== null && f.remaining <= 0) continue;
    if (f.probability != null && f.probability < 1 && Math.random() >= f.probability) continue;
    if (f.remaining !== null) {
      const res = await db.updateTable("faults").set((eb) => ({ remaining: eb("remaining", "-", 1) })).where("id", "=", Number(f.id)).where("remaining", ">", 0).executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) continue;
    }
    if (f.latency_ms) await sleep(f.latency_ms);
    if (f.status) throw new ApiError(f.status, f.code ?? defaultFaultCode(f.status), f.message ?? `Injected fault ${f.id} (opencom)`);
    return;
  }
}
