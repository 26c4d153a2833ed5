// POST /contacts/search, table-driven: every operator on every field type, with rows that match and rows
// that do not, nested groups, custom attributes, tags, companies, segments, limits and errors. The same
// table runs on SQLite and PostgreSQL (OPENCOM_TEST_STORE=postgres) with the same expectations.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";
import { contactRow, defineAttributes } from "./search-fixtures.js";

let srv: TestServer;
let W: TestWorkspace;
const id: Record<string, string> = {};
const keyOf = new Map<string, string>();
const tag: Record<string, string> = {};
const company: Record<string, string> = {};
const segment: Record<string, string> = {};

// America/New_York in January is UTC-5: local midnight of 2024-01-15 is 05:00 UTC.
const TZ = "America/New_York";
const JAN15 = 1705294800; // 2024-01-15 00:00 New York
const HOUR = 3600;
const DAY = 86400;
const T = {
  alice: JAN15 + 10 * HOUR, // Jan 15, 10:00 New York
  bob: JAN15 + HOUR / 2, // Jan 15, 00:30 New York
  carol: JAN15 - HOUR / 2, // Jan 14, 23:30 New York (Jan 15, 04:30 UTC)
  dave: JAN15 + DAY + 9 * HOUR, // Jan 16, 09:00 New York
  erin: 1704042000, // Dec 31 2023, 12:00 New York
};
const RENEWAL_ALICE = 1709294400; // 2024-03-01 12:00 UTC (07:00 New York)
const RENEWAL_ERIN = 1709251200; // 2024-03-01 00:00 UTC (Feb 29, 19:00 New York)

beforeAll(async () => {
  srv = await startTestServer();
  W = await srv.newWorkspace("search table");
  const db = srv.store.db;
  const ws = W.workspaceId;
  await db.updateTable("workspaces").set({ timezone: TZ }).where("id", "=", ws).execute();
  await defineAttributes(db, ws, { plan: "string", seats: "integer", score: "float", vip: "boolean", renewal: "date", tier: "options" });

  const rows = {
    alice: contactRow(ws, {
      created_at: T.alice, role: "user", email: "Alice@Example.com", name: "Alice Smith", external_id: "ext-A", phone: "+33 6 12 34 56 78",
      owner_id: W.adminId, location_country: "France", browser: "Chrome",
      custom_attributes: JSON.stringify({ plan: "pro", seats: 10, score: 4.5, vip: true, renewal: RENEWAL_ALICE, tier: "gold" }),
    }),
    bob: contactRow(ws, {
      created_at: T.bob, role: "user", email: "bob@sample.org", name: "Bob Jones", external_id: "ext-B", phone: "555-0100",
      unsubscribed_from_emails: 1, location_country: "Ireland", browser: "firefox", ios_device: "iPhone15,2",
      custom_attributes: JSON.stringify({ plan: "free", seats: 1, score: 2, vip: false }),
    }),
    carol: contactRow(ws, {
      created_at: T.carol, role: "lead", name: "carol", phone: "0044 20 7946 0958", android_sdk_version: "34",
      custom_attributes: JSON.stringify({ plan: "Pro", seats: 25 }),
    }),
    dave: contactRow(ws, {
      created_at: T.dave, role: "user", email: "dave@example.com", external_id: "EXT-a", has_hard_bounced: 1, last_seen_at: T.dave + 4 * DAY,
      // values of the wrong JSON type count as absent
      custom_attributes: JSON.stringify({ seats: "ten", plan: 5 }),
    }),
    erin: contactRow(ws, {
      created_at: T.erin, role: "lead", email: "erin@EXAMPLE.COM", name: "Érin Ünïcode", marked_email_as_spam: 1,
      custom_attributes: JSON.stringify({ renewal: RENEWAL_ERIN }),
    }),
    // never in any result: archived, and another workspace's contact with the same email as alice
    frank: contactRow(ws, { created_at: T.alice, role: "user", email: "frank@example.com", archived: 1 }),
  };
  await db.insertInto("contacts").values(Object.values(rows)).execute();
  for (const [k, r] of Object.entries(rows)) {
    id[k] = r.id;
    keyOf.set(r.id, k);
  }
  const other = await srv.newWorkspace("elsewhere");
  const gina = contactRow(other.workspaceId, { created_at: T.alice, email: "alice@example.com", name: "Alice Smith" });
  await db.insertInto("contacts").values(gina).execute();
  keyOf.set(gina.id, "gina");

  const now = Math.floor(Date.now() / 1000);
  for (const name of ["t1", "t2"]) {
    const t = await db.insertInto("tags").values({ workspace_id: ws, name, created_at: now }).returning("id").executeTakeFirstOrThrow();
    tag[name] = String(t.id);
  }
  const otherTag = await db.insertInto("tags").values({ workspace_id: other.workspaceId, name: "t1", created_at: now }).returning("id").executeTakeFirstOrThrow();
  tag.other = String(otherTag.id);
  const links: Array<[string, string]> = [["alice", "t1"], ["bob", "t1"], ["alice", "t2"], ["erin", "t2"], ["frank", "t1"]];
  await db.insertInto("contact_tags").values(links.map(([c, t]) => ({ workspace_id: ws, contact_id: id[c], tag_id: Number(tag[t]), admin_id: null, created_at: now }))).execute();
  await db.insertInto("contact_tags").values({ workspace_id: other.workspaceId, contact_id: gina.id, tag_id: Number(tag.other), admin_id: null, created_at: now }).execute();

  for (const [key, companyId, name] of [["acme", "acme-1", "Acme Inc"], ["globex", "globex-1", "Globex Corp"]]) {
    const row = { id: `c0ffee${key.padEnd(18, "0")}`.slice(0, 24), workspace_id: ws, company_id: companyId, name, plan: null, size: null, website: null, industry: null, monthly_spend: null, session_count: 0, user_count: 0, remote_created_at: null, last_request_at: null, custom_attributes: "{}", created_at: now, updated_at: now };
    await db.insertInto("companies").values(row as never).execute();
    company[key] = row.id;
  }
  const members: Array<[string, string]> = [["alice", "acme"], ["erin", "acme"], ["dave", "globex"], ["erin", "globex"]];
  await db.insertInto("contact_companies").values(members.map(([c, co]) => ({ workspace_id: ws, contact_id: id[c], company_id: company[co], created_at: now }))).execute();

  const segs: Array<[string, string, unknown]> = [
    ["pro", "user", { field: "custom_attributes.plan", operator: "=", value: "pro" }],
    ["nested", "contact", { operator: "OR", value: [{ field: "segment_id", operator: "=", value: "SEG:pro" }, { field: "email_domain", operator: "=", value: "sample.org" }] }],
    ["leads", "lead", null],
    ["cycleA", "contact", { field: "segment_id", operator: "=", value: "SEG:cycleB" }],
    ["cycleB", "contact", { field: "segment_id", operator: "=", value: "SEG:cycleA" }],
  ];
  for (const [key] of segs) segment[key] = `5e9${key.toLowerCase().padEnd(21, "0")}`.slice(0, 24);
  const withIds = (q: unknown) => (q === null ? null : JSON.stringify(q).replace(/SEG:(\w+)/g, (_, k: string) => segment[k]));
  await db
    .insertInto("segments")
    .values(segs.map(([key, personType, q]) => ({ id: segment[key], workspace_id: ws, name: key, person_type: personType, query: withIds(q), created_at: now, updated_at: now })))
    .execute();
});
afterAll(async () => srv?.close());

const ALL = ["alice", "bob", "carol", "dave", "erin"];
const except = (...keys: string[]) => ALL.filter((k) => !keys.includes(k));

/** Fills in ids named `@alice`, `#t1` (`!t1`: as a number), `%acme`, `$pro` inside a query. */
function resolve(q: unknown): unknown {
  return JSON.parse(
    JSON.stringify(q).replace(/"([@#!%$])(\w+)"/g, (_, sigil: string, k: string) => {
      if (sigil === "!") return tag[k] ?? "null";
      const v = sigil === "@" ? id[k] : sigil === "#" ? tag[k] : sigil === "%" ? company[k] : segment[k];
      return JSON.stringify(v ?? k);
    }),
  );
}

async function search(query: unknown, version = "2.14", ws: TestWorkspace = W) {
  const res = await ws.api("/contacts/search", { body: { query: resolve(query), pagination: { per_page: 150 } }, version });
  if (res.status !== 200) throw new Error(`search ${JSON.stringify(query)} (${version}) → ${res.status} ${res.text}`);
  expect(res.body.type).toBe("list");
  expect(res.body.total_count).toBe(res.body.data.length);
  return (res.body.data as Array<{ id: string }>).map((c) => keyOf.get(c.id) ?? c.id).sort();
}

const f = (field: string, operator: string, value: unknown) => ({ field, operator, value });

type Case = [string, unknown, string[], string?];

const cases: Record<string, Case[]> = {
  "strings (ASCII case-insensitive)": [
    ["= folds case", f("email", "=", "ALICE@example.COM"), ["alice"]],
    ["= exact text", f("email", "=", "bob@sample.org"), ["bob"]],
    ["!= also matches contacts without a value", f("email", "!=", "alice@example.com"), ["bob", "carol", "dave", "erin"]],
    ["IN", f("email", "IN", ["bob@sample.org", "DAVE@example.com", "nobody@example.com"]), ["bob", "dave"]],
    ["NIN", f("email", "NIN", ["bob@sample.org", "dave@example.com"]), ["alice", "carol", "erin"]],
    ["~ contains", f("email", "~", "EXAMPLE"), ["alice", "dave", "erin"]],
    ["!~ does not contain", f("email", "!~", "example"), ["bob", "carol"]],
    ["^ starts with", f("email", "^", "Erin@"), ["erin"]],
    ["^ with LIKE wildcards is literal", f("email", "^", "a%"), []],
    ["$ ends with", f("email", "$", ".COM"), ["alice", "dave", "erin"]],
    ["= null", f("email", "=", null), ["carol"]],
    ["!= null", f("email", "!=", null), ["alice", "bob", "dave", "erin"]],
    ["name ~", f("name", "~", "SMITH"), ["alice"]],
    ["name $", f("name", "$", "jones"), ["bob"]],
    ["non-ASCII letters match as written", f("name", "~", "Ünï"), ["erin"]],
    ["non-ASCII letters are not case-folded", f("name", "~", "ÜNÏ"), []],
    ["email_domain =", f("email_domain", "=", "Example.com"), ["alice", "dave", "erin"]],
    ["email_domain !=", f("email_domain", "!=", "example.com"), ["bob", "carol"]],
    ["phone ~", f("phone", "~", "7946"), ["carol"]],
    ["location.country =", f("location.country", "=", "france"), ["alice"]],
    ["location.country NIN", f("location.country", "NIN", ["France"]), ["bob", "carol", "dave", "erin"]],
    ["browser ^", f("browser", "^", "chr"), ["alice"]],
    ["ios_app_device reads ios_device", f("ios_app_device", "~", "iphone"), ["bob"]],
    ["andoid_sdk_version (as the contract spells it)", f("andoid_sdk_version", "=", "34"), ["carol"]],
    ["a number is accepted as text", f("android_sdk_version", "=", 34), ["carol"]],
  ],
  "identifiers (exact)": [
    ["id =", f("id", "=", "@alice"), ["alice"]],
    ["id IN", f("id", "IN", ["@alice", "@erin", "@frank"]), ["alice", "erin"]],
    ["external_id = is case-sensitive", f("external_id", "=", "ext-A"), ["alice"]],
    ["external_id = other case", f("external_id", "=", "EXT-A"), []],
    ["external_id ~ is case-sensitive", f("external_id", "~", "ext"), ["alice", "bob"]],
    ["external_id ^", f("external_id", "^", "EXT"), ["dave"]],
    ["external_id = null", f("external_id", "=", null), ["carol", "erin"]],
    ["role =", f("role", "=", "lead"), ["carol", "erin"]],
    ["role NIN", f("role", "NIN", ["lead"]), ["alice", "bob", "dave"]],
  ],
  integers: [
    ["owner_id =", f("owner_id", "=", "OWNER"), ["alice"]],
    ["owner_id != null", f("owner_id", "!=", null), ["alice"]],
    ["custom = (number)", f("custom_attributes.seats", "=", 10), ["alice"]],
    ["custom = (numeric string)", f("custom_attributes.seats", "=", "10"), ["alice"]],
    ["custom !=", f("custom_attributes.seats", "!=", 10), ["bob", "carol", "dave", "erin"]],
    ["custom >", f("custom_attributes.seats", ">", 5), ["alice", "carol"]],
    ["custom <", f("custom_attributes.seats", "<", 10), ["bob"]],
    ["custom >=", f("custom_attributes.seats", ">=", 10), ["alice", "carol"]],
    ["custom <=", f("custom_attributes.seats", "<=", 10), ["alice", "bob"]],
    ["custom IN", f("custom_attributes.seats", "IN", [1, "25"]), ["bob", "carol"]],
    ["custom NIN", f("custom_attributes.seats", "NIN", [1, 25]), ["alice", "dave", "erin"]],
    ["a value of another JSON type is absent", f("custom_attributes.seats", "=", null), ["dave", "erin"]],
  ],
  floats: [
    ["float >", f("custom_attributes.score", ">", 4), ["alice"]],
    ["float = with a fraction", f("custom_attributes.score", "=", 4.5), ["alice"]],
    ["float <= an integer value", f("custom_attributes.score", "<=", 2), ["bob"]],
  ],
  booleans: [
    ["= true", f("unsubscribed_from_emails", "=", true), ["bob"]],
    ["= false", f("unsubscribed_from_emails", "=", false), ["alice", "carol", "dave", "erin"]],
    ["!= true", f("has_hard_bounced", "!=", true), ["alice", "bob", "carol", "erin"]],
    ["= \"true\" (string)", f("marked_email_as_spam", "=", "true"), ["erin"]],
    ["IN", f("has_hard_bounced", "IN", ["true"]), ["dave"]],
    ["custom = true", f("custom_attributes.vip", "=", true), ["alice"]],
    ["custom = false", f("custom_attributes.vip", "=", false), ["bob"]],
    ["custom != true (absent values included)", f("custom_attributes.vip", "!=", true), ["bob", "carol", "dave", "erin"]],
  ],
  "dates (calendar days of the workspace's timezone)": [
    ["= midnight: the whole day", f("created_at", "=", JAN15), ["alice", "bob"]],
    ["= any instant of the day: the same day", f("created_at", "=", String(T.alice)), ["alice", "bob"]],
    ["> starts the next day", f("created_at", ">", T.bob), ["dave"]],
    ["< ends before the day", f("created_at", "<", T.alice), ["carol", "erin"]],
    ["updated_at =", f("updated_at", "=", T.dave), ["dave"]],
    ["last_seen_at = null", f("last_seen_at", "=", null), ["alice", "bob", "carol", "erin"]],
    ["last_seen_at >", f("last_seen_at", ">", T.dave), ["dave"]],
    ["custom date = (New York day of Mar 1)", f("custom_attributes.renewal", "=", RENEWAL_ALICE), ["alice"]],
    ["custom date < (before Mar 1 in New York)", f("custom_attributes.renewal", "<", RENEWAL_ALICE), ["erin"]],
  ],
  "tags, companies, segments": [
    ["tag_id =", f("tag_id", "=", "#t1"), ["alice", "bob"]],
    ["tag_id = (number)", f("tag_id", "=", "!t2"), ["alice", "erin"]],
    ["tag_id !=", f("tag_id", "!=", "#t1"), ["carol", "dave", "erin"]],
    ["tag_id = another workspace's tag", f("tag_id", "=", "#other"), []],
    ["tag_id = unknown", f("tag_id", "=", "999999"), []],
    ["tag_id = not a number", f("tag_id", "=", "abc"), []],
    ["tag_id = null: no tags", f("tag_id", "=", null), ["carol", "dave"]],
    ["companies.id =", f("companies.id", "=", "%acme"), ["alice", "erin"]],
    ["companies.company_id NIN", f("companies.company_id", "NIN", ["acme-1"]), ["bob", "carol", "dave"]],
    ["companies.name ~", f("companies.name", "~", "GLOB"), ["dave", "erin"]],
    ["segment_id = (query + person type)", f("segment_id", "=", "$pro"), ["alice"]],
    ["segment_id = (a segment of segments)", f("segment_id", "=", "$nested"), ["alice", "bob"]],
    ["segment_id = (person type only)", f("segment_id", "=", "$leads"), ["carol", "erin"]],
    ["segment_id !=", f("segment_id", "!=", "$nested"), ["carol", "dave", "erin"]],
    ["segment_id IN", f("segment_id", "IN", ["$pro", "$leads"]), ["alice", "carol", "erin"]],
    ["segment_id NIN", f("segment_id", "NIN", ["$pro", "$leads"]), ["bob", "dave"]],
    ["segment_id = unknown", f("segment_id", "=", "000000000000000000000000"), []],
  ],
  "nested groups": [
    ["AND of ORs", { operator: "AND", value: [{ operator: "OR", value: [f("role", "=", "lead"), f("email", "~", "sample")] }, { operator: "OR", value: [f("created_at", "<", JAN15), f("tag_id", "=", "#t1")] }] }, ["bob", "carol", "erin"]],
    ["OR of ANDs", { operator: "OR", value: [{ operator: "AND", value: [f("role", "=", "user"), f("custom_attributes.seats", ">", 5)] }, { operator: "AND", value: [f("role", "=", "lead"), f("email", "=", null)] }] }, ["alice", "carol"]],
    ["filters and groups side by side", { operator: "AND", value: [f("role", "=", "user"), { operator: "OR", value: [f("tag_id", "=", "#t2"), f("has_hard_bounced", "=", true)] }] }, ["alice", "dave"]],
    ["single-filter group", { operator: "OR", value: [f("name", "=", "carol")] }, ["carol"]],
    ["15 filters in a group", { operator: "OR", value: Array.from({ length: 15 }, (_, i) => f("custom_attributes.seats", "=", i)) }, ["bob", "alice"].sort()],
    ["contradiction", { operator: "AND", value: [f("role", "=", "lead"), f("role", "=", "user")] }, []],
  ],
};

describe("contacts search, table-driven", () => {
  for (const [group, rows] of Object.entries(cases)) {
    describe(group, () => {
      for (const [name, query, expected] of rows) {
        it(name, async () => {
          const q = JSON.parse(JSON.stringify(query).replace('"OWNER"', String(W.adminId)));
          expect(await search(q)).toEqual([...expected].sort());
        });
      }
    });
  }
});

describe("versions", () => {
  it("2.7 answers the same results, shaped for 2.7", async () => {
    expect(await search(f("email", "~", "example"), "2.7")).toEqual(["alice", "dave", "erin"]);
    expect(await search({ operator: "AND", value: [f("created_at", "=", JAN15), f("tag_id", "=", "#t1")] }, "2.7")).toEqual(["alice", "bob"]);
  });

  it("Unstable matches standard timestamps on the exact second", async () => {
    expect(await search(f("created_at", "=", T.alice), "Unstable")).toEqual(["alice"]);
    expect(await search(f("created_at", ">=", T.alice), "Unstable")).toEqual(["alice", "dave"]);
    expect(await search(f("created_at", ">", T.alice), "Unstable")).toEqual(["dave"]);
    expect(await search(f("created_at", "<=", T.bob), "Unstable")).toEqual(["bob", "carol", "erin"]);
    expect(await search(f("created_at", "!=", T.alice), "Unstable")).toEqual(except("alice"));
    expect(await search(f("last_seen_at", "!=", T.dave), "Unstable")).toEqual(except());
    expectErrorList(await W.api("/contacts/search", { body: { query: f("created_at", "IN", [T.alice]) }, version: "Unstable" }), 400, "parameter_invalid");
  });

  it("Unstable matches date custom attributes by UTC day", async () => {
    // Mar 1 UTC holds both renewals; the workspace's New York day holds only alice's
    expect(await search(f("custom_attributes.renewal", "=", RENEWAL_ALICE), "Unstable")).toEqual(["alice", "erin"]);
    expect(await search(f("custom_attributes.renewal", "=", RENEWAL_ALICE), "2.14")).toEqual(["alice"]);
  });

  it("2.16 searches formatted_phone; earlier versions do not know it", async () => {
    expect(await search(f("formatted_phone", "=", "+33612345678"), "2.16")).toEqual(["alice"]);
    expect(await search(f("formatted_phone", "^", "+44"), "2.16")).toEqual(["carol"]);
    expect(await search(f("formatted_phone", "=", null), "2.16")).toEqual(["bob", "dave", "erin"]);
    expectErrorList(await W.api("/contacts/search", { body: { query: f("formatted_phone", "=", "+33612345678") }, version: "2.14" }), 400, "invalid_field");
  });
});

describe("day boundaries follow the workspace's timezone", () => {
  it("a UTC workspace puts carol (04:30 UTC) on Jan 15", async () => {
    await srv.store.db.updateTable("workspaces").set({ timezone: "UTC" }).where("id", "=", W.workspaceId).execute();
    try {
      expect(await search(f("created_at", "=", JAN15))).toEqual(["alice", "bob", "carol"]);
      expect(await search(f("custom_attributes.renewal", "=", RENEWAL_ALICE))).toEqual(["alice", "erin"]);
    } finally {
      await srv.store.db.updateTable("workspaces").set({ timezone: TZ }).where("id", "=", W.workspaceId).execute();
    }
  });

  it("a Tokyo workspace (UTC+9) puts bob and carol on Jan 15 and alice on Jan 16", async () => {
    await srv.store.db.updateTable("workspaces").set({ timezone: "Asia/Tokyo" }).where("id", "=", W.workspaceId).execute();
    try {
      // Jan 15 in Tokyo is [Jan 14 15:00 UTC, Jan 15 15:00 UTC): bob 05:30 UTC, carol 04:30 UTC; alice 15:00 UTC is Jan 16
      expect(await search(f("created_at", "=", JAN15))).toEqual(["bob", "carol"]);
      expect(await search(f("created_at", ">", JAN15))).toEqual(["alice", "dave"]);
    } finally {
      await srv.store.db.updateTable("workspaces").set({ timezone: TZ }).where("id", "=", W.workspaceId).execute();
    }
  });
});

describe("limits and errors", () => {
  const bad = async (body: unknown, code: string, field?: string, version = "2.14") => {
    const err = expectErrorList(await W.api("/contacts/search", { body: resolve(body), version }), 400, code);
    if (field) expect(err.field).toBe(field);
    expect(err.message.length).toBeGreaterThan(5);
    return err;
  };
  const q = (query: unknown) => ({ query });

  it("groups nest at most 2 levels", async () => {
    await bad(q({ operator: "AND", value: [{ operator: "OR", value: [{ operator: "AND", value: [f("role", "=", "user")] }] }] }), "parameter_invalid", "query.value[0].value[0]");
  });
  it("a group holds at most 15 filters", async () => {
    const err = await bad(q({ operator: "OR", value: Array.from({ length: 16 }, () => f("role", "=", "user")) }), "parameter_invalid", "query.value");
    expect(err.message).toContain("15");
  });
  it("an empty group or a group without an array", async () => {
    await bad(q({ operator: "AND", value: [] }), "parameter_invalid", "query.value");
    await bad(q({ operator: "OR", value: f("role", "=", "user") }), "parameter_invalid", "query.value");
  });
  it("unknown fields name the field", async () => {
    const err = await bad(q(f("favourite_colour", "=", "red")), "invalid_field", "query.field");
    expect(err.message).toContain("favourite_colour");
    await bad(q(f("custom_attributes.nope", "=", "x")), "invalid_field", "query.field");
    await bad(q({ operator: "AND", value: [f("role", "=", "user"), f("location", "=", "x")] }), "invalid_field", "query.value[1].field");
  });
  it("unknown operators", async () => {
    await bad(q(f("email", "LIKE", "x")), "parameter_invalid", "query.operator");
    await bad(q({ field: "email", operator: 1, value: "x" }), "parameter_invalid", "query.operator");
  });
  it("operators a type does not accept", async () => {
    for (const [field, op, value] of [
      ["created_at", "!=", JAN15], ["created_at", ">=", JAN15], ["created_at", "<=", JAN15], ["created_at", "IN", [JAN15]], ["created_at", "NIN", [JAN15]],
      ["custom_attributes.renewal", "!=", JAN15], ["email", ">", "a"], ["name", "<=", "a"], ["owner_id", "~", 1], ["custom_attributes.seats", "^", 1],
      ["unsubscribed_from_emails", ">", true], ["custom_attributes.vip", "~", "t"], ["tag_id", "IN", ["1"]], ["tag_id", "~", "1"], ["segment_id", "~", "x"],
    ] as Array<[string, string, unknown]>) {
      const err = await bad(q(f(field, op, value)), "parameter_invalid", "query.operator");
      expect(err.message).toContain(field);
    }
  });
  it("values of the wrong type", async () => {
    for (const [field, op, value] of [
      ["created_at", ">", "foorbar"], ["created_at", "=", 1.5], ["created_at", "=", true], ["custom_attributes.seats", "=", "ten"], ["custom_attributes.seats", "=", 1.5],
      ["custom_attributes.score", ">", "high"], ["custom_attributes.vip", "=", "yes"], ["has_hard_bounced", "=", 1], ["email", "=", true], ["email", "=", { a: 1 }],
      ["role", "=", "admin"], ["role", "IN", ["user", "visitor"]], ["email", "=", ["a@b.c"]], ["email", "IN", "a@b.c"], ["email", "IN", [null]],
      ["email", "~", null], ["created_at", "<", null], ["segment_id", "=", null], ["created_at", "=", 1e20],
    ] as Array<[string, string, unknown]>) {
      const err = await bad(q(f(field, op, value)), "parameter_invalid");
      expect(err.field, `${field} ${op} ${JSON.stringify(value)}`).toMatch(/^query\.value/);
    }
  });
  it("a filter without value searches for null (SDKs that drop null properties send it so)", async () => {
    expect(await search({ field: "email", operator: "=" })).toEqual(await search(f("email", "=", null)));
    expect(await search({ field: "email", operator: "!=" })).toEqual(await search(f("email", "!=", null)));
  });
  it("missing parts of a filter", async () => {
    await bad(q({ operator: "=", value: "x" }), "parameter_not_found", "query.field");
    await bad(q({ field: "email", value: "x" }), "parameter_not_found", "query.operator");
    await bad({ pagination: { per_page: 5 } }, "parameter_not_found", "query");
    await bad(q("email = x"), "parameter_invalid", "query");
    await bad(q([f("email", "=", "x")]), "parameter_invalid", "query");
  });
  it("segments referring to themselves", async () => {
    const err = await bad(q(f("segment_id", "=", "$cycleA")), "parameter_invalid");
    expect(err.message).toContain("refers to itself");
  });
  it("too many values in all", async () => {
    await bad(q(f("email", "IN", Array.from({ length: 5001 }, (_, i) => `u${i}@x.io`))), "parameter_invalid");
  });
  it("sort order and field", async () => {
    const err = await bad({ query: f("role", "=", "user"), sort: { field: "name", order: "desc" } }, "invalid_sort_order", "sort.order");
    expect(err.message).toBe("Invalid sort order 'desc'. Must be one of: ascending, descending");
    await bad({ query: f("role", "=", "user"), sort: { field: "tag_id", order: "ascending" } }, "invalid_field", "sort.field");
    await bad({ query: f("role", "=", "user"), sort: { field: "shoe_size" } }, "invalid_field", "sort.field");
    await bad({ query: f("role", "=", "user"), sort: "name" }, "parameter_invalid", "sort");
  });
  it("pagination", async () => {
    await bad({ query: f("role", "=", "user"), pagination: { per_page: 0 } }, "parameter_invalid", "per_page");
    await bad({ query: f("role", "=", "user"), pagination: { per_page: 151 } }, "parameter_invalid", "per_page");
    await bad({ query: f("role", "=", "user"), pagination: { per_page: "5" } }, "parameter_invalid");
    await bad({ query: f("role", "=", "user"), pagination: { starting_after: "not-a-cursor" } }, "parameter_invalid", "starting_after");
  });
  it("never answers 500 to odd input", async () => {
    const odd: unknown[] = [
      { query: f("email", "~", "%_\\'\"; drop table contacts; --") },
      { query: f("custom_attributes.plan", "=", "\u0000") },
      { query: f("name", "~", "a\u0000b") },
      { query: f("name", "^", "\u{10FFFF}") },
      { query: f("email", "^", "") },
      { query: f("email", "$", "") },
      { query: f("id", "=", 12) },
      { query: { operator: "and", value: [f("role", "=", "user")] } },
      { query: null },
      { query: {} },
      { query: f("email", "IN", []) },
      { query: f("email", "NIN", []) },
    ];
    for (const body of odd) {
      const res = await W.api("/contacts/search", { body });
      expect(res.status, JSON.stringify(body)).toBeLessThan(500);
      if (res.status !== 200) expectErrorList(res, 400);
    }
    expect(await search(f("email", "IN", []))).toEqual([]);
    expect(await search(f("email", "NIN", []))).toEqual(ALL);
    expect(await search(f("email", "^", ""))).toEqual(["alice", "bob", "dave", "erin"]);
  });
});

describe("results", () => {
  it("exclude archived contacts and other workspaces", async () => {
    expect(await search(f("email", "~", "@"))).toEqual(["alice", "bob", "dave", "erin"]);
    expect(await search(f("tag_id", "=", "#t1"))).not.toContain("frank");
    const other = await srv.newWorkspace("nobody home");
    expect(await search(f("email", "=", "alice@example.com"), "2.14", other)).toEqual([]);
  });

  it("are full contact objects with the search envelope", async () => {
    const res = await W.api("/contacts/search", { body: { query: f("email", "=", "alice@example.com") } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ type: "list", total_count: 1, pages: { type: "pages", page: 1, per_page: 50, total_pages: 1 } });
    const alice = res.body.data[0];
    expect(alice).toMatchObject({ type: "contact", id: id.alice, email: "Alice@Example.com", role: "user", external_id: "ext-A" });
    expect(alice.custom_attributes).toMatchObject({ plan: "pro", seats: 10 });
    expect(alice.tags.data.map((t: { id: string }) => t.id).sort()).toEqual([tag.t1, tag.t2].sort());
    expect(res.body.pages.next).toBeUndefined();
  });

  it("sort on any scalar field, both ways, NULLs first ascending", async () => {
    const order = async (sort: unknown) => {
      const res = await W.api("/contacts/search", { body: { query: f("role", "IN", ["user", "lead"]), sort } });
      expect(res.status).toBe(200);
      return res.body.data.map((c: { id: string }) => keyOf.get(c.id));
    };
    expect(await order({ field: "created_at", order: "ascending" })).toEqual(["erin", "carol", "bob", "alice", "dave"]);
    expect(await order({ field: "created_at" })).toEqual(["dave", "alice", "bob", "carol", "erin"]);
    expect(await order(undefined)).toEqual(["dave", "alice", "bob", "carol", "erin"]);
    // names sort case-insensitively (ASCII), byte order otherwise; dave has none
    expect(await order({ field: "name", order: "ascending" })).toEqual(["dave", "alice", "bob", "carol", "erin"]);
    expect(await order({ field: "name", order: "descending" })).toEqual(["erin", "carol", "bob", "alice", "dave"]);
    expect(await order({ field: "custom_attributes.seats", order: "descending" })).toEqual(["carol", "alice", "bob", expect.any(String), expect.any(String)]);
  });
});
