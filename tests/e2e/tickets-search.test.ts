import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type TestServer } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

describe("POST /tickets/search", () => {
  it("searches by state, category, attributes, contacts and assignees, paged", async () => {
    const ws = await srv.newWorkspace("Ticket search");
    const other = await srv.newWorkspace("Ticket search others");
    const bug = (await ws.api("/ticket_types", { body: { name: "Bug", category: "Customer" } })).body;
    const task = (await ws.api("/ticket_types", { body: { name: "Task", category: "Back-office" } })).body;
    const sev = (await ws.api(`/ticket_types/${bug.id}/attributes`, { body: { name: "Severity", description: "", data_type: "integer" } })).body;
    const ada = (await ws.api("/contacts", { body: { role: "user", email: "ada@example.com" } })).body;
    const bob = (await ws.api("/contacts", { body: { role: "user", email: "bob@example.com" } })).body;
    const mk = async (type: any, contact: any, attrs: Record<string, unknown>) =>
      (await ws.api("/tickets", { body: { ticket_type_id: type.id, contacts: [{ id: contact.id }], ticket_attributes: attrs } })).body;
    const t1 = await mk(bug, ada, { _default_title_: "Login broken", Severity: 3 });
    const t2 = await mk(bug, bob, { _default_title_: "Slow page", Severity: 1 });
    const t3 = await mk(task, ada, { _default_title_: "Refund" });
    const resolved = task.ticket_states.data.find((s: any) => s.category === "resolved");
    await ws.api(`/tickets/${t3.id}`, { method: "PUT", body: { ticket_state_id: resolved.id, assignee_id: String(ws.adminId) } });

    const search = async (query: unknown, extra: Record<string, unknown> = {}) => {
      const r = await ws.api("/tickets/search", { body: { query, ...extra }, version: "2.14" });
      expect(r.status).toBe(200);
      return r.body;
    };
    const ids = (b: any) => b.tickets.map((t: any) => t.id).sort();
    expect(ids(await search({ field: "state", operator: "=", value: "submitted" }))).toEqual([t1.id, t2.id].sort());
    expect(ids(await search({ field: "category", operator: "=", value: "task" }))).toEqual([t3.id]);
    expect(ids(await search({ field: "contact_ids", operator: "=", value: ada.id }))).toEqual([t1.id, t3.id].sort());
    expect(ids(await search({ field: "title", operator: "~", value: "broken" }))).toEqual([t1.id]);
    expect(ids(await search({ field: `ticket_attribute.${sev.id}`, operator: ">", value: 2 }))).toEqual([t1.id]);
    expect(ids(await search({ field: "admin_assignee_id", operator: "=", value: ws.adminId }))).toEqual([t3.id]);
    expect(ids(await search({ field: "ticket_type_id", operator: "=", value: bug.id }))).toEqual([t1.id, t2.id].sort());
    expect(ids(await search({ operator: "AND", value: [{ field: "open", operator: "=", value: true }, { field: "teammate_ids", operator: "=", value: String(ws.adminId) }] }))).toEqual([t1.id, t2.id, t3.id].sort());

    const page1 = await search({ field: "ticket_type_id", operator: "IN", value: [bug.id, task.id] }, { pagination: { per_page: 2 } });
    expect(page1).toMatchObject({ type: "ticket.list", total_count: 3, pages: { type: "pages", per_page: 2, total_pages: 2 } });
    expect(page1.tickets).toHaveLength(2);
    const page2 = await search({ field: "ticket_type_id", operator: "IN", value: [bug.id, task.id] }, { pagination: { per_page: 2, starting_after: page1.pages.next.starting_after } });
    expect([...page1.tickets, ...page2.tickets].map((t: any) => t.id).sort()).toEqual([t1.id, t2.id, t3.id].sort());

    expectErrorList(await ws.api("/tickets/search", { body: { query: { field: "colour", operator: "=", value: "red" } } }), 400);
    expectErrorList(await ws.api("/tickets/search", { body: { query: { field: "category", operator: "=", value: "Customer" } } }), 400);
    expect((await other.api("/tickets/search", { body: { query: { field: "open", operator: "=", value: true } } })).body.total_count).toBe(0);

    // through the SDK
    const pageSdk = await ws.client.tickets.search({ query: { field: "state", operator: "=", value: "resolved" } });
    expect(pageSdk.data.map((t) => t?.id)).toEqual([t3.id]);
  });
});
