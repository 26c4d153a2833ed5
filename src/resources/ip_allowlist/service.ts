// The workspace's IP allowlist (2.14+), on the workspace row (read on every request, so a change is
// enforced from the next request on; src/platform/ip-allowlist.ts enforces it).
import { sql } from "kysely";
import type { Ctx } from "../../platform/http.js";
import { ApiError, invalidParam } from "../../platform/errors.js";
import { inTransaction } from "../../platform/writes.js";
import { addressAllowed, parseAllowlistEntry } from "../../platform/ip-allowlist.js";
import type { IpAllowlistInput } from "./schemas.js";

export interface IpAllowlist {
  enabled: boolean;
  entries: string[];
}

function entriesOf(json: string | null): string[] {
  if (!json) return [];
  try {
    const list = JSON.parse(json);
    return Array.isArray(list) ? list.filter((e): e is string => typeof e === "string") : [];
  } catch {
    return [];
  }
}

export async function getIpAllowlist(c: Ctx): Promise<IpAllowlist> {
  const row = await c.db.selectFrom("workspaces").select(["ip_allowlist_enabled", "ip_allowlist"]).where("id", "=", c.wsId).executeTakeFirstOrThrow();
  return { enabled: row.ip_allowlist_enabled === 1, entries: entriesOf(row.ip_allowlist) };
}

/**
 * Changes what is given (`enabled`, `ip_allowlist`: the whole list) under the workspace row's lock.
 * Lockout protection (the description): a change that leaves the allowlist on, not empty, and without
 * the caller's address is refused (422) and nothing is written.
 */
export async function updateIpAllowlist(c: Ctx, input: IpAllowlistInput, callerAddress: string | undefined): Promise<IpAllowlist> {
  const entries = input.ip_allowlist?.map((e, i) => {
    const trimmed = e.trim();
    if (!parseAllowlistEntry(trimmed)) throw invalidParam("ip_allowlist", `ip_allowlist[${i}] (${JSON.stringify(e)}) is neither an IPv4 address nor an IPv4 range in CIDR notation`);
    return trimmed;
  });
  return inTransaction(c, async (t) => {
    let q = t.db.selectFrom("workspaces").select(["ip_allowlist_enabled", "ip_allowlist"]).where("id", "=", c.wsId);
    if (t.kind === "postgres") q = q.forUpdate();
    const row = await q.executeTakeFirstOrThrow();
    const next: IpAllowlist = {
      enabled: input.enabled ?? row.ip_allowlist_enabled === 1,
      entries: entries ?? entriesOf(row.ip_allowlist),
    };
    if (next.enabled && !addressAllowed(next.entries, callerAddress)) {
      const shown = callerAddress?.startsWith("::ffff:") ? callerAddress.slice(7) : callerAddress ?? "unknown";
      throw new ApiError(422, "parameter_invalid", `Your IP (${shown}) is not on the allowlist. Saving would lock you out of this workspace.`, "ip_allowlist");
    }
    await t.db
      .updateTable("workspaces")
      .set({ ip_allowlist_enabled: next.enabled ? 1 : 0, ip_allowlist: JSON.stringify(next.entries) })
      .where("id", "=", c.wsId)
      .execute();
    return next;
  });
}

/** opencom's way out (and what reset does): the allowlist off and empty. */
export async function clearIpAllowlist(c: Pick<Ctx, "db" | "wsId">): Promise<void> {
  await c.db.updateTable("workspaces").set({ ip_allowlist_enabled: 0, ip_allowlist: sql<string | null>`null` }).where("id", "=", c.wsId).execute();
}
