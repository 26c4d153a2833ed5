/// <reference types="vite/client" />
// Robustness of every implemented route against bad input, on both stores:
//  1. bad input never produces a 500 or a non-JSON body: every refusal is a 4xx error.list;
//  2. a refused write leaves no partial state: the workspaces read back exactly as before.
// The routes and their schemas are read from the resources themselves (a new route is covered as soon as
// it is registered); the cases are a fixed table, so every run sends the same requests.
// The walk is split in shards, one test file each (robustness-1.test.ts, …): it is the suite's longest
// file, and two files run at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeCursor } from "../../src/platform/pagination.js";
import { startTestServer, type ApiResponse, type TestServer, type TestWorkspace } from "../helpers/server.js";
import type { RobustnessArea } from "../helpers/robustness-area.js";
import { registeredRoutes, type RegisteredRoute } from "../helpers/routes.js";

/** The areas' own fixtures (tests/e2e/robustness/*.ts), loaded by the test runner. */
const AREAS: RobustnessArea[] = Object.values(
  import.meta.glob<{ area: RobustnessArea }>("./robustness/*.ts", { eager: true }),
).map((m) => m.area);

// ---------------------------------------------------------------- the routes, as registered

type Schema = Record<string, any>;
type Route = RegisteredRoute;

const ROUTES = registeredRoutes();
const key = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

/** Routes this file leaves alone, and why. */
const SKIPPED: Record<string, string> = Object.assign(
  {
    "POST /_opencom/reset": "empties the workspace by design, whatever the body",
  },
  ...AREAS.map((a) => a.skipped ?? {}),
);

// ---------------------------------------------------------------- junk

type JsonType = "string" | "integer" | "number" | "boolean" | "object" | "array" | "null";

function jsonType(v: unknown): JsonType {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v as JsonType;
}

const deep = (n: number): unknown => (n === 0 ? { x: "\u0000" } : { a: [deep(n - 1)] });

/** Values of every JSON type, and the awkward ones of each. */
const JUNK: Array<[string, unknown]> = [
  ["a string", "junk"],
  ["an empty string", ""],
  ["zero", 0],
  ["-1", -1],
  ["1.5", 1.5],
  ["1e308", 1e308],
  ["2**63", 2 ** 63],
  ["2**31", 2 ** 31],
  ["2**53-1", Number.MAX_SAFE_INTEGER],
  ["true", true],
  ["false", false],
  ["an object", { a: 1 }],
  ["an array", [1, "x"]],
  ["null", null],
  ["deeply nested junk", deep(60)],
  ["a 100k string", "x".repeat(100_000)],
  ["a NUL character", "a\u0000b"],
  ["unicode", "ü 😀 \u202e \ud800 \uffff"],
];

/** The JSON types a schema accepts (anything when it does not say). */
function acceptedTypes(s: Schema | undefined): Set<JsonType> | "any" {
  if (!s) return "any";
  if (s.anyOf) {
    const all = new Set<JsonType>();
    for (const sub of s.anyOf) {
      const t = acceptedTypes(sub);
      if (t === "any") return "any";
      t.forEach((x) => all.add(x));
    }
    return all;
  }
  if (!s.type) return "any";
  const types = new Set<JsonType>([].concat(s.type));
  if (types.has("number")) types.add("integer");
  return types;
}

/** The object schema(s) of a body (a union with null, or optional). */
const objectSchemas = (s: Schema | undefined): Schema[] => (!s ? [] : s.anyOf ? s.anyOf.flatMap(objectSchemas) : s.type === "object" ? [s] : []);

// ---------------------------------------------------------------- fixtures

interface Fixtures {
  ids: Record<string, string>;
  /** valid bodies of the writes, each field of which the cases replace with junk */
  bodies: Record<string, Record<string, unknown>>;
  /** what a snapshot reads */
  reads: string[];
}

let srv: TestServer;
let other: TestWorkspace;
let fx: Fixtures;
let otherFx: { ids: Record<string, string>; reads: string[] };

async function ok(ws: TestWorkspace, path: string, init: Parameters<TestWorkspace["api"]>[1] = {}) {
  const res = await ws.api(path, init);
  if (res.status >= 300) throw new Error(`${init.method ?? "GET"} ${path} → ${res.status}: ${res.text}`);
  return res.body;
}

async function seed(ws: TestWorkspace, tag: string) {
  const attr = await ok(ws, "/data_attributes", { method: "POST", body: { name: `plan_${tag}`, model: "contact", data_type: "string" } });
  const user = await ok(ws, "/contacts", { method: "POST", body: { role: "user", email: `user-${tag}@example.com`, external_id: `ext-${tag}`, name: "Ada" } });
  const lead = await ok(ws, "/contacts", { method: "POST", body: { role: "lead", email: `lead-${tag}@example.com` } });
  const company = await ok(ws, "/companies", { method: "POST", body: { company_id: `acme-${tag}`, name: "Acme", size: 10 } });
  await ok(ws, `/contacts/${user.id}/companies`, { method: "POST", body: { id: company.id } });
  const t = await ok(ws, "/tags", { method: "POST", body: { name: `vip-${tag}` } });
  await ok(ws, `/contacts/${user.id}/tags`, { method: "POST", body: { id: t.id } });
  const note = await ok(ws, `/contacts/${user.id}/notes`, { method: "POST", body: { body: "Called", admin_id: ws.adminId } });
  const subs = await ok(ws, "/subscription_types");
  const sub = subs.data[0];
  await ok(ws, `/contacts/${user.id}/subscriptions`, { method: "POST", body: { id: sub.id, consent_type: sub.consent_type } });
  const segments = await ok(ws, "/segments");
  const segment = await ok(ws, "/_opencom/segments", { method: "POST", body: { name: `seg-${tag}`, query: { field: "role", operator: "=", value: "user" } } });
  const visitor = await ok(ws, "/_opencom/visitors", { method: "POST", body: { name: "Vee" } });
  const webhook = await ok(ws, "/_opencom/webhooks", { method: "POST", body: { url: "http://127.0.0.1:9/hook", topics: ["contact.user.created"] } });
  const delivery = await ok(ws, `/_opencom/webhooks/${webhook.id}/ping`, { method: "POST" });
  const fault = await ok(ws, "/_opencom/faults", { method: "POST", body: { path: "/never/**", status: 503 } });
  const conversation = await ok(ws, "/conversations", { method: "POST", body: { from: { type: "user", id: user.id }, body: "Hello" } });
  // content
  const article = await ok(ws, "/articles", { method: "POST", body: { title: `Article ${tag}`, body: "Body", author_id: ws.adminId, state: "published" } });
  const collection = await ok(ws, "/help_center/collections", { method: "POST", body: { name: `Collection ${tag}` } });
  const helpCenter = (await ok(ws, "/help_center/help_centers")).data[0];
  const newsfeed = (await ok(ws, "/news/newsfeeds")).data[0];
  const newsItem = await ok(ws, "/news/news_items", { method: "POST", body: { title: `News ${tag}`, sender_id: ws.adminId } });
  const internal = await ok(ws, "/internal_articles", { method: "POST", body: { title: `Internal ${tag}`, owner_id: ws.adminId, author_id: ws.adminId } });
  const source = await ok(ws, "/ai/content_import_sources", { method: "POST", body: { sync_behavior: "api", url: "https://example.com" } });
  const page = await ok(ws, "/ai/external_pages", { method: "POST", body: { title: "Page", html: "<p>x</p>", locale: "en", source_id: source.id, external_id: `p-${tag}` } });
  const email = (await ok(ws, "/emails")).data[0];
  const snippet = await ok(ws, "/content_snippets", { method: "POST", body: { title: `Snippet ${tag}` } });
  const ids = {
    article_id: article.id,
    collection_id: collection.id,
    help_center_id: helpCenter.id,
    newsfeed_id: newsfeed.id,
    news_item_id: newsItem.id,
    internal_article_id: internal.id,
    source_id: String(source.id),
    page_id: page.id,
    brand_id: ws.workspaceId,
    email_id: email.id,
    content_snippet_id: snippet.id,
    admin_id: String(ws.adminId),
    team_id: String(ws.teamId),
    contact_id: user.id,
    lead_id: lead.id,
    company_id: company.id,
    company_ext: company.company_id,
    tag_id: t.id,
    note_id: String(note.id),
    subscription_id: String(sub.id),
    segment_id: segment.id,
    seeded_segment_id: segments.segments[0].id,
    data_attribute_id: String(attr.id),
    external_id: `ext-${tag}`,
    visitor_user_id: visitor.user_id,
    visitor_id: visitor.id,
    webhook_id: webhook.id,
    delivery_id: delivery.id,
    fault_id: fault.id,
    conversation_id: conversation.conversation_id,
  };
  const reads = [
    "/admins",
    `/admins/${ids.admin_id}`,
    "/data_attributes?include_archived=true",
    "/contacts?per_page=10",
    `/contacts/${ids.contact_id}`,
    `/contacts/${ids.lead_id}`,
    `/contacts/${ids.contact_id}/notes`,
    `/contacts/${ids.contact_id}/companies`,
    `/contacts/${ids.contact_id}/tags`,
    `/contacts/${ids.contact_id}/subscriptions`,
    `/contacts/${ids.contact_id}/segments`,
    "/companies?per_page=10",
    `/companies/${ids.company_id}`,
    `/companies/${ids.company_id}/contacts`,
    "/tags",
    "/segments?include_count=true",
    `/visitors?user_id=${ids.visitor_user_id}`,
    `/conversations/${ids.conversation_id}`,
    `/articles/${ids.article_id}`,
    `/help_center/collections/${ids.collection_id}`,
    `/ai/external_pages/${ids.page_id}`,
  ];
  const all: Record<string, string> = { ...ids };
  for (const area of AREAS) Object.assign(all, (await area.seed?.(ws, tag, all)) ?? {});
  return { ids: all, reads: [...reads, ...AREAS.flatMap((a) => a.reads?.(all) ?? [])] };
}

async function snapshot(ws: TestWorkspace, reads: string[]) {
  const bodies = await Promise.all(reads.map(async (p) => [p, (await ws.api(p)).text] as const));
  return Object.fromEntries(bodies);
}

// ---------------------------------------------------------------- cases

interface Case {
  name: string;
  method: string;
  path: string;
  /** a JS value sent as JSON, or raw text / bytes */
  body?: unknown;
  raw?: string | Uint8Array;
  contentType?: string;
  /** true: must be refused (4xx); false: either accepted or refused, never a 5xx */
  mustFail: boolean;
}

const BAD_IDS: Array<[string, string]> = [
  ["non-hex", "not-an-id"],
  ["zero", "0"],
  ["-1", "-1"],
  ["1.5", "1.5"],
  ["1e308", "1e308"],
  ["2**31", "2147483648"],
  ["2**63", "9223372036854775808"],
  ["20 digits", "9".repeat(20)],
  ["absent hex", "f".repeat(24)],
  ["very long", "a".repeat(3000)],
  ["url-encoded NUL", "%00"],
  ["invalid utf-8", "%FF%FE"],
  ["truncated utf-8", "%E2%82"],
  ["url-encoded junk", "%7B%22a%22%3A%5B1%5D%7D"],
  ["dot-dot", "..%2F..%2Fadmins"],
  ["emoji", "%F0%9F%98%80"],
];

const BAD_PAGING: Array<[string, string, boolean]> = [
  ["per_page=abc", "per_page=abc", true],
  ["per_page=0", "per_page=0", true],
  ["per_page=-1", "per_page=-1", true],
  ["per_page=1.5", "per_page=1.5", true],
  ["per_page=10000", "per_page=10000", true],
  ["per_page=1e308", "per_page=1e308", true],
  ["per_page=2**63", "per_page=9223372036854775808", true],
  ["page=-1", "page=-1", true],
  ["page=0", "page=0", true],
  ["page=abc", "page=abc", true],
  ["page=1e308", "page=1e308", false],
  ["page=2**53+1", "page=9007199254740993", false],
  ["page=2**31", "page=2147483648", false],
  ["page=2**52", "page=4503599627370496", false],
  ["starting_after=garbage", "starting_after=garbage", true],
  ["starting_after=%00", "starting_after=%00", true],
  ["starting_after=long", `starting_after=${"Z".repeat(20_000)}`, true],
  ["forged cursor, wrong arity", `starting_after=${encodeCursor({ p: 2, k: [1, 2, 3, 4, 5] })}`, false],
  ["forged cursor, object keys", `starting_after=${encodeCursor({ p: 2, k: [{ a: 1 }, [1]] })}`, false],
  ["forged cursor, string keys", `starting_after=${encodeCursor({ p: 2, k: ["x\u0000", "y"] })}`, false],
  ["forged cursor, huge keys", `starting_after=${encodeCursor({ p: 2, k: [1e308, 2 ** 63] })}`, false],
  ["forged cursor, huge page", `starting_after=${encodeCursor({ p: 1e308, k: [1, "x"] })}`, false],
];

/** The fixture each path parameter names, per route. */
/** The fixture a content route's `:id` names, by the route's path. */
const CONTENT_IDS: Array<[string, string]> = [
  ["/articles/", "article_id"],
  ["/help_center/help_centers/", "help_center_id"],
  ["/help_center/collections/", "collection_id"],
  ["/help_center/sections/", "collection_id"],
  ["/news/news_items/", "news_item_id"],
  ["/news/newsfeeds/", "newsfeed_id"],
  ["/internal_articles/", "internal_article_id"],
  ["/ai/content_import_sources/", "source_id"],
  ["/ai/external_pages/", "page_id"],
  ["/brands/", "brand_id"],
  ["/emails/", "email_id"],
  ["/content_snippets/", "content_snippet_id"],
];

function paramValue(route: Route, name: string, ids: Record<string, string>): string {
  if (name === "id") {
    const mine = AREAS.flatMap((a) => a.idParams ?? []).find(([prefix]) => route.path.startsWith(prefix));
    if (mine) return ids[mine[1]];
    const found = CONTENT_IDS.find(([prefix]) => route.path.startsWith(prefix));
    if (found) return ids[found[1]];
  }
  if (name === "segment_id" && route.path.startsWith("/_opencom/segments")) return ids.segment_id;
  if (name === "segment_id") return ids.seeded_segment_id;
  if (name === "external_id") return ids.external_id;
  return ids[name] ?? `missing-fixture-${name}`;
}

const fillPath = (route: Route, ids: Record<string, string>, override?: [string, string]) =>
  route.path.replace(/:([a-z_]+)/g, (_m, name: string) => (override && override[0] === name ? override[1] : encodeURIComponent(paramValue(route, name, ids))));

/** Required query parameters of a GET, filled with fixtures. */
function baseQuery(route: Route, ids: Record<string, string>): string {
  if (key(route) === "GET /admins/activity_logs") return "created_at_after=0";
  if (key(route) === "GET /visitors") return `user_id=${ids.visitor_user_id}`;
  for (const area of AREAS) {
    const q = area.queries?.(ids)[key(route)];
    if (q !== undefined) return q;
  }
  return "";
}

/** Valid bodies of the writes; a route with a body schema and no entry here starts from {}. */
function validBodies(ids: Record<string, string>): Record<string, Record<string, unknown>> {
  return Object.assign(coreBodies(ids), ...AREAS.map((a) => a.bodies?.(ids) ?? {}));
}

function coreBodies(ids: Record<string, string>): Record<string, Record<string, unknown>> {
  return {
    "PUT /admins/:admin_id/away": { away_mode_enabled: false, away_mode_reassign: false, away_status_reason_id: 1 },
    "POST /data_attributes": { name: "plan_new_{n}", model: "contact", data_type: "string", description: "d", options: ["a"] },
    "PUT /data_attributes/:data_attribute_id": { description: "the plan", archived: false, options: [{ value: "a" }] },
    "POST /contacts": { role: "user", email: "new-{n}@example.com", external_id: "new-ext-{n}", name: "New" },
    "PUT /contacts/:contact_id": { name: "Ada L.", signed_up_at: 1700000000 },
    "POST /contacts/merge": { from: ids.lead_id, into: ids.contact_id, skip_duplicate_validation: true },
    "POST /contacts/search": { query: { field: "email", operator: "=", value: "x@example.com" }, pagination: { per_page: 5 }, sort: { field: "name", order: "ascending" } },
    "POST /contacts/:contact_id/notes": { body: "a note", admin_id: ids.admin_id },
    "POST /companies": { company_id: "acme-{n}", name: "Acme", size: 10, monthly_spend: 100 },
    "PUT /companies/:company_id": { industry: "Software", size: 11 },
    "POST /companies/list": { page: 1, per_page: 5, order: "desc" },
    "POST /contacts/:contact_id/companies": { id: ids.company_id },
    "POST /tags": { name: "vip-{n}", companies: [{ id: ids.company_id }], users: [{ id: ids.contact_id }] },
    "POST /contacts/:contact_id/tags": { id: ids.tag_id },
    "POST /_opencom/segments": { name: "seg-{n}", person_type: "user", query: { field: "role", operator: "=", value: "lead" } },
    "POST /contacts/:contact_id/subscriptions": { id: ids.subscription_id, consent_type: "opt_in" },
    "PUT /visitors": { user_id: ids.visitor_user_id, name: "V2", location_data: { city_name: "Paris" } },
    "POST /visitors/convert": { type: "user", user: { email: "conv@example.com" }, visitor: { user_id: ids.visitor_user_id } },
    "POST /_opencom/visitors": { name: "Vee2", session_count: 1 },
    "POST /conversations": { from: { type: "user", id: ids.contact_id }, body: "hello", subject: "s", created_at: 1700000000 },
    "PUT /conversations/:conversation_id": { read: true, title: "t", custom_attributes: { topic: "billing" } },
    "POST /conversations/:conversation_id/reply": { message_type: "comment", type: "admin", admin_id: ids.admin_id, body: "hi", attachment_urls: ["https://x.example/a.png"] },
    "POST /conversations/:conversation_id/parts": { message_type: "assignment", type: "admin", admin_id: ids.admin_id, assignee_id: ids.admin_id, body: "mine" },
    "POST /conversations/:conversation_id/customers": { admin_id: ids.admin_id, customer: { intercom_user_id: ids.lead_id } },
    "DELETE /conversations/:conversation_id/customers/:contact_id": { admin_id: ids.admin_id },
    "POST /conversations/redact": { type: "conversation_part", conversation_id: ids.conversation_id, conversation_part_id: "1" },
    "POST /messages": { message_type: "in_app", body: "hi", subject: "s", from: { type: "admin", id: ids.admin_id }, to: { type: "user", id: ids.contact_id } },
    "POST /conversations/:conversation_id/tags": { id: ids.tag_id, admin_id: ids.admin_id },
    "POST /conversations/search": { query: { field: "state", operator: "=", value: "open" }, pagination: { per_page: 5 }, sort: { field: "created_at", order: "ascending" } },
    "DELETE /conversations/:conversation_id/tags/:tag_id": { admin_id: ids.admin_id },
  };
}

/** Routes whose success would consume a fixture: only inputs that must fail are sent. */
const DESTRUCTIVE = new Set([
  "DELETE /contacts/:contact_id",
  "DELETE /companies/:company_id",
  "DELETE /tags/:tag_id",
  "DELETE /_opencom/segments/:segment_id",
  "DELETE /contacts/:contact_id/companies/:company_id",
  "DELETE /contacts/:contact_id/tags/:tag_id",
  "DELETE /contacts/:contact_id/subscriptions/:subscription_id",
  "POST /contacts/:contact_id/archive",
  "POST /contacts/:contact_id/block",
  "POST /contacts/merge",
  "POST /visitors/convert",
  "DELETE /conversations/:conversation_id",
  "DELETE /conversations/:conversation_id/customers/:contact_id",
  "DELETE /conversations/:conversation_id/tags/:tag_id",
  "DELETE /articles/:id",
  "DELETE /help_center/collections/:id",
  "DELETE /help_center/sections/:id",
  "DELETE /news/news_items/:id",
  "DELETE /internal_articles/:id",
  "DELETE /ai/content_import_sources/:id",
  "DELETE /ai/external_pages/:id",
  "DELETE /content_snippets/:id",
  ...AREAS.flatMap((a) => a.destructive ?? []),
]);

function casesFor(route: Route, ids: Record<string, string>, otherIds: Record<string, string>): Case[] {
  const out: Case[] = [];
  const k = key(route);
  const q = baseQuery(route, ids);
  const path = (override?: [string, string], query = q) => fillPath(route, ids, override) + (query ? `?${query}` : "");
  const valid = validBodies(ids)[k];
  const hasBody = route.method !== "GET" && route.method !== "DELETE";
  const destructive = DESTRUCTIVE.has(k);

  // path parameters: malformed, and another workspace's
  for (const name of route.path.match(/:([a-z_]+)/g)?.map((m) => m.slice(1)) ?? []) {
    for (const [label, bad] of BAD_IDS) {
      // (the cases before may have created contacts whose external_id is "0" or "-1")
      out.push({ name: `${k}: ${name} ${label}`, method: route.method, path: path([name, bad]), body: valid, mustFail: name !== "external_id" });
    }
    out.push({ name: `${k}: ${name} of another workspace`, method: route.method, path: path([name, encodeURIComponent(paramValue(route, name, otherIds))]), body: valid, mustFail: true });
  }

  // query parameters: unknown ones, then those the route reads
  if (!destructive) out.push({ name: `${k}: an unknown query parameter`, method: route.method, path: path(undefined, [q, "zz=%7B%22a%22%3A%5B%5D%7D&zz=2"].filter(Boolean).join("&")), body: valid, mustFail: false });
  out.push({ name: `${k}: a NUL in an unknown query parameter`, method: route.method, path: path(undefined, [q, "zz=%00"].filter(Boolean).join("&")), body: valid, mustFail: true });
  const qs = route.schema.querystring?.properties ?? {};
  if ("per_page" in qs || "page" in qs || "starting_after" in qs) {
    for (const [label, bad, mustFail] of BAD_PAGING) {
      const param = bad.split("=")[0];
      if (!(param in qs)) continue;
      out.push({ name: `${k}: ${label}`, method: route.method, path: path(undefined, [q, bad].filter(Boolean).join("&")), body: valid, mustFail });
    }
  }
  for (const [name, s] of Object.entries<Schema>(qs)) {
    if (["per_page", "page", "starting_after"].includes(name)) continue;
    const types = acceptedTypes(s);
    for (const [label, v] of [["abc", "abc"], ["NUL", "%00"], ["long", "x".repeat(20_000)], ["1e308", "1e308"], ["invalid utf-8", "%FF"]] as const) {
      const mustFail = types !== "any" && !types.has("string") && label !== "1e308";
      out.push({ name: `${k}: ?${name}=${label}`, method: route.method, path: path(undefined, [q.replace(new RegExp(`(^|&)${name}=[^&]*`), ""), `${name}=${v}`].filter(Boolean).join("&")), body: valid, mustFail });
    }
  }

  if (!hasBody) return out;

  // the whole body
  const bodySchema = route.schema.body;
  const wholeBodies: Array<[string, Partial<Case>, boolean]> = [
    ["malformed JSON", { raw: '{"a": ' }, true],
    ["invalid UTF-8 bytes", { raw: new Uint8Array([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]) }, true],
    ["a NUL in an unknown field", { raw: '{"zz": ["a\\u0000"]}' }, true],
    ["text/plain", { raw: JSON.stringify(valid ?? {}), contentType: "text/plain" }, !!bodySchema],
    ["an array", { body: [valid ?? {}] }, !!bodySchema],
    ["a JSON string", { raw: '"hello"' }, !!bodySchema],
    ["a JSON number", { raw: "42" }, !!bodySchema],
    ["JSON true", { raw: "true" }, !!bodySchema],
    ["1e400", { raw: "1e400" }, !!bodySchema],
    ["deeply nested arrays", { raw: "[".repeat(5000) + "]".repeat(5000) }, !!bodySchema],
  ];
  for (const [label, c, mustFail] of wholeBodies) {
    if (destructive && !mustFail) continue;
    out.push({ name: `${k}: body is ${label}`, method: route.method, path: path(), ...c, mustFail });
  }

  // field by field
  const objects = objectSchemas(bodySchema);
  const props: Record<string, Schema> = Object.assign({}, ...objects.map((o) => o.properties ?? {}));
  const required = new Set(objects.flatMap((o) => o.required ?? []));
  const base = valid ?? {};
  for (const name of required) {
    const { [name]: _gone, ...rest } = base;
    out.push({ name: `${k}: missing ${name}`, method: route.method, path: path(), body: rest, mustFail: true });
  }
  if (!destructive) out.push({ name: `${k}: an unknown field`, method: route.method, path: path(), body: { ...base, zz_unknown: { deep: deep(20) } }, mustFail: false });
  const fields = new Set([...Object.keys(props), ...Object.keys(base)]);
  for (const name of fields) {
    const types = acceptedTypes(props[name]);
    const refusedTypes = new Set<JsonType>();
    for (const [label, v] of JUNK) {
      const wrongType = types !== "any" && !types.has(jsonType(v)) && !(jsonType(v) === "integer" && types.has("number"));
      if (destructive && !wrongType) continue;
      // the schema refuses a type as a whole: one value of each refused type is enough
      if (wrongType && refusedTypes.has(jsonType(v))) continue;
      if (wrongType) refusedTypes.add(jsonType(v));
      out.push({ name: `${k}: ${name} is ${label}`, method: route.method, path: path(), body: { ...base, [name]: v }, mustFail: wrongType });
    }
  }
  return out;
}

// ---------------------------------------------------------------- running them

const BATCH = 25;

/** Unique values ({n} in a valid body) so that a create is not refused as a duplicate of the case before. */
let counter = 0;

async function send(ws: TestWorkspace, c: Case): Promise<ApiResponse> {
  const n = String(++counter);
  if (c.raw === undefined) return ws.api(c.path, { method: c.method, body: c.body === undefined ? undefined : JSON.stringify(c.body).replaceAll("{n}", n) });
  const res = await fetch(srv.url + c.path, {
    method: c.method,
    headers: { Authorization: `Bearer ${ws.token}`, Accept: "application/json", "Content-Type": c.contentType ?? "application/json" },
    body: c.raw as BodyInit,
  });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, body, text };
}

function problem(c: Case, res: ApiResponse): string | null {
  const where = `${c.name} → ${res.status} ${res.text.slice(0, 300)}`;
  if (res.status >= 500) return `5xx: ${where}`;
  if (res.status >= 400) {
    const b = res.body;
    if (!b || b.type !== "error.list" || typeof b.request_id !== "string" || !Array.isArray(b.errors) || b.errors.length === 0) return `not an error.list: ${where}`;
    for (const e of b.errors) if (typeof e.code !== "string" || typeof e.message !== "string") return `malformed error item: ${where}`;
    return null;
  }
  if (c.mustFail) return `accepted bad input: ${where}`;
  if (res.text && res.body === undefined) return `non-JSON success body: ${where}`;
  return null;
}

/** The walk over every `shards`-th route from the `shard`-th (0-based), with a server and fixtures of its own. */
export function robustnessWalk(shard: number, shards: number) {
  beforeAll(async () => {
    srv = await startTestServer();
    other = await srv.newWorkspace("Other");
    const mine = await seed(srv.ws, "main");
    otherFx = await seed(other, "other");
    fx = { ids: mine.ids, bodies: validBodies(mine.ids), reads: mine.reads };
  }, 60_000);
  afterAll(async () => srv?.close());

  describe("robustness", () => {
    if (shard === 0) {
      it("covers every registered route", () => {
        const routes = ROUTES.filter((r) => !SKIPPED[key(r)]);
        expect(routes.length).toBeGreaterThan(50);
        for (const r of routes) {
          for (const name of r.path.match(/:([a-z_]+)/g)?.map((m) => m.slice(1)) ?? []) {
            expect(paramValue(r, name, fx.ids), `${key(r)} :${name}`).not.toMatch(/^missing-fixture/);
          }
        }
      });
    }

    for (const [i, route] of ROUTES.entries()) {
      if (SKIPPED[key(route)] || i % shards !== shard) continue;
      it(`${key(route)}: bad input is a 4xx error.list, and a refused write changes nothing`, async ({ signal }) => {
        const cases = casesFor(route, fx.ids, otherFx.ids);
        expect(cases.length).toBeGreaterThan(0);
        const isWrite = route.method !== "GET";
        const problems: string[] = [];
        const otherBefore = isWrite ? await snapshot(other, otherFx.reads) : null;
        // Reads are compared after every refused write; the writes that must fail are checked in runs of
        // BATCH (any change is then a bug of one of the run, all named), the others one by one.
        let before = isWrite ? await snapshot(srv.ws, fx.reads) : null;
        let run: string[] = [];
        const check = async (what: string) => {
          const after = await snapshot(srv.ws, fx.reads);
          for (const read of fx.reads) if (after[read] !== before![read]) problems.push(`partial state after ${what}: ${read} changed`);
          before = after;
          run = [];
        };
        for (const c of [...cases.filter((x) => x.mustFail), ...cases.filter((x) => !x.mustFail)]) {
          // a test that timed out stops sending: its writes would otherwise land in the next route's test
          if (signal.aborted) return;
          const res = await send(srv.ws, c);
          const p = problem(c, res);
          if (p) problems.push(p);
          if (!isWrite) continue;
          if (res.status < 400) {
            run = []; // unchecked, but a must-fail case accepted is reported already
            before = await snapshot(srv.ws, fx.reads);
          } else if (c.mustFail) {
            run.push(`${c.name} (${res.status})`);
            if (run.length >= BATCH) await check(run.join(" | "));
          } else {
            if (run.length) await check(run.join(" | "));
            await check(`${c.name} (${res.status})`);
          }
        }
        if (isWrite && run.length) await check(run.join(" | "));
        if (isWrite) {
          const otherAfter = await snapshot(other, otherFx.reads);
          for (const read of otherFx.reads) if (otherAfter[read] !== otherBefore![read]) problems.push(`the other workspace changed: ${read}`);
        }
        expect(problems).toEqual([]);
        // Generous: a route sends up to a few hundred requests, each write followed by reads; on a loaded
        // 2-core CI machine running two test files at once, the slowest took over 60 s (7 s when idle).
      }, 300_000);
    }
  });
}
