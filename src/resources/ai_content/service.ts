// AI content: content import sources (the API's own: sync_behavior "api") and their external pages.
//
// - POST /ai/external_pages with an external_id that its source already has updates that page: one
//   INSERT … ON CONFLICT (source_id, external_id) DO UPDATE, so concurrent upserts leave exactly one page.
// - PUT /ai/external_pages/{id} may move a page to another source or external_id; one that is taken
//   there answers 409.
// - Deleting a source deletes its pages (foreign key cascade).
import type { Selectable } from "kysely";
import type { ContentImportSourcesTable, ExternalPagesTable } from "../../db/tables/content.js";
import type { Ctx } from "../../platform/http.js";
import { conflict, invalidParam, missingParam, notFound } from "../../platform/errors.js";
import { isUniqueViolation } from "../../platform/db-errors.js";
import { parseNumericId } from "../../platform/ids.js";
import { readPageNumber } from "../../platform/pagination.js";
import type { PageInput, SourceInput } from "./schemas.js";

export type SourceRow = Selectable<ContentImportSourcesTable>;
export type PageRow = Selectable<ExternalPagesTable>;

export const MAX_URL = 2048;
export const MAX_TITLE = 1000;
export const MAX_HTML = 1_000_000;
export const MAX_EXTERNAL_ID = 255;
const resourceNotFound = () => notFound("Resource Not Found", "not_found");

function readUrl(field: string, v: unknown, required: boolean): string | undefined {
  if (v === undefined || v === null) {
    if (required) throw missingParam(field);
    return undefined;
  }
  if (typeof v !== "string" || v.length > MAX_URL) throw invalidParam(field, `${field} must be a URL of at most ${MAX_URL} characters`);
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw invalidParam(field, `${field} must be an http(s) URL`);
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") throw invalidParam(field, `${field} must be an http(s) URL`);
  return v;
}

function oneOf(field: string, v: unknown, allowed: string[]): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string" || !allowed.includes(v)) throw invalidParam(field, `${field} must be one of ${allowed.join(", ")}`);
  return v;
}

export async function createSource(c: Ctx, input: SourceInput): Promise<SourceRow> {
  const url = readUrl("url", input.url, true)!;
  if (input.sync_behavior === undefined) throw missingParam("sync_behavior");
  const sync = oneOf("sync_behavior", input.sync_behavior, ["api"])!;
  const status = oneOf("status", input.status, ["active", "deactivated"]) ?? "active";
  const now = c.now();
  const row = { workspace_id: c.wsId, url, sync_behavior: sync, status, last_synced_at: now, created_at: now, updated_at: now };
  const { id } = await c.db.insertInto("content_import_sources").values(row).returning("id").executeTakeFirstOrThrow();
  return { ...row, id: Number(id) };
}

export async function getSource(c: Ctx, rawId: unknown): Promise<SourceRow> {
  const id = parseNumericId(rawId);
  const row = id === null ? undefined : await c.db.selectFrom("content_import_sources").selectAll().where("workspace_id", "=", c.wsId).where("id", "=", id).executeTakeFirst();
  if (!row) throw resourceNotFound();
  return row;
}

export async function updateSource(c: Ctx, rawId: unknown, input: SourceInput): Promise<SourceRow> {
  const row = await getSource(c, rawId);
  const set: Partial<SourceRow> = { updated_at: c.now() };
  const url = readUrl("url", input.url, false);
  if (url !== undefined) set.url = url;
  const sync = oneOf("sync_behavior", input.sync_behavior, ["api", "automated", "manual"]);
  if (sync !== undefined) set.sync_behavior = sync;
  const status = oneOf("status", input.status, ["active", "deactivated"]);
  if (status !== undefined) set.status = status;
  const res = await c.db.updateTable("content_import_sources").set(set).where("workspace_id", "=", c.wsId).where("id", "=", row.id).executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw resourceNotFound();
  return { ...row, ...set };
}

export async function deleteSource(c: Ctx, rawId: unknown): Promise<void> {
  const row = await getSource(c, rawId);
  const res = await c.db.deleteFrom("content_import_sources").where("workspace_id", "=", c.wsId).where("id", "=", row.id).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw resourceNotFound();
}

/** A page-numbered list (pages with a `next` link). */
async function pageOf<T extends "content_import_sources" | "external_pages">(c: Ctx, table: T, q: { page?: number; per_page?: number }) {
  const page = q.page === undefined ? 1 : readPageNumber(q.page);
  const perPage = q.per_page ?? 50;
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 150) throw invalidParam("per_page", "per_page must be an integer between 1 and 150");
  const base = c.db.selectFrom(table as "external_pages").where("workspace_id", "=", c.wsId);
  const [rows, total] = await Promise.all([
    base.selectAll().orderBy("id", "desc").limit(perPage).offset((page - 1) * perPage).execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as unknown[], total: Number(total.n), page, perPage };
}

export const listSources = async (c: Ctx, q: { page?: number; per_page?: number }) => {
  const r = await pageOf(c, "content_import_sources", q);
  return { ...r, rows: r.rows as SourceRow[] };
};
export const listPages = async (c: Ctx, q: { page?: number; per_page?: number }) => {
  const r = await pageOf(c, "external_pages", q);
  return { ...r, rows: r.rows as PageRow[] };
};

function readText(field: string, v: unknown, max: number, required: boolean): string | undefined {
  if (v === undefined || v === null) {
    if (required) throw missingParam(field);
    return undefined;
  }
  if (typeof v !== "string" || v.trim() === "") throw invalidParam(field, `${field} must be a non-blank string`);
  if (v.length > max) throw invalidParam(field, `${field} is longer than ${max} characters`);
  return v;
}

function readBool(field: string, v: unknown): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "boolean") throw invalidParam(field, `${field} must be a boolean`);
  return v ? 1 : 0;
}

async function readPage(c: Ctx, input: PageInput, creating: boolean) {
  const title = readText("title", input.title, MAX_TITLE, creating);
  const html = readText("html", input.html, MAX_HTML, creating);
  const externalId = input.external_id === undefined || input.external_id === null ? undefined : readText("external_id", String(input.external_id), MAX_EXTERNAL_ID, false);
  if (creating && externalId === undefined) throw missingParam("external_id");
  if (creating && (input.locale === undefined || input.locale === null)) throw missingParam("locale");
  const locale = oneOf("locale", input.locale, ["en"]);
  const url = readUrl("url", input.url, false);
  if (creating && (input.source_id === undefined || input.source_id === null)) throw missingParam("source_id");
  const source = input.source_id === undefined || input.source_id === null ? undefined : await getSource(c, input.source_id);
  const agent = readBool("ai_agent_availability", input.ai_agent_availability) ?? readBool("fin_availability", input.fin_availability);
  const copilot = readBool("ai_copilot_availability", input.ai_copilot_availability);
  return { title, html, externalId, locale, url, source, agent, copilot };
}

/** Creates a page, or updates the page its source already has with that external_id (one statement). */
export async function upsertPage(c: Ctx, input: PageInput): Promise<PageRow> {
  const p = await readPage(c, input, true);
  const now = c.now();
  const row = {
    workspace_id: c.wsId,
    source_id: p.source!.id,
    external_id: p.externalId!,
    title: p.title!,
    html: p.html!,
    url: p.url ?? null,
    locale: p.locale ?? "en",
    ai_agent_availability: p.agent ?? 1,
    ai_copilot_availability: p.copilot ?? 1,
    created_at: now,
    updated_at: now,
    last_ingested_at: now,
  };
  const update: Partial<PageRow> = { title: row.title, html: row.html, locale: row.locale, updated_at: now, last_ingested_at: now };
  if (p.url !== undefined) update.url = p.url;
  if (p.agent !== undefined) update.ai_agent_availability = p.agent;
  if (p.copilot !== undefined) update.ai_copilot_availability = p.copilot;
  return c.db
    .insertInto("external_pages")
    .values(row)
    .onConflict((oc) => oc.columns(["source_id", "external_id"]).doUpdateSet(update))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function getPage(c: Ctx, rawId: unknown): Promise<PageRow> {
  const id = parseNumericId(rawId);
  const row = id === null ? undefined : await c.db.selectFrom("external_pages").selectAll().where("workspace_id", "=", c.wsId).where("id", "=", id).executeTakeFirst();
  if (!row) throw resourceNotFound();
  return row;
}

export async function updatePage(c: Ctx, rawId: unknown, input: PageInput): Promise<PageRow> {
  const row = await getPage(c, rawId);
  const p = await readPage(c, input, false);
  const now = c.now();
  const set: Partial<PageRow> = { updated_at: now, last_ingested_at: now };
  if (p.title !== undefined) set.title = p.title;
  if (p.html !== undefined) set.html = p.html;
  if (p.url !== undefined) set.url = p.url;
  if (p.locale !== undefined) set.locale = p.locale;
  if (p.source) set.source_id = p.source.id;
  if (p.externalId !== undefined) set.external_id = p.externalId;
  if (p.agent !== undefined) set.ai_agent_availability = p.agent;
  if (p.copilot !== undefined) set.ai_copilot_availability = p.copilot;
  try {
    const updated = await c.db.updateTable("external_pages").set(set).where("workspace_id", "=", c.wsId).where("id", "=", row.id).returningAll().executeTakeFirst();
    if (!updated) throw resourceNotFound();
    return updated;
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict("That source already has a page with this external_id", "external_id");
    throw err;
  }
}

export async function deletePage(c: Ctx, rawId: unknown): Promise<PageRow> {
  const row = await getPage(c, rawId);
  const res = await c.db.deleteFrom("external_pages").where("workspace_id", "=", c.wsId).where("id", "=", row.id).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw resourceNotFound();
  return row;
}
