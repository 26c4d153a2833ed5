// What a ticket's changes emit: the ticket as the API presents it, written to the webhook outbox in the
// transaction of the change (services call these with the transaction's context).
// Topics: ticket.created, ticket.state.updated, ticket.attribute.updated, ticket.admin.assigned,
// ticket.team.assigned, ticket.note.created, ticket.admin.replied, ticket.contact.replied, ticket.resolved (a state change to
// resolved), ticket.closed (`open` set false).
import type { Ctx } from "../../platform/http.js";
import { emitWebhook } from "../../platform/webhooks.js";
import { presentTicket } from "./present.js";
import type { TicketRow } from "./service.js";

export async function emitTicket(t: Ctx, topic: string, ticket: TicketRow): Promise<void> {
  // presenting reads its contacts, attributes and links: only done when a subscription listens to the topic
  await emitWebhook(t.db, t.wsId, { topic, schema: "ticket", type: "ticket", id: String(ticket.id), item: () => presentTicket(t, ticket, { parts: false }) });
}
