// POST /tickets/search: the tickets search model over the shared engine (src/search), as
// conversations/search.ts does for conversations; newest-updated first unless sorted otherwise.
// Fields: the description's table. `category` takes Intercom's search terms (request = Customer,
// task = Back-office, tracker = Tracker); `state` is the ticket state's category; `title` and
// `description` are the default attributes; `ticket_attribute.{id}` an attribute of the ticket's type,
// typed by the attribute's data type.
import { sql, type SqlBool } from "kysely";
import type { App, Ctx } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { pagesObject, readPageRequest } from "../../platform/pagination.js";
import { INBOX_RULES, parseSearchQuery } from "../../search/parse.js";
import { SearchRequestBody, type SearchRequest } from "../../search/request.js";
import { envFor, parseSort, searchPage, type SortSpec } from "../../search/run.js";
import { translate } from "../../search/translate.js";
import type { Env, Field, RelationField, ScalarField, SearchModel, ValueType } from "../../search/types.js";
import { presentTickets } from "./present.js";
import type { TicketRow } from "./service.js";

const col = (name: string, column: string, type: ValueType, extra: Partial<ScalarField> = {}): ScalarField => ({
  kind: "scalar",
  name,
  type,
  sql: () => sql.ref(`tickets.${column}`),
  js: (r: Record<string, unknown>) => r[column],
  ...extra,
});
const numericId = (v: string | number) => (/^\d{1,15}$/.test(String(v)) ? Number(v) : undefined);
const timeType = (version: string): ValueType => (version === "Unstable" ? "datetime" : "date");
const CATEGORY_TERMS: Record<string, string> = { request: "Customer", task: "Back-office", tracker: "Tracker" };

function relation(name: string, sqlOf: (env: Env, cond: ReturnType<typeof sql> | null) => ReturnType<typeof sql<SqlBool>>, value: ScalarField): RelationField {
  return { kind: "relation", name, value, ops: ["=", "!=", "IN", "NIN"], sql: sqlOf as RelationField["sql"], items: () => [] };
}

const attributeMember = (key: string, type: ValueType, name: string): ScalarField => ({
  kind: "scalar",
  name,
  type,
  sql: (env) => env.d.jsonMember(sql.ref("tickets.ticket_attributes"), key, type),
  js: (r: TicketRow) => (JSON.parse(r.ticket_attributes) as Record<string, unknown>)[key] ?? null,
});

function fields(version: string): Map<string, Field> {
  const t = timeType(version);
  const list: Field[] = [
    col("id", "id", "string", { exact: true, notNull: true, cast: numericId, ops: ["=", "!=", "IN", "NIN"], sortable: false }),
    col("created_at", "created_at", t, { days: "workspace", notNull: true }),
    col("updated_at", "updated_at", t, { days: "workspace", notNull: true }),
    col("snoozed_until", "snoozed_until", t, { days: "workspace" }),
    attributeMember("_default_title_", "string", "title"),
    attributeMember("_default_description_", "string", "description"),
    {
      kind: "scalar",
      name: "category",
      type: "string",
      exact: true,
      notNull: true,
      enum: Object.keys(CATEGORY_TERMS),
      sql: () => sql`(select case tt.category when 'Customer' then 'request' when 'Back-office' then 'task' else 'tracker' end from ticket_types tt where tt.id = ${sql.ref("tickets.ticket_type_id")})`,
      js: () => null,
    },
    col("ticket_type_id", "ticket_type_id", "string", { exact: true, notNull: true, cast: numericId, ops: ["=", "!=", "IN", "NIN"] }),
    col("admin_assignee_id", "admin_assignee_id", "integer"),
    col("team_assignee_id", "team_assignee_id", "integer"),
    col("open", "open", "boolean", { notNull: true }),
    {
      kind: "scalar",
      name: "state",
      type: "string",
      exact: true,
      notNull: true,
      enum: ["submitted", "in_progress", "waiting_on_customer", "resolved"],
      sql: () => sql`(select ts.category from ticket_states ts where ts.id = ${sql.ref("tickets.ticket_state_id")})`,
      js: () => null,
    },
    relation(
      "contact_ids",
      (env, cond) => sql<SqlBool>`tickets.id in (select tc.ticket_id from ticket_contacts tc where tc.workspace_id = ${env.wsId}${cond ? sql` and ${cond}` : sql``})`,
      { kind: "scalar", name: "contact_ids", type: "string", exact: true, sql: () => sql.ref("tc.contact_id"), js: (v: string) => v },
    ),
    relation(
      "teammate_ids",
      (env, cond) => sql<SqlBool>`tickets.id in (select tp.ticket_id from ticket_parts tp where tp.workspace_id = ${env.wsId} and tp.author_type = 'admin'${cond ? sql` and ${cond}` : sql``})`,
      { kind: "scalar", name: "teammate_ids", type: "string", exact: true, sql: () => sql.ref("tp.author_id"), js: (v: string) => v },
    ),
  ];
  return new Map(list.map((f) => [f.name, f]));
}

const byVersion = new Map<string, Map<string, Field>>();
const TYPES: Record<string, ValueType> = { string: "string", list: "string", integer: "integer", decimal: "float", boolean: "boolean" };

/** The model; `ticket_attribute.{id}` fields come from the workspace's attributes (loaded by the caller). */
export function ticketSearchModel(c: Ctx, attributes: Map<string, { name: string; data_type: string }>): SearchModel {
  let std = byVersion.get(c.version);
  if (!std) byVersion.set(c.version, (std = fields(c.version)));
  const known = std;
  return {
    name: "tickets",
    rules: INBOX_RULES,
    timezone: c.ws.timezone,
    field: (name) => {
      const f = known.get(name);
      if (f) return f;
      if (!name.startsWith("ticket_attribute.")) return undefined;
      const a = attributes.get(name.slice("ticket_attribute.".length));
      if (!a || /["\\]/.test(a.name)) return undefined;
      const type = a.data_type === "datetime" ? timeType(c.version) : (TYPES[a.data_type] ?? "string");
      return { ...attributeMember(a.name, type === "date" || type === "datetime" ? "integer" : type, name), type, ...(type === "date" ? { days: "workspace" as const } : {}) };
    },
  };
}


export async function searchTickets(c: Ctx, body: SearchRequest) {
  const page = readPageRequest(body.pagination ?? {}, { defaultPerPage: 20, maxPerPage: 150 });
  const attrs = await c.db.selectFrom("ticket_type_attributes").select(["id", "name", "data_type"]).where("workspace_id", "=", c.wsId).execute();
  const model = ticketSearchModel(c, new Map(attrs.map((a) => [String(a.id), a])));
  const query = parseSearchQuery(body.query, model);
  const sort: SortSpec = parseSort(body.sort, model, { field: model.field("updated_at") as ScalarField, dir: "desc" });
  const where = sql<SqlBool>`(${sql.ref("tickets.workspace_id")} = ${c.wsId} and ${translate(query.root, envFor(c))})`;
  return { ...(await searchPage<TicketRow>(c, { table: "tickets", where, sort, page, idKind: "integer" })), perPage: page.perPage };
}

export default async function routes(app: App) {
  app.post("/tickets/search", { schema: { body: SearchRequestBody } }, async (req) => {
    const c = ctx(req);
    const r = await searchTickets(c, req.body);
    return {
      type: "ticket.list",
      tickets: await presentTickets(c, r.rows, { parts: false }),
      total_count: r.total,
      pages: pagesObject(r.page, r.perPage, r.total, r.next),
    };
  });
}
