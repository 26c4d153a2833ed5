// Table types of the inbox extras: macros, conversation attributes, office hours (see src/db/types.ts).
import type { Generated } from "kysely";
import type { Json } from "../types.js";

/** Saved replies. Intercom makes them in its UI; opencom through POST /_opencom/macros. */
export interface MacrosTable {
  id: Generated<number>;
  workspace_id: string;
  name: string;
  /** HTML with Intercom placeholders ({{user.name | fallback: 'there'}}) */
  body: string;
  visible_to: string; // everyone | specific_teams
  visible_to_team_ids: Json; // number[]
  available_on: Json; // ["inbox", "messenger"]
  created_at: number;
  updated_at: number;
}

export interface InboxExtrasTables {
  macros: MacrosTable;
}
