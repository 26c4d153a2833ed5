// Companies: create-or-update by company_id, lookups, numbered lists, the scroll, contacts attached.
//
// - company_id is unique per workspace (unique index companies_ws_company_id): POST /companies inserts
//   with "on conflict do nothing" and updates the existing company when the insert loses, so
//   concurrent creates of one company_id never make two.
// - user_count is counted from contact_companies when presented (present.ts), never stored: links
//   disappear with their contacts (cascade), which a stored counter would miss.
// - plan is stored by name; its id comes from company_plans (one row per name and workspace).
// - The scroll's position lives in company_scrolls (one row per workspace), so any opencom process
//   can serve the next page.
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { Ctx } from "../../platform/http.js";
import { ApiError, badRequest, conflict, invalidParam, missingParam, notFound } from "../../platform/errors.js";
import { hexId, nowSeconds, parseNumericId } from "../../platform/ids.js";
import { encodeCursor, keysetPage, pageLinks, readPageRequest, withPageNumber, type NumberedPage, type PageRequest } from "../../platform/pagination.js";
import { checkCustomAttributes, mergeCustomAttributes } from "../data_attributes/custom-attributes.js";
import { inTransaction, lockedRow } from "../../platform/writes.js";
import { getContactRow } from "../contacts/service.js";
import { companiesInSegment } from "../segments/service.js";
import type { ContactRow } from "../contacts/service.js";
import type { Selectable } from "kysely";
import type { CompaniesTable } from "../../db/types.js";
import { emitCompany, emitCompanyContact, emitCompanyDeleted } from "./webhooks.js";
import { CompanyBody, type CompanyInput } from "./schemas.js";

export type CompanyRow = Selectable<CompaniesTable>;

export const companyNotFound = () => notFound("Company Not Found", "company_not_found");

/** The most companies one contact can belong to. */
export const CONTACT_COMPANY_LIMIT = 1000;
/** An idle scroll expires after this many seconds. */
export const SCROLL_TTL_SECONDS = 60;
const INT32_MAX = 2 ** 31 - 1;

// ---------------------------------------------------------------- lookups

/** The company with this Intercom id in the request's workspace, or null. */
export async function findCompanyRow(c: Ctx, id: string): Promise<CompanyRow | null> {
  const row = await c.db.selectFrom("companies").selectAll().where("workspace_id", "=", c.wsId).where("id", "=", String(id)).executeTakeFirst();
  return row ?? null;
}

/** The company with this Intercom id, or 404 company_not_found. */
export async function getCompanyRow(c: Ctx, id: string): Promise<CompanyRow> {
  const row = await findCompanyRow(c, id);
  if (!row) throw companyNotFound();
  return row;
}

async function findByCompanyId(c: Ctx, companyId: string): Promise<CompanyRow | null> {
  const row = await c.db.selectFrom("companies").selectAll().where("workspace_id", "=", c.wsId).where("company_id", "=", companyId).executeTakeFirst();
  return row ?? null;
}

// ---------------------------------------------------------------- writes

const INPUT_FIELDS = new Set<string>(Object.keys(CompanyBody.properties));

type CompanyPatch = Partial<Omit<CompanyRow, "id" | "workspace_id" | "created_at">>;

/** Unknown parameters are refused the way Intercom refuses them. */
function rejectUnknown(input: object) {
  for (const key of Object.keys(input)) if (!INPUT_FIELDS.has(key)) throw badRequest("bad_request", `bad '${key}' parameter`, key);
}

function sizeValue(v: number | string | null): number | null {
  if (v === null) return null;
  const n = typeof v === "string" && /^\d{1,10}$/.test(v.trim()) ? Number(v) : v;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 0 || n > INT32_MAX) throw invalidParam("size", "size must be a whole number of employees");
  return n;
}

function monthlySpendValue(v: number | null): number | null {
  if (v === null) return null;
  const n = Math.trunc(v);
  if (Math.abs(n) > INT32_MAX) throw invalidParam("monthly_spend", `monthly_spend must be at most ${INT32_MAX}`);
  return n;
}

/** Checks an input and turns it into column values (custom attributes merged into the stored ones). */
async function columnsFromInput(c: Ctx, input: CompanyInput, stored: CompanyRow | null, now: number): Promise<CompanyPatch> {
  const patch: CompanyPatch = {};
  for (const k of ["name", "plan", "website", "industry"] as const) if (input[k] !== undefined) patch[k] = input[k];
  if (input.size !== undefined) patch.size = sizeValue(input.size);
  if (input.monthly_spend !== undefined) patch.monthly_spend = monthlySpendValue(input.monthly_spend);
  if (input.remote_created_at !== undefined) patch.remote_created_at = input.remote_created_at;
  if (input.update_last_request_at === true) patch.last_request_at = now;
  if (input.custom_attributes !== undefined) {
    const changes = await checkCustomAttributes(c, "company", input.custom_attributes);
    const current = stored ? (JSON.parse(stored.custom_attributes) as Record<string, unknown>) : {};
    patch.custom_attributes = JSON.stringify(mergeCustomAttributes(current, changes));
  }
  return patch;
}

/** Makes sure the plan named by a write has an id (idempotent and race-safe). */
async function ensurePlan(c: Ctx, name: string | null | undefined) {
  if (!name) return;
  await c.db
    .insertInto("company_plans")
    .values({ workspace_id: c.wsId, name, created_at: c.now() })
    .onConflict((oc) => oc.columns(["workspace_id", "name"]).doNothing())
    .execute();
}

async function applyPatch(c: Ctx, id: string, patch: CompanyPatch): Promise<CompanyRow> {
  await c.db.updateTable("companies").set(patch).where("workspace_id", "=", c.wsId).where("id", "=", id).execute();
  return getCompanyRow(c, id);
}

/**
 * POST /companies: creates the company with this company_id, or updates it if it exists. The insert
 * decides (unique company_id, "on conflict do nothing"); when it loses, the existing row is updated
 * under its lock, so concurrent upserts of one company_id make one company and lose no attribute.
 */
export async function createOrUpdateCompany(c: Ctx, input: CompanyInput): Promise<CompanyRow> {
  rejectUnknown(input);
  const companyId = input.company_id ?? "";
  if (companyId.trim() === "") throw missingParam("company_id", "company_id is required");
  const now = c.now();
  return inTransaction(c, async (t) => {
    const patch = await columnsFromInput(t, input, null, now);
    await ensurePlan(t, patch.plan);
    const row: CompanyRow = {
      id: hexId(now),
      workspace_id: t.wsId,
      company_id: companyId,
      name: null,
      plan: null,
      size: null,
      website: null,
      industry: null,
      monthly_spend: null,
      session_count: 0,
      user_count: 0,
      remote_created_at: null,
      last_request_at: null,
      custom_attributes: "{}",
      created_at: now,
      updated_at: now,
      ...patch,
    };
    const inserted = await t.db
      .insertInto("companies")
      .values(row)
      .onConflict((oc) => oc.columns(["workspace_id", "company_id"]).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) {
      await emitCompany(t, "company.created", inserted);
      return inserted;
    }
    // the company exists (perhaps created by a concurrent request a moment ago): update it under its lock
    const found = await findByCompanyId(t, companyId);
    const current = found ? await lockedRow(t, "companies", found.id) : null;
    if (!current) throw conflict("The company was deleted while it was being written; retry");
    const update = await columnsFromInput(t, input, current, now);
    const updated = await applyPatch(t, current.id, { ...update, updated_at: now });
    await emitCompany(t, "company.updated", updated);
    return updated;
  });
}

/** PUT /companies/{id}: company_id cannot change; read, merged and written under the row's lock. */
export async function updateCompany(c: Ctx, id: string, input: CompanyInput): Promise<CompanyRow> {
  rejectUnknown(input);
  return inTransaction(c, async (t) => {
    const stored = await lockedRow(t, "companies", id);
    if (!stored) throw companyNotFound();
    if (input.company_id !== undefined && input.company_id !== stored.company_id) {
      throw invalidParam("company_id", "company_id can't be updated; it is set once when the company is created");
    }
    const now = c.now();
    const patch = await columnsFromInput(t, input, stored, now);
    await ensurePlan(t, patch.plan);
    const updated = await applyPatch(t, stored.id, { ...patch, updated_at: now });
    await emitCompany(t, "company.updated", updated);
    return updated;
  });
}

/** DELETE /companies/{id}: the company goes, with its links to contacts and tags. */
export async function deleteCompany(c: Ctx, id: string): Promise<CompanyRow> {
  const row = await getCompanyRow(c, id);
  await inTransaction(c, async (t) => {
    const res = await t.db.deleteFrom("companies").where("workspace_id", "=", t.wsId).where("id", "=", row.id).executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw companyNotFound();
    await emitCompanyDeleted(t, row);
  });
  return row;
}

// ---------------------------------------------------------------- contacts of a company

/** POST /contacts/{contact_id}/companies: attaching twice is a no-op. */
export async function attachContact(c: Ctx, contactId: string, companyId: unknown): Promise<CompanyRow> {
  if (companyId === undefined || companyId === null || companyId === "") throw missingParam("id", "company not specified");
  const contact = await getContactRow(c, contactId);
  const company = await getCompanyRow(c, String(companyId));
  const linked = await c.db
    .selectFrom("contact_companies")
    .select("company_id")
    .where("workspace_id", "=", c.wsId)
    .where("contact_id", "=", contact.id)
    .where("company_id", "=", company.id)
    .executeTakeFirst();
  if (linked) return company;
  const count = await c.db
    .selectFrom("contact_companies")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("workspace_id", "=", c.wsId)
    .where("contact_id", "=", contact.id)
    .executeTakeFirstOrThrow();
  if (Number(count.n) >= CONTACT_COMPANY_LIMIT) {
    throw badRequest("contact_company_limit_exceeded", `Contact has reached the maximum of ${CONTACT_COMPANY_LIMIT} company associations`);
  }
  const now = c.now();
  await inTransaction(c, async (t) => {
    const tx = t.db;
    const ins = await tx
      .insertInto("contact_companies")
      .values({ workspace_id: c.wsId, contact_id: contact.id, company_id: company.id, created_at: now })
      .onConflict((oc) => oc.columns(["contact_id", "company_id"]).doNothing())
      .executeTakeFirst();
    if (Number(ins.numInsertedOrUpdatedRows ?? 0) > 0) {
      await tx.updateTable("companies").set({ updated_at: now }).where("workspace_id", "=", c.wsId).where("id", "=", company.id).execute();
      await emitCompanyContact(t, "company.contact.attached", { ...company, updated_at: now }, contact);
    }
  });
  return getCompanyRow(c, company.id);
}

/** DELETE /contacts/{contact_id}/companies/{company_id}: a company the contact is not in is not found. */
export async function detachContact(c: Ctx, contactId: string, companyId: string): Promise<CompanyRow> {
  const contact = await getContactRow(c, contactId);
  const company = await getCompanyRow(c, companyId);
  const now = c.now();
  const removed = await inTransaction(c, async (t) => {
    const tx = t.db;
    const del = await tx
      .deleteFrom("contact_companies")
      .where("workspace_id", "=", c.wsId)
      .where("contact_id", "=", contact.id)
      .where("company_id", "=", company.id)
      .executeTakeFirst();
    if (Number(del.numDeletedRows) === 0) return false;
    await tx.updateTable("companies").set({ updated_at: now }).where("workspace_id", "=", c.wsId).where("id", "=", company.id).execute();
    await emitCompanyContact(t, "company.contact.detached", { ...company, updated_at: now }, contact);
    return true;
  });
  if (!removed) throw companyNotFound();
  return getCompanyRow(c, company.id);
}

// ---------------------------------------------------------------- numbered lists

export const DEFAULT_COMPANY_PER_PAGE = 15;

export interface CompanyFilter {
  company_id?: string;
  name?: string;
  tag_id?: string;
  segment_id?: string;
  /** POST /companies/list lists only companies that have contacts */
  withContactsOnly?: boolean;
}

export interface NumberedResult {
  rows: CompanyRow[];
  total: number;
  page: number;
  perPage: number;
  /** cursor of the next page, when there is one */
  next: string | null;
}

/**
 * GET /companies and POST /companies/list: companies by last_request_at (then id), newest first
 * unless order is asc. A tag or segment id that selects nothing gives an empty list.
 */
export async function listCompanies(c: Ctx, filter: CompanyFilter, order: "asc" | "desc", p: NumberedPage): Promise<NumberedResult> {
  let base = c.db.selectFrom("companies").where("companies.workspace_id", "=", c.wsId);
  if (filter.tag_id !== undefined) {
    const tagId = parseNumericId(filter.tag_id);
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom("company_tags")
          .select("company_tags.tag_id")
          .where("company_tags.workspace_id", "=", c.wsId)
          .where("company_tags.tag_id", "=", tagId ?? -1)
          .whereRef("company_tags.company_id", "=", "companies.id"),
      ),
    );
  }
  if (filter.segment_id !== undefined) {
    const inSegment = await companiesInSegment(c, filter.segment_id);
    base = base.where(() => inSegment);
  }
  if (filter.withContactsOnly) {
    base = base.where((eb) =>
      eb.exists(eb.selectFrom("contact_companies").select("contact_companies.company_id").where("contact_companies.workspace_id", "=", c.wsId).whereRef("contact_companies.company_id", "=", "companies.id")),
    );
  }
  const [total, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    base
      .selectAll("companies")
      .orderBy(sql`coalesce(${sql.ref("last_request_at")}, 0)`, order)
      .orderBy("companies.id", order)
      .limit(p.perPage)
      .offset((p.page - 1) * p.perPage)
      .execute(),
  ]);
  const n = Number(total.n);
  const next = p.page * p.perPage < n ? encodeCursor({ p: p.page + 1, k: [] }) : null;
  return { rows, total: n, page: p.page, perPage: p.perPage, next };
}

/** GET /companies?company_id= or ?name=: the one company (the oldest, when names repeat), or 404. */
export async function retrieveOneCompany(c: Ctx, by: { company_id?: string; name?: string }): Promise<CompanyRow> {
  let q = c.db.selectFrom("companies").selectAll().where("workspace_id", "=", c.wsId);
  q = by.company_id !== undefined ? q.where("company_id", "=", by.company_id) : q.where("name", "=", by.name ?? "");
  const row = await q.orderBy("created_at").orderBy("id").limit(1).executeTakeFirst();
  if (!row) throw companyNotFound();
  return row;
}

// ---------------------------------------------------------------- scroll

export const DEFAULT_SCROLL_PER_PAGE = 50;

export interface ScrollPage {
  rows: CompanyRow[];
  /** null once the end was reached: the scroll is closed */
  scrollParam: string | null;
}

const scrollExpired = () => new ApiError(404, "not_found", "scroll_param is unknown or has expired; start a new scroll without it");
const scrollOpen = () =>
  new ApiError(
    400,
    "scroll_exists",
    `A scroll is already open for this workspace; continue it with its scroll_param, or wait ${SCROLL_TTL_SECONDS} seconds after its last use for it to expire`,
  );

/**
 * GET /companies/scroll: without scroll_param opens the workspace's one scroll; with it, serves the next
 * page. Pages follow the company id. When a call finds nothing left the scroll closes and the answer
 * carries no scroll_param.
 */
export async function scrollCompanies(c: Ctx, scrollParam: string | undefined, perPage: number): Promise<ScrollPage> {
  const now = c.now();
  // expired scrolls of this workspace are gone for good
  await c.db.deleteFrom("company_scrolls").where("workspace_id", "=", c.wsId).where("expires_at", "<", now).execute();
  let param: string;
  let lastId: string | null;
  if (scrollParam === undefined || scrollParam === "") {
    param = randomUUID();
    lastId = null;
    const opened = await c.db
      .insertInto("company_scrolls")
      .values({ workspace_id: c.wsId, scroll_param: param, last_id: null, expires_at: now + SCROLL_TTL_SECONDS, created_at: now })
      .onConflict((oc) => oc.column("workspace_id").doNothing())
      .executeTakeFirst();
    if (Number(opened.numInsertedOrUpdatedRows ?? 0) === 0) throw scrollOpen();
  } else {
    const state = await c.db
      .selectFrom("company_scrolls")
      .select(["scroll_param", "last_id"])
      .where("workspace_id", "=", c.wsId)
      .where("scroll_param", "=", scrollParam)
      .executeTakeFirst();
    if (!state) throw scrollExpired();
    param = state.scroll_param;
    lastId = state.last_id;
  }
  let q = c.db.selectFrom("companies").selectAll().where("workspace_id", "=", c.wsId);
  if (lastId !== null) q = q.where("id", ">", lastId);
  const rows = await q.orderBy("id").limit(perPage).execute();
  if (rows.length === 0) {
    await c.db.deleteFrom("company_scrolls").where("workspace_id", "=", c.wsId).where("scroll_param", "=", param).execute();
    return { rows, scrollParam: null };
  }
  // compare-and-set on the position: two requests with one scroll_param cannot both take this page
  let advance = c.db
    .updateTable("company_scrolls")
    .set({ last_id: rows[rows.length - 1].id, expires_at: now + SCROLL_TTL_SECONDS })
    .where("workspace_id", "=", c.wsId)
    .where("scroll_param", "=", param);
  advance = lastId === null ? advance.where("last_id", "is", null) : advance.where("last_id", "=", lastId);
  const moved = await advance.executeTakeFirst();
  if (Number(moved.numUpdatedRows) === 0) throw scrollExpired();
  return { rows, scrollParam: param };
}

/** GET /contacts/{id}/companies: the companies a contact is attached to, in attach order, by page number. */
export async function listContactCompanies(c: Ctx, contactId: string, q: { page?: number; per_page?: number }) {
  const contact = await getContactRow(c, contactId);
  const { req, offset } = withPageNumber(readPageRequest({ per_page: q.per_page }), q.page);
  const links = c.db.selectFrom("contact_companies").where("contact_companies.workspace_id", "=", c.wsId).where("contact_companies.contact_id", "=", contact.id);
  const [rows, total] = await Promise.all([
    links
      .innerJoin("companies", "companies.id", "contact_companies.company_id")
      .selectAll("companies")
      .orderBy("contact_companies.created_at")
      .orderBy("contact_companies.company_id")
      .limit(req.perPage)
      .offset(offset)
      .execute(),
    links.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n), pages: pageLinks(`/contacts/${contact.id}/companies`, req.page, req.perPage, Number(total.n)) };
}
