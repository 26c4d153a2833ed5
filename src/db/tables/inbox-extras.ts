// Table types of the inbox extras: macros, conversation attributes, office hours (see src/db/types.ts).
import type { Generated } from "kysely";
import type { Bool, Json } from "../types.js";

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


/** Conversation attributes (2.16): typed custom fields of conversations. Archived, never deleted. */
export interface ConversationAttributesTable {
  id: Generated<number>;
  workspace_id: string;
  name: string;
  /** lower-cased name: unique per workspace */
  name_key: string;
  description: string;
  data_type: string; // string | integer | list | decimal | boolean | datetime | relationship | files
  required: Bool;
  multiline: Bool;
  visible_to_team_ids: Json; // string[]
  /** relationship: {type: one|many, object_type_id} */
  reference: Json | null;
  archived: Bool;
  admin_id: number | null;
  created_at: number;
  updated_at: number;
}

/** The options of a list attribute, in order; archived, never deleted. */
export interface ConversationAttributeOptionsTable {
  id: string; // uuid
  workspace_id: string;
  attribute_id: number;
  label: string;
  archived: Bool;
  /** order of creation (ties, from concurrent adds, by id) */
  position: number;
  created_at: number;
}

/** Office hours schedules (2.16): weekly open intervals in minutes from Monday 00:00. */
export interface OfficeHoursSchedulesTable {
  id: Generated<number>;
  workspace_id: string;
  name: string;
  time_zone_name: string;
  time_intervals: Json; // [{start_minute, end_minute}]
  created_at: number;
  updated_at: number;
}

/** A schedule's exception on a date (one per date and schedule). */
export interface OfficeHoursExceptionsTable {
  id: Generated<number>;
  workspace_id: string;
  schedule_id: number;
  exception_date: string; // YYYY-MM-DD
  exception_type: string; // closed | custom_hours
  name: string | null;
  time_intervals: Json | null; // minutes from midnight; null when closed
  recurring_annually: Bool;
  created_at: number;
  updated_at: number;
}

/** A merged (secondary) conversation and the primary it was merged into; once per secondary. */
export interface ConversationMergesTable {
  workspace_id: string;
  secondary_id: number;
  primary_id: number;
  merged_at: number;
}

export interface InboxExtrasTables {
  conversation_merges: ConversationMergesTable;
  office_hours_schedules: OfficeHoursSchedulesTable;
  office_hours_exceptions: OfficeHoursExceptionsTable;
  macros: MacrosTable;
  conversation_attributes: ConversationAttributesTable;
  conversation_attribute_options: ConversationAttributeOptionsTable;
}
