// GET /counts, a legacy endpoint that the hand-written intercom-client 4.x/5.x SDKs call
// (authenticating with HTTP Basic and no Intercom-Version, as they do).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client as Client5 } from "intercom-client-v5";
import { expectErrorList, startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";

let srv: TestServer;
let ws: TestWorkspace;
const basic = () => ({ Authorization: `Basic ${Buffer.from(`${ws.token}:`).toString("base64")}` });
const counts = (query = "") => ws.api(`/counts${query}`, { token: null, headers: basic() });

beforeAll(async () => {
  srv = await startTestServer();
  ws = await srv.newWorkspace("Counts");
  const ada = (await ws.api("/contacts", { body: { role: "user", email: "ada@example.com" } })).body;
  const bob = (await ws.api("/contacts", { body: { role: "user", email: "bob@example.com" } })).body;
  await ws.api("/contacts", { body: { role: "lead", name: "A lead" } });
  const acme = (await ws.api("/companies", { body: { company_id: "acme", name: "Acme" } })).body;
  await ws.api("/companies", { body: { company_id: "empty", name: "Empty" } });
  await ws.api(`/contacts/${ada.id}/companies`, { body: { id: acme.id } });
  await ws.api(`/contacts/${bob.id}/companies`, { body: { id: acme.id } });
  const vip = (await ws.api("/tags", { body: { name: "vip" } })).body;
  await ws.api("/tags", { body: { name: "unused" } });
  await ws.api(`/contacts/${ada.id}/tags`, { body: { id: vip.id } });
  await ws.api("/tags", { body: { name: "vip", companies: [{ id: acme.id }] } });
});
afterAll(async () => srv?.close());

describe("GET /counts", () => {
  it("answers the app's totals as a count.hash", async () => {
    const res = await counts();
    expect(res.status).toBe(200);
    const segments = (await ws.api("/segments")).body.segments.length;
    expect(res.body).toEqual({
      type: "count.hash",
      company: { count: 2 },
      user: { count: 2 },
      lead: { count: 1 },
      tag: { count: 2 },
      segment: { count: segments },
    });
  });

  it("breaks users down by tag and by segment", async () => {
    const tags = await counts("?type=user&count=tag");
    expect(tags.body.type).toBe("count");
    expect(tags.body.user.tag).toEqual([{ vip: 1 }, { unused: 0 }]);
    const segs = await counts("?type=user&count=segment");
    const all = (await ws.api("/segments?include_count=true")).body.segments;
    expect(segs.body.user.segment).toEqual(all.map((s: { name: string; count: number }) => ({ [s.name]: s.count })));
  });

  it("breaks companies down by tag, segment and users", async () => {
    expect((await counts("?type=company&count=tag")).body.company.tag).toEqual([{ vip: 1 }, { unused: 0 }]);
    const users = await counts("?type=company&count=user");
    expect(users.body.company.user).toEqual([
      { Acme: 2, remote_company_id: "acme" },
      { Empty: 0, remote_company_id: "empty" },
    ]);
    const segs = (await counts("?type=company&count=segment")).body.company.segment;
    expect(Array.isArray(segs)).toBe(true);
  });

  it("pages the tag breakdown", async () => {
    const first = await counts("?type=user&count=tag&per_page=1");
    expect(first.body.user.tag).toEqual([{ vip: 1 }]);
    expect(first.body.pages.pages).toMatchObject({ type: "pages", page: 1, per_page: 1, total_pages: 2 });
    const second = await counts("?type=user&count=tag&per_page=1&page=2");
    expect(second.body.user.tag).toEqual([{ unused: 0 }]);
    expect(second.body.pages.pages.next).toBeNull();
  });

  it("counts conversations: open (snoozed included) and closed, the open ones assigned or not, and per teammate", async () => {
    const inbox = await srv.newWorkspace("Inbox counts");
    const admin = String(inbox.adminId);
    const other = (await inbox.api("/admins")).body.admins.length;
    const contact = (await inbox.api("/contacts", { body: { role: "user", email: "c@example.com" } })).body;
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const made = await inbox.api("/conversations", { body: { from: { type: "user", id: contact.id }, body: `Question ${i}` } });
      expect(made.status).toBe(200);
      ids.push(made.body.conversation_id ?? made.body.id);
    }
    const part = (id: string, body: Record<string, unknown>) => inbox.api(`/conversations/${id}/parts`, { body: { type: "admin", admin_id: admin, ...body } });
    expect((await part(ids[0], { message_type: "assignment", assignee_id: admin })).status).toBe(200);
    expect((await part(ids[1], { message_type: "assignment", assignee_id: admin })).status).toBe(200);
    expect((await part(ids[1], { message_type: "close" })).status).toBe(200);
    expect((await part(ids[2], { message_type: "snoozed", snoozed_until: Math.floor(Date.now() / 1000) + 3600 })).status).toBe(200);

    const client = new Client5({ tokenAuth: { token: inbox.token } }).useRequestOpts({ baseURL: srv.url });
    const totals = (await client.counts.countConversation()) as unknown;
    expect(totals).toEqual({ type: "count", conversation: { open: 3, closed: 1, unassigned: 2, assigned: 1 } });
    const perAdmin = (await client.counts.countAdminConversation()) as unknown as { type: string; conversation: { admin: Array<Record<string, unknown>> } };
    expect(perAdmin.type).toBe("count");
    expect(perAdmin.conversation.admin).toHaveLength(other);
    expect(perAdmin.conversation.admin[0]).toEqual({ id: admin, name: expect.any(String), open: 1, closed: 1 });
    for (const a of perAdmin.conversation.admin.slice(1)) expect(a).toMatchObject({ open: 0, closed: 0 });

    // another workspace sees none of them
    expect((await ws.api("/counts?type=conversation")).body.conversation).toEqual({ open: 0, closed: 0, unassigned: 0, assigned: 0 });
  });

  it("refuses unknown types and counts naming the parameter", async () => {
    expect(expectErrorList(await counts("?type=planet"), 400, "parameter_invalid").field).toBe("type");
    expect(expectErrorList(await counts("?type=user&count=admin"), 400, "parameter_invalid").field).toBe("count");
  });

  it("sees only the token's workspace", async () => {
    const other = await srv.newWorkspace("Other");
    const res = await other.api("/counts");
    expect(res.body.user.count).toBe(0);
    expect(res.body.company.count).toBe(0);
  });
});
