// People extras: a user's merge history (2.16).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

const V = "2.16";
const create = async (ws: TestWorkspace, body: Record<string, unknown>) => {
  const res = await ws.api("/contacts", { method: "POST", body });
  expect(res.status).toBe(200);
  return res.body;
};

describe("GET /contacts/{id}/merge_history", () => {
  it("lists the leads merged into a user, cursor paged, newest first or ascending", async () => {
    const ws = await srv.newWorkspace("Merge history");
    const user = await create(ws, { email: "mh@user.example" });
    const leads: string[] = [];
    for (let i = 0; i < 3; i++) {
      const lead = await create(ws, { role: "lead", name: `Lead ${i}` });
      await ws.api("/_opencom/clock/advance", { method: "POST", body: { seconds: 10 } });
      const m = await ws.api("/contacts/merge", { method: "POST", body: { from: lead.id, into: user.id } });
      expect(m.status).toBe(200);
      leads.push(lead.id);
    }
    const all = await ws.api(`/contacts/${user.id}/merge_history`, { version: V });
    expect(all.status).toBe(200);
    expect(all.body).toEqual({
      type: "list",
      data: [...leads].reverse().map((id) => ({ type: "merge_history", source_contact_id: id, source_contact_role: "lead", merged_at: expect.any(Number) })),
      has_more: false,
    });
    const p1 = (await ws.api(`/contacts/${user.id}/merge_history?per_page=2&order=asc`, { version: V })).body;
    expect(p1.data.map((d: any) => d.source_contact_id)).toEqual(leads.slice(0, 2));
    expect(p1.has_more).toBe(true);
    const p2 = (await ws.api(`/contacts/${user.id}/merge_history?per_page=2&order=asc&cursor=${p1.next_cursor}`, { version: V })).body;
    expect(p2.data.map((d: any) => d.source_contact_id)).toEqual(leads.slice(2));
    expect(p2.has_more).toBe(false);
    expect(p2).not.toHaveProperty("next_cursor");

    // a user with no merges, a lead, an unknown id and another workspace: 404 except the first
    const plain = await create(ws, { email: "plain@user.example" });
    expect((await ws.api(`/contacts/${plain.id}/merge_history`, { version: V })).body).toEqual({ type: "list", data: [], has_more: false });
    const lead = await create(ws, { role: "lead", name: "Still a lead" });
    expectErrorList(await ws.api(`/contacts/${lead.id}/merge_history`, { version: V }), 404, "not_found");
    expectErrorList(await ws.api(`/contacts/nope/merge_history`, { version: V }), 404, "not_found");
    expectErrorList(await srv.ws.api(`/contacts/${user.id}/merge_history`, { version: V }), 404, "not_found");
    // bad paging
    expectErrorList(await ws.api(`/contacts/${user.id}/merge_history?per_page=151`, { version: V }), 400);
    expectErrorList(await ws.api(`/contacts/${user.id}/merge_history?cursor=garbage`, { version: V }), 400);
    expectErrorList(await ws.api(`/contacts/${user.id}/merge_history?order=up`, { version: V }), 400);
  });
});
