// Table types of the tickets area (see src/db/types.ts: DB extends every area's tables).
import type { Generated } from "kysely";
import type { Bool, Json } from "../types.js";

export interface TicketTypesTable {
  id: Generated<number>;
  workspace_id: string;
  name: string;
  description: string;
  icon: string;
  /** Customer | Back-office | Tracker */
  category: string;
  is_internal: Bool;
  archived: Bool;
  created_at: number;
  updated_at: number;
}

export interface TicketTypeAttributesTable {
  id: Generated<number>;
  workspace_id: string;
  ticket_type_id: number;
  name: string;
  description: string;
  /** string | list | integer | decimal | boolean | datetime | files */
  data_type: string;
  /** {multiline} | {list_options: [{id, label, archived}]} | {allow_multiple_values} */
  input_options: Json;
  order_index: number;
  required_to_create: Bool;
  required_to_create_for_contacts: Bool;
  visible_on_create: Bool;
  visible_to_contacts: Bool;
  /** the built-in _default_title_ / _default_description_ */
  is_default: Bool;
  archived: Bool;
  created_at: number;
  updated_at: number;
}

export interface TicketStatesTable {
  id: Generated<number>;
  workspace_id: string;
  /** the ticket category (Customer | Back-office | Tracker) whose types use this state */
  ticket_category: string;
  /** submitted | in_progress | waiting_on_customer | resolved */
  category: string;
  internal_label: string;
  external_label: string;
  archived: Bool;
}

export interface TicketsTable {
  id: Generated<number>;
  workspace_id: string;
  ticket_type_id: number;
  ticket_state_id: number;
  previous_ticket_state_id: number | null;
  /** {attribute name: value} */
  ticket_attributes: Json;
  admin_assignee_id: number | null;
  team_assignee_id: number | null;
  open: Bool;
  snoozed_until: number | null;
  is_shared: Bool;
  company_id: string | null;
  /** the sequence number of the last part */
  part_seq: number;
  created_at: number;
  updated_at: number;
}

export interface TicketPartsTable {
  id: Generated<number>;
  workspace_id: string;
  ticket_id: number;
  seq: number;
  part_type: string;
  body: string | null;
  author_type: string;
  author_id: string;
  assigned_to_type: string | null;
  assigned_to_id: string | null;
  /** state categories of a ticket_state_updated_by_admin part */
  previous_ticket_state: string | null;
  ticket_state: string | null;
  attachments: Json;
  updated_attribute_data: Json | null;
  created_at: number;
  updated_at: number;
}

export interface TicketContactsTable {
  workspace_id: string;
  ticket_id: number;
  contact_id: string;
  added_at: number;
}

export interface TicketTagsTable {
  workspace_id: string;
  ticket_id: number;
  tag_id: number;
  admin_id: number | null;
  applied_at: number;
}

export interface TicketConversationLinksTable {
  workspace_id: string;
  ticket_id: number;
  conversation_id: number;
  linked_at: number;
}

/** The ticket a conversation was converted to (one per conversation). */
export interface TicketConversionsTable {
  conversation_id: number;
  workspace_id: string;
  ticket_id: number;
  converted_at: number;
}

export interface TicketsTables {
  ticket_conversions: TicketConversionsTable;
  ticket_tags: TicketTagsTable;
  ticket_conversation_links: TicketConversationLinksTable;
  tickets: TicketsTable;
  ticket_parts: TicketPartsTable;
  ticket_contacts: TicketContactsTable;
  ticket_types: TicketTypesTable;
  ticket_type_attributes: TicketTypeAttributesTable;
  ticket_states: TicketStatesTable;
}
