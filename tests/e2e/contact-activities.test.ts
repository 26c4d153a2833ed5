// GET /contacts/activities (Unstable): events recorded where contacts change (created, role updated,
// merged, merge failed, deleted), oldest first, cursor paged; errors, versions, isolation. Plain HTTP
// (intercom-client 7.x has no method for it).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

const V = "Unstable";
const T0 = 1_717_000_000;

async function at(ws: TestWorkspace, now: number) {
  expect((await ws.api("/_opencom/clock", { method: "PUT", body: { now } })).status).toBe(200);
}

async function all(ws: TestWorkspace, perPage: number, version = V) {
  const out: any[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 50; i++) {
    const res = await ws.api(`/contacts/activities?per_page=${perPage}${cursor ? `&starting_after=${cursor}` : ""}`, { version });
    expect(res.status).toBe(200);
    expect(res.body.type).toBe("list");
    expect(res.body.pages).toMatchObject({ type: "pages", per_page: perPage });
    expect(res.body.data.length).toBeLessThanOrEqual(perPage);
    out.push(...res.body.data);
    if (!res.body.pages.next) break;
    cursor = res.body.pages.next.starting_after;
    expect(cursor).toBe(res.body.data[res.body.data.length - 1].id);
  }
  return out;
}

describe("contact activities", () => {
  it("records creation, role change, merge, refused merge and deletion, oldest first", async () => {
    const ws = await srv.newWorkspace("Activities");
    await at(ws, T0);
    const lead = (await ws.api("/contacts", { body: { role: "lead", email: "ada@act.example", external_id: "lead-1" } })).body;
    await at(ws, T0 + 100);
    const user = (await ws.api("/contacts", { body: { role: "user", email: "ada@act.example", external_id: "user-42" } })).body;
    await at(ws, T0 + 200);
    const other = (await ws.api("/contacts", { body: { role: "lead", email: "bo@act.example" } })).body;
    await ws.api(`/contacts/${other.id}`, { method: "PUT", body: { role: "user" } }); // lead → user
    await ws.api(`/contacts/${other.id}`, { method: "PUT", body: { name: "Bo" } }); // no role change: nothing
    await at(ws, T0 + 300);
    // refused: a user cannot be merged away
    expectErrorList(await ws.api("/contacts/merge", { version: V, body: { from: other.id, into: user.id } }), 400, "parameter_invalid");
    // refused: unknown ids record nothing (no contact to relate the event to)
    expectErrorList(await ws.api("/contacts/merge", { version: V, body: { from: "000000000000000000000000", into: user.id } }), 404, "not_found");
    await at(ws, T0 + 400);
    expect((await ws.api("/contacts/merge", { version: V, body: { from: lead.id, into: user.id } })).status).toBe(200);
    await at(ws, T0 + 500);
    expect((await ws.api(`/contacts/${other.id}`, { method: "DELETE" })).status).toBe(200);

    const res = await ws.api("/contacts/activities", { version: V });
    expect(res.status).toBe(200);
    expect(res.body.pages).toEqual({ type: "pages", per_page: 50, next: null });
    const events = res.body.data;
    expect(events.map((e: any) => e.event_type)).toEqual(["contact.created", "contact.created", "contact.created", "contact.role_updated", "contact.merge_failed", "contact.merged", "contact.deleted"]);
    const ids = events.map((e: any) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(events[0]).toEqual({ type: "contact_activity", id: expect.stringMatching(/^\d+$/), event_type: "contact.created", contact_id: lead.id, external_id: "lead-1", role: "lead", created_at: T0 });
    expect(events[1]).toMatchObject({ contact_id: user.id, external_id: "user-42", role: "user", created_at: T0 + 100 });
    expect(events[2]).toMatchObject({ contact_id: other.id, external_id: null, role: "lead", created_at: T0 + 200 });
    expect(events[3]).toEqual({ type: "contact_activity", id: expect.any(String), event_type: "contact.role_updated", contact_id: other.id, external_id: null, role: "user", created_at: T0 + 200 });
    expect(events[4]).toEqual({
      type: "contact_activity",
      id: expect.any(String),
      event_type: "contact.merge_failed",
      contact_id: other.id,
      external_id: null,
      role: "user",
      merge_source_id: other.id,
      merge_target_id: user.id,
      failure_reason: "from must be a contact with the lead role",
      created_at: T0 + 300,
    });
    expect(events[5]).toEqual({
      type: "contact_activity",
      id: expect.any(String),
      event_type: "contact.merged",
      contact_id: user.id,
      external_id: "user-42",
      role: "user",
      merge_source_id: lead.id,
      merge_target_id: user.id,
      created_at: T0 + 400,
    });
    expect(events[6]).toEqual({ type: "contact_activity", id: expect.any(String), event_type: "contact.deleted", contact_id: other.id, external_id: null, role: "user", created_at: T0 + 500 });

    // a merge refused for sharing no identifier (duplicate validation) is recorded too
    const stranger = (await ws.api("/contacts", { body: { role: "lead", email: "zed@act.example" } })).body;
    expectErrorList(await ws.api("/contacts/merge", { version: V, body: { from: stranger.id, into: user.id } }), 400, "invalid_merge");
    const last = (await all(ws, 150)).slice(-2);
    expect(last.map((e) => e.event_type)).toEqual(["contact.created", "contact.merge_failed"]);
    expect(last[1]).toMatchObject({ contact_id: stranger.id, role: "lead", merge_source_id: stranger.id, merge_target_id: user.id, failure_reason: expect.stringContaining("duplicates") });
  });

  it("pages with starting_after, per_page 1–150, default 50", async () => {
    const ws = await srv.newWorkspace("Activities paging");
    for (let i = 0; i < 7; i++) await ws.api("/contacts", { body: { role: "lead", name: `L${i}` } });
    const byTwo = await all(ws, 2);
    expect(byTwo).toHaveLength(7);
    expect(byTwo).toEqual(await all(ws, 150));
    const first = (await ws.api("/contacts/activities?per_page=3", { version: V })).body;
    expect(first.data).toHaveLength(3);
    expect(first.pages.next).toEqual({ starting_after: first.data[2].id });
    const last = (await ws.api(`/contacts/activities?per_page=3&starting_after=${byTwo[5].id}`, { version: V })).body;
    expect(last.data.map((e: any) => e.id)).toEqual([byTwo[6].id]);
    expect(last.pages.next).toBeNull();
    // 60 events: the default page is 50
    for (let i = 0; i < 53; i++) await ws.api("/contacts", { body: { role: "lead" } });
    const dflt = (await ws.api("/contacts/activities", { version: V })).body;
    expect(dflt.data).toHaveLength(50);
    expect(dflt.pages.per_page).toBe(50);
    expect(dflt.pages.next).toEqual({ starting_after: dflt.data[49].id });
  });

  it("refuses a bad per_page or cursor (400 naming the field)", async () => {
    expect(expectErrorList(await srv.ws.api("/contacts/activities?per_page=0", { version: V }), 400, "parameter_invalid").field).toBe("per_page");
    expect(expectErrorList(await srv.ws.api("/contacts/activities?per_page=151", { version: V }), 400, "parameter_invalid").field).toBe("per_page");
    expectErrorList(await srv.ws.api("/contacts/activities?per_page=abc", { version: V }), 400);
    expect(expectErrorList(await srv.ws.api("/contacts/activities?starting_after=not-a-cursor", { version: V }), 400, "parameter_invalid").field).toBe("starting_after");
    expectErrorList(await srv.ws.api("/contacts/activities", { version: V, token: "nope" }), 401, "unauthorized");
  });

  it("is per workspace, and older versions get the Unstable shape", async () => {
    const a = await srv.newWorkspace("Activities A");
    const b = await srv.newWorkspace("Activities B");
    const c = (await a.api("/contacts", { body: { role: "user", email: "iso@act.example" } })).body;
    expect((await b.api("/contacts/activities", { version: V })).body).toEqual({ type: "list", data: [], pages: { type: "pages", per_page: 50, next: null } });
    const mine = (await a.api("/contacts/activities", { version: V })).body.data;
    expect(mine.map((e: any) => e.contact_id)).toEqual([c.id]);
    // another workspace's cursor reads nothing of this one
    expect((await b.api(`/contacts/activities?starting_after=0`, { version: V })).body.data).toEqual([]);
    for (const version of ["2.16", "2.7"]) {
      const res = await a.api("/contacts/activities", { version });
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual(mine);
    }
  });
});
