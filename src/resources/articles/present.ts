// Article rows → Intercom JSON: the default locale's content at the top, every locale in
// translated_content, the parent (collection, or 2.7–2.9 section), tags and statistics.
import type { Ctx } from "../../platform/http.js";
import { highlightSegments, highlightedPassages, htmlToText } from "../../search/fulltext.js";
import { articleUrl } from "../help_center/locales.js";
import { groupKind } from "../help_center/service.js";
import { contentsOf, type ArticleContentRow, type ArticleRow } from "./service.js";
import { draftsOf } from "./drafts.js";

function presentContent(wsId: string, a: ArticleRow, x: ArticleContentRow) {
  const out: Record<string, unknown> = {
    type: "article_content",
    title: x.title,
    description: x.description,
    body: x.body,
    author_id: x.author_id,
    state: x.state,
    created_at: x.created_at,
    updated_at: x.updated_at,
  };
  if (x.state === "published") out.url = articleUrl(wsId, x.locale, a.id, x.title);
  return out;
}

/** Presents articles, loading their contents and parents in one query each. */
export async function presentArticles(c: Ctx, rows: ArticleRow[]): Promise<Array<Record<string, unknown>>> {
  const [contents, drafts, reactions] = await Promise.all([contentsOf(c.db, rows.map((r) => r.id)), draftsOf(c, rows.map((r) => r.id)), reactionsOf(c, rows.map((r) => r.id))]);
  const byArticle = new Map<number, ArticleContentRow[]>();
  for (const x of contents) byArticle.set(x.article_id, [...(byArticle.get(x.article_id) ?? []), x]);
  const parentIds = [...new Set(rows.map((r) => r.parent_id).filter((p): p is number => p !== null))];
  const parents = new Map(
    parentIds.length ? (await c.db.selectFrom("help_center_collections").select(["id", "depth"]).where("id", "in", parentIds).execute()).map((p) => [p.id, p]) : [],
  );
  return rows.map((a) => {
    const mine = byArticle.get(a.id) ?? [];
    const main = mine.find((x) => x.locale === a.default_locale) ?? mine[0];
    const parent = a.parent_id === null ? undefined : parents.get(a.parent_id);
    const translated: Record<string, unknown> = { type: "article_translated_content" };
    for (const x of mine) translated[x.locale] = presentContent(c.wsId, a, x);
    return {
      type: "article",
      id: String(a.id),
      workspace_id: a.workspace_id,
      title: main?.title ?? "",
      description: main?.description ?? "",
      body: main?.body ?? "",
      author_id: a.author_id,
      state: a.state,
      created_at: a.created_at,
      updated_at: a.updated_at,
      // staged drafts (drafts.ts): the default locale's makes the changes unpublished; the newest edit of any
      has_unpublished_changes: drafts.some((d) => Number(d.article_id) === a.id && d.locale === a.default_locale),
      draft_updated_at: drafts.filter((d) => Number(d.article_id) === a.id).reduce<number | null>((m, d) => Math.max(m ?? 0, Number(d.updated_at)), null),
      url: a.state === "published" && main ? articleUrl(c.wsId, main.locale, a.id, main.title) : null,
      parent_id: parent ? parent.id : null,
      parent_ids: parent ? [parent.id] : [],
      parent_type: parent ? groupKind(c, parent) : null,
      default_locale: a.default_locale,
      translated_content: translated,
      tags: { type: "tag.list", tags: [] },
      statistics: { type: "article_statistics", views: a.views, conversions: a.conversions, ...reactionStats(reactions.get(a.id)) },
    };
  });
}

/** The reactions the Messenger recorded (POST /_opencom/content_stats), by article: {happy, neutral, sad} counts. */
async function reactionsOf(c: Ctx, ids: number[]): Promise<Map<number, Record<string, number>>> {
  const out = new Map<number, Record<string, number>>();
  if (ids.length === 0) return out;
  const rows = await c.db
    .selectFrom("content_stats")
    .select(["content_id", "reaction", (eb) => eb.fn.countAll().as("n")])
    .where("workspace_id", "=", c.wsId)
    .where("content_type", "=", "article")
    .where("content_id", "in", ids)
    .where("stat_type", "=", "reaction")
    .groupBy(["content_id", "reaction"])
    .execute();
  for (const r of rows) out.set(Number(r.content_id), { ...out.get(Number(r.content_id)), [r.reaction ?? ""]: Number(r.n) });
  return out;
}

/** Reaction count and percentages (one decimal) of an article's statistics. */
function reactionStats(counts: Record<string, number> | undefined) {
  const happy = counts?.happy ?? 0;
  const neutral = counts?.neutral ?? 0;
  const sad = counts?.sad ?? 0;
  const total = happy + neutral + sad;
  const pct = (n: number) => (total === 0 ? 0 : Math.round((n / total) * 1000) / 10);
  return { reactions: total, happy_reaction_percentage: pct(happy), neutral_reaction_percentage: pct(neutral), sad_reaction_percentage: pct(sad) };
}

export async function presentArticle(c: Ctx, row: ArticleRow) {
  return (await presentArticles(c, [row]))[0];
}

/** The highlights of search results: the title and passages of the first content (default locale first) that has a term. */
export async function articleHighlights(c: Ctx, rows: ArticleRow[], terms: string[]) {
  const contents = await contentsOf(c.db, rows.map((r) => r.id));
  return rows.map((a) => {
    const mine = contents.filter((x) => x.article_id === a.id).sort((x, y) => Number(y.locale === a.default_locale) - Number(x.locale === a.default_locale));
    const set = new Set(terms);
    const hit = mine.find((x) => x.search_text.split(" ").some((w) => set.has(w))) ?? mine[0];
    const summary = hit ? `${hit.description} ${htmlToText(hit.body)}`.trim() : "";
    return {
      article_id: String(a.id),
      highlighted_title: highlightSegments(hit?.title ?? "", terms),
      highlighted_summary: highlightedPassages(summary, terms),
    };
  });
}
