// POST /_opencom/content_stats: the Messenger records a content statistic — a contact saw, opened,
// clicked or reacted to an article or a news item (Intercom records these in its own Messenger; its API
// has no route for them). The stat is stored (content_stats, scoped to the workspace) and, in the same
// transaction, shows on the content and is notified:
//
// - article: `view` (statistics.views + 1), `conversion` (a conversation started from the article:
//   statistics.conversions + 1), `reaction` (`happy`, `neutral` or `sad`: statistics.reactions and the
//   three percentages, one reaction per contact, a second replaces the first). The article must be
//   published. No topic: Intercom's webhook topic list has no content stat topic for articles (its
//   `content_stat.*` topics cover outbound content: banner, carousel, chat, checklist, custom_bot, email,
//   news_item, post, push, series, sms, survey, tooltip_group, tour).
// - news_item: `receipt` (it was delivered to the contact's newsfeed), `open`, `click`, `reaction` (one of
//   the item's own `reactions` emoji; one per contact, a second replaces the first). The item must be
//   live. Notified as `content_stat.news_item`.
//
// The item of the notification is the content statistic object (Intercom publishes no schema for it; the
// shape follows its topic name and the stat vocabulary of its content data export — receipt, open, click,
// …): {type: "content_stat.<content_type>", id, content_type, content_id, content_title, stat_type,
// contact_id, reaction (reactions only), created_at}. The route answers the same object.
import { Type, type Static } from "typebox";
import { sql, type Selectable, type SqlBool } from "kysely";
import type { ContentStatsTable } from "../../db/tables/content-extras.js";
import type { App, Ctx } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { invalidParam, notFound } from "../../platform/errors.js";
import { inTransaction } from "../../platform/writes.js";
import { emitWebhook } from "../../platform/webhooks.js";

export const CONTENT_TYPES = ["article", "news_item"] as const;
export const STAT_TYPES: Record<(typeof CONTENT_TYPES)[number], readonly string[]> = {
  article: ["view", "conversion", "reaction"],
  news_item: ["receipt", "open", "click", "reaction"],
};
export const ARTICLE_REACTIONS = ["happy", "neutral", "sad"] as const;
/** The content types whose stats Intercom notifies (its `content_stat.*` topics). */
const NOTIFIED = new Set(["news_item"]);

type StatRow = Selectable<ContentStatsTable>;

const Body = Type.Object({
  content_type: Type.String({ maxLength: 32 }),
  content_id: Type.Union([Type.String({ maxLength: 32 }), Type.Integer()]),
  stat_type: Type.String({ maxLength: 32 }),
  contact_id: Type.String({ maxLength: 64 }),
  reaction: Type.Optional(Type.Union([Type.String({ maxLength: 32 }), Type.Null()])),
});
type BodyIn = Static<typeof Body>;

function presentStat(s: StatRow, title: string) {
  return {
    type: `content_stat.${s.content_type}`,
    id: String(s.id),
    content_type: s.content_type,
    content_id: String(s.content_id),
    content_title: title,
    stat_type: s.stat_type,
    contact_id: s.contact_id,
    ...(s.reaction !== null ? { reaction: s.reaction } : {}),
    created_at: Number(s.created_at),
  };
}

/** Records the stat; its effect on the content and its notification are in the same transaction. */
export async function recordContentStat(c: Ctx, input: BodyIn): Promise<ReturnType<typeof presentStat>> {
  const type = input.content_type as (typeof CONTENT_TYPES)[number];
  if (!(CONTENT_TYPES as readonly string[]).includes(type)) throw invalidParam("content_type", `content_type must be one of ${CONTENT_TYPES.join(", ")}`);
  if (!STAT_TYPES[type].includes(input.stat_type)) throw invalidParam("stat_type", `stat_type of a ${type} must be one of ${STAT_TYPES[type].join(", ")}`);
  const rawId = String(input.content_id);
  if (!/^\d{1,15}$/.test(rawId)) throw notFound("Content Not Found");
  const contentId = Number(rawId);
  const isReaction = input.stat_type === "reaction";
  if (!isReaction && input.reaction != null) throw invalidParam("reaction", "reaction is only given with stat_type reaction");
  if (isReaction && (typeof input.reaction !== "string" || input.reaction === "")) throw invalidParam("reaction", "reaction is required with stat_type reaction");

  return inTransaction(c, async (t) => {
    let title: string;
    if (type === "article") {
      const a = await t.db
        .selectFrom("articles as a")
        .select(["a.id", "a.state", (eb) => eb.selectFrom("article_contents as m").select("m.title").whereRef("m.article_id", "=", "a.id").whereRef("m.locale", "=", "a.default_locale").as("title")])
        .where("a.workspace_id", "=", t.wsId)
        .where("a.id", "=", contentId)
        .executeTakeFirst();
      if (!a) throw notFound("Article Not Found");
      if (a.state !== "published") throw invalidParam("content_id", "the article is not published");
      if (isReaction && !(ARTICLE_REACTIONS as readonly string[]).includes(input.reaction!)) throw invalidParam("reaction", `reaction to an article must be one of ${ARTICLE_REACTIONS.join(", ")}`);
      title = a.title ?? "";
    } else {
      const n = await t.db.selectFrom("news_items").select(["id", "state", "title", "reactions"]).where("workspace_id", "=", t.wsId).where("id", "=", contentId).executeTakeFirst();
      if (!n) throw notFound("News Item Not Found");
      if (n.state !== "live") throw invalidParam("content_id", "the news item is not live");
      const offered = (JSON.parse(n.reactions) as Array<string | null>).filter((r): r is string => typeof r === "string");
      if (isReaction && !offered.includes(input.reaction!)) throw invalidParam("reaction", offered.length ? `reaction must be one of the news item's reactions: ${offered.join(" ")}` : "the news item takes no reactions");
      title = n.title;
    }
    const contact = await t.db.selectFrom("contacts").select("id").where("workspace_id", "=", t.wsId).where("id", "=", input.contact_id).executeTakeFirst();
    if (!contact) throw notFound("User Not Found");

    const values = { workspace_id: t.wsId, content_type: type, content_id: contentId, stat_type: input.stat_type, contact_id: contact.id, reaction: isReaction ? input.reaction! : null, created_at: t.now() };
    const row = isReaction
      ? await t.db
          .insertInto("content_stats")
          .values(values)
          // one reaction per contact and content: the unique index decides, a second replaces the first
          .onConflict((oc) => oc.columns(["workspace_id", "content_type", "content_id", "contact_id"]).where(sql<SqlBool>`stat_type = 'reaction'`).doUpdateSet({ reaction: values.reaction, created_at: values.created_at }))
          .returningAll()
          .executeTakeFirstOrThrow()
      : await t.db.insertInto("content_stats").values(values).returningAll().executeTakeFirstOrThrow();

    if (type === "article" && input.stat_type !== "reaction") {
      const col = input.stat_type === "view" ? "views" : "conversions";
      await t.db
        .updateTable("articles")
        .set((eb) => ({ [col]: eb(col, "+", 1) }))
        .where("workspace_id", "=", t.wsId)
        .where("id", "=", contentId)
        .execute();
    }
    const item = presentStat(row, title);
    if (NOTIFIED.has(type)) await emitWebhook(t.db, t.wsId, { topic: `content_stat.${type}`, schema: "content_stat", item });
    return item;
  });
}

export default async function contentStatsRoutes(app: App) {
  app.post("/_opencom/content_stats", { schema: { body: Body } }, async (req) => recordContentStat(ctx(req), req.body));
}
