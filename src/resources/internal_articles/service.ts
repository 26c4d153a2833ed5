// Internal articles: create, read, update, delete, list (most recently updated first) and search.
// Owner and author are teammates of the workspace; bodies are sanitised HTML; search is full text in
// the store's engine (src/search/fulltext.ts) over title and body: every word of `phrase` must occur.
import type { Selectable } from "kysely";
import type { InternalArticlesTable } from "../../db/tables/content.js";
import type { Ctx } from "../../platform/http.js";
import { invalidParam, missingParam, notFound } from "../../platform/errors.js";
import { toStoredHtml } from "../../platform/html.js";
import { parseNumericId } from "../../platform/ids.js";
import { keysetPage, readPageRequest, type SortKey } from "../../platform/pagination.js";
import { withPageNumber } from "../../platform/pagination.js";
import { htmlToText, matchesAll, queryTerms, searchText, throughTextIndex } from "../../search/fulltext.js";
import { findAdmin } from "../admins/service.js";
import { DEFAULT_LOCALE } from "../help_center/locales.js";
import { lockedRow } from "../../platform/writes.js";
import type { InternalArticleInput } from "./schemas.js";

export type InternalArticleRow = Selectable<InternalArticlesTable>;

export const MAX_TITLE = 1000;
export const MAX_BODY = 500_000;
export const MAX_PHRASE = 1000;
const resourceNotFound = () => notFound("Resource Not Found", "not_found");


async function teammate(c: Ctx, field: string, v: unknown): Promise<number | undefined> {
  if (v === undefined || v === null || v === "") return undefined;
  const admin = await findAdmin(c, v);
  if (!admin) throw invalidParam(field, `${field} is not a teammate of this workspace`);
  return admin.id;
}

async function readInput(c: Ctx, input: InternalArticleInput) {
  const out: { title?: string; body?: string; owner_id?: number; author_id?: number } = {};
  if (input.title !== undefined && input.title !== null) {
    if (typeof input.title !== "string" || input.title.trim() === "") throw invalidParam("title", "title must be a non-blank string");
    if (input.title.length > MAX_TITLE) throw invalidParam("title", `title is longer than ${MAX_TITLE} characters`);
    out.title = input.title;
  }
  if (input.body !== undefined && input.body !== null) {
    if (typeof input.body !== "string") throw invalidParam("body", "body must be a string");
    if (input.body.length > MAX_BODY) throw invalidParam("body", `body is longer than ${MAX_BODY} characters`);
    out.body = input.body.trim() === "" ? "" : toStoredHtml(input.body);
  }
  out.owner_id = await teammate(c, "owner_id", input.owner_id);
  out.author_id = await teammate(c, "author_id", input.author_id);
  return out;
}

export async function createInternalArticle(c: Ctx, input: InternalArticleInput): Promise<InternalArticleRow> {
  for (const f of ["title", "owner_id", "author_id"] as const) if (input[f] === undefined || input[f] === null) throw missingParam(f);
  const v = await readInput(c, input);
  const now = c.now();
  const row = {
    workspace_id: c.wsId,
    title: v.title!,
    body: v.body ?? "",
    owner_id: v.owner_id!,
    author_id: v.author_id!,
    locale: DEFAULT_LOCALE,
    search_text: searchText(v.title, htmlToText(v.body ?? "")),
    created_at: now,
    updated_at: now,
  };
  const { id } = await c.db.insertInto("internal_articles").values(row).returning("id").executeTakeFirstOrThrow();
  return { ...row, id: Number(id) };
}

export async function getInternalArticle(c: Ctx, rawId: unknown): Promise<InternalArticleRow> {
  const id = parseNumericId(rawId);
  const row = id === null ? undefined : await c.db.selectFrom("internal_articles").selectAll().where("workspace_id", "=", c.wsId).where("id", "=", id).executeTakeFirst();
  if (!row) throw resourceNotFound();
  return row;
}

/** A partial update, merged under a row lock (the search text follows title and body). */
export async function updateInternalArticle(c: Ctx, rawId: unknown, input: InternalArticleInput): Promise<InternalArticleRow> {
  const current = await getInternalArticle(c, rawId);
  const v = await readInput(c, input);
  return c.db.transaction().execute(async (tx) => {
    const row = await lockedRow({ ...c, db: tx }, "internal_articles", current.id);
    if (!row) throw resourceNotFound();
    const set = {
      title: v.title ?? row.title,
      body: v.body ?? row.body,
      owner_id: v.owner_id ?? row.owner_id,
      author_id: v.author_id ?? row.author_id,
      updated_at: c.now(),
      search_text: "",
    };
    set.search_text = searchText(set.title, htmlToText(set.body));
    await tx.updateTable("internal_articles").set(set).where("id", "=", row.id).execute();
    return { ...row, ...set };
  });
}

export async function deleteInternalArticle(c: Ctx, rawId: unknown): Promise<number> {
  const row = await getInternalArticle(c, rawId);
  const res = await c.db.deleteFrom("internal_articles").where("workspace_id", "=", c.wsId).where("id", "=", row.id).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw resourceNotFound();
  return row.id;
}

const BY_UPDATED: SortKey<InternalArticleRow>[] = [
  { col: "updated_at", kind: "integer", dir: "desc", get: (r) => r.updated_at },
  { col: "id", kind: "integer", dir: "desc", get: (r) => r.id },
];

export interface ListQuery {
  page?: number;
  per_page?: number;
  starting_after?: string;
  phrase?: string;
  folder_id?: string;
}

/** The workspace's internal articles (with `phrase`: those with every word of it), most recently updated first. */
export async function listInternalArticles(c: Ctx, q: ListQuery, search = false) {
  const { req, offset } = withPageNumber(readPageRequest(q, { defaultPerPage: search ? 10 : 50 }), q.page);
  let terms: string[] = [];
  if (search) {
    if (q.phrase !== undefined && q.phrase.length > MAX_PHRASE) throw invalidParam("phrase", `phrase is longer than ${MAX_PHRASE} characters`);
    terms = queryTerms(q.phrase ?? "");
    // opencom has no folders yet: no internal article is in one
    if (q.folder_id !== undefined && q.folder_id !== "") return { rows: [], next: null, page: req.page, total: 0, perPage: req.perPage };
    if ((q.phrase ?? "").trim() !== "" && terms.length === 0) return { rows: [], next: null, page: req.page, total: 0, perPage: req.perPage };
  }
  const [result, total] = await throughTextIndex(c.db, c.kind, (db) => {
    let base = db.selectFrom("internal_articles").where("workspace_id", "=", c.wsId);
    if (terms.length) base = base.where(matchesAll(c.kind, "internal_articles", terms));
    return Promise.all([keysetPage(base.selectAll().offset(offset), BY_UPDATED, req), base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()]);
  });
  return { ...result, total: Number(total.n), perPage: req.perPage };
}
