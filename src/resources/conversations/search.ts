// POST /conversations/search: the conversations search model (the fields the contract's table lists that
// opencom keeps) over the shared engine (src/search), newest-updated first unless sorted otherwise.
import { sql, type SqlBool } from "kysely";
import type { App, Ctx } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { pagesObject, readPageRequest } from "../../platform/pagination.js";
import { INBOX_RULES, parseSearchQuery } from "../../search/parse.js";
import { SearchRequestBody, type SearchRequest } from "../../search/request.js";
import { envFor, parseSort, searchPage, type SortSpec } from "../../search/run.js";
import { translate } from "../../search/translate.js";
import type { Env, Field, RelationField, ScalarField, SearchModel, ValueType } from "../../search/types.js";
import { presentConversations, type ConversationRow } from "./present.js";
import { wakeDue } from "./service.js";

const col = (name: string, column: string, type: ValueType, extra: Partial<ScalarField> = {}): ScalarField => ({
  kind: "scalar",
  name,
  type,
  sql: () => sql.ref(`conversations.${column}`),
  js: (r: Record<string, unknown>) => r[column],
  ...extra,
});

/** Timestamps: calendar days of the workspace up to 2.16; the exact second in Unstable (as contacts). */
const timeType = (version: string): ValueType => (version === "Unstable" ? "datetime" : "date");
const numericId = (v: string | number) => (/^\d{1,15}$/.test(String(v)) ? Number(v) : undefined);

function relation(name: string, sqlOf: (env: Env, cond: ReturnType<typeof sql> | null) => ReturnType<typeof sql<SqlBool>>, value: ScalarField): RelationField {
  return { kind: "relation", name, value, ops: ["=", "!=", "IN", "NIN"], sql: sqlOf as RelationField["sql"], items: () => [] };
}

function fields(version: string): Map<string, Field> {
  const t = timeType(version);
  const date = (name: string, column: string, notNull = false) => col(name, column, t, { days: "workspace", notNull });
  const list: Field[] = [
    col("id", "id", "string", { exact: true, notNull: true, cast: numericId, ops: ["=", "!=", "IN", "NIN"], sortable: false }),
    date("created_at", "created_at", true),
    date("updated_at", "updated_at", true),
    date("waiting_since", "waiting_since"),
    date("snoozed_until", "snoozed_until"),
    col("title", "title", "string"),
    col("state", "state", "string", { exact: true, notNull: true, enum: ["open", "closed", "snoozed"] }),
    { kind: "scalar", name: "open", type: "boolean", notNull: true, sql: () => sql`(case when ${sql.ref("conversations.state")} <> 'closed' then 1 else 0 end)`, js: (r: ConversationRow) => (r.state !== "closed" ? 1 : 0) },
    col("read", "read", "boolean", { notNull: true }),
    col("priority", "priority", "string", { exact: true, notNull: true, enum: ["priority", "not_priority"] }),
    col("admin_assignee_id", "admin_assignee_id", "integer"),
    col("team_assignee_id", "team_assignee_id", "integer"),
    col("source.type", "source_type", "string", { exact: true, notNull: true }),
    col("source.delivered_as", "delivered_as", "string", { exact: true, notNull: true }),
    col("source.subject", "subject", "string"),
    col("source.body", "body", "string"),
    col("source.author.type", "author_type", "string", { exact: true, notNull: true }),
    col("source.author.id", "author_id", "string", { exact: true, notNull: true }),
    col("source.url", "url", "string"),
    { kind: "scalar", name: "source.id", type: "string", exact: true, notNull: true, sql: () => sql`cast(${sql.ref("conversations.id")} + 400000000 as text)`, js: (r: ConversationRow) => String(r.id + 400_000_000) },
    col("conversation_rating.score", "rating", "integer"),
    col("conversation_rating.remark", "rating_remark", "string"),
    date("conversation_rating.requested_at", "rating_created_at"),
    date("statistics.first_contact_reply_at", "first_contact_reply_at"),
    date("statistics.first_assignment_at", "first_assignment_at"),
    date("statistics.first_admin_reply_at", "first_admin_reply_at"),
    date("statistics.first_close_at", "first_close_at"),
    date("statistics.last_assignment_at", "last_assignment_at"),
    date("statistics.last_assignment_admin_reply_at", "last_assignment_admin_reply_at"),
    date("statistics.last_contact_reply_at", "last_contact_reply_at"),
    date("statistics.last_admin_reply_at", "last_admin_reply_at"),
    date("statistics.last_close_at", "last_close_at"),
    col("statistics.last_closed_by_id", "last_closed_by_id", "integer"),
    col("statistics.count_reopens", "count_reopens", "integer", { notNull: true }),
    col("statistics.count_assignments", "count_assignments", "integer", { notNull: true }),
    col("statistics.count_conversation_parts", "part_seq", "integer", { notNull: true }),
    {
      kind: "scalar",
      name: "statistics.time_to_admin_reply",
      type: "integer",
      sql: () => sql`(${sql.ref("conversations.first_admin_reply_at")} - ${sql.ref("conversations.created_at")})`,
      js: (r: ConversationRow) => (r.first_admin_reply_at === null ? null : r.first_admin_reply_at - r.created_at),
    },
    relation(
      "contact_ids",
      (env, cond) => sql<SqlBool>`conversations.id in (select cc.conversation_id from conversation_contacts cc where cc.workspace_id = ${env.wsId}${cond ? sql` and ${cond}` : sql``})`,
      { kind: "scalar", name: "contact_ids", type: "string", exact: true, sql: () => sql.ref("cc.contact_id"), js: (v: string) => v },
    ),
    relation(
      "tag_ids",
      (env, cond) => sql<SqlBool>`conversations.id in (select ct.conversation_id from conversation_tags ct where ct.workspace_id = ${env.wsId}${cond ? sql` and ${cond}` : sql``})`,
      { kind: "scalar", name: "tag_ids", type: "string", exact: true, cast: numericId, sql: () => sql.ref("ct.tag_id"), js: (v: number) => v },
    ),
    relation(
      "teammate_ids",
      (env, cond) =>
        sql<SqlBool>`conversations.id in (select cp.conversation_id from conversation_parts cp where cp.workspace_id = ${env.wsId} and cp.author_type = 'admin'${cond ? sql` and ${cond}` : sql``})`,
      { kind: "scalar", name: "teammate_ids", type: "string", exact: true, sql: () => sql.ref("cp.author_id"), js: (v: string) => v },
    ),
  ];
  return new Map(list.map((f) => [f.name, f]));
}

const byVersion = new Map<string, Map<string, Field>>();

/** custom_attributes.<name>: matched as text (opencom keeps no conversation attribute types yet). */
function customField(name: string): ScalarField | undefined {
  const key = name.slice("custom_attributes.".length);
  if (key === "" || /["\\]/.test(key) || key.length > 255) return undefined;
  return { kind: "scalar", name, type: "string", sql: (env) => env.d.jsonMember(sql.ref("conversations.custom_attributes"), key, "string"), js: (r: ConversationRow) => (JSON.parse(r.custom_attributes) as Record<string, unknown>)[key] ?? null };
}

export function conversationSearchModel(c: Ctx): SearchModel {
  let std = byVersion.get(c.version);
  if (!std) byVersion.set(c.version, (std = fields(c.version)));
  const known = std;
  return {
    name: "conversations",
    rules: INBOX_RULES,
    timezone: c.ws.timezone,
    field: (name) => known.get(name) ?? (name.startsWith("custom_attributes.") ? customField(name) : undefined),
  };
}


export async function searchConversations(c: Ctx, body: SearchRequest) {
  const page = readPageRequest(body.pagination ?? {}, { defaultPerPage: 20, maxPerPage: 150 });
  const model = conversationSearchModel(c);
  const query = parseSearchQuery(body.query, model);
  const sort: SortSpec = parseSort(body.sort, model, { field: model.field("updated_at") as ScalarField, dir: "desc" });
  await wakeDue(c);
  const where = sql<SqlBool>`(${sql.ref("conversations.workspace_id")} = ${c.wsId} and ${translate(query.root, envFor(c))})`;
  return { ...(await searchPage<ConversationRow>(c, { table: "conversations", where, sort, page, idKind: "integer" })), perPage: page.perPage };
}

export default async function routes(app: App) {
  app.post("/conversations/search", { schema: { body: SearchRequestBody } }, async (req) => {
    const c = ctx(req);
    const r = await searchConversations(c, req.body);
    return {
      type: "conversation.list",
      conversations: await presentConversations(c, r.rows, { parts: false }),
      total_count: r.total,
      pages: pagesObject(r.page, r.perPage, r.total, r.next),
    };
  });
}
