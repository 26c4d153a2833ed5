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

export interface TicketsTables {
  ticket_types: TicketTypesTable;
  ticket_type_attributes: TicketTypeAttributesTable;
  ticket_states: TicketStatesTable;
}
