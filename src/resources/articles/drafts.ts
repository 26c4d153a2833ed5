// Article drafts and versions (2.16): staged changes on a published article, their publication, and the
// versions publishes record.
//
// - A draft is per locale (article_drafts, a unique index on article and locale) and holds the versioned
//   text: title, description, body and author. Staging leaves the live article (its contents, updated_at,
//   webhooks) untouched; other fields of the request (state, parent, availability) are ignored. Only a
//   published article takes a draft (else 422).
// - Publishing applies the drafts of the chosen locales to the live contents, records one version per
//   locale, deletes those drafts, bumps the article's updated_at and emits article.updated and
//   article.published (the article's content was published again) in the same transaction. opencom has
//   no locale settings, so "a multilingual workspace" is read as a multilingual article: one with content
//   or drafts in more than one locale must name the `locales` to publish (422 otherwise).
// - Versions: every publish records the content it made live; the first publish of a locale first records
//   the content that was live before it (the article's original publication, from_version_id null), so
//   the history starts where the article did. A version is `published` while it is its locale's newest
//   and that content is live, else `draft`. Listed newest first, page-numbered.
// - Stage and publish hold the article row (lockedRow): of two parallel publishes of one draft, one
//   publishes it and the other finds no draft (422 "Article has no draft to publish").
import type { Selectable } from "kysely";
import type { ArticleDraftsTable, ArticleVersionsTable } from "../../db/tables/article-versions.js";
import { ApiError, invalidParam, notFound } from "../../platform/errors.js";
import type { Ctx } from "../../platform/http.js";
import { parseNumericId } from "../../platform/ids.js";
import { encodeCursor, readNumberedPage } from "../../platform/pagination.js";
import { emitWebhook } from "../../platform/webhooks.js";
import { inTransaction, lockedRow } from "../../platform/writes.js";
import { currentAdmin } from "../admins/service.js";
import { LOCALES } from "../help_center/locales.js";
import { articleNotFound, contentRow, getArticle, readPatches, type ArticleContentRow, type ArticleRow } from "./service.js";
import type { ArticleInput } from "./schemas.js";

export type DraftRow = Selectable<ArticleDraftsTable>;
export type VersionRow = Selectable<ArticleVersionsTable>;
export type Present = (c: Ctx, row: ArticleRow) => Promise<Record<string, unknown>>;

const LOCALE_SET = new Set<string>(LOCALES);
/** Most locales one publish may name (there are fewer supported locales than this). */
const MAX_LOCALES = 64;
export const DEFAULT_VERSIONS_PER_PAGE = 25;

const unprocessable = (code: string, message: string, field?: string) => new ApiError(422, code, message, field);

const num = (v: unknown) => Number(v);

export function draftsOf(c: Ctx, articleIds: number[]): Promise<DraftRow[]> {
  if (articleIds.length === 0) return Promise.resolve([]);
  return c.db.selectFrom("article_drafts").selectAll().where("workspace_id", "=", c.wsId).where("article_id", "in", articleIds).orderBy("locale").execute();
}

async function liveContents(c: Ctx, articleId: number): Promise<Map<string, ArticleContentRow>> {
  const rows = await c.db.selectFrom("article_contents").selectAll().where("article_id", "=", articleId).execute();
  return new Map(rows.map((r) => [r.locale, r]));
}

async function actorId(c: Ctx): Promise<number | null> {
  try {
    return num((await currentAdmin(c)).id);
  } catch {
    return null;
  }
}

/** The article and its drafts (404 when it has none). */
export async function getDraft(c: Ctx, rawId: unknown): Promise<{ article: ArticleRow; drafts: DraftRow[] }> {
  const article = await getArticle(c, rawId);
  const drafts = await draftsOf(c, [article.id]);
  if (drafts.length === 0) throw notFound("Article has no staged draft", "not_found");
  return { article, drafts };
}

/** Stages the request's title, description, body and author per locale as drafts of a published article. */
export async function stageDraft(c: Ctx, rawId: unknown, input: ArticleInput): Promise<{ article: ArticleRow; drafts: DraftRow[] }> {
  await getArticle(c, rawId);
  const patches = await readPatches(c, input);
  const by = await actorId(c);
  return inTransaction(c, async (t) => {
    const article = await lockedRow(t, "articles", parseNumericId(rawId)!);
    if (!article) throw articleNotFound();
    if (article.state !== "published") throw unprocessable("parameter_invalid", "Article must be published before a draft can be staged");
    const live = await liveContents(t, article.id);
    const staged = new Map((await draftsOf(t, [article.id])).map((d) => [d.locale, d]));
    const now = t.now();
    for (const [locale, p] of patches) {
      if (p.title === undefined && p.description === undefined && p.body === undefined && p.author_id === undefined) continue;
      const base = staged.get(locale) ?? live.get(locale);
      if (!base && p.title === undefined) {
        const field = locale === article.default_locale ? "title" : `translated_content.${locale}.title`;
        throw invalidParam(field, `${field} is required`);
      }
      const values = {
        title: p.title ?? base!.title,
        description: p.description ?? base?.description ?? "",
        body: p.body ?? base?.body ?? "",
        author_id: p.author_id ?? (base ? num(base.author_id) : num(article.author_id)),
        created_by_id: by,
        updated_at: now,
      };
      await t.db
        .insertInto("article_drafts")
        .values({ workspace_id: t.wsId, article_id: article.id, locale, created_at: now, ...values })
        .onConflict((oc) => oc.columns(["article_id", "locale"]).doUpdateSet(values))
        .execute();
    }
    return { article, drafts: await draftsOf(t, [article.id]) };
  });
}

/** Publishes the drafts of the given locales (all of them on a single-language article). */
export async function publishDraft(c: Ctx, rawId: unknown, body: { locales?: unknown } | null | undefined, present: Present): Promise<Record<string, unknown>> {
  await getArticle(c, rawId);
  const requested = readLocales(body?.locales);
  const by = await actorId(c);
  return inTransaction(c, async (t) => {
    const article = await lockedRow(t, "articles", parseNumericId(rawId)!);
    if (!article) throw articleNotFound();
    const drafts = await draftsOf(t, [article.id]);
    if (drafts.length === 0) throw unprocessable("parameter_invalid", "Article has no draft to publish");
    const live = await liveContents(t, article.id);
    const locales = new Set([...live.keys(), ...drafts.map((d) => d.locale)]);
    let chosen: DraftRow[];
    if (requested === undefined) {
      if (locales.size > 1) throw unprocessable("parameter_not_found", "locales must be specified to publish a draft on a multilingual workspace", "locales");
      chosen = drafts;
    } else {
      const byLocale = new Map(drafts.map((d) => [d.locale, d]));
      const without = requested.filter((l) => !byLocale.has(l));
      if (without.length) throw unprocessable("parameter_invalid", `Cannot publish a draft for locale(s) without pending changes: ${without.join(", ")}`, "locales");
      chosen = requested.map((l) => byLocale.get(l)!);
    }
    const now = t.now();
    for (const d of chosen) {
      const prev = live.get(d.locale);
      let from = await t.db
        .selectFrom("article_versions")
        .select("id")
        .where("article_id", "=", article.id)
        .where("locale", "=", d.locale)
        .orderBy("id", "desc")
        .limit(1)
        .executeTakeFirst();
      if (!from && prev) {
        // the content live before the first publish of a draft: the article's original publication
        from = await t.db
          .insertInto("article_versions")
          .values({
            workspace_id: t.wsId,
            article_id: article.id,
            locale: d.locale,
            title: prev.title,
            description: prev.description,
            body: prev.body,
            author_id: num(prev.author_id),
            created_by_id: null,
            created_via: "api",
            from_version_id: null,
            created_at: num(prev.updated_at),
            updated_at: num(prev.updated_at),
          })
          .returning("id")
          .executeTakeFirstOrThrow();
      }
      await t.db
        .insertInto("article_versions")
        .values({
          workspace_id: t.wsId,
          article_id: article.id,
          locale: d.locale,
          title: d.title,
          description: d.description,
          body: d.body,
          author_id: num(d.author_id),
          created_by_id: by,
          created_via: "api",
          from_version_id: from ? num(from.id) : null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      const merged = { title: d.title, description: d.description, body: d.body, author_id: num(d.author_id), state: prev?.state ?? "published" };
      const values = contentRow(t, article.id, d.locale, merged, prev ? num(prev.created_at) : now, now);
      if (prev) await t.db.updateTable("article_contents").set(values).where("id", "=", prev.id).execute();
      else await t.db.insertInto("article_contents").values(values).execute();
      await t.db.deleteFrom("article_drafts").where("id", "=", d.id).execute();
    }
    const set: Partial<ArticleRow> = { updated_at: now };
    const main = chosen.find((d) => d.locale === article.default_locale);
    if (main) set.author_id = num(main.author_id);
    await t.db.updateTable("articles").set(set).where("id", "=", article.id).execute();
    const item = await present(t, { ...article, ...set });
    await emitWebhook(t.db, t.wsId, { topic: "article.updated", schema: "article", item });
    await emitWebhook(t.db, t.wsId, { topic: "article.published", schema: "article", item });
    return item;
  });
}

function readLocales(raw: unknown): string[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw) || raw.some((l) => typeof l !== "string")) throw invalidParam("locales", "locales must be an array of locale codes");
  if (raw.length === 0) throw unprocessable("parameter_not_found", "locales must name at least one locale", "locales");
  if (raw.length > MAX_LOCALES) throw invalidParam("locales", `locales takes at most ${MAX_LOCALES} locales`);
  for (const l of raw) if (!LOCALE_SET.has(l)) throw invalidParam("locales", `${l} is not a supported locale`);
  return [...new Set(raw as string[])];
}

function readLocaleFilter(raw: unknown): string | undefined {
  if (raw === undefined || raw === null || raw === "") return undefined;
  if (typeof raw !== "string" || !LOCALE_SET.has(raw)) throw invalidParam("locale", "Unknown locale");
  return raw;
}

/** The ids of the versions that are live: each locale's newest, when that locale's content is published. */
async function liveVersionIds(c: Ctx, articleId: number): Promise<Set<number>> {
  const [newest, live] = await Promise.all([
    c.db
      .selectFrom("article_versions")
      .select(["locale", (eb) => eb.fn.max("id").as("id")])
      .where("article_id", "=", articleId)
      .groupBy("locale")
      .execute(),
    liveContents(c, articleId),
  ]);
  return new Set(newest.filter((v) => live.get(v.locale)?.state === "published").map((v) => num(v.id)));
}

export interface VersionPage {
  rows: VersionRow[];
  live: Set<number>;
  total: number;
  page: number;
  perPage: number;
  next: string | null;
}

/** An article's versions (of one locale, if given), newest first. */
export async function listVersions(c: Ctx, rawArticleId: unknown, q: { page?: number; per_page?: number; starting_after?: string; locale?: string }): Promise<VersionPage> {
  const article = await getArticle(c, rawArticleId);
  const locale = readLocaleFilter(q.locale);
  const { page, perPage } = readNumberedPage(q, DEFAULT_VERSIONS_PER_PAGE);
  let base = c.db.selectFrom("article_versions").where("workspace_id", "=", c.wsId).where("article_id", "=", article.id);
  if (locale) base = base.where("locale", "=", locale);
  const [rows, count, live] = await Promise.all([
    base.selectAll().orderBy("id", "desc").limit(perPage).offset((page - 1) * perPage).execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    liveVersionIds(c, article.id),
  ]);
  const total = num(count.n);
  const next = page * perPage < total ? encodeCursor({ p: page + 1, k: [] }) : null;
  return { rows, live, total, page, perPage, next };
}

/** One version of an article; with `locale`, that version must be of that locale. */
export async function getVersion(c: Ctx, rawArticleId: unknown, rawId: unknown, rawLocale: unknown): Promise<{ row: VersionRow; live: boolean }> {
  const article = await getArticle(c, rawArticleId);
  const locale = readLocaleFilter(rawLocale);
  const id = parseNumericId(rawId);
  const row =
    id === null
      ? undefined
      : await c.db.selectFrom("article_versions").selectAll().where("workspace_id", "=", c.wsId).where("article_id", "=", article.id).where("id", "=", id).executeTakeFirst();
  if (!row || (locale && row.locale !== locale)) throw notFound("Article version not found", "not_found");
  return { row, live: (await liveVersionIds(c, article.id)).has(num(row.id)) };
}
