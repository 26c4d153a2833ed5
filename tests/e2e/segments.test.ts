import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VERSIONS } from "../../src/platform/versions.js";
import { expectErrorList, startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

let seq = 0;
const uniq = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++seq}`;
const now = () => Math.floor(Date.now() / 1000);
const DAY = 86_400;

async function createContact(ws: TestWorkspace, body: Record<string, unknown>) {
  const res = await ws.api("/contacts", { method: "POST", body });
  expect(res.status, res.text).toBe(200);
  return res.body.id as string;
}

async function segmentsByName(ws: TestWorkspace, includeCount = false) {
  const res = await ws.api(`/segments${includeCount ? "?include_count=true" : ""}`);
  expect(res.status, res.text).toBe(200);
  expect(res.body.type).toBe("segment.list");
  return new Map<string, Record<string, any>>(res.body.segments.map((s: Record<string, any>) => [s.name, s]));
}

const memberOf = async (ws: TestWorkspace, contactId: string) => {
  const res = await ws.api(`/contacts/${contactId}/segments`);
  expect(res.status, res.text).toBe(200);
  expect(res.body.type).toBe("list");
  return (res.body.data as Array<{ name: string }>).map((s) => s.name).sort();
};

async function defineSegment(ws: TestWorkspace, body: Record<string, unknown>) {
  const res = await ws.api("/_opencom/segments", { method: "POST", body });
  expect(res.status, res.text).toBe(200);
  return res.body as Record<string, any>;
}

describe("built-in segments", () => {
  it("every workspace starts with All users, All leads and Active", async () => {
    const list = await srv.ws.client.segments.list();
    expect(list.type).toBe("segment.list");
    const names = list.segments?.map((s) => [s.name, s.person_type]);
    expect(names).toEqual([
      ["All users", "user"],
      ["All leads", "contact"],
      ["Active", "user"],
    ]);
    for (const s of list.segments ?? []) {
      expect(s.type).toBe("segment");
      expect(s.id).toMatch(/^[0-9a-f]{24}$/);
      expect(typeof s.created_at).toBe("number");
      expect(s.count).toBeUndefined();
    }
  });

  it("counts members with include_count, leaving archived contacts out", async () => {
    const ws = await srv.newWorkspace();
    await createContact(ws, { email: `${uniq("recent")}@example.com`, last_seen_at: now() - 2 * DAY });
    await createContact(ws, { email: `${uniq("old")}@example.com`, last_seen_at: now() - 60 * DAY });
    await createContact(ws, { email: `${uniq("never")}@example.com` });
    await createContact(ws, { role: "lead", name: "A lead" });
    const archived = await createContact(ws, { email: `${uniq("archived")}@example.com`, last_seen_at: now() });
    expect((await ws.api(`/contacts/${archived}/archive`, { method: "POST" })).status).toBe(200);

    const list = await ws.client.segments.list({ include_count: true });
    const counts = Object.fromEntries((list.segments ?? []).map((s) => [s.name, s.count]));
    expect(counts).toEqual({ "All users": 3, "All leads": 1, Active: 1 });

    // searching by segment_id finds the members the count counts
    for (const s of list.segments ?? []) {
      const found = await ws.api("/contacts/search", { method: "POST", body: { query: { field: "segment_id", operator: "=", value: s.id } } });
      expect(found.status, found.text).toBe(200);
      expect(found.body.total_count).toBe(s.count);
    }
  });

  it("evaluates a contact's segments", async () => {
    const recent = await createContact(srv.ws, { email: `${uniq("recent")}@example.com`, last_seen_at: now() - DAY });
    const idle = await createContact(srv.ws, { email: `${uniq("idle")}@example.com`, last_seen_at: now() - 45 * DAY });
    const lead = await createContact(srv.ws, { role: "lead", last_seen_at: now() });
    expect(await memberOf(srv.ws, recent)).toEqual(["Active", "All users"]);
    expect(await memberOf(srv.ws, idle)).toEqual(["All users"]);
    expect(await memberOf(srv.ws, lead)).toEqual(["All leads"]);
    const sdk = await srv.ws.client.contacts.listAttachedSegments({ contact_id: lead });
    expect(sdk.data?.map((s) => s.person_type)).toEqual(["contact"]);
  });
});

describe("retrieve", () => {
  it("finds a segment through the SDK", async () => {
    const all = await segmentsByName(srv.ws);
    const users = all.get("All users")!;
    const found = await srv.ws.client.segments.find({ segment_id: users.id });
    expect(found).toEqual(users);
  });

  it("answers 404 for unknown segments", async () => {
    const err = expectErrorList(await srv.ws.api("/segments/000000000000000000000000"), 404, "not_found");
    expect(err.message).toBe("Resource Not Found");
    expectErrorList(await srv.ws.api("/segments/nope"), 404, "not_found");
  });

  it("validates include_count", async () => {
    expectErrorList(await srv.ws.api("/segments?include_count=maybe"), 400, "parameter_invalid");
  });

  it("keeps workspaces apart", async () => {
    const other = await srv.newWorkspace();
    const mine = (await segmentsByName(srv.ws)).get("All users")!;
    expectErrorList(await other.api(`/segments/${mine.id}`), 404, "not_found");
    const theirs = await segmentsByName(other);
    expect([...theirs.values()].map((s) => s.id)).not.toContain(mine.id);
    const custom = await defineSegment(srv.ws, { name: uniq("mine") });
    expectErrorList(await other.api(`/_opencom/segments/${custom.id}`, { method: "DELETE" }), 404, "not_found");
    expect((await srv.ws.api(`/segments/${custom.id}`)).status).toBe(200);
  });

  it("shapes segments for 2.7 the same way", async () => {
    const res = await srv.ws.api("/segments?include_count=true", { version: "2.7" });
    expect(res.status).toBe(200);
    expect(res.body.segments[0]).toMatchObject({ type: "segment", name: "All users", person_type: "user", count: expect.any(Number) });
    const one = await srv.ws.api(`/segments/${res.body.segments[0].id}`, { version: "2.7" });
    const { count: _count, ...withoutCount } = res.body.segments[0];
    expect(one.body).toEqual(withoutCount);
  });
});

describe("segments defined by a search query (opencom)", () => {
  it("evaluates membership and counts with the search engine", async () => {
    const ws = await srv.newWorkspace();
    const vip1 = await createContact(ws, { email: `vip-${uniq("a")}@example.com` });
    await createContact(ws, { email: `vip-${uniq("b")}@example.com` });
    const plain = await createContact(ws, { email: `${uniq("plain")}@example.com` });
    const seg = await defineSegment(ws, { name: "VIPs", person_type: "user", query: { field: "email", operator: "^", value: "vip-" } });
    expect(seg).toMatchObject({ type: "segment", name: "VIPs", person_type: "user" });
    expect(await memberOf(ws, vip1)).toContain("VIPs");
    expect(await memberOf(ws, plain)).not.toContain("VIPs");
    expect((await segmentsByName(ws, true)).get("VIPs")!.count).toBe(2);

    // a segment of a segment, through the segment_id field
    const nested = await defineSegment(ws, { name: "Recent VIPs", query: { operator: "AND", value: [{ field: "segment_id", operator: "=", value: seg.id }, { field: "last_seen_at", operator: ">", value: { days_ago: 7 } }] } });
    expect((await segmentsByName(ws, true)).get("Recent VIPs")!.count).toBe(0);
    expect((await ws.api(`/contacts/${vip1}`, { method: "PUT", body: { last_seen_at: now() } })).status).toBe(200);
    expect((await segmentsByName(ws, true)).get("Recent VIPs")!.count).toBe(1);
    expect(await memberOf(ws, vip1)).toEqual(["Active", "All users", "Recent VIPs", "VIPs"]);

    // a segment another refers to stays until that one goes
    expectErrorList(await ws.api(`/_opencom/segments/${seg.id}`, { method: "DELETE" }), 400, "segment_has_dependent_objects");
    expect((await ws.api(`/_opencom/segments/${nested.id}`, { method: "DELETE" })).status).toBe(200);
    expect((await ws.api(`/_opencom/segments/${seg.id}`, { method: "DELETE" })).status).toBe(200);
    expectErrorList(await ws.api(`/segments/${seg.id}`), 404, "not_found");
  });

  it("makes lead segments, read as person_type contact", async () => {
    const ws = await srv.newWorkspace();
    const lead = await createContact(ws, { role: "lead", name: "Named lead" });
    const seg = await defineSegment(ws, { name: "Named leads", person_type: "lead", query: { field: "name", operator: "=", value: "named lead" } });
    expect(seg.person_type).toBe("contact");
    expect(await memberOf(ws, lead)).toEqual(["All leads", "Named leads"]);
  });

  it("refuses bad definitions", async () => {
    const before = (await segmentsByName(srv.ws)).size;
    expectErrorList(await srv.ws.api("/_opencom/segments", { method: "POST", body: {} }), 400, "parameter_not_found");
    expectErrorList(await srv.ws.api("/_opencom/segments", { method: "POST", body: { name: "  " } }), 400, "parameter_invalid");
    expectErrorList(await srv.ws.api("/_opencom/segments", { method: "POST", body: { name: "x", person_type: "robot" } }), 400, "parameter_invalid");
    expectErrorList(await srv.ws.api("/_opencom/segments", { method: "POST", body: { name: "x", query: { field: "nope", operator: "=", value: 1 } } }), 400, "invalid_field");
    expectErrorList(await srv.ws.api("/_opencom/segments", { method: "POST", body: { name: "x", query: { field: "email", operator: "?", value: 1 } } }), 400, "parameter_invalid");
    expect((await segmentsByName(srv.ws)).size).toBe(before);
  });
});

describe("company segments", () => {
  it("companies belong to no segment (segments are contact segments)", async () => {
    const company = await srv.ws.api("/companies", { method: "POST", body: { company_id: uniq("co") } });
    expect(company.status).toBe(200);
    const res = await srv.ws.api(`/companies/${company.body.id}/segments`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ type: "list", data: [] });
  });
});

describe("every Intercom-Version", () => {
  it("answers each segment operation in every version", async () => {
    const contactId = await createContact(srv.ws, { email: `${uniq("every")}@example.com`, last_seen_at: now() });
    for (const version of VERSIONS) {
      const list = await srv.ws.api("/segments?include_count=true", { version });
      expect(list.body.segments.map((s: { name: string }) => s.name).slice(0, 3)).toEqual(["All users", "All leads", "Active"]);
      expect(typeof list.body.segments[0].count).toBe("number");
      expect((await srv.ws.api(`/segments/${list.body.segments[2].id}`, { version })).body.name).toBe("Active");
      const mine = await srv.ws.api(`/contacts/${contactId}/segments`, { version });
      expect(mine.body.data.map((s: { name: string }) => s.name)).toContain("Active");
      expectErrorList(await srv.ws.api("/segments/000000000000000000000000", { version }), 404, "not_found");
    }
  });
});
