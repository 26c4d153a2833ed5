// Table types of the people extras area: contact activities, banners and their views per contact, and
// the states an experimental update records on a conversation part (see src/db/types.ts: DB extends
// every area's tables).
import type { Generated } from "kysely";

/** One contact activity event (GET /contacts/activities), written in the transaction of the change. */
export interface ContactActivitiesTable {
  id: Generated<number>;
  workspace_id: string;
  /** contact.created, contact.role_updated, contact.merged, contact.merge_failed, contact.deleted */
  event_type: string;
  contact_id: string;
  external_id: string | null;
  role: string | null;
  merge_source_id: string | null;
  merge_target_id: string | null;
  failure_reason: string | null;
  created_at: number;
}

/** A banner, created through opencom's own API (Intercom's teammates make them in its UI). */
export interface BannersTable {
  id: Generated<number>;
  workspace_id: string;
  title: string | null;
  body: string | null;
  style: string;
  position: string;
  show_dismiss_button: number;
  /** JSON of the banner's action, or null */
  action: string | null;
  /** who it targets: null = every contact, "user" or "lead" */
  target_role: string | null;
  /** a single contact it targets, or null */
  target_contact_id: string | null;
  /** soft delete: a deleted banner is no longer matched */
  deleted_at: number | null;
  created_at: number;
}

/** A contact's view of a banner: made the first time the banner is listed for the contact. */
export interface BannerViewsTable {
  id: Generated<number>;
  workspace_id: string;
  banner_id: number;
  contact_id: string;
  impressions: number;
  last_shown_at: number;
  dismissed_at: number | null;
  created_at: number;
}

/** What PUT /conversations/{id}/conversation_parts/{part_id} records on a part. */
export interface ConversationPartStatesTable {
  part_id: number;
  workspace_id: string;
  send_state: string | null;
  info_message: string | null;
  seen_by_admin_id: number | null;
  seen_at: number | null;
  updated_at: number;
}

export interface PeopleExtrasTables {
  contact_activities: ContactActivitiesTable;
  banners: BannersTable;
  banner_views: BannerViewsTable;
  conversation_part_states: ConversationPartStatesTable;
}
