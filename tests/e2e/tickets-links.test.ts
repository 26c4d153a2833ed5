import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

async function conversation(ws: TestWorkspace) {
  const contact = (await ws.api("/contacts", { body: { role: "user", email: `c-${Math.random()}@example.com` } })).body;
  const res = await ws.api("/conversations", { method: "POST", body: { from: { type: "user", id: contact.id }, body: "My invoice is wrong" } });
  return { contact, id: String(res.body.conversation_id) };
}

describe("convert, link, change type", () => {
  it("converts a conversation to a customer ticket, once (2.10+)", async () => {
    const ws = await srv.newWorkspace("Convert");
    const other = await srv.newWorkspace("Convert others");
    const customer = (await ws.api("/ticket_types", { body: { name: "Billing", category: "Customer" } })).body;
    const tracker = (await ws.api("/ticket_types", { body: { name: "Tracker", category: "Tracker" } })).body;
    const conv = await conversation(ws);
    expectErrorList(await ws.api(`/conversations/${conv.id}/convert`, { body: { ticket_type_id: tracker.id } }), 400, "parameter_invalid");
    expectErrorList(await other.api(`/conversations/${conv.id}/convert`, { body: { ticket_type_id: customer.id } }), 404);
    const res = await ws.api(`/conversations/${conv.id}/convert`, { body: { ticket_type_id: customer.id, attributes: { _default_title_: "Invoice" } }, version: "2.16" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      type: "ticket",
      ticket_type: { id: customer.id },
      ticket_attributes: { _default_title_: "Invoice" },
      contacts: { contacts: [{ id: conv.contact.id }] },
      linked_objects: { type: "list", total_count: 1, data: [{ type: "conversation", id: conv.id }] },
    });
    expectErrorList(await ws.api(`/conversations/${conv.id}/convert`, { body: { ticket_type_id: customer.id } }), 400, "parameter_invalid");
    expect((await ws.client.conversations.convertToTicket({ conversation_id: Number((await conversation(ws)).id), ticket_type_id: customer.id }))?.type).toBe("ticket");
  });

  it("links conversations to tracker tickets (2.16)", async () => {
    const ws = await srv.newWorkspace("Links");
    const other = await srv.newWorkspace("Links others");
    const tracker = (await ws.api("/ticket_types", { body: { name: "Outage", category: "Tracker" } })).body;
    const customer = (await ws.api("/ticket_types", { body: { name: "Billing", category: "Customer" } })).body;
    const conv = await conversation(ws);
    const mk = async (type: any) => (await ws.api("/tickets", { body: { ticket_type_id: type.id, contacts: [{ id: conv.contact.id }] } })).body;
    const t1 = await mk(tracker);
    const t2 = await mk(tracker);
    const c1 = await mk(customer);
    const V = "2.16";
    const linked = await ws.api(`/tickets/${t1.id}/linked_conversations`, { body: { conversation_id: conv.id }, version: V });
    expect(linked.status).toBe(200);
    expect(linked.body).toMatchObject({ type: "conversation", id: conv.id });
    expect((await ws.api(`/tickets/${t1.id}`, { version: V })).body.linked_objects).toMatchObject({ total_count: 1, data: [{ type: "conversation", id: conv.id }] });
    expectErrorList(await ws.api(`/tickets/${t2.id}/linked_conversations`, { body: { conversation_id: conv.id }, version: V }), 400, "already_linked_to_tracker");
    expectErrorList(await ws.api(`/tickets/${c1.id}/linked_conversations`, { body: { conversation_id: conv.id }, version: V }), 400, "invalid_ticket_type");
    expectErrorList(await ws.api(`/tickets/${t1.id}/linked_conversations`, { body: { conversation_id: "999999" }, version: V }), 404, "conversation_not_found");
    expectErrorList(await ws.api(`/tickets/${t1.id}/linked_conversations`, { body: {}, version: V }), 400, "parameter_not_found");
    expectErrorList(await other.api(`/tickets/${t1.id}/linked_conversations`, { body: { conversation_id: conv.id }, version: V }), 404, "ticket_not_found");
    const unlinked = await ws.api(`/tickets/${t1.id}/linked_conversations/${conv.id}`, { method: "DELETE", version: V });
    expect(unlinked.body).toMatchObject({ type: "conversation", id: conv.id });
    expectErrorList(await ws.api(`/tickets/${t1.id}/linked_conversations/${conv.id}`, { method: "DELETE", version: V }), 404, "conversation_not_found");
    // now free to link to the other tracker
    expect((await ws.api(`/tickets/${t2.id}/linked_conversations`, { body: { conversation_id: conv.id }, version: V })).status).toBe(200);
  });

  it("changes a ticket's type within its category, carrying attributes over (2.16)", async () => {
    const ws = await srv.newWorkspace("Change type");
    const other = await srv.newWorkspace("Change type others");
    const a = (await ws.api("/ticket_types", { body: { name: "Bug", category: "Back-office" } })).body;
    const b = (await ws.api("/ticket_types", { body: { name: "Task", category: "Back-office" } })).body;
    const c = (await ws.api("/ticket_types", { body: { name: "Ask", category: "Customer" } })).body;
    await ws.api(`/ticket_types/${a.id}/attributes`, { body: { name: "Team", description: "", data_type: "string" } });
    await ws.api(`/ticket_types/${a.id}/attributes`, { body: { name: "Count", description: "", data_type: "integer" } });
    await ws.api(`/ticket_types/${b.id}/attributes`, { body: { name: "Team", description: "", data_type: "string" } });
    await ws.api(`/ticket_types/${b.id}/attributes`, { body: { name: "Count", description: "", data_type: "string" } });
    const contact = (await ws.api("/contacts", { body: { role: "user", email: "x@example.com" } })).body;
    const t = (await ws.api("/tickets", { body: { ticket_type_id: a.id, contacts: [{ id: contact.id }], ticket_attributes: { _default_title_: "T", Team: "core", Count: 2 } } })).body;
    const inProgress = b.ticket_states.data.find((s: any) => s.category === "in_progress");
    const res = await ws.api(`/tickets/${t.id}/change_type`, { body: { ticket_type_id: b.id, ticket_state_id: inProgress.id, ticket_attributes: { Count: "two" } }, version: "2.16" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ticket_type: { id: b.id }, ticket_state: { id: inProgress.id, category: "in_progress" }, ticket_attributes: { _default_title_: "T", Team: "core", Count: "two" } });
    expectErrorList(await ws.api(`/tickets/${t.id}/change_type`, { body: { ticket_type_id: c.id, ticket_state_id: inProgress.id }, version: "2.16" }), 400, "parameter_invalid");
    expectErrorList(await ws.api(`/tickets/${t.id}/change_type`, { body: { ticket_type_id: a.id }, version: "2.16" }), 400, "parameter_not_found");
    const foreign = c.ticket_states.data[0];
    expectErrorList(await ws.api(`/tickets/${t.id}/change_type`, { body: { ticket_type_id: a.id, ticket_state_id: foreign.id }, version: "2.16" }), 400, "parameter_invalid");
    expectErrorList(await other.api(`/tickets/${t.id}/change_type`, { body: { ticket_type_id: a.id, ticket_state_id: inProgress.id }, version: "2.16" }), 404, "ticket_not_found");
  });
});
