import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

async function setup(ws: TestWorkspace, category = "Customer") {
  const type = (await ws.api("/ticket_types", { body: { name: "Bug", category } })).body;
  await ws.api(`/ticket_types/${type.id}/attributes`, { body: { name: "Severity", description: "how bad", data_type: "list", list_items: "Low,High", required_to_create: true } });
  await ws.api(`/ticket_types/${type.id}/attributes`, { body: { name: "Count", description: "n", data_type: "integer" } });
  const contact = (await ws.api("/contacts", { body: { role: "user", email: `ada-${Math.random()}@example.com`, name: "Ada" } })).body;
  return { type, contact };
}

describe("tickets", () => {
  it("creates, reads, moves through its states, replies and deletes a ticket", async () => {
    const ws = await srv.newWorkspace("Tickets");
    const hook = (await ws.api("/_opencom/webhooks", { body: { url: "http://127.0.0.1:9/hook", topics: ["ticket.created", "ticket.state.updated", "ticket.admin.assigned", "ticket.note.created", "ticket.admin.replied", "ticket.contact.replied", "ticket.resolved", "ticket.closed"] } })).body;
    const { type, contact } = await setup(ws);
    const res = await ws.api("/tickets", { body: { ticket_type_id: type.id, contacts: [{ id: contact.id }], ticket_attributes: { _default_title_: "Broken", Severity: "High" } }, version: "2.14" });
    expect(res.status).toBe(200);
    const t = res.body;
    expect(t).toMatchObject({
      type: "ticket",
      ticket_attributes: { _default_title_: "Broken", Severity: "High" },
      ticket_state: { type: "ticket_state", category: "submitted", internal_label: "Submitted" },
      ticket_type: { id: type.id, name: "Bug" },
      contacts: { type: "contact.list", contacts: [{ id: contact.id }] },
      admin_assignee_id: "0",
      team_assignee_id: "0",
      open: true,
      is_shared: true,
      category: "Customer",
    });
    expect(t.ticket_parts.ticket_parts.map((p: any) => [p.part_type, p.ticket_state])).toEqual([["ticket_state_updated_by_admin", "submitted"]]);
    expect((await ws.api(`/tickets/${t.id}`, { version: "2.14" })).body).toEqual(t);

    // move to in progress, assign to an admin
    const inProgress = type.ticket_states.data.find((s: any) => s.category === "in_progress");
    const up = (await ws.api(`/tickets/${t.id}`, { method: "PUT", body: { ticket_state_id: inProgress.id, assignee_id: String(ws.adminId), ticket_attributes: { Count: 3 } }, version: "2.14" })).body;
    expect(up).toMatchObject({ ticket_state: { id: inProgress.id, category: "in_progress" }, admin_assignee_id: String(ws.adminId), ticket_attributes: { _default_title_: "Broken", Severity: "High", Count: 3 } });
    expect(up.ticket_parts.ticket_parts.map((p: any) => p.part_type)).toEqual(["ticket_state_updated_by_admin", "ticket_attribute_updated_by_admin", "ticket_state_updated_by_admin", "assignment"]);
    expect(up.ticket_parts.ticket_parts[2]).toMatchObject({ previous_ticket_state: "submitted", ticket_state: "in_progress", author: { type: "admin", id: String(ws.adminId) } });

    // 2.16: integer assignee ids and the previous state id
    const v16 = (await ws.api(`/tickets/${t.id}`, { version: "2.16" })).body;
    expect(v16).toMatchObject({ admin_assignee_id: ws.adminId, team_assignee_id: 0, previous_ticket_state_id: t.ticket_state.id });
    // 2.9–2.11: the state is its category, labels beside it; update by `state`
    const old = (await ws.api(`/tickets/${t.id}`, { method: "PUT", body: { state: "resolved" }, version: "2.10" })).body;
    expect(old).toMatchObject({ ticket_state: "resolved", ticket_state_internal_label: "Resolved", ticket_state_external_label: "Resolved" });

    // replies
    const note = await ws.api(`/tickets/${t.id}/reply`, { body: { type: "admin", message_type: "note", admin_id: String(ws.adminId), body: "<p>looking</p>" } });
    expect(note.status).toBe(200);
    expect(note.body).toMatchObject({ type: "ticket_part", part_type: "note", body: "<p>looking</p>", author: { type: "admin", id: String(ws.adminId) }, redacted: false });
    const userReply = (await ws.api(`/tickets/${t.id}/reply`, { body: { type: "user", message_type: "comment", intercom_user_id: contact.id, body: "thanks" } })).body;
    expect(userReply).toMatchObject({ part_type: "comment", author: { type: "user", id: contact.id, name: "Ada" } });
    const admin = (await ws.api(`/tickets/${t.id}/reply`, { body: { type: "admin", message_type: "comment", admin_id: ws.adminId, body: "fixed" } })).body;
    expect(admin.part_type).toBe("comment");
    const closed = (await ws.api(`/tickets/${t.id}`, { method: "PUT", body: { open: false, is_shared: false } })).body;
    expect(closed).toMatchObject({ open: false, is_shared: false });
    expect(closed.ticket_parts.total_count).toBe(8);

    const topics = (await ws.api(`/_opencom/webhooks/deliveries?subscription_id=${hook.id}`)).body.data.map((d: any) => d.topic).sort();
    expect(topics).toEqual(["ticket.admin.assigned", "ticket.admin.replied", "ticket.closed", "ticket.contact.replied", "ticket.created", "ticket.note.created", "ticket.resolved", "ticket.state.updated", "ticket.state.updated"]);

    expect((await ws.api(`/tickets/${t.id}`, { method: "DELETE", version: "2.14" })).body).toEqual({ id: t.id, object: "ticket", deleted: true });
    expectErrorList(await ws.api(`/tickets/${t.id}`), 404, "ticket_not_found");
    expectErrorList(await ws.api(`/tickets/${t.id}`, { method: "DELETE" }), 404, "ticket_not_found");
  });

  it("checks ticket attributes, contacts, states and assignees", async () => {
    const ws = await srv.newWorkspace("Ticket errors");
    const { type, contact } = await setup(ws, "Back-office");
    const ok = { ticket_type_id: type.id, contacts: [{ id: contact.id }], ticket_attributes: { Severity: "Low" } };
    const byEmail = (await ws.api("/tickets", { body: { ...ok, contacts: [{ email: "new-lead@example.com" }] } })).body.contacts.contacts[0];
    expect((await ws.api(`/contacts/${byEmail.id}`)).body).toMatchObject({ role: "lead", email: "new-lead@example.com" });
    expect((await ws.api("/tickets", { body: { ...ok, contacts: [{ external_id: "nobody" }] } })).status).toBe(404);
    const e1 = expectErrorList(await ws.api("/tickets", { body: { ...ok, ticket_attributes: {} } }), 400, "parameter_not_found");
    expect(e1.message).toContain("Severity");
    expectErrorList(await ws.api("/tickets", { body: { ...ok, ticket_attributes: { Severity: "Medium" } } }), 400, "parameter_invalid");
    expectErrorList(await ws.api("/tickets", { body: { ...ok, ticket_attributes: { Severity: "Low", Count: "three" } } }), 400, "parameter_invalid");
    expectErrorList(await ws.api("/tickets", { body: { ...ok, ticket_attributes: { Severity: "Low", Colour: "red" } } }), 400, "parameter_invalid");
    expectErrorList(await ws.api("/tickets", { body: { ...ok, ticket_type_id: "999999" } }), 404);
    expectErrorList(await ws.api("/tickets", { body: { ticket_type_id: type.id, ticket_attributes: { Severity: "Low" } } }), 400, "parameter_not_found");
    expectErrorList(await ws.api("/tickets", { body: { ...ok, assignment: { admin_assignee_id: "999999" } } }), 404, "assignee_not_found");
    const t = (await ws.api("/tickets", { body: { ...ok, assignment: { team_assignee_id: String(ws.teamId) } } })).body;
    expect(t).toMatchObject({ team_assignee_id: String(ws.teamId), is_shared: false, category: "Back-office" });
    // a state of another category is not this type's
    const states = (await ws.api("/ticket_states")).body.data;
    const foreign = states.find((s: any) => !s.ticket_types.data.some((x: any) => x.id === type.id));
    expectErrorList(await ws.api(`/tickets/${t.id}`, { method: "PUT", body: { ticket_state_id: foreign.id } }), 400, "parameter_invalid");
    expectErrorList(await ws.api(`/tickets/${t.id}`, { method: "PUT", body: { assignee_id: "999999" } }), 404, "assignee_not_found");
    expectErrorList(await ws.api(`/tickets/${t.id}/reply`, { body: { type: "admin", message_type: "note", admin_id: "999999", body: "x" } }), 404, "admin_not_found");
    expectErrorList(await ws.api(`/tickets/${t.id}/reply`, { body: { type: "admin", message_type: "shout", admin_id: ws.adminId, body: "x" } }), 400, "parameter_invalid");
    expectErrorList(await ws.api(`/tickets/${t.id}/reply`, { body: { type: "user", message_type: "comment", body: "x" } }), 400, "parameter_not_found");
    // unassign
    expect((await ws.api(`/tickets/${t.id}`, { method: "PUT", body: { assignee_id: "0" } })).body.team_assignee_id).toBe("0");
  });

  it("lands every one of parallel replies, in order", async () => {
    const ws = await srv.newWorkspace("Ticket races");
    const type = (await ws.api("/ticket_types", { body: { name: "Q" } })).body;
    const contact = (await ws.api("/contacts", { body: { role: "user", email: "race@example.com" } })).body;
    const t = (await ws.api("/tickets", { body: { ticket_type_id: type.id, contacts: [{ id: contact.id }] } })).body;
    const replies = await Promise.all(
      Array.from({ length: 12 }, (_, i) => ws.api(`/tickets/${t.id}/reply`, { body: { type: "admin", message_type: "note", admin_id: String(ws.adminId), body: `n${i}` } })),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(12).fill(200));
    const got = (await ws.api(`/tickets/${t.id}`)).body;
    expect(got.ticket_parts.total_count).toBe(13);
    expect(new Set(got.ticket_parts.ticket_parts.map((p: any) => p.body)).size).toBe(13);
  });

  it("isolates workspaces and works through the SDK", async () => {
    const ws = await srv.newWorkspace("Ticket SDK");
    const other = await srv.newWorkspace("Ticket others");
    const { contact } = await setup(ws);
    // the SDK's create request carries no ticket_attributes: a type without required attributes
    const type = (await ws.api("/ticket_types", { body: { name: "Question" } })).body;
    const made = await ws.client.tickets.create({ ticket_type_id: type.id, contacts: [{ id: contact.id }], skip_notifications: true });
    expect(made).toMatchObject({ type: "ticket", ticket_attributes: {} });
    const got = await ws.client.tickets.get({ ticket_id: made!.id! });
    expect(got?.id).toBe(made!.id);
    const reply = await ws.client.tickets.reply({ ticket_id: made!.id!, body: { message_type: "note", type: "admin", admin_id: String(ws.adminId), body: "sdk note" } });
    expect(reply).toMatchObject({ type: "ticket_part", part_type: "note" });
    const updated = await ws.client.tickets.update({ ticket_id: made!.id!, open: false });
    expect(updated?.open).toBe(false);

    for (const method of ["GET", "DELETE"]) expectErrorList(await other.api(`/tickets/${made!.id}`, { method }), 404, "ticket_not_found");
    expectErrorList(await other.api(`/tickets/${made!.id}`, { method: "PUT", body: { open: true } }), 404, "ticket_not_found");
    expectErrorList(await other.api(`/tickets/${made!.id}/reply`, { body: { type: "admin", message_type: "note", admin_id: String(other.adminId), body: "x" } }), 404, "ticket_not_found");
    expectErrorList(await other.api("/tickets", { body: { ticket_type_id: type.id, contacts: [{ id: contact.id }] } }), 404);
    await ws.client.tickets.deleteTicket({ ticket_id: made!.id! });
    expectErrorList(await ws.api(`/tickets/${made!.id}`), 404, "ticket_not_found");
  });
});
