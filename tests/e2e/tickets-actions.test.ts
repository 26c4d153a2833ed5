import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

async function ticketIn(ws: TestWorkspace) {
  const type = (await ws.api("/ticket_types", { body: { name: "Bug" } })).body;
  const contact = (await ws.api("/contacts", { body: { role: "user", email: `u-${Math.random()}@example.com` } })).body;
  const ticket = (await ws.api("/tickets", { body: { ticket_type_id: type.id, contacts: [{ id: contact.id }] } })).body;
  return { type, contact, ticket };
}

describe("ticket tags, enqueue", () => {
  it("tags and untags a ticket (2.10+)", async () => {
    const ws = await srv.newWorkspace("Ticket tags");
    const other = await srv.newWorkspace("Ticket tags others");
    const { ticket } = await ticketIn(ws);
    const tag = (await ws.api("/tags", { body: { name: "urgent" } })).body;
    const res = await ws.api(`/tickets/${ticket.id}/tags`, { body: { id: tag.id, admin_id: String(ws.adminId) }, version: "2.10" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ type: "tag", id: tag.id, name: "urgent" });
    // again: the same tag, no error
    expect((await ws.api(`/tickets/${ticket.id}/tags`, { body: { id: tag.id, admin_id: String(ws.adminId) } })).body.id).toBe(tag.id);
    expectErrorList(await ws.api(`/tickets/${ticket.id}/tags`, { body: { id: "999999", admin_id: String(ws.adminId) } }), 404, "tag_not_found");
    expectErrorList(await ws.api(`/tickets/${ticket.id}/tags`, { body: { id: tag.id, admin_id: "999999" } }), 404, "admin_not_found");
    expectErrorList(await other.api(`/tickets/${ticket.id}/tags`, { body: { id: tag.id, admin_id: String(other.adminId) } }), 404, "ticket_not_found");
    expectErrorList(await other.api(`/tickets/${ticket.id}/tags/${tag.id}`, { method: "DELETE", body: { admin_id: String(other.adminId) } }), 404, "ticket_not_found");
    const del = await ws.api(`/tickets/${ticket.id}/tags/${tag.id}`, { method: "DELETE", body: { admin_id: String(ws.adminId) } });
    expect(del.body).toMatchObject({ type: "tag", id: tag.id });
    expectErrorList(await ws.api(`/tickets/${ticket.id}/tags/${tag.id}`, { method: "DELETE", body: { admin_id: String(ws.adminId) } }), 404, "tag_not_found");
  });

  it("enqueues a ticket: a pending job, then the ticket (2.14+)", async () => {
    const ws = await srv.newWorkspace("Ticket enqueue");
    const other = await srv.newWorkspace("Ticket enqueue others");
    const { type, contact } = await ticketIn(ws);
    const res = await ws.api("/tickets/enqueue", { body: { ticket_type_id: type.id, contacts: [{ id: contact.id }], ticket_attributes: { _default_title_: "queued" } }, version: "2.14" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ type: "job", status: "pending", resource_type: "ticket", resource_id: null });
    expect(res.body.url).toMatch(new RegExp(`/jobs/status/${res.body.id}$`));
    let job = res.body;
    for (let i = 0; i < 50 && job.status === "pending"; i++) {
      await new Promise((r) => setTimeout(r, 20));
      job = (await ws.api(`/jobs/status/${res.body.id}`, { version: "2.14" })).body;
    }
    expect(job).toMatchObject({ status: "success", resource_type: "ticket" });
    const ticket = (await ws.api(`/tickets/${job.resource_id}`)).body;
    expect(ticket).toMatchObject({ type: "ticket", ticket_attributes: { _default_title_: "queued" } });
    // refused before enqueueing
    expectErrorList(await ws.api("/tickets/enqueue", { body: { ticket_type_id: "999999", contacts: [{ id: contact.id }] } }), 404);
    expectErrorList(await ws.api("/tickets/enqueue", { body: { ticket_type_id: type.id } }), 400, "parameter_not_found");
    expectErrorList(await other.api(`/jobs/status/${res.body.id}`), 404, "job_not_found");
    // through the SDK
    const sdkJob = await ws.client.tickets.enqueueCreateTicket({ ticket_type_id: type.id, contacts: [{ id: contact.id }] });
    expect(sdkJob).toMatchObject({ type: "job", status: "pending" });
  });
});
