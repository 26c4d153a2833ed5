// Named version gates: every behaviour that differs between Intercom-Versions beyond what the
// contract-derived views already handle, as one named fact each, so a reader sees every version
// difference in this one file. Use: `since(c.version, "mergeHistory")`.
import { atLeast, type ApiVersion } from "./versions.js";

export const GATES = {
  // (filled in per area: name -> the first version that has the behaviour)
  // inbox: a conversation's priority is a level (none, low, medium, high, urgent), not priority / not_priority
  priorityLevels: "2.16",
  // inbox: an unassigned conversation has admin_assignee_id / team_assignee_id 0, not null
  unassignedIsZero: "2.16",
} as const satisfies Record<string, string>;

export type Gate = keyof typeof GATES;

/** Whether the requested version has the named behaviour. */
export function since(version: ApiVersion, gate: Gate): boolean {
  return atLeast(version, GATES[gate]);
}
