// Named version gates: every behaviour that differs between Intercom-Versions beyond what the
// contract-derived views already handle, as one named fact each, so a reader sees every version
// difference in this one file. Use: `since(c.version, "mergeHistory")`.
// A gate is either the first version that has the behaviour ("2.16": 2.16, Unstable), or the
// versions that alone have it ({ only: [...] }: quirks of one version's description).
import { atLeast, type ApiVersion } from "./versions.js";

type Rule = string | { readonly only: readonly string[] };

export const GATES = {
  // contacts
  /** include_merge_history lists the contacts merged into one; GET of a merged-away id answers 410 */
  mergeHistory: "2.16",
  /** merging refuses two contacts with different email and phone unless skip_duplicate_validation */
  mergeDuplicateValidation: "2.16",
  /** owner_id of a contact is a string */
  contactOwnerIdString: "2.16",
  /** contacts can be searched on formatted_phone */
  searchFormattedPhone: "2.16",
  /** timestamps are searched (and datetime attributes typed) to the second, not by calendar day */
  datetimeType: "Unstable",
  /** date custom attributes match by UTC day, not the workspace's day */
  searchDaysUtc: "Unstable",
  // 2.11's description alone requires these on every object (and forbids a null pages)
  /** a tag on an object always carries applied_at and applied_by */
  tagAppliedRequired: { only: ["2.11"] },
  /** a company carries every property its schema lists, defaulted */
  companyAllRequired: { only: ["2.11"] },
  /** a company scroll page leaves pages out rather than null */
  scrollWithoutPages: { only: ["2.11"] },
  /** an admin's avatar is an object { image_url } */
  adminAvatarObject: { only: ["2.11"] },
  // inbox
  // inbox: a conversation's priority is a level (none, low, medium, high, urgent), not priority / not_priority
  priorityLevels: "2.16",
  // inbox: an unassigned conversation has admin_assignee_id / team_assignee_id 0, not null
  unassignedIsZero: "2.16",
  // tickets: a ticket's ticket_state is the state object, not its category string with labels beside it
  ticketStateObject: "2.12",
  // content: help center sections (2.7–2.9) became collections nested in collections
  nestedCollections: "2.10",
} as const satisfies Record<string, Rule>;

export type Gate = keyof typeof GATES;

/** Whether the requested version has the named behaviour. */
export function since(version: ApiVersion, gate: Gate): boolean {
  const rule: Rule = GATES[gate];
  return typeof rule === "string" ? atLeast(version, rule) : rule.only.includes(version);
}
