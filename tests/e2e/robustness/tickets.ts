// Robustness fixtures of the tickets area: a ticket type with one attribute, a ticket, a ticket tag, an
// enqueued job (the core fixtures give the conversation).
import type { RobustnessArea } from "../../helpers/robustness-area.js";

export const area: RobustnessArea = {
  async seed(ws, tag) {
    const type = (await ws.api("/ticket_types", { body: { name: `Robust ${tag}`, description: "fixture" } })).body;
    const attr = (await ws.api(`/ticket_types/${type.id}/attributes`, { body: { name: "Severity", description: "fixture", data_type: "string" } })).body;
    const contact = (await ws.api("/contacts", { body: { role: "user", email: `ticket-${tag}@example.com` } })).body;
    const ticket = (await ws.api("/tickets", { body: { ticket_type_id: type.id, contacts: [{ id: contact.id }], ticket_attributes: { _default_title_: "fixture" } } })).body;
    const ticketTag = (await ws.api("/tags", { body: { name: `ticket-tag-${tag}` } })).body;
    await ws.api(`/tickets/${ticket.id}/tags`, { body: { id: ticketTag.id, admin_id: String(ws.adminId) } });
    const job = (await ws.api("/tickets/enqueue", { body: { ticket_type_id: type.id, contacts: [{ id: contact.id }] } })).body;
    const state = type.ticket_states.data.find((x: { category: string }) => x.category === "in_progress");
    return { ticket_state_id: String(state.id), job_id: String(job.id), ticket_tag_id: String(ticketTag.id), ticket_type_id: String(type.id), ticket_type_attribute_id: String(attr.id), ticket_id: String(ticket.id), ticket_contact_id: String(contact.id) };
  },
  reads: (ids) => [`/ticket_types/${ids.ticket_type_id}`, "/ticket_states", `/tickets/${ids.ticket_id}`],
  idParams: [
    ["/conversations/:id/convert", "conversation_id"],
    ["/tickets/:ticket_id/linked_conversations/", "conversation_id"],
    ["/ticket_types/:ticket_type_id/attributes/", "ticket_type_attribute_id"],
    ["/ticket_types/", "ticket_type_id"],
    ["/tickets/:ticket_id/tags/", "ticket_tag_id"],
    ["/tickets/", "ticket_id"],
    ["/jobs/status/", "job_id"],
  ],
  destructive: ["DELETE /tickets/:id", "DELETE /tickets/:ticket_id/tags/:id", "POST /conversations/:id/convert", "DELETE /tickets/:ticket_id/linked_conversations/:id"],
  bodies: (ids) => ({
    "POST /tickets": { ticket_type_id: ids.ticket_type_id, contacts: [{ id: ids.ticket_contact_id }], ticket_attributes: { _default_title_: "t {n}" } },
    "PUT /tickets/:id": { open: true, is_shared: true },
    "POST /tickets/enqueue": { ticket_type_id: ids.ticket_type_id, contacts: [{ id: ids.ticket_contact_id }] },
    "POST /tickets/:ticket_id/tags": { id: ids.ticket_tag_id, admin_id: ids.admin_id },
    "DELETE /tickets/:ticket_id/tags/:id": { admin_id: ids.admin_id },
    "POST /tickets/:ticket_id/change_type": { ticket_type_id: ids.ticket_type_id, ticket_state_id: ids.ticket_state_id },
    "POST /tickets/:ticket_id/linked_conversations": { conversation_id: ids.conversation_id },
    "POST /conversations/:id/convert": { ticket_type_id: ids.ticket_type_id },
    "POST /tickets/search": { query: { field: "open", operator: "=", value: true } },
    "POST /tickets/:id/reply": { type: "admin", message_type: "note", admin_id: ids.admin_id, body: "note {n}" },
    "POST /ticket_types": { name: "Type {n}", description: "d", category: "Customer", icon: "🐞" },
    "PUT /ticket_types/:id": { name: "Renamed", description: "d2" },
    "POST /ticket_types/:ticket_type_id/attributes": { name: "Attr {n}", description: "d", data_type: "string" },
    "PUT /ticket_types/:ticket_type_id/attributes/:id": { description: "d3", required_to_create: false },
  }),
};
