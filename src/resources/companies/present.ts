// Company rows → Intercom JSON. One batch presenter: tags, segments and plans are loaded
// for all rows at once, so a page of companies costs a fixed number of queries.
import { sql, type Selectable } from "kysely";
import type { CompaniesTable } from "../../db/types.js";
import type { Ctx } from "../../platform/http.js";
import { segmentsOfCompanies } from "../segments/service.js";
import { presentSegment } from "../segments/present.js";
import type { CompanyRow } from "./service.js";
import { since } from "../../platform/since.js";
import { presentNotes } from "../notes/present.js";
import type { NoteRow } from "../notes/service.js";

/** How many of a company's notes it carries inline (the newest); the rest are at GET /companies/{id}/notes. */
export const COMPANY_NOTES_INLINE = 10;

/** The newest notes of each company (at most COMPANY_NOTES_INLINE each), presented as company_note, by companies.id. */
async function notesByCompany(c: Ctx, ids: string[]): Promise<Map<string, Summary[]>> {
  const out = new Map<string, Summary[]>();
  if (ids.length === 0) return out;
  const ranked = c.db
    .selectFrom("notes")
    .selectAll()
    .select(sql<number>`row_number() over (partition by company_id order by created_at desc, id desc)`.as("rn"))
    .where("workspace_id", "=", c.wsId)
    .where("company_id", "in", ids);
  const rows = (await c.db.selectFrom(ranked.as("n")).selectAll().where("n.rn", "<=", COMPANY_NOTES_INLINE).orderBy("n.created_at", "desc").orderBy("n.id", "desc").execute()) as Array<NoteRow & { rn: number }>;
  const presented = await presentNotes(c, rows.map(({ rn: _rn, ...r }) => r));
  presented.forEach((note, i) => {
    const { contact: _contact, ...companyNote } = note;
    const list = out.get(rows[i].company_id!) ?? [];
    list.push(companyNote);
    out.set(rows[i].company_id!, list);
  });
  return out;
}

type Summary = Record<string, unknown>;

/** tag_basic summaries of each company, by companies.id */
async function tagsByCompany(c: Ctx, ids: string[]): Promise<Map<string, Summary[]>> {
  const out = new Map<string, Summary[]>();
  if (ids.length === 0) return out;
  const rows = await c.db
    .selectFrom("company_tags")
    .innerJoin("tags", "tags.id", "company_tags.tag_id")
    .select(["company_tags.company_id", "tags.id", "tags.name"])
    .where("company_tags.workspace_id", "=", c.wsId)
    .where("company_tags.company_id", "in", ids)
    .orderBy("tags.id")
    .execute();
  for (const r of rows) {
    const list = out.get(r.company_id) ?? [];
    list.push({ type: "tag", id: String(r.id), name: r.name });
    out.set(r.company_id, list);
  }
  return out;
}

/** Segment summaries of each company, by companies.id (a company is in the segments of its contacts). */
async function segmentsByCompany(c: Ctx, ids: string[]): Promise<Map<string, Summary[]>> {
  const bySegment = await segmentsOfCompanies(c, ids);
  return new Map([...bySegment].map(([id, segments]) => [id, segments.map((s) => presentSegment(s))]));
}

/** Contacts attached to each company, by companies.id. */
async function contactCounts(c: Ctx, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await c.db
    .selectFrom("contact_companies")
    .select((eb) => ["company_id", eb.fn.countAll<number>().as("n")])
    .where("workspace_id", "=", c.wsId)
    .where("company_id", "in", ids)
    .groupBy("company_id")
    .execute();
  return new Map(rows.map((r) => [r.company_id, Number(r.n)]));
}

/** Plan ids by plan name. */
async function planIds(c: Ctx, names: string[]): Promise<Map<string, number>> {
  if (names.length === 0) return new Map();
  const rows = await c.db
    .selectFrom("company_plans")
    .select(["id", "name"])
    .where("workspace_id", "=", c.wsId)
    .where("name", "in", [...new Set(names)])
    .execute();
  return new Map(rows.map((r) => [r.name, r.id]));
}

/** Optional properties are left out when unset: their schema types are not nullable. */
function setIfPresent(target: Summary, key: string, value: unknown) {
  if (value !== null && value !== undefined) target[key] = value;
}

/** 2.11's company schema requires every attribute and allows no null: unset ones take their zero values. */
function fillRequired211(out: Summary) {
  for (const [key, zero] of [["name", ""], ["remote_created_at", 0], ["last_request_at", 0], ["size", 0], ["website", ""], ["industry", ""]] as const) {
    if (!(key in out)) out[key] = zero;
  }
}

export async function presentCompanies(c: Ctx, rows: CompanyRow[]): Promise<Summary[]> {
  const ids = rows.map((r) => r.id);
  const [tags, segments, plans, users, notes] = await Promise.all([
    tagsByCompany(c, ids),
    segmentsByCompany(c, ids),
    planIds(c, rows.map((r) => r.plan).filter((p): p is string => p !== null)),
    contactCounts(c, ids),
    notesByCompany(c, ids),
  ]);
  return rows.map((r) => {
    const planId = r.plan !== null ? plans.get(r.plan) : undefined;
    const out: Summary = {
      type: "company",
      company_id: r.company_id,
      id: r.id,
      app_id: c.wsId,
    };
    setIfPresent(out, "name", r.name);
    setIfPresent(out, "remote_created_at", r.remote_created_at);
    out.created_at = r.created_at;
    out.updated_at = r.updated_at;
    setIfPresent(out, "last_request_at", r.last_request_at);
    setIfPresent(out, "size", r.size);
    setIfPresent(out, "website", r.website);
    setIfPresent(out, "industry", r.industry);
    out.monthly_spend = Math.trunc(r.monthly_spend ?? 0);
    out.session_count = r.session_count;
    out.user_count = users.get(r.id) ?? 0;
    out.tags = { type: "tag.list", tags: tags.get(r.id) ?? [] };
    out.segments = { type: "segment.list", segments: segments.get(r.id) ?? [] };
    out.plan = r.plan !== null && planId !== undefined ? { type: "plan", id: String(planId), name: r.plan } : {};
    out.custom_attributes = JSON.parse(r.custom_attributes) as Record<string, unknown>;
    // 2.16+: the newest notes about the company (all of them at GET /companies/{id}/notes)
    out.notes = { type: "note.list", notes: notes.get(r.id) ?? [] };
    if (since(c.version, "companyAllRequired")) fillRequired211(out);
    return out;
  });
}

export async function presentCompany(c: Ctx, row: CompanyRow): Promise<Summary> {
  return (await presentCompanies(c, [row]))[0];
}
