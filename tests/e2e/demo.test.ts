// The demo workspace (POST /_opencom/reset {"seed": "demo"}, opencom serve --seed demo) and snapshot files
// on the command line (opencom export / import, serve --import).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IntercomClient } from "intercom-client";
import { DEMO_COMPANIES, DEMO_CONVERSATIONS, DEMO_LEADS, DEMO_SECTIONS, DEMO_TICKETS, DEMO_USERS } from "../../src/resources/opencom/demo.js";
import { startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";
import { processStore, root, serveProcess, stopProcess, type ProcessStore } from "../helpers/processes.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

async function demo(name: string): Promise<TestWorkspace> {
  const w = await srv.newWorkspace(name);
  const res = await w.api("/_opencom/reset", { method: "POST", body: { seed: "demo" } });
  expect(res.status, res.text).toBe(200);
  expect(res.body.seed).toBe("demo");
  return w;
}

async function everyContact(w: TestWorkspace) {
  const out: Array<Record<string, any>> = [];
  let starting: string | undefined;
  for (;;) {
    const page = (await w.api(`/contacts?per_page=150${starting ? `&starting_after=${starting}` : ""}`)).body;
    out.push(...page.data);
    starting = page.pages?.next?.starting_after;
    if (!starting) return out;
  }
}

// each test seeds demo workspaces (hundreds of API calls each): slow on a loaded machine, PostgreSQL especially
describe("the demo workspace", { timeout: 240_000 }, () => {
  it("holds what a real workspace in use holds", async () => {
    const w = await demo("Demo");
    const admins = (await w.client.admins.list()).admins ?? [];
    expect(admins.filter((a) => a?.has_inbox_seat).length).toBeGreaterThanOrEqual(2);
    expect(admins.some((a) => !a?.has_inbox_seat)).toBe(true);
    expect((await w.api("/teams")).body.teams.length).toBeGreaterThanOrEqual(3);
    const contacts = await everyContact(w);
    const users = contacts.filter((c) => c.role === "user");
    expect(users).toHaveLength(DEMO_USERS);
    expect(contacts.filter((c) => c.role === "lead")).toHaveLength(DEMO_LEADS);
    expect(users.every((u) => u.external_id && u.email && u.phone && u.name)).toBe(true);
    expect(users.every((u) => typeof u.custom_attributes.plan === "string" && Number.isInteger(u.custom_attributes.seats))).toBe(true);
    expect(users.filter((u) => u.companies.total_count > 0)).toHaveLength(DEMO_USERS);
    expect(users.filter((u) => u.tags.data.length > 0).length).toBeGreaterThan(10);
    const companies = (await w.api("/companies?per_page=60")).body;
    expect(companies.total_count).toBe(DEMO_COMPANIES);
    const attributes = (await w.api("/data_attributes?model=contact")).body.data.filter((a: { custom: boolean }) => a.custom);
    expect(attributes.length).toBeGreaterThanOrEqual(5);
    expect(attributes.every((a: { id: unknown }) => a.id !== undefined && a.id !== null)).toBe(true);
    const consents = new Set((await w.api("/subscription_types")).body.data.map((t: { consent_type: string }) => t.consent_type));
    expect([...consents].sort()).toEqual(["opt_in", "opt_out"]);
    const segments = (await w.api("/segments?include_count=true")).body.segments;
    expect(segments.find((s: { name: string }) => s.name === "Pro plan").count).toBeGreaterThan(0);
  });

  it("holds conversations in every state with parts from both sides, and the counts agree", async () => {
    const w = await demo("Demo inbox");
    const list = (await w.api("/conversations?per_page=50")).body;
    expect(list.conversations).toHaveLength(DEMO_CONVERSATIONS + 1); // and the admin's in-app message
    const states = new Set(list.conversations.map((c: { state: string }) => c.state));
    expect([...states].sort()).toEqual(["closed", "open", "snoozed"]);
    const first = (await w.api(`/conversations/${list.conversations.find((c: { state: string }) => c.state === "closed").id}`)).body;
    const authors = new Set(first.conversation_parts.conversation_parts.map((p: { author: { type: string } }) => p.author.type));
    expect(authors.has("admin")).toBe(true);
    let fromBothSides = 0;
    for (const c of list.conversations) {
      const parts = (await w.api(`/conversations/${c.id}`)).body.conversation_parts.conversation_parts as Array<{ part_type: string; author: { type: string } }>;
      if (parts.some((p) => p.part_type === "comment" && p.author.type === "admin") && parts.some((p) => p.part_type === "comment" && p.author.type !== "admin")) fromBothSides++;
    }
    expect(fromBothSides).toBeGreaterThanOrEqual(2);
    expect(list.conversations.some((c: { admin_assignee_id: unknown }) => c.admin_assignee_id)).toBe(true);
    expect(list.conversations.some((c: { team_assignee_id: unknown }) => c.team_assignee_id)).toBe(true);
    const counts = (await w.api("/counts?type=conversation")).body.conversation;
    expect(counts.open + counts.closed).toBe(DEMO_CONVERSATIONS + 1);
    expect(counts.closed).toBeGreaterThan(0);
  });

  it("holds help center collections with articles in two locales, news and internal articles", async () => {
    const w = await demo("Demo content");
    const collections = (await w.api("/help_center/collections?per_page=50")).body.data as Array<{ id: string; name: string; parent_id: string | null }>;
    expect(collections.filter((c) => c.parent_id === null || c.parent_id === undefined).length).toBeGreaterThanOrEqual(2);
    const articles = (await w.api("/articles?per_page=50")).body.data as Array<{ parent_id: number | null; state: string; translated_content: Record<string, unknown> }>;
    expect(articles.length).toBeGreaterThanOrEqual(6);
    const inCollections = new Set(articles.map((a) => String(a.parent_id)));
    expect(collections.filter((c) => inCollections.has(String(c.id))).length).toBeGreaterThanOrEqual(2);
    expect(articles.some((a) => a.state === "draft")).toBe(true);
    expect(articles.filter((a) => a.translated_content?.fr).length).toBeGreaterThanOrEqual(2);
    const news = (await w.api("/news/news_items")).body.data as Array<{ state: string }>;
    expect(news.length).toBeGreaterThanOrEqual(2);
    expect(news.some((n) => n.state === "live")).toBe(true);
    const feeds = (await w.api("/news/newsfeeds")).body.data as Array<{ id: string }>;
    expect((await w.api(`/news/newsfeeds/${feeds[0].id}/items`)).body.data.length).toBeGreaterThanOrEqual(1);
    expect((await w.api("/internal_articles")).body.data.length).toBeGreaterThanOrEqual(2);
  });

  it("holds tickets in every state, custom objects, snippets, AI content, calls, office hours, audiences, an away teammate and events", async () => {
    const w = await demo("Demo more");
    expect(DEMO_SECTIONS.map((s) => s.name)).toEqual(expect.arrayContaining(["ticket types and tickets", "custom object types and instances"]));
    const types = (await w.api("/ticket_types")).body.data as Array<{ name: string; ticket_type_attributes: { ticket_type_attributes: Array<{ name: string }> } }>;
    expect(types.map((t) => t.name).sort()).toEqual(["Billing request", "Bug report"]);
    const tickets = (await w.api("/tickets/search", { method: "POST", body: { query: { field: "created_at", operator: ">", value: "0" }, pagination: { per_page: 50 } } })).body.tickets as Array<{ ticket_state: { category: string } }>;
    expect(tickets).toHaveLength(DEMO_TICKETS);
    expect([...new Set(tickets.map((t) => t.ticket_state.category))].sort()).toEqual(["in_progress", "resolved", "submitted", "waiting_on_customer"]);
    const order = (await w.api("/custom_object_instances/Order?external_id=order-0001")).body;
    expect(order).toMatchObject({ type: "Order", external_id: "order-0001", custom_attributes: { order_number: "ORD-10000" } });
    expect((await w.api("/content_snippets", { version: "2.16" })).body.data.length).toBe(3);
    const pages = (await w.api("/ai/external_pages")).body;
    expect(pages.total_count).toBe(3);
    expect((await w.api("/ai/content_import_sources")).body.data).toHaveLength(1);
    const calls = (await w.api("/calls")).body.data as Array<{ state: string; transcription_url: string | null }>;
    expect(calls).toHaveLength(3);
    expect(calls.some((c) => c.transcription_url)).toBe(true);
    expect(new Set(calls.map((c) => c.state)).size).toBeGreaterThanOrEqual(2);
    const schedules = (await w.api("/office_hours_schedules", { version: "2.16" })).body.data as Array<{ id: string; time_intervals: unknown[] }>;
    expect(schedules).toHaveLength(1);
    expect(schedules[0].time_intervals).toHaveLength(5);
    expect((await w.api(`/office_hours_schedules/${schedules[0].id}/office_hours_exceptions`, { version: "2.16" })).body.data).toHaveLength(1);
    expect(((await w.api("/audiences", { version: "2.16" })).body.data as Array<{ name: string }>).map((a) => a.name).sort()).toEqual(["Leads", "VIP customers"]);
    const away = ((await w.api("/admins")).body.admins as Array<{ away_mode_enabled: boolean; away_status_reason_id: unknown; has_inbox_seat: boolean }>).filter((a) => a.away_mode_enabled);
    expect(away).toHaveLength(1);
    expect(away[0].away_status_reason_id).not.toBeNull();
    expect(away[0].has_inbox_seat).toBe(false); // the teammates who answer conversations are all in
    const events = (await w.api("/events?type=user&user_id=user-0004")).body.events as Array<{ event_name: string }>;
    expect(events.map((e) => e.event_name).sort()).toEqual(["exported-data", "invited-teammate", "signed-in", "upgraded-plan"]);
    // what the official SDK suite looks up: two teammates with an inbox seat, a phone call redirect's attributes
    expect(((await w.api("/data_attributes?model=contact")).body.data as Array<{ name: string }>).map((a) => a.name)).toEqual(expect.arrayContaining(["issue_type", "priority"]));
  });

  it("is deterministic: two demo workspaces hold the same people", async () => {
    const strip = (cs: Array<Record<string, any>>) => cs.map((c) => [c.role, c.external_id, c.email, c.name, c.phone, c.custom_attributes.plan]).sort();
    const a = await demo("Demo A");
    const b = await demo("Demo B");
    expect(strip(await everyContact(a))).toEqual(strip(await everyContact(b)));
    const titles = async (w: TestWorkspace) => ((await w.api("/articles?per_page=50")).body.data as Array<{ title: string }>).map((x) => x.title).sort();
    expect(await titles(a)).toEqual(await titles(b));
    const bodies = async (w: TestWorkspace) => ((await w.api("/conversations?per_page=50")).body.conversations as Array<{ source: { body: string }; state: string }>).map((x) => [x.state, x.source.body]).sort();
    expect(await bodies(a)).toEqual(await bodies(b));
    const more = async (w: TestWorkspace) => ({
      tickets: ((await w.api("/tickets/search", { method: "POST", body: { query: { field: "created_at", operator: ">", value: "0" }, pagination: { per_page: 50 } } })).body.tickets as Array<Record<string, any>>)
        .map((t) => [t.ticket_attributes._default_title_, t.ticket_state.category, t.ticket_attributes.Severity ?? null])
        .sort(),
      // (the customer reference is a contact id, different in each workspace)
      orders: { ...((await w.api("/custom_object_instances/Order?external_id=order-0003")).body as { custom_attributes: Record<string, unknown> }).custom_attributes, customer: undefined },
      pages: ((await w.api("/ai/external_pages")).body.data as Array<{ title: string; html: string }>).map((p) => [p.title, p.html]).sort(),
      snippets: ((await w.api("/content_snippets", { version: "2.16" })).body.data as Array<{ title: string }>).map((x) => x.title).sort(),
      calls: ((await w.api("/calls")).body.data as Array<Record<string, any>>).map((c) => [c.direction, c.state, c.phone, c.duration ?? null]).sort(),
      events: ((await w.api("/events?type=user&user_id=user-0003")).body.events as Array<Record<string, any>>).map((e) => [e.event_name, e.created_at - 0, e.metadata ?? null]),
    });
    const [ma, mb] = [await more(a), await more(b)];
    // events are timed from each workspace's clock: compare them relative to their newest
    const rel = (m: typeof ma) => ({ ...m, events: m.events.map(([n, t, md]) => [n, (m.events[0][1] as number) - (t as number), md]) });
    expect(rel(ma)).toEqual(rel(mb));
    // seeding again resets to the same state, with the same teammates
    const before = (await a.api("/admins")).body.admins.length;
    await a.api("/_opencom/reset", { method: "POST", body: { seed: "demo" } });
    expect((await a.api("/admins")).body.admins.length).toBe(before);
    expect(strip(await everyContact(a))).toEqual(strip(await everyContact(b)));
  });
});

describe("demo and snapshots on the command line", () => {
  let store: ProcessStore;
  let other: ProcessStore;
  const dir = mkdtempSync(path.join(tmpdir(), "opencom-snap-"));
  const bin = path.join(root, "bin/opencom");
  beforeAll(async () => {
    execFileSync("npm", ["run", "--silent", "build:server"], { cwd: root, stdio: "pipe" });
    store = await processStore("demo");
    other = await processStore("demo2");
  }, 120_000);
  afterAll(async () => {
    await store?.remove();
    await other?.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  it("serve --seed demo, export, then import into another store and serve --import", async () => {
    const served = await serveProcess([bin], [...store.args, "--seed", "demo"]);
    let users: number;
    try {
      const client = new IntercomClient({ token: served.token, baseUrl: served.url });
      const page = await client.contacts.list({ per_page: 150 });
      users = page.data.length;
      expect(users).toBe(DEMO_USERS + DEMO_LEADS);
    } finally {
      expect(await stopProcess(served)).toBe(0);
    }
    const file = path.join(dir, "demo.json");
    execFileSync(bin, ["export", "--out", file, ...store.args], { cwd: root, stdio: "pipe" });
    const snap = JSON.parse(readFileSync(file, "utf8"));
    expect(snap.tables.contacts).toHaveLength(DEMO_USERS + DEMO_LEADS);

    // a fresh store: the first serve creates its workspace, then the CLI imports into it
    const first = await serveProcess([bin], other.args);
    await stopProcess(first);
    const out = execFileSync(bin, ["import", file, ...other.args], { cwd: root, encoding: "utf8", stdio: "pipe" });
    expect(out).toMatch(/imported \d+ rows/);
    const again = await serveProcess([bin], [...other.args, "--import", file]);
    try {
      const res = await fetch(`${again.url}/contacts?per_page=1`, { headers: { Authorization: `Bearer ${again.token}` } });
      expect((await res.json()).total_count).toBe(DEMO_USERS + DEMO_LEADS);
    } finally {
      await stopProcess(again);
    }
  }, 120_000);
});
