// POST /contacts/search, and the contacts search model: which fields a contact search may name, their
// types and how each reads in SQL and in memory. Everything else is the engine's (src/search).
import { sql, type Expression, type SqlBool } from "kysely";
import { Type } from "typebox";
import type { App, Ctx } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { ApiError } from "../../platform/errors.js";
import { listEnvelope, readPageRequest } from "../../platform/pagination.js";
import { since } from "../../platform/since.js";
import { customAttributeDefs, type CustomAttributeDef } from "../data_attributes/custom-attributes.js";
import { CONTACT_RULES, parseSearchQuery } from "../../search/parse.js";
import { SearchRequestBody, type SearchRequest } from "../../search/request.js";
import { envFor, parseSort, searchPage, type SortSpec } from "../../search/run.js";
import { resolveRelative } from "../../search/relative.js";
import { translate } from "../../search/translate.js";
import { customAttributeField } from "../../search/fields.js";
import type { Env, Field, Node, QueryRefField, RelationField, ScalarField, SearchModel, SearchQuery, ValueType } from "../../search/types.js";
import { formattedPhone, formattedPhoneSql } from "./phone.js";
import { presentContacts } from "./present.js";
import { mergeHistories, type ContactRow } from "./service.js";

// ---------------------------------------------------------------- fields

const ref = (col: string) => (_env: Env) => sql.ref(`contacts.${col}`);

function column(name: string, col: string, type: ValueType, extra: Partial<ScalarField> = {}): ScalarField {
  return { kind: "scalar", name, type, sql: ref(col), js: (r: Record<string, unknown>) => r[col], ...extra };
}

/** Standard timestamps: calendar days of the workspace up to 2.16; the exact second in Unstable. */
const timeType = (version: string): ValueType => (since(version, "datetimeType") ? "datetime" : "date");

/** The part after the first @ of the email, NULL without one (same expression as the 0005 index). */
export function emailDomainSql(env: Env): Expression<unknown> {
  const email = sql.ref("contacts.email");
  const at = env.d.position(email, sql.lit("@"));
  return sql`(case when ${at} > 0 then substr(${email}, ${at} + 1) end)`;
}

function emailDomainJs(r: { email: string | null }): string | null {
  if (!r.email) return null;
  const at = r.email.indexOf("@");
  return at >= 0 ? r.email.slice(at + 1) : null;
}

const TEXT: Array<[string, string]> = [
  ["name", "name"], ["avatar", "avatar"], ["email", "email"], ["phone", "phone"],
  ["language_override", "language_override"], ["browser", "browser"], ["browser_version", "browser_version"],
  ["browser_language", "browser_language"], ["os", "os"],
  ["location.country", "location_country"], ["location.region", "location_region"], ["location.city", "location_city"],
  ["android_app_name", "android_app_name"], ["android_app_version", "android_app_version"], ["android_device", "android_device"],
  ["android_os_version", "android_os_version"], ["android_sdk_version", "android_sdk_version"],
  ["andoid_sdk_version", "android_sdk_version"], // spelled so in the contract's field table
  ["ios_app_name", "ios_app_name"], ["ios_app_version", "ios_app_version"], ["ios_device", "ios_device"],
  ["ios_app_device", "ios_device"], ["ios_os_version", "ios_os_version"], ["ios_sdk_version", "ios_sdk_version"],
];

/** Columns the trigram index of migration 0008 covers (contains / ends-with searches). */
const TRIGRAM = new Set(["name", "email", "phone"]);

const TIMES = [
  "created_at", "updated_at", "signed_up_at", "last_seen_at", "last_contacted_at", "last_replied_at",
  "last_email_opened_at", "last_email_clicked_at", "ios_last_seen_at", "android_last_seen_at",
];

const FLAGS = ["unsubscribed_from_emails", "marked_email_as_spam", "has_hard_bounced"];

/** The fields every contact has, as a version describes them. */
function standardFields(version: string): Map<string, Field> {
  const fields: Field[] = [
    column("id", "id", "string", { exact: true, notNull: true }),
    column("role", "role", "string", { exact: true, notNull: true, enum: ["user", "lead"] }),
    column("external_id", "external_id", "string", { exact: true }),
    column("owner_id", "owner_id", "integer"),
    { kind: "scalar", name: "email_domain", type: "string", sql: emailDomainSql, js: emailDomainJs },
    ...TEXT.map(([name, col]) => column(name, col, "string", TRIGRAM.has(col) ? { trigram: { table: "contacts_trgm", column: col, rowid: "contacts.rowid" } } : {})),
    ...TIMES.map((name) => column(name, name, timeType(version), { days: "workspace", notNull: name === "created_at" || name === "updated_at" })),
    ...FLAGS.map((name) => column(name, name, "boolean", { notNull: true })),
    TAG_ID,
    ...COMPANY_FIELDS,
  ];
  if (since(version, "searchFormattedPhone")) fields.push({ kind: "scalar", name: "formatted_phone", type: "string", sql: (env) => formattedPhoneSql(env.d, sql.ref("contacts.phone")), js: (r: ContactRow) => formattedPhone(r.phone) });
  return new Map(fields.map((f) => [f.name, f]));
}

/** Tag ids are numbers stored; a value that is not one names no tag. */
const tagIdValue = (v: string | number) => (/^\d{1,15}$/.test(String(v)) ? Number(v) : undefined);

const TAG_ID: RelationField = {
  kind: "relation",
  name: "tag_id",
  ops: ["=", "!="],
  value: { kind: "scalar", name: "tag_id", type: "string", exact: true, cast: tagIdValue, sql: () => sql.ref("ct.tag_id"), js: (t: number) => t },
  sql: (env, cond) =>
    sql<SqlBool>`contacts.id in (select ct.contact_id from contact_tags ct where ct.workspace_id = ${env.wsId}${cond ? sql` and ${cond}` : sql``})`,
  items: (r: ContactSearchRow) => r.tag_ids ?? [],
};

// Companies a contact belongs to (an opencom addition: the contract's field table has no company fields).
function companyField(name: string, col: "id" | "company_id" | "name", exact: boolean): RelationField {
  return {
    kind: "relation",
    name,
    ops: exact ? ["=", "!=", "IN", "NIN"] : undefined,
    value: { kind: "scalar", name, type: "string", exact, sql: () => sql.ref(`co.${col}`), js: (co: Record<string, unknown>) => co[col] },
    sql: (env, cond) =>
      sql<SqlBool>`contacts.id in (select cc.contact_id from contact_companies cc join companies co on co.id = cc.company_id where cc.workspace_id = ${env.wsId}${cond ? sql` and ${cond}` : sql``})`,
    items: (r: ContactSearchRow) => r.companies ?? [],
  };
}

const COMPANY_FIELDS = [companyField("companies.id", "id", true), companyField("companies.company_id", "company_id", true), companyField("companies.name", "name", false)];

/** custom_attributes.<name>, typed by its data attribute (the engine's declaration, shared with companies). */
function customField(def: CustomAttributeDef, version: string): ScalarField | undefined {
  return customAttributeField({
    key: def.name,
    dataType: def.data_type,
    column: "contacts.custom_attributes",
    ref: (col) => sql.ref(col),
    exactTimes: since(version, "datetimeType"),
    // Unstable matches date custom attributes by UTC day; earlier versions by the workspace's day
    days: since(version, "searchDaysUtc") ? "utc" : "workspace",
  });
}

interface StoredSegment {
  person_type: string;
  query: string | null;
}

function segmentField(segments: Map<string, StoredSegment>, role: ScalarField, now: number): QueryRefField {
  return {
    kind: "queryref",
    name: "segment_id",
    expand(id, parseStored) {
      const seg = segments.get(id);
      if (!seg) return undefined;
      const parts: Node[] = [];
      if (seg.person_type === "user" || seg.person_type === "lead") parts.push({ t: "eq", f: role, v: seg.person_type });
      if (seg.query) {
        let stored: unknown;
        try {
          stored = JSON.parse(seg.query);
        } catch {
          throw new ApiError(400, "parameter_invalid", `segment ${id} has a stored query that is not JSON`, "segment_id");
        }
        // a stored search body {query: …} or the query itself, its relative dates resolved now
        const body = stored as Record<string, unknown> | null;
        parts.push(parseStored(resolveRelative(body && typeof body === "object" && "query" in body && !("field" in body) ? body.query : stored, now)));
      }
      return parts.length === 0 ? { t: "const", value: true } : parts.length === 1 ? parts[0] : { t: "and", nodes: parts };
    },
  };
}

/** A contact row with what its relation fields read, for the in-memory evaluator. */
export type ContactSearchRow = ContactRow & { tag_ids?: number[]; companies?: Array<{ id: string; company_id: string; name: string | null }> };

// ---------------------------------------------------------------- the model

const standardByVersion = new Map<string, Map<string, Field>>();

/**
 * The contacts search model for a request: standard fields as its version describes them, and the
 * workspace's custom attributes and segments when `raw` (the query about to be parsed, or anything
 * naming fields) may need them; without `raw`, always.
 */
export async function contactSearchModel(c: Ctx, raw?: unknown): Promise<SearchModel> {
  let standard = standardByVersion.get(c.version);
  if (!standard) standardByVersion.set(c.version, (standard = standardFields(c.version)));
  const text = raw === undefined ? null : JSON.stringify(raw) ?? "";
  const segments = new Map<string, StoredSegment>();
  if (text === null || text.includes("segment_id")) {
    const rows = await c.db.selectFrom("segments").select(["id", "person_type", "query"]).where("workspace_id", "=", c.wsId).execute();
    for (const r of rows) segments.set(r.id, { person_type: r.person_type, query: r.query });
  }
  const needCustom = text === null || text.includes("custom_attributes") || [...segments.values()].some((s) => s.query?.includes("custom_attributes"));
  const defs = needCustom ? await customAttributeDefs(c, "contact") : new Map<string, CustomAttributeDef>();
  const std = standard;
  const role = std.get("role") as ScalarField;
  const segment = segmentField(segments, role, c.now());
  const custom = new Map<string, ScalarField | undefined>();
  return {
    name: "contacts",
    rules: CONTACT_RULES,
    timezone: c.ws.timezone,
    field(name) {
      const f = std.get(name);
      if (f) return f;
      if (name === "segment_id") return segment;
      if (name.startsWith("custom_attributes.")) {
        const key = name.slice("custom_attributes.".length);
        if (!custom.has(key)) custom.set(key, defs.has(key) ? customField(defs.get(key)!, c.version) : undefined);
        return custom.get(key);
      }
      return undefined;
    },
  };
}

/** Parses a contacts search query (400 naming what is wrong). */
export async function parseContactsQuery(c: Ctx, raw: unknown): Promise<SearchQuery> {
  return parseSearchQuery(raw, await contactSearchModel(c, raw));
}

/** The condition a query puts on `contacts` rows, for `selectFrom("contacts").where(...)`; scoped to the workspace. */
export function contactsWhere(c: Ctx, query: SearchQuery): Expression<SqlBool> {
  if (query.model !== "contacts") throw new Error(`contactsWhere given a ${query.model} query`);
  return sql<SqlBool>`(${sql.ref("contacts.workspace_id")} = ${c.wsId} and ${translate(query.root, envFor(c))})`;
}

// ---------------------------------------------------------------- POST /contacts/search

const DEFAULT_SORT = (model: SearchModel): SortSpec => ({ field: model.field("created_at") as ScalarField, dir: "desc" });


export async function searchContacts(c: Ctx, body: SearchRequest) {
  const page = readPageRequest(body.pagination ?? {});
  // the model loads custom attributes and segments when the query or the sort names them
  const model = await contactSearchModel(c, [body.query, body.sort]);
  const query = parseSearchQuery(body.query, model);
  const sort = parseSort(body.sort, model, DEFAULT_SORT(model));
  // archived contacts are out of searches as they are out of GET /contacts; merged ones no longer exist
  const where = sql<SqlBool>`(${contactsWhere(c, query)} and ${sql.ref("contacts.archived")} = 0)`;
  return { ...(await searchPage<ContactRow>(c, { table: "contacts", where, sort, page })), perPage: page.perPage };
}

export default async function routes(app: App) {
  app.post(
    "/contacts/search",
    { config: { largePages: true }, schema: { body: SearchRequestBody, querystring: Type.Object({ include_merge_history: Type.Optional(Type.Boolean()) }) } },
    async (req) => {
      const c = ctx(req);
      const result = await searchContacts(c, req.body as Parameters<typeof searchContacts>[1]);
      const data = await presentContacts(c, result.rows);
      if (req.query.include_merge_history && since(c.version, "mergeHistory")) {
        const histories = await mergeHistories(c, result.rows.filter((r) => r.role === "user").map((r) => r.id));
        data.forEach((d, i) => {
          const history = histories.get(result.rows[i].id);
          if (history) d.merge_history = history.map((m) => ({ type: "merge_history", ...m }));
        });
      }
      return listEnvelope(data, result.total, result.page, result.perPage, result.next);
    },
  );
}
