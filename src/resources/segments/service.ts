// Segments: groups of contacts defined by a stored search query.
//
// - A segment's members are the contacts of its person_type (stored "user" or "lead") that match its
//   stored query (segments.query, Intercom's search language; null = all of them). Membership is
//   evaluated by the search engine (src/search) through its `segment_id` field, the same expansion
//   POST /contacts/search uses, so a segment means one thing everywhere.
// - Stored queries may use the engine's one extension for them: a value {"days_ago": N} stands for
//   "now − N days" (src/search/relative.ts; the built-in "Active" segment: seen in the last 30 days).
// - Counts (include_count) leave archived contacts out, as GET /contacts and searches do.
// - Company segments: the segment schema knows people only (person_type user | contact), so a company is
//   in a segment when at least one of its (unarchived) contacts is. GET /companies/{id}/segments, the
//   company presenter and GET /companies?segment_id= all use companyInSegments below.
// - Intercom has no API to create segments; opencom adds POST /_opencom/segments and
//   DELETE /_opencom/segments/{id} so tests can define their own.
import { sql, type Expression, type Kysely, type SqlBool } from "kysely";
import type { DB } from "../../db/types.js";
import type { Ctx } from "../../platform/http.js";
import { badRequest, invalidParam, missingParam, notFound } from "../../platform/errors.js";
import { hexId, nowSeconds } from "../../platform/ids.js";
import { parseSearchQuery, resolveRelative } from "../../search/index.js";
import { contactSearchModel, contactsWhere } from "../contacts/search.js";
import type { SegmentInput } from "./schemas.js";
import type { Selectable } from "kysely";
import type { SegmentsTable } from "../../db/types.js";

export type SegmentRow = Selectable<SegmentsTable>;

export const segmentNotFound = () => notFound("Resource Not Found", "not_found");

/** One where-expression over contacts per segment, selecting its members (workspace-scoped). */
async function membershipConditions(c: Ctx, segments: SegmentRow[]): Promise<Array<Expression<SqlBool>>> {
  if (segments.length === 0) return [];
  const model = await contactSearchModel(c, { field: "segment_id" });
  return segments.map((s) => {
    try {
      return contactsWhere(c, parseSearchQuery({ field: "segment_id", operator: "=", value: s.id }, model));
    } catch {
      // a stored query that no longer parses (e.g. edited by hand) matches nobody rather than failing the request
      return sql<SqlBool>`1 = 0`;
    }
  });
}

const flag = (cond: Expression<SqlBool>) => sql<number>`(case when ${cond} then 1 else 0 end)`;

// ---------------------------------------------------------------- reads

async function allSegments(c: Ctx): Promise<SegmentRow[]> {
  return c.db.selectFrom("segments").selectAll().where("workspace_id", "=", c.wsId).orderBy("created_at").orderBy("id").execute();
}

/** GET /segments: every segment, oldest first, with its member count when asked. */
export async function listSegments(c: Ctx, includeCount: boolean): Promise<Array<{ row: SegmentRow; count?: number }>> {
  const rows = await allSegments(c);
  if (!includeCount || rows.length === 0) return rows.map((row) => ({ row }));
  const conds = await membershipConditions(c, rows);
  const counts = (await c.db
    .selectFrom("contacts")
    .select(conds.map((w, i) => sql<number>`coalesce(sum(${flag(w)}), 0)`.as(`n${i}`)))
    .where("workspace_id", "=", c.wsId)
    .where("archived", "=", 0)
    .executeTakeFirst()) as Record<string, unknown> | undefined;
  return rows.map((row, i) => ({ row, count: Number(counts?.[`n${i}`] ?? 0) }));
}

export async function getSegment(c: Ctx, id: string): Promise<SegmentRow> {
  const row = await c.db.selectFrom("segments").selectAll().where("workspace_id", "=", c.wsId).where("id", "=", id).executeTakeFirst();
  if (!row) throw segmentNotFound();
  return row;
}

/**
 * GET /contacts/{contact_id}/segments: the segments the contact belongs to, evaluated in one query.
 * The caller has already checked that the contact exists in the workspace.
 */
export async function segmentsForContact(c: Ctx, contactId: string): Promise<SegmentRow[]> {
  const segments = await allSegments(c);
  const conds = await membershipConditions(c, segments);
  if (conds.length === 0) return [];
  const row = (await c.db
    .selectFrom("contacts")
    .select(conds.map((w, i) => flag(w).as(`s${i}`)))
    .where("workspace_id", "=", c.wsId)
    .where("id", "=", contactId)
    .executeTakeFirst()) as Record<string, unknown> | undefined;
  return segments.filter((_, i) => Number(row?.[`s${i}`]) === 1);
}

/** A company is in a segment when one of its unarchived contacts is: a where-expression over `companies`. */
function companyMemberOf(c: Ctx, cond: Expression<SqlBool>): Expression<SqlBool> {
  return sql<SqlBool>`exists (select 1 from contact_companies inner join contacts on contacts.id = contact_companies.contact_id
    where contact_companies.workspace_id = ${c.wsId} and contact_companies.company_id = companies.id
    and contacts.archived = 0 and ${cond})`;
}

/** The where-expression over `companies` selecting the companies in a segment (none for an unknown id). */
export async function companiesInSegment(c: Ctx, segmentId: string): Promise<Expression<SqlBool>> {
  const segment = await c.db.selectFrom("segments").selectAll().where("workspace_id", "=", c.wsId).where("id", "=", segmentId).executeTakeFirst();
  if (!segment) return sql<SqlBool>`1 = 0`;
  const [cond] = await membershipConditions(c, [segment]);
  return companyMemberOf(c, cond);
}

/** The segments of each company (by companies.id), for a page of companies, in one query. */
export async function segmentsOfCompanies(c: Ctx, companyIds: string[]): Promise<Map<string, SegmentRow[]>> {
  const out = new Map<string, SegmentRow[]>();
  if (companyIds.length === 0) return out;
  const segments = await allSegments(c);
  const conds = await membershipConditions(c, segments);
  if (conds.length === 0) return out;
  const rows = (await c.db
    .selectFrom("companies")
    .select(["companies.id", ...conds.map((w, i) => flag(companyMemberOf(c, w)).as(`s${i}`))])
    .where("companies.workspace_id", "=", c.wsId)
    .where("companies.id", "in", companyIds)
    .execute()) as Array<Record<string, unknown> & { id: string }>;
  for (const row of rows) out.set(row.id, segments.filter((_, i) => Number(row[`s${i}`]) === 1));
  return out;
}

/**
 * GET /companies/{company_id}/segments. The caller has already checked that the company exists in
 * the workspace.
 */
export async function segmentsForCompany(c: Ctx, companyId: string): Promise<SegmentRow[]> {
  return (await segmentsOfCompanies(c, [companyId])).get(companyId) ?? [];
}

// ---------------------------------------------------------------- dependencies

/** Calls `visit` with every filter {field, operator, value} of a stored query. */
function eachFilter(node: unknown, visit: (f: { field: string; operator: unknown; value: unknown }) => void) {
  if (!node || typeof node !== "object") return;
  const o = node as Record<string, unknown>;
  if (typeof o.field === "string") return visit(o as { field: string; operator: unknown; value: unknown });
  if (Array.isArray(o.value)) for (const child of o.value) eachFilter(child, visit);
  else if ("query" in o) eachFilter(o.query, visit);
}

/** The names of the segments whose stored query has a filter `uses` accepts (tags, data attributes in use). */
export async function segmentsUsing(db: Kysely<DB>, wsId: string, uses: (field: string, value: unknown) => boolean): Promise<string[]> {
  const rows = await db.selectFrom("segments").select(["name", "query"]).where("workspace_id", "=", wsId).where("query", "is not", null).orderBy("created_at").orderBy("id").execute();
  const names: string[] = [];
  for (const r of rows) {
    let hit = false;
    try {
      eachFilter(JSON.parse(r.query!), (f) => {
        if (uses(f.field, f.value)) hit = true;
      });
    } catch {
      /* a query that is not JSON names nothing */
    }
    if (hit) names.push(r.name);
  }
  return names;
}

// ---------------------------------------------------------------- opencom: define segments

/** Stored person types: "contact" (the JSON name of leads) is accepted for "lead". */
const PERSON_TYPES: Record<string, string> = { user: "user", lead: "lead", contact: "lead" };

/** POST /_opencom/segments: a segment of users or leads, optionally defined by a search query. */
export async function createSegment(c: Ctx, input: SegmentInput): Promise<SegmentRow> {
  if (input.name === undefined || input.name === null) throw missingParam("name");
  if (typeof input.name !== "string" || input.name.trim() === "") throw invalidParam("name", "name must be a non-empty string");
  const personType = PERSON_TYPES[String(input.person_type ?? "user")];
  if (!personType) throw invalidParam("person_type", "person_type must be user or lead");
  let query: string | null = null;
  if (input.query !== undefined && input.query !== null) {
    // checked now, with relative dates resolved as they will be, so a stored query always evaluates
    parseSearchQuery(resolveRelative(input.query, c.now()), await contactSearchModel(c, input.query));
    query = JSON.stringify(input.query);
  }
  const now = c.now();
  const row: SegmentRow = { id: hexId(now), workspace_id: c.wsId, name: input.name.trim(), person_type: personType, query, created_at: now, updated_at: now };
  await c.db.insertInto("segments").values(row).execute();
  return row;
}

/** DELETE /_opencom/segments/{id}. A segment another segment refers to stays. */
export async function deleteSegment(c: Ctx, id: string): Promise<SegmentRow> {
  const row = await getSegment(c, id);
  const users = await segmentsUsing(c.db, c.wsId, (field, value) => field === "segment_id" && (Array.isArray(value) ? value.map(String).includes(id) : String(value) === id));
  if (users.length > 0) throw badRequest("segment_has_dependent_objects", `Unable to delete Segment with dependent objects. Segments: ${users.join(", ")}.`);
  const res = await c.db.deleteFrom("segments").where("workspace_id", "=", c.wsId).where("id", "=", row.id).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw segmentNotFound(); // deleted by a concurrent request
  return row;
}

// ---------------------------------------------------------------- seed

/** The segments every workspace starts with. */
export async function seedSegments(db: Kysely<DB>, wsId: string): Promise<void> {
  const now = nowSeconds();
  const builtins: Array<[string, string, unknown]> = [
    ["All users", "user", null],
    ["All leads", "lead", null],
    ["Active", "user", { field: "last_seen_at", operator: ">", value: { days_ago: 30 } }],
  ];
  await db
    .insertInto("segments")
    .values(builtins.map(([name, person_type, query]) => ({ id: hexId(now), workspace_id: wsId, name, person_type, query: query ? JSON.stringify(query) : null, created_at: now, updated_at: now })))
    .execute();
}
