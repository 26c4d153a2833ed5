// Table types of the inbox area (see src/db/types.ts: DB extends every area's tables).
import type { Generated } from "kysely";

type Bool = number; // 0 | 1
type Json = string; // JSON text

export interface ConversationsTable {
  id: Generated<number>;
  workspace_id: string;
  created_at: number;
  updated_at: number;
  title: string | null;
  /** open | closed | snoozed */
  state: string;
  snoozed_until: number | null;
  snoozed_by_id: number | null;
  read: Bool;
  /** priority | not_priority */
  priority: string;
  admin_assignee_id: number | null;
  team_assignee_id: number | null;
  waiting_since: number | null;
  /** conversation | email … */
  source_type: string;
  /** customer_initiated | admin_initiated … */
  delivered_as: string;
  /** inapp | email */
  message_type: string;
  subject: string;
  body: string;
  /** admin | user | lead */
  author_type: string;
  author_id: string;
  attachments: Json;
  url: string | null;
  source_redacted: Bool;
  custom_attributes: Json;
  rating: number | null;
  rating_remark: string | null;
  rating_created_at: number | null;
  rating_contact_id: string | null;
  rating_admin_id: number | null;
  first_contact_reply_at: number | null;
  first_assignment_at: number | null;
  first_admin_reply_at: number | null;
  first_close_at: number | null;
  last_assignment_at: number | null;
  last_assignment_admin_reply_at: number | null;
  last_contact_reply_at: number | null;
  last_admin_reply_at: number | null;
  last_close_at: number | null;
  last_closed_by_id: number | null;
  count_reopens: number;
  count_assignments: number;
  /** the sequence number of the last part (parts are numbered 1, 2, … per conversation) */
  part_seq: number;
}

/** A conversation's teammates, kept by a trigger on conversation_parts (migration 0211). */
export interface ConversationTeammatesTable {
  conversation_id: number;
  admin_id: string;
  /** the part where the admin first took part */
  seq: number;
}

export interface ConversationPartsTable {
  id: Generated<number>;
  workspace_id: string;
  conversation_id: number;
  seq: number;
  part_type: string;
  body: string | null;
  author_type: string;
  author_id: string;
  assigned_to_type: string | null;
  assigned_to_id: string | null;
  attachments: Json;
  external_id: string | null;
  redacted: Bool;
  /** the conversation's state after this part */
  state: string;
  created_at: number;
  updated_at: number;
}

export interface ConversationContactsTable {
  workspace_id: string;
  conversation_id: number;
  contact_id: string;
  added_at: number;
}

export interface ConversationTagsTable {
  workspace_id: string;
  conversation_id: number;
  tag_id: number;
  admin_id: number | null;
  applied_at: number;
}

export interface ConversationDeletionsTable {
  conversation_id: number;
  workspace_id: string;
  deleted_at: number;
}

export interface InboxTables {
  conversations: ConversationsTable;
  conversation_parts: ConversationPartsTable;
  conversation_teammates: ConversationTeammatesTable;
  conversation_contacts: ConversationContactsTable;
  conversation_tags: ConversationTagsTable;
  conversation_deletions: ConversationDeletionsTable;
}
