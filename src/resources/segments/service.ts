// Segments: groups of contacts defined by a search query.
//
// A segment's members are the contacts of its person_type (user → role user, contact → role lead)
// matching its stored query (segments.query, Intercom's search language; null = all of them).
// Membership is evaluated by the search engine (src/search), the same one POST /contacts/search uses.
// Stored queries may use one extension: a value {"days_ago": N} stands for "now − N days" and is
// resolved at evaluation time (the built-in "Active" segment: last seen in the last 30 days).
//
// Company segments: opencom's segments are contact segments only (the search language has no company
// query), so GET /companies/{id}/segments answers an empty list.
import { sql, type Expression, type SqlBool } from "kysely";
import type { Ctx } from "../../platform/http.js";
import { nowSeconds } from "../../platform/ids.js";
import { segmentDataList, type SegmentRow } from "./present.js";

export type SearchQuery = Record<string, unknown>;

const DAY = 86_400;

/** Resolves {"days_ago": N} values of a stored query to unix seconds. */
export function resolveRelative(query: unknown, now: number): unknown {
  if (Array.isArray(query)) return query.map((q) => resolveRelative(q, now));
  if (query && typeof query === "object") {
    const o = query as Record<string, unknown>;
    if (Object.keys(o).length === 1 && typeof o.days_ago === "number") return now - Math.round(o.days_ago * DAY);
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, resolveRelative(v, now)]));
  }
  return query;
}

/** The full search query of a segment's members: its role and its stored query. */
export function segmentQuery(s: Pick<SegmentRow, "person_type" | "query">, now = nowSeconds()): SearchQuery {
  const role: SearchQuery = { field: "role", operator: "=", value: s.person_type === "user" ? "user" : "lead" };
  if (!s.query) return role;
  return { operator: "AND", value: [role, resolveRelative(JSON.parse(s.query), now)] };
}

// Interim evaluator until src/search exports contactsWhere: handles the built-in segments' queries.
function interimWhere(q: SearchQuery): Expression<SqlBool> {
  if (q.operator === "AND") return sql<SqlBool>`(${sql.join((q.value as SearchQuery[]).map(interimWhere), sql` and `)})`;
  const op = String(q.operator);
  if (!["=", "!=", ">", "<"].includes(op)) throw new Error(`unsupported operator ${op}`);
  return sql<SqlBool>`${sql.ref(`contacts.${String(q.field)}`)} ${sql.raw(op)} ${q.value}`;
}

/** Where-expression over contacts selecting a segment's members. */
export function segmentWhere(_c: Ctx, s: Pick<SegmentRow, "person_type" | "query">): Expression<SqlBool> {
  return interimWhere(segmentQuery(s));
}

async function allSegments(c: Ctx): Promise<SegmentRow[]> {
  return c.db.selectFrom("segments").selectAll().where("workspace_id", "=", c.wsId).orderBy("created_at").orderBy("id").execute();
}

/**
 * The list body of GET /contacts/{contact_id}/segments: the segments the contact belongs to, evaluated
 * in one query. The caller has already checked that the contact exists in the workspace.
 */
export async function segmentsForContact(c: Ctx, contactId: string) {
  const segments = await allSegments(c);
  if (segments.length === 0) return segmentDataList([]);
  const row = await c.db
    .selectFrom("contacts")
    .select((eb) => segments.map((s, i) => eb.case().when(segmentWhere(c, s)).then(1).else(0).end().as(`s${i}`)))
    .where("workspace_id", "=", c.wsId)
    .where("id", "=", contactId)
    .executeTakeFirst();
  const flags = (row ?? {}) as Record<string, unknown>;
  return segmentDataList(segments.filter((_, i) => Number(flags[`s${i}`]) === 1));
}

/**
 * The list body of GET /companies/{company_id}/segments. Segments are contact segments (see above), so
 * no company belongs to one. The caller has already checked that the company exists in the workspace.
 */
export async function segmentsForCompany(_c: Ctx, _companyId: string) {
  return segmentDataList([]);
}
