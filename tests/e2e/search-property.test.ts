// Property: for random queries over random contacts, the rows the SQL translation selects (on the store
// under test: SQLite, or PostgreSQL with OPENCOM_TEST_STORE=postgres) are exactly the rows the in-memory
// evaluator accepts; and a random sort, paged with random page sizes, yields the in-memory order.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";
import type { Ctx } from "../../src/platform/http.js";
import { serviceCtx } from "../../src/platform/http.js";
import type { Workspace } from "../../src/platform/auth.js";
import { contactSearchModel, contactsWhere, searchContacts, type ContactSearchRow } from "../../src/resources/contacts/search.js";
import { evaluate, foldAscii, parseSearchQuery, type ScalarField } from "../../src/search/index.js";
import { contactRow, defineAttributes } from "./search-fixtures.js";

let srv: TestServer;
let W: TestWorkspace;
let wsRow: Workspace;
const tagIds: number[] = [];
const companyIds: string[] = [];
const SEGMENT = "5e9000000000000000000001";
const usingPg = process.env.OPENCOM_TEST_STORE === "postgres";

beforeAll(async () => {
  srv = await startTestServer();
  W = await srv.newWorkspace("property");
  const db = srv.store.db;
  await defineAttributes(db, W.workspaceId, { plan: "string", seats: "integer", score: "float", vip: "boolean", renewal: "date" });
  const now = 1700000000;
  for (const name of ["red", "green", "blue"]) {
    const t = await db.insertInto("tags").values({ workspace_id: W.workspaceId, name, created_at: now }).returning("id").executeTakeFirstOrThrow();
    tagIds.push(Number(t.id));
  }
  for (const [i, name] of ["Acme", "acme labs", "Globex"].entries()) {
    const id = `c0ffee00000000000000000${i}`;
    await db
      .insertInto("companies")
      .values({ id, workspace_id: W.workspaceId, company_id: `co-${i}`, name, plan: null, size: null, website: null, industry: null, monthly_spend: null, session_count: 0, user_count: 0, remote_created_at: null, last_request_at: null, custom_attributes: "{}", created_at: now, updated_at: now } as never)
      .execute();
    companyIds.push(id);
  }
  await db.insertInto("segments").values({ id: SEGMENT, workspace_id: W.workspaceId, name: "s", person_type: "contact", query: null, created_at: now, updated_at: now }).execute();
  const row = await db.selectFrom("workspaces").selectAll().where("id", "=", W.workspaceId).executeTakeFirstOrThrow();
  wsRow = { ...row, token_admin_id: null };
});
afterAll(async () => srv?.close());

// ---------------------------------------------------------------- data

const TEXT = ["a", "A", "ab", "Ab", "aB", "b", "ba", "é", "É", "a%", "_", "", " ", "x@y.com", "X@Y.com", "z@q.org", "bob@y.COM", "ab@", "@b"];
const BASE = 1705294800; // 2024-01-15 05:00 UTC
const HOURS = fc.integer({ min: -60, max: 60 }).map((h) => BASE + h * 3600 + 1234);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null, freq: 3 });

const custom = fc.record(
  {
    plan: fc.oneof(fc.constantFrom(...TEXT), fc.integer({ min: 0, max: 2 })), // sometimes the wrong JSON type
    seats: fc.oneof(fc.integer({ min: -3, max: 6 }), fc.constant("3")),
    score: fc.constantFrom(0, 0.5, 1.5, 2, -1),
    vip: fc.oneof(fc.boolean(), fc.constant("true")),
    renewal: HOURS,
  },
  { requiredKeys: [] },
);

const contactArb = fc.record({
  role: fc.constantFrom("user", "lead"),
  email: maybe(fc.constantFrom(...TEXT)),
  name: maybe(fc.constantFrom(...TEXT)),
  external_id: maybe(fc.constantFrom(...TEXT)),
  phone: maybe(fc.constantFrom("+33 6 12 34 56 78", "0044 20 7946 0958", "555-0100", "+1 (555) 010.0000", "+12")),
  location_country: maybe(fc.constantFrom("France", "france", "Ireland")),
  has_hard_bounced: fc.constantFrom(0, 1),
  unsubscribed_from_emails: fc.constantFrom(0, 1),
  archived: fc.constantFrom(0, 0, 0, 1),
  created_at: HOURS,
  last_seen_at: maybe(HOURS),
  owner_id: maybe(fc.constantFrom(1, 2)),
  custom,
  tags: fc.subarray([0, 1, 2]),
  companies: fc.subarray([0, 1, 2]),
});

// ---------------------------------------------------------------- queries

const leaf = (version: string): fc.Arbitrary<unknown> => {
  const text = fc.constantFrom(...TEXT);
  const f = (field: fc.Arbitrary<string>, op: fc.Arbitrary<string>, value: fc.Arbitrary<unknown>) => fc.record({ field, operator: op, value });
  const strField = fc.constantFrom("email", "name", "external_id", "phone", "email_domain", "location.country", "custom_attributes.plan", "companies.name");
  const numField = fc.constantFrom("custom_attributes.seats", "custom_attributes.score", "owner_id");
  const boolField = fc.constantFrom("has_hard_bounced", "unsubscribed_from_emails", "custom_attributes.vip");
  const dateField = fc.constantFrom("created_at", "last_seen_at", "custom_attributes.renewal");
  const num = fc.constantFrom(-3, -1, 0, 1, 2, 3, 6, 0.5, 1.5, "2");
  const stamp = HOURS;
  const datetimeOps = version === "Unstable" ? ["=", "!=", "<", ">", "<=", ">="] : ["=", "<", ">"];
  return fc.oneof(
    f(strField, fc.constantFrom("=", "!=", "~", "!~", "^", "$"), text),
    f(strField, fc.constantFrom("=", "!="), fc.constant(null)),
    f(strField, fc.constantFrom("IN", "NIN"), fc.array(text, { maxLength: 3 })),
    f(fc.constant("role"), fc.constantFrom("=", "!=", "IN", "NIN"), fc.constantFrom("user", "lead")).map((x) => (x.operator === "IN" || x.operator === "NIN" ? { ...x, value: [x.value] } : x)),
    f(numField, fc.constantFrom("=", "!=", "<", ">", "<=", ">="), num).filter((x) => x.field !== "owner_id" || Number.isInteger(Number(x.value))).filter((x) => !(x.field === "custom_attributes.seats" && !Number.isInteger(Number(x.value)))),
    f(fc.constantFrom("custom_attributes.seats", "owner_id"), fc.constantFrom("IN", "NIN"), fc.array(fc.integer({ min: -3, max: 6 }), { maxLength: 3 })),
    f(numField, fc.constantFrom("=", "!="), fc.constant(null)),
    f(boolField, fc.constantFrom("=", "!="), fc.oneof(fc.boolean(), fc.constant(null))),
    f(boolField, fc.constantFrom("IN", "NIN"), fc.array(fc.boolean(), { maxLength: 2 })),
    f(dateField, fc.constantFrom(...datetimeOps), stamp).map((x) => (x.field === "custom_attributes.renewal" && !["=", "<", ">"].includes(x.operator) ? { ...x, operator: "=" } : x)),
    f(dateField, fc.constant("="), fc.constant(null)),
    f(fc.constant("tag_id"), fc.constantFrom("=", "!="), fc.oneof(fc.constantFrom(0, 1, 2, 3).map((i) => String(tagIds[i] ?? 999999)), fc.constant(null))),
    f(fc.constant("companies.id"), fc.constantFrom("=", "!=", "IN", "NIN"), fc.constantFrom(0, 1, 2).map((i) => companyIds[i])).map((x) => (x.operator === "IN" || x.operator === "NIN" ? { ...x, value: [x.value] } : x)),
    f(fc.constant("segment_id"), fc.constantFrom("=", "!="), fc.constantFrom(SEGMENT, "000000000000000000000000")),
  );
};

const queryArb = (version: string): fc.Arbitrary<unknown> => {
  const l = leaf(version);
  const group = (inner: fc.Arbitrary<unknown>) => fc.record({ operator: fc.constantFrom("AND", "OR"), value: fc.array(inner, { minLength: 1, maxLength: 4 }) });
  return fc.oneof({ weight: 1, arbitrary: l }, { weight: 2, arbitrary: group(l) }, { weight: 3, arbitrary: group(fc.oneof(l, group(l))) });
};

const caseArb = fc
  .record({
    version: fc.constantFrom("2.14", "2.7", "Unstable"),
    timezone: fc.constantFrom("UTC", "America/New_York", "Asia/Kolkata", "Pacific/Chatham", "America/Santiago"),
    contacts: fc.array(contactArb, { minLength: 3, maxLength: 20 }),
    segment: fc.record({ person_type: fc.constantFrom("user", "lead", "contact"), query: fc.option(leaf("2.14").filter((x) => (x as { field: string }).field !== "segment_id"), { nil: null }) }),
  })
  .chain((base) => fc.record({ query: queryArb(base.version), sort: fc.option(fc.record({ field: fc.constantFrom("created_at", "name", "email", "last_seen_at", "custom_attributes.seats", "custom_attributes.plan", "external_id", "role"), order: fc.constantFrom("ascending", "descending") }), { nil: undefined }), perPage: fc.integer({ min: 1, max: 6 }) }).map((rest) => ({ ...base, ...rest })));

// ---------------------------------------------------------------- the property

type GenContact = typeof contactArb extends fc.Arbitrary<infer T> ? T : never;

async function load(c: { contacts: GenContact[]; timezone: string; segment: { person_type: string; query: unknown } }) {
  const db = srv.store.db;
  const ws = W.workspaceId;
  await db.deleteFrom("contacts").where("workspace_id", "=", ws).execute();
  await db.updateTable("workspaces").set({ timezone: c.timezone }).where("id", "=", ws).execute();
  await db.updateTable("segments").set({ person_type: c.segment.person_type, query: c.segment.query === null ? null : JSON.stringify(c.segment.query) }).where("id", "=", SEGMENT).execute();
  const rows: ContactSearchRow[] = [];
  const taken = new Set<string>();
  for (const [i, x] of c.contacts.entries()) {
    const { custom: attrs, tags, companies, ...cols } = x;
    // users are unique by email (any case) and external id: a repeat becomes a lead
    const keys = [cols.email === null ? null : `e:${cols.email.toLowerCase()}`, cols.external_id === null ? null : `x:${cols.external_id}`].filter((k): k is string => k !== null);
    if (cols.role === "user" && keys.some((k) => taken.has(k))) cols.role = "lead";
    if (cols.role === "user") keys.forEach((k) => taken.add(k));
    const row = contactRow(ws, { ...cols, updated_at: cols.created_at, custom_attributes: JSON.stringify(attrs) });
    row.id = `${String(i).padStart(4, "0")}${row.id.slice(4)}`;
    rows.push({
      ...row,
      tag_ids: tags.map((t) => tagIds[t]),
      companies: companies.map((k) => ({ id: companyIds[k], company_id: `co-${k}`, name: ["Acme", "acme labs", "Globex"][k] })),
    });
  }
  if (rows.length) {
    await db.insertInto("contacts").values(rows.map(({ tag_ids: _t, companies: _c, ...r }) => r)).execute();
    const links = rows.flatMap((r) => r.tag_ids!.map((t) => ({ workspace_id: ws, contact_id: r.id, tag_id: t, admin_id: null, created_at: 0 })));
    if (links.length) await db.insertInto("contact_tags").values(links).execute();
    const members = rows.flatMap((r) => r.companies!.map((co) => ({ workspace_id: ws, contact_id: r.id, company_id: co.id, created_at: 0 })));
    if (members.length) await db.insertInto("contact_companies").values(members).execute();
  }
  return rows;
}

const bytes = (a: string, b: string) => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));

function sortKey(f: ScalarField, row: ContactSearchRow): string | number | null {
  const v = f.js(row) as string | number | null | undefined;
  if (v === null || v === undefined) return null;
  return typeof v === "string" && !f.exact ? foldAscii(v) : v;
}

describe("SQL translation = in-memory evaluation", () => {
  it(`selects the same contacts and pages them in the same order (${usingPg ? "PostgreSQL" : "SQLite"})`, async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (k) => {
        const rows = await load(k);
        const c: Ctx = serviceCtx(srv.store.db, srv.store.kind, { ...wsRow, timezone: k.timezone }, k.version);
        const model = await contactSearchModel(c);
        const q = parseSearchQuery(k.query, model);
        const viaSql = (await srv.store.db.selectFrom("contacts").select("id").where(contactsWhere(c, q)).execute()).map((r) => r.id).sort();
        const inMemory = rows.filter((r) => evaluate(q.root, r)).map((r) => r.id).sort();
        expect(viaSql, JSON.stringify({ query: k.query, tz: k.timezone, version: k.version })).toEqual(inMemory);

        // the search itself: archived contacts out, sorted, every page
        const sortField = (model.field(k.sort?.field ?? "created_at") as ScalarField) ?? null;
        const dir = k.sort?.order === "ascending" ? 1 : -1;
        const expected = rows
          .filter((r) => !r.archived && evaluate(q.root, r))
          .sort((a, b) => {
            const x = sortKey(sortField, a);
            const y = sortKey(sortField, b);
            let d = (x === null ? 0 : 1) - (y === null ? 0 : 1);
            if (!d && x !== null && y !== null) d = typeof x === "string" ? bytes(x, y as string) : (x as number) - (y as number);
            return dir * (d || bytes(a.id, b.id));
          })
          .map((r) => r.id);
        const got: string[] = [];
        let cursor: string | undefined;
        for (let guard = 0; guard < 50; guard++) {
          const page = await searchContacts(c, { query: k.query, sort: k.sort, pagination: { per_page: k.perPage, ...(cursor ? { starting_after: cursor } : {}) } });
          expect(page.total).toBe(expected.length);
          got.push(...page.rows.map((r) => r.id));
          if (!page.next) break;
          cursor = page.next;
        }
        expect(got, JSON.stringify({ query: k.query, sort: k.sort })).toEqual(expected);
      }),
      { numRuns: usingPg ? 200 : 500, seed: process.env.SEARCH_SEED ? Number(process.env.SEARCH_SEED) : undefined },
    );
  }, 240_000);
});
