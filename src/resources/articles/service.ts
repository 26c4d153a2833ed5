// Articles: create, read, update, delete, list (most recently updated first) and full-text search.
//
// - An article has content per locale (article_contents, one row per locale: a unique index). The
//   top-level title, description, body, author and state are the default locale's content; a create or
//   update may also carry `translated_content` with other locales (and the default one, which the
//   top-level fields override).
// - Bodies are stored as sanitised HTML; the full-text index holds the words of title, description and
//   body text (src/search/fulltext.ts), in the store's own engine.
// - parent_id is a collection of the workspace's help center (2.7–2.9: a collection or a section, with
//   parent_type telling which); an unknown one is a 400.
// - An update is merged under a row lock (PostgreSQL: select … for update in the transaction; SQLite
//   serialises writers) and emits article.updated; create and delete emit article.created / article.deleted,
//   all in the transaction of the change.
import { sql, type Kysely, type Selectable } from "kysely";
import type { DB } from "../../db/types.js";
import type { ArticleContentsTable, ArticlesTable } from "../../db/tables/content.js";
import type { Ctx } from "../../platform/http.js";
import { invalidParam, missingParam, notFound } from "../../platform/errors.js";
import { toStoredHtml } from "../../platform/html.js";
import { parseNumericId } from "../../platform/ids.js";
import { keysetPage, readPageRequest, type SortKey } from "../../platform/pagination.js";
import { withPageNumber } from "../../platform/pagination.js";
import { emitWebhook } from "../../platform/webhooks.js";
import { htmlToText, matchesAll, queryTerms, searchText, throughTextIndex } from "../../search/fulltext.js";
import { findAdmin } from "../admins/service.js";
import { DEFAULT_LOCALE, localeEntries } from "../help_center/locales.js";
import { findCollection, getHelpCenter, groupKind } from "../help_center/service.js";
import { lockedRow } from "../../platform/writes.js";
import type { ArticleInput, ContentInput } from "./schemas.js";

export type ArticleRow = Selectable<ArticlesTable>;
export type ArticleContentRow = Selectable<ArticleContentsTable>;

export const MAX_TITLE = 1000;
export const MAX_DESCRIPTION = 10_000;
export const MAX_BODY = 500_000;
export const MAX_PHRASE = 1000;
const STATES = ["published", "draft"];

export const articleNotFound = () => notFound("Resource Not Found", "not_found");

function text(field: string, v: unknown, max: number, required = false): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") throw invalidParam(field, `${field} must be a string`);
  if (required && v.trim() === "") throw invalidParam(field, `${field} must not be blank`);
  if (v.length > max) throw invalidParam(field, `${field} is longer than ${max} characters`);
  return v;
}

function state(field: string, v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string" || !STATES.includes(v)) throw invalidParam(field, `${field} must be one of published, draft`);
  return v;
}

async function author(c: Ctx, field: string, v: unknown): Promise<number | undefined> {
  if (v === undefined || v === null || v === "") return undefined;
  const admin = await findAdmin(c, v);
  if (!admin) throw invalidParam(field, `${field} is not a teammate of this workspace`);
  return admin.id;
}

export interface ContentPatch {
  title?: string;
  description?: string;
  body?: string;
  author_id?: number;
  state?: string;
}

/** The content patches of a request per locale (the default locale's from the top-level fields first). */
export async function readPatches(c: Ctx, input: ArticleInput): Promise<Map<string, ContentPatch>> {
  const patches = new Map<string, ContentPatch>();
  const read = async (prefix: string, src: ContentInput): Promise<ContentPatch> => {
    const p: ContentPatch = {};
    const t = text(`${prefix}title`, src.title, MAX_TITLE, true);
    if (t !== undefined) p.title = t;
    const d = text(`${prefix}description`, src.description, MAX_DESCRIPTION);
    if (d !== undefined) p.description = d;
    const b = text(`${prefix}body`, src.body, MAX_BODY);
    if (b !== undefined) p.body = b.trim() === "" ? "" : toStoredHtml(b);
    const a = await author(c, `${prefix}author_id`, src.author_id);
    if (a !== undefined) p.author_id = a;
    const s = state(`${prefix}state`, src.state);
    if (s !== undefined) p.state = s;
    return p;
  };
  for (const [locale, entry] of localeEntries<ContentInput>(input.translated_content)) {
    patches.set(locale, await read(`translated_content.${locale}.`, entry));
  }
  const top = await read("", input);
  patches.set(DEFAULT_LOCALE, { ...(patches.get(DEFAULT_LOCALE) ?? {}), ...top });
  return patches;
}

/** The parent collection of a create or update (undefined: not given; null: stand alone). */
async function readParent(c: Ctx, input: ArticleInput): Promise<number | null | undefined> {
  if (input.parent_type !== undefined && input.parent_type !== null && !["collection", "section"].includes(input.parent_type)) {
    throw invalidParam("parent_type", "parent_type must be collection or section");
  }
  if (input.parent_id === undefined) return undefined;
  if (input.parent_id === null || input.parent_id === "") return null;
  const parent = await findCollection(c, input.parent_id);
  if (!parent) throw invalidParam("parent_id", "parent_id is not a collection of this help center");
  if (input.parent_type && input.parent_type !== groupKind(c, parent)) throw invalidParam("parent_type", `parent ${parent.id} is a ${groupKind(c, parent)}`);
  return parent.id;
}

export function contentRow(c: Ctx, articleId: number, locale: string, merged: Required<ContentPatch>, createdAt: number, now: number) {
  return {
    workspace_id: c.wsId,
    article_id: articleId,
    locale,
    title: merged.title,
    description: merged.description,
    body: merged.body,
    author_id: merged.author_id,
    state: merged.state,
    search_text: searchText(merged.title, merged.description, htmlToText(merged.body)),
    created_at: createdAt,
    updated_at: now,
  };
}

export async function createArticle(c: Ctx, input: ArticleInput, present: (c: Ctx, row: ArticleRow) => Promise<Record<string, unknown>>): Promise<Record<string, unknown>> {
  const patches = await readPatches(c, input);
  const main = patches.get(DEFAULT_LOCALE)!;
  if (main.title === undefined) throw missingParam("title", "title is required");
  if (main.author_id === undefined) throw missingParam("author_id", "author_id is required");
  const parentId = (await readParent(c, input)) ?? null;
  const now = c.now();
  const articleState = main.state ?? "draft";
  return c.db.transaction().execute(async (tx) => {
    const tc: Ctx = { ...c, db: tx };
    const row = { workspace_id: c.wsId, parent_id: parentId, default_locale: DEFAULT_LOCALE, state: articleState, author_id: main.author_id!, views: 0, conversions: 0, created_at: now, updated_at: now };
    const { id } = await tx.insertInto("articles").values(row).returning("id").executeTakeFirstOrThrow();
    const articleId = Number(id);
    for (const [locale, p] of patches) {
      if (p.title === undefined) throw missingParam(`translated_content.${locale}.title`, `translated_content.${locale}.title is required`);
      const merged = { title: p.title, description: p.description ?? "", body: p.body ?? "", author_id: p.author_id ?? main.author_id!, state: p.state ?? articleState };
      await tx.insertInto("article_contents").values(contentRow(c, articleId, locale, merged, now, now)).execute();
    }
    const item = await present(tc, { ...row, id: articleId });
    await emitWebhook(tx, c.wsId, { topic: "article.created", schema: "article", item });
    if (articleState === "published") await emitWebhook(tx, c.wsId, { topic: "article.published", schema: "article", item });
    return item;
  });
}

export async function findArticle(db: Kysely<DB>, wsId: string, rawId: unknown): Promise<ArticleRow | undefined> {
  const id = parseNumericId(rawId);
  if (id === null) return undefined;
  return db.selectFrom("articles").selectAll().where("workspace_id", "=", wsId).where("id", "=", id).executeTakeFirst();
}

export async function getArticle(c: Ctx, rawId: unknown): Promise<ArticleRow> {
  const row = await findArticle(c.db, c.wsId, rawId);
  if (!row) throw articleNotFound();
  return row;
}

export async function updateArticle(
  c: Ctx,
  rawId: unknown,
  input: ArticleInput,
  present: (c: Ctx, row: ArticleRow) => Promise<Record<string, unknown>>,
): Promise<Record<string, unknown>> {
  await getArticle(c, rawId);
  const patches = await readPatches(c, input);
  const parentId = await readParent(c, input);
  return c.db.transaction().execute(async (tx) => {
    const tc: Ctx = { ...c, db: tx };
    const article = await lockedRow(tc, "articles", parseNumericId(rawId)!);
    if (!article) throw articleNotFound();
    const now = c.now();
    const existing = new Map((await tx.selectFrom("article_contents").selectAll().where("article_id", "=", article.id).execute()).map((r) => [r.locale, r]));
    const main = patches.get(article.default_locale) ?? {};
    for (const [locale, p] of patches) {
      const prev = existing.get(locale);
      if (!prev && Object.keys(p).length === 0) continue;
      if (!prev && p.title === undefined) throw missingParam(`translated_content.${locale}.title`, `translated_content.${locale}.title is required`);
      const merged = {
        title: p.title ?? prev!.title,
        description: p.description ?? prev?.description ?? "",
        body: p.body ?? prev?.body ?? "",
        author_id: p.author_id ?? prev?.author_id ?? main.author_id ?? article.author_id,
        state: p.state ?? prev?.state ?? article.state,
      };
      const values = contentRow(c, article.id, locale, merged, prev?.created_at ?? now, now);
      if (prev) await tx.updateTable("article_contents").set(values).where("id", "=", prev.id).execute();
      else await tx.insertInto("article_contents").values(values).execute();
    }
    const set: Partial<ArticleRow> = { updated_at: now };
    if (main.state !== undefined) set.state = main.state;
    if (main.author_id !== undefined) set.author_id = main.author_id;
    if (parentId !== undefined) set.parent_id = parentId;
    await tx.updateTable("articles").set(set).where("id", "=", article.id).execute();
    const item = await present(tc, { ...article, ...set });
    await emitWebhook(tx, c.wsId, { topic: "article.updated", schema: "article", item });
    // Intercom's article.published / article.unpublished: the article's state moving to or from published
    if (set.state !== undefined && set.state !== article.state && (set.state === "published" || article.state === "published")) {
      await emitWebhook(tx, c.wsId, { topic: set.state === "published" ? "article.published" : "article.unpublished", schema: "article", item });
    }
    return item;
  });
}

export async function deleteArticle(c: Ctx, rawId: unknown): Promise<number> {
  const article = await getArticle(c, rawId);
  return c.db.transaction().execute(async (tx) => {
    const res = await tx.deleteFrom("articles").where("workspace_id", "=", c.wsId).where("id", "=", article.id).executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw articleNotFound();
    await emitWebhook(tx, c.wsId, { topic: "article.deleted", schema: "article", item: { type: "article", id: String(article.id) } });
    return article.id;
  });
}

export async function contentsOf(db: Kysely<DB>, articleIds: number[]): Promise<ArticleContentRow[]> {
  if (articleIds.length === 0) return [];
  return db.selectFrom("article_contents").selectAll().where("article_id", "in", articleIds).orderBy("article_id").orderBy("locale").execute();
}

const BY_UPDATED: SortKey<ArticleRow>[] = [
  { col: "articles.updated_at", kind: "integer", dir: "desc", get: (r) => r.updated_at },
  { col: "articles.id", kind: "integer", dir: "desc", get: (r) => r.id },
];

interface PageQuery {
  page?: number;
  per_page?: number;
  starting_after?: string;
}

/** The workspace's articles, most recently updated first: page numbers or cursors, with the total. */
export async function listArticles(c: Ctx, q: PageQuery) {
  const { req, offset } = withPageNumber(readPageRequest(q), q.page);
  const base = c.db.selectFrom("articles").where("workspace_id", "=", c.wsId);
  const [result, total] = await Promise.all([
    keysetPage(base.selectAll().offset(offset), BY_UPDATED, req),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { ...result, total: Number(total.n), perPage: req.perPage };
}

export interface SearchQuery extends PageQuery {
  phrase?: string;
  state?: string;
  help_center_id?: number;
  highlight?: boolean;
}

/**
 * Articles with content (in any locale) that has every word of the phrase, most recently updated first;
 * `state` (published, draft or all, the default) applies to that content. Without a phrase, every article
 * with content in that state.
 */
export async function searchArticles(c: Ctx, q: SearchQuery) {
  const phrase = text("phrase", q.phrase, MAX_PHRASE) ?? "";
  const st = q.state ?? "all";
  if (!["published", "draft", "all"].includes(st)) throw invalidParam("state", "state must be one of published, draft, all");
  if (q.help_center_id !== undefined) await getHelpCenter(c, q.help_center_id);
  const terms = queryTerms(phrase);
  const { req, offset } = withPageNumber(readPageRequest(q, { defaultPerPage: 10 }), q.page);
  if (phrase.trim() !== "" && terms.length === 0) return { rows: [] as ArticleRow[], next: null, page: req.page, total: 0, perPage: req.perPage, terms };
  const { result, total, rows } = await throughTextIndex(c.db, c.kind, async (db) => {
    // the index decides which contents match (looked up by primary key); the outer query keeps the workspace's
    let matching = db.selectFrom("article_contents").select("article_contents.article_id");
    if (terms.length) matching = matching.where(matchesAll(c.kind, "article_contents", terms));
    else matching = matching.where("article_contents.workspace_id", "=", c.wsId);
    if (st !== "all") matching = matching.where("article_contents.state", "=", st);
    // one pass over the matches gives the page's keys and (a window count) the total; only the key columns
    // go through the count and the sort, the page's ten rows are read by id after it
    const matched = db
      .selectFrom("articles")
      .select(["articles.id", "articles.updated_at"])
      .select(sql<number>`count(*) over ()`.as("match_count"))
      .where("articles.workspace_id", "=", c.wsId)
      .where("articles.id", "in", matching)
      .as("matched");
    type Key = { id: number; updated_at: number; match_count: number };
    const keys: SortKey<Key>[] = [
      { col: "matched.updated_at", kind: "integer", dir: "desc", get: (r) => r.updated_at },
      { col: "matched.id", kind: "integer", dir: "desc", get: (r) => r.id },
    ];
    const result = await keysetPage(db.selectFrom(matched).selectAll().offset(offset), keys, req);
    let total = result.rows[0]?.match_count;
    if (total === undefined) {
      // past the last page: count on its own
      const n = await db.selectFrom("articles").select((eb) => eb.fn.countAll<number>().as("n")).where("articles.workspace_id", "=", c.wsId).where("articles.id", "in", matching).executeTakeFirstOrThrow();
      total = Number(n.n);
    }
    const ids = result.rows.map((r) => Number(r.id));
    const byId = new Map((ids.length ? await db.selectFrom("articles").selectAll().where("workspace_id", "=", c.wsId).where("id", "in", ids).execute() : []).map((r) => [Number(r.id), r]));
    // an article deleted between the two reads is left out of the page
    const rows = ids.flatMap((id) => byId.get(id) ?? []);
    return { result, total, rows };
  });
  return { rows, next: result.next, page: result.page, total: Number(total), perPage: req.perPage, terms };
}
