// Ticket type, attribute and state rows → Intercom JSON (the shapes of Intercom's examples:
// `ticket_type_attributes` and `ticket_states` are `{type: "list", data: [...]}`).
import type { FullTicketType, TicketStateRow, TicketTypeAttributeRow, TicketTypeRow } from "./service.js";

export const presentTicketTypeAttribute = (a: TicketTypeAttributeRow, wsId: string) => ({
  type: "ticket_type_attribute",
  id: String(a.id),
  workspace_id: wsId,
  name: a.name,
  description: a.description,
  data_type: a.data_type,
  input_options: JSON.parse(a.input_options),
  order: a.order_index,
  required_to_create: a.required_to_create === 1,
  required_to_create_for_contacts: a.required_to_create_for_contacts === 1,
  visible_on_create: a.visible_on_create === 1,
  visible_to_contacts: a.visible_to_contacts === 1,
  default: a.is_default === 1,
  ticket_type_id: Number(a.ticket_type_id),
  archived: a.archived === 1,
  created_at: Number(a.created_at),
  updated_at: Number(a.updated_at),
});

export const presentTicketState = (s: TicketStateRow) => ({
  type: "ticket_state",
  id: String(s.id),
  category: s.category,
  internal_label: s.internal_label,
  external_label: s.external_label,
});

/** A ticket type as it is nested in other objects (a ticket, a state's list). */
export const presentTicketTypeBrief = (t: TicketTypeRow) => ({
  type: "ticket_type",
  id: String(t.id),
  name: t.name,
  description: t.description,
  icon: t.icon,
  archived: t.archived === 1,
  is_internal: t.is_internal === 1,
  category: t.category,
});

export const presentTicketType = (t: FullTicketType) => ({
  type: "ticket_type",
  id: String(t.id),
  name: t.name,
  description: t.description,
  icon: t.icon,
  workspace_id: t.workspace_id,
  archived: t.archived === 1,
  created_at: Number(t.created_at),
  updated_at: Number(t.updated_at),
  is_internal: t.is_internal === 1,
  ticket_type_attributes: { type: "list", data: t.attributes.map((a) => presentTicketTypeAttribute(a, t.workspace_id)) },
  category: t.category,
  ticket_states: { type: "list", data: t.states.filter((s) => s.archived === 0).map(presentTicketState) },
});

export const presentTicketStateDetailed = (s: TicketStateRow & { types: TicketTypeRow[] }) => ({
  ...presentTicketState(s),
  ticket_types: { type: "list", data: s.types.map(presentTicketTypeBrief) },
  archived: s.archived === 1,
});
