// Named version gates: every behaviour that differs between Intercom-Versions beyond what the
// contract-derived views already handle, as one named fact each, so a reader sees every version
// difference in this one file. Use: `since(c.version, "mergeHistory")`.
import { atLeast, type ApiVersion } from "./versions.js";

export const GATES = {
  // (filled in per area: name -> the first version that has the behaviour)
} as const satisfies Record<string, string>;

export type Gate = keyof typeof GATES;

/** Whether the requested version has the named behaviour. */
export function since(version: ApiVersion, gate: Gate): boolean {
  return atLeast(version, GATES[gate]);
}
