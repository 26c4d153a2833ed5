// POST /content/bulk_actions (2.16, Unstable): one action over up to 1,000 content items, applied through
// the content resources' own services (their rules and webhooks), item by item, before the answer (the
// documented 202 "queued" envelope; opencom has done the work by then).
//
// - The request is checked first (422 `parameter_invalid` naming the field): the action, a non-empty
//   content_ids, the action's parameters (availability / audience / tags; tags: at least one of add/remove,
//   at most 100 distinct ids, every one an existing tag of the workspace).
// - Items whose type the action does not take are dropped (as documented); so are items not in the
//   workspace, and items opencom's content cannot take the change on: file_source_content (no uploaded
//   files), availability on articles and internal articles (no availability flags), audiences on anything
//   but snippets, tags on external pages.
// - publish / unpublish set an article content's state (the default locale's moves the article: the
//   article.published / article.unpublished webhooks); delete removes an article content (the default
//   locale's deletes the article), a snippet or an internal article.
import { ApiError } from "../../platform/errors.js";
import type { Ctx } from "../../platform/http.js";
import { parseNumericId } from "../../platform/ids.js";
import { emitWebhook } from "../../platform/webhooks.js";
import { inTransaction, lockedRow } from "../../platform/writes.js";
import { deleteArticle, updateArticle, type ArticleRow } from "../articles/service.js";
import { deleteSnippet, getSnippet, updateSnippet } from "../content_snippets/service.js";
import { deleteInternalArticle } from "../internal_articles/service.js";
import { updatePage } from "../ai_content/service.js";
import { attachContentTag, detachContentTag } from "../tags/content-tags-service.js";
import type { BulkInput } from "./schemas.js";

export const MAX_ITEMS = 1000;
export const MAX_TAG_IDS = 100;
export const MAX_SEGMENT_IDS = 100;

export const ACTIONS = ["publish", "unpublish", "delete", "set_availability", "set_audience", "update_tags"] as const;
type Action = (typeof ACTIONS)[number];

const ALLOWED: Record<Action, string[]> = {
  publish: ["article_content"],
  unpublish: ["article_content"],
  delete: ["article_content", "content_snippet", "file_source_content", "internal_article"],
  set_availability: ["article_content", "content_snippet", "external_content", "file_source_content", "internal_article"],
  set_audience: ["article_content", "content_snippet", "external_content", "file_source_content", "internal_article"],
  update_tags: ["article", "content_snippet", "external_content", "file_source_content", "internal_article"],
};

export type Present = (c: Ctx, row: ArticleRow) => Promise<Record<string, unknown>>;

const invalid = (field: string, message: string) => new ApiError(422, "parameter_invalid", message, field);

function intList(field: string, raw: unknown, max: number): number[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw) || raw.length > max || !raw.every((x) => Number.isSafeInteger(typeof x === "string" && /^\d+$/.test(x) ? Number(x) : x))) {
    throw invalid(field, `${field} must be an array of at most ${max} integers`);
  }
  return [...new Set(raw.map(Number))];
}

function bool(field: string, raw: unknown): boolean | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== "boolean") throw invalid(field, `${field} must be a boolean`);
  return raw;
}

interface Plan {
  action: Action;
  items: Array<{ type: string; id: number }>;
  availability?: { ai_agent?: boolean; copilot?: boolean; sales_agent?: boolean };
  audience?: { add: number[]; remove: number[]; removeAll: boolean };
  tags?: { add: number[]; remove: number[] };
}

async function readPlan(c: Ctx, input: BulkInput): Promise<Plan> {
  if (typeof input.action !== "string" || !(ACTIONS as readonly string[]).includes(input.action)) throw invalid("action", `action must be one of ${ACTIONS.join(", ")}`);
  const action = input.action as Action;
  const raw = input.content_ids;
  if (!Array.isArray(raw) || raw.length === 0) throw invalid("content_ids", "content_ids must list at least one content item");
  if (raw.length > MAX_ITEMS) throw new ApiError(400, "parameter_invalid", `content_ids takes at most ${MAX_ITEMS} items`, "content_ids");
  const items: Plan["items"] = [];
  const seen = new Set<string>();
  raw.forEach((item, i) => {
    const x = item as { type?: unknown; id?: unknown } | null;
    if (!x || typeof x !== "object" || typeof x.type !== "string" || (typeof x.id !== "string" && typeof x.id !== "number")) {
      throw invalid(`content_ids[${i}]`, `content_ids[${i}] must be an object with a type and an id`);
    }
    if (!ALLOWED[action].includes(x.type)) return; // dropped, as documented
    const id = parseNumericId(x.id);
    if (id === null || seen.has(`${x.type}:${id}`)) return;
    seen.add(`${x.type}:${id}`);
    items.push({ type: x.type, id });
  });
  const plan: Plan = { action, items };
  if (action === "set_availability") {
    const a = input.availability;
    if (!a || typeof a !== "object") throw invalid("availability", "availability is required for set_availability");
    plan.availability = { ai_agent: bool("availability.ai_agent", a.ai_agent), copilot: bool("availability.copilot", a.copilot), sales_agent: bool("availability.sales_agent", a.sales_agent) };
    if (Object.values(plan.availability).every((v) => v === undefined)) throw invalid("availability", "availability must set at least one of ai_agent, copilot, sales_agent");
  }
  if (action === "set_audience") {
    const a = input.audience;
    if (!a || typeof a !== "object") throw invalid("audience", "audience is required for set_audience");
    plan.audience = {
      add: intList("audience.add_segment_ids", a.add_segment_ids, MAX_SEGMENT_IDS),
      remove: intList("audience.remove_segment_ids", a.remove_segment_ids, MAX_SEGMENT_IDS),
      removeAll: bool("audience.remove_all", a.remove_all) ?? false,
    };
    if (!plan.audience.add.length && !plan.audience.remove.length && !plan.audience.removeAll) throw invalid("audience", "audience must add or remove segments");
  }
  if (action === "update_tags") {
    const t = input.tags;
    if (!t || typeof t !== "object") throw invalid("tags", "tags is required for update_tags");
    const add = intList("tags.add_tag_ids", t.add_tag_ids, MAX_TAG_IDS);
    const remove = intList("tags.remove_tag_ids", t.remove_tag_ids, MAX_TAG_IDS);
    if (!add.length && !remove.length) throw invalid("tags", "supply at least one of add_tag_ids, remove_tag_ids");
    const all = [...new Set([...add, ...remove])];
    if (all.length > MAX_TAG_IDS) throw invalid("tags", `at most ${MAX_TAG_IDS} distinct tag ids across add_tag_ids and remove_tag_ids`);
    const found = await c.db.selectFrom("tags").select("id").where("workspace_id", "=", c.wsId).where("id", "in", all).execute();
    const known = new Set(found.map((r) => Number(r.id)));
    const unknown = all.filter((id) => !known.has(id));
    if (unknown.length) throw invalid(add.some((id) => !known.has(id)) ? "tags.add_tag_ids" : "tags.remove_tag_ids", `Unknown tag ids: ${unknown.join(", ")}`);
    plan.tags = { add, remove };
  }
  return plan;
}

/** An item that is gone (deleted meanwhile, or never the workspace's) is skipped. */
async function skipMissing(fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return;
    throw err;
  }
}

async function articleContent(c: Ctx, id: number) {
  return c.db
    .selectFrom("article_contents")
    .innerJoin("articles", "articles.id", "article_contents.article_id")
    .select(["article_contents.id", "article_contents.article_id", "article_contents.locale", "article_contents.state", "articles.default_locale"])
    .where("article_contents.workspace_id", "=", c.wsId)
    .where("article_contents.id", "=", id)
    .executeTakeFirst();
}

/** Deletes one locale's content of an article (not its default one) and notifies article.updated. */
async function deleteTranslation(c: Ctx, articleId: number, contentId: number, locale: string, present: Present) {
  await inTransaction(c, async (t) => {
    const article = await lockedRow(t, "articles", articleId);
    if (!article) return;
    const res = await t.db.deleteFrom("article_contents").where("id", "=", contentId).where("article_id", "=", articleId).where("locale", "!=", article.default_locale).executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) return;
    await t.db.deleteFrom("article_drafts").where("article_id", "=", articleId).where("locale", "=", locale).execute();
    const now = t.now();
    await t.db.updateTable("articles").set({ updated_at: now }).where("id", "=", articleId).execute();
    await emitWebhook(t.db, t.wsId, { topic: "article.updated", schema: "article", item: await present(t, { ...article, updated_at: now }) });
  });
}

async function apply(c: Ctx, plan: Plan, item: { type: string; id: number }, present: Present): Promise<void> {
  const { action } = plan;
  if (item.type === "file_source_content") return; // opencom has no uploaded files
  if (action === "publish" || action === "unpublish") {
    const x = await articleContent(c, item.id);
    const state = action === "publish" ? "published" : "draft";
    if (!x || x.state === state) return;
    const input = x.locale === x.default_locale ? { state } : { translated_content: { [x.locale]: { state } } };
    return skipMissing(() => updateArticle(c, x.article_id, input, present));
  }
  if (action === "delete") {
    if (item.type === "content_snippet") return skipMissing(() => deleteSnippet(c, item.id));
    if (item.type === "internal_article") return skipMissing(() => deleteInternalArticle(c, item.id));
    const x = await articleContent(c, item.id);
    if (!x) return;
    if (x.locale === x.default_locale) return skipMissing(() => deleteArticle(c, x.article_id));
    return deleteTranslation(c, Number(x.article_id), Number(x.id), x.locale, present);
  }
  if (action === "set_availability") {
    const a = plan.availability!;
    if (item.type === "content_snippet") {
      return skipMissing(() => updateSnippet(c, item.id, { ai_chatbot_availability: a.ai_agent, ai_copilot_availability: a.copilot, ai_sales_agent_availability: a.sales_agent }));
    }
    if (item.type === "external_content") return skipMissing(() => updatePage(c, item.id, { ai_agent_availability: a.ai_agent, ai_copilot_availability: a.copilot }));
    return; // articles and internal articles carry no availability flags in opencom
  }
  if (action === "set_audience") {
    if (item.type !== "content_snippet") return;
    const a = plan.audience!;
    return skipMissing(async () => {
      const row = await getSnippet(c, item.id);
      const current: number[] = a.removeAll ? [] : JSON.parse(row.audience_ids);
      const next = [...new Set([...current.filter((id) => !a.remove.includes(id)), ...a.add])].slice(0, 100);
      await updateSnippet(c, item.id, { audience_ids: next });
    });
  }
  if (action === "update_tags") {
    const type = item.type === "article" ? "article" : item.type === "internal_article" ? "internal_article" : item.type === "content_snippet" ? "content_snippet" : null;
    if (!type) return; // external pages take no tags in opencom
    const t = plan.tags!;
    for (const tagId of t.add) await skipMissing(() => attachContentTag(c, type, item.id, { id: tagId }));
    for (const tagId of t.remove) await skipMissing(() => detachContentTag(c, type, item.id, tagId));
  }
}

/** Checks the request, then applies the action to every item it takes. */
export async function runBulkAction(c: Ctx, input: BulkInput, present: Present): Promise<{ type: "content_bulk_action"; status: "queued" }> {
  const plan = await readPlan(c, input);
  for (const item of plan.items) await apply(c, plan, item, present);
  return { type: "content_bulk_action", status: "queued" };
}
