// News: news items (draft or live, from an admin sender, with labels, reactions and the newsfeeds they
// are published to) and the workspace's newsfeeds (seeded: "Messenger" and "Web"; Intercom makes them in
// its UI only). A feed's items are the live ones whose publication time has come, newest first.
//
// - An item's assignments are one row per feed (a primary key); an update that carries
//   newsfeed_assignments replaces them, in the transaction of the update (under a row lock).
// - Labels: at most 20 of at most 255 characters; reactions: at most 10 emoji (null allowed, as Intercom shows).
import type { Kysely, Selectable } from "kysely";
import type { DB } from "../../db/types.js";
import type { NewsItemsTable, NewsfeedsTable } from "../../db/tables/content.js";
import type { Ctx } from "../../platform/http.js";
import { invalidParam, missingParam, notFound } from "../../platform/errors.js";
import { toStoredHtml } from "../../platform/html.js";
import { parseNumericId } from "../../platform/ids.js";
import { keysetPage, readPageRequest } from "../../platform/pagination.js";
import { withPageNumber } from "../../platform/pagination.js";
import { findAdmin } from "../admins/service.js";
import { lockedRow } from "../../platform/writes.js";
import type { NewsItemInput } from "./schemas.js";

export type NewsItemRow = Selectable<NewsItemsTable>;
export type NewsfeedRow = Selectable<NewsfeedsTable>;
export interface Assignment {
  newsfeed_id: number;
  published_at: number;
}

export const MAX_TITLE = 255;
export const MAX_BODY = 100_000;
export const MAX_LABELS = 20;
export const MAX_REACTIONS = 10;
const resourceNotFound = () => notFound("Resource Not Found", "not_found");

export async function seedNewsfeeds(db: Kysely<DB>, wsId: string): Promise<void> {
  const ws = await db.selectFrom("workspaces").select("created_at").where("id", "=", wsId).executeTakeFirstOrThrow();
  await db
    .insertInto("newsfeeds")
    .values(["Messenger", "Web"].map((name) => ({ workspace_id: wsId, name, created_at: ws.created_at, updated_at: ws.created_at })))
    .execute();
}

export async function listNewsfeeds(c: Ctx): Promise<NewsfeedRow[]> {
  return c.db.selectFrom("newsfeeds").selectAll().where("workspace_id", "=", c.wsId).orderBy("id").limit(1000).execute();
}

export async function getNewsfeed(c: Ctx, rawId: unknown): Promise<NewsfeedRow> {
  const id = parseNumericId(rawId);
  const row = id === null ? undefined : await c.db.selectFrom("newsfeeds").selectAll().where("workspace_id", "=", c.wsId).where("id", "=", id).executeTakeFirst();
  if (!row) throw resourceNotFound();
  return row;
}


function strings(field: string, v: unknown, max: number, maxLen: number, allowNull: boolean): Array<string | null> {
  if (!Array.isArray(v)) throw invalidParam(field, `${field} must be an array`);
  if (v.length > max) throw invalidParam(field, `${field} has more than ${max} entries`);
  for (const x of v) {
    if (x === null && allowNull) continue;
    if (typeof x !== "string" || x.length > maxLen || (!allowNull && x.trim() === "")) throw invalidParam(field, `${field} must hold ${allowNull ? "emoji" : "label names"}`);
  }
  return v;
}

/** The validated fields of a create or update (only those given). */
async function readInput(c: Ctx, input: NewsItemInput) {
  const out: Partial<NewsItemRow> = {};
  if (input.title !== undefined) {
    if (typeof input.title !== "string" || input.title.trim() === "") throw invalidParam("title", "title must be a non-blank string");
    if (input.title.length > MAX_TITLE) throw invalidParam("title", `title is longer than ${MAX_TITLE} characters`);
    out.title = input.title;
  }
  if (input.body !== undefined && input.body !== null) {
    if (typeof input.body !== "string") throw invalidParam("body", "body must be a string");
    if (input.body.length > MAX_BODY) throw invalidParam("body", `body is longer than ${MAX_BODY} characters`);
    out.body = input.body.trim() === "" ? "" : toStoredHtml(input.body);
  }
  if (input.sender_id !== undefined) {
    const admin = await findAdmin(c, input.sender_id);
    if (!admin) throw invalidParam("sender_id", "sender_id is not a teammate of this workspace");
    out.sender_id = admin.id;
  }
  if (input.state !== undefined) {
    if (input.state !== "draft" && input.state !== "live") throw invalidParam("state", "state must be draft or live");
    out.state = input.state;
  }
  if (input.deliver_silently !== undefined) {
    if (typeof input.deliver_silently !== "boolean") throw invalidParam("deliver_silently", "deliver_silently must be a boolean");
    out.deliver_silently = input.deliver_silently ? 1 : 0;
  }
  if (input.labels !== undefined) out.labels = JSON.stringify(strings("labels", input.labels, MAX_LABELS, 255, false));
  if (input.reactions !== undefined) out.reactions = JSON.stringify(strings("reactions", input.reactions, MAX_REACTIONS, 32, true));
  let assignments: Assignment[] | undefined;
  if (input.newsfeed_assignments !== undefined) {
    if (!Array.isArray(input.newsfeed_assignments)) throw invalidParam("newsfeed_assignments", "newsfeed_assignments must be an array");
    const feeds = new Map((await listNewsfeeds(c)).map((f) => [f.id, f]));
    const byFeed = new Map<number, Assignment>();
    input.newsfeed_assignments.forEach((a: unknown, i: number) => {
      const field = `newsfeed_assignments.${i}`;
      const x = a as { newsfeed_id?: unknown; published_at?: unknown } | null;
      const id = parseNumericId(x?.newsfeed_id);
      if (id === null || !feeds.has(id)) throw invalidParam(`${field}.newsfeed_id`, `${field}.newsfeed_id is not a newsfeed of this workspace`);
      const at = x?.published_at;
      if (at !== undefined && at !== null && !Number.isSafeInteger(at)) throw invalidParam(`${field}.published_at`, `${field}.published_at must be a unix timestamp`);
      byFeed.set(id, { newsfeed_id: id, published_at: (at as number | null | undefined) ?? c.now() });
    });
    assignments = [...byFeed.values()];
  }
  return { fields: out, assignments };
}

export async function createNewsItem(c: Ctx, input: NewsItemInput): Promise<NewsItemRow> {
  if (input.title === undefined) throw missingParam("title");
  if (input.sender_id === undefined || input.sender_id === null) throw missingParam("sender_id");
  const { fields, assignments } = await readInput(c, input);
  const now = c.now();
  const row = {
    workspace_id: c.wsId,
    title: fields.title!,
    body: fields.body ?? "",
    sender_id: fields.sender_id!,
    state: fields.state ?? "draft",
    labels: fields.labels ?? "[]",
    reactions: fields.reactions ?? "[]",
    cover_image_url: null,
    deliver_silently: fields.deliver_silently ?? 0,
    created_at: now,
    updated_at: now,
  };
  return c.db.transaction().execute(async (tx) => {
    const { id } = await tx.insertInto("news_items").values(row).returning("id").executeTakeFirstOrThrow();
    const itemId = Number(id);
    if (assignments?.length) await tx.insertInto("news_item_newsfeeds").values(assignments.map((a) => ({ workspace_id: c.wsId, news_item_id: itemId, ...a }))).execute();
    return { ...row, id: itemId };
  });
}

export async function getNewsItem(c: Ctx, rawId: unknown): Promise<NewsItemRow> {
  const id = parseNumericId(rawId);
  const row = id === null ? undefined : await c.db.selectFrom("news_items").selectAll().where("workspace_id", "=", c.wsId).where("id", "=", id).executeTakeFirst();
  if (!row) throw resourceNotFound();
  return row;
}

export async function updateNewsItem(c: Ctx, rawId: unknown, input: NewsItemInput): Promise<NewsItemRow> {
  const current = await getNewsItem(c, rawId);
  const { fields, assignments } = await readInput(c, input);
  return c.db.transaction().execute(async (tx) => {
    const row = await lockedRow({ ...c, db: tx }, "news_items", current.id);
    if (!row) throw resourceNotFound();
    const set = { ...fields, updated_at: c.now() };
    await tx.updateTable("news_items").set(set).where("id", "=", row.id).execute();
    if (assignments) {
      await tx.deleteFrom("news_item_newsfeeds").where("news_item_id", "=", row.id).execute();
      if (assignments.length) await tx.insertInto("news_item_newsfeeds").values(assignments.map((a) => ({ workspace_id: c.wsId, news_item_id: row.id, ...a }))).execute();
    }
    return { ...row, ...set };
  });
}

export async function deleteNewsItem(c: Ctx, rawId: unknown): Promise<number> {
  const row = await getNewsItem(c, rawId);
  const res = await c.db.deleteFrom("news_items").where("workspace_id", "=", c.wsId).where("id", "=", row.id).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw resourceNotFound();
  return row.id;
}

export async function assignmentsOf(db: Kysely<DB>, ids: number[]): Promise<Map<number, Assignment[]>> {
  const out = new Map<number, Assignment[]>();
  if (!ids.length) return out;
  const rows = await db.selectFrom("news_item_newsfeeds").select(["news_item_id", "newsfeed_id", "published_at"]).where("news_item_id", "in", ids).orderBy("newsfeed_id").execute();
  for (const r of rows) out.set(r.news_item_id, [...(out.get(r.news_item_id) ?? []), { newsfeed_id: r.newsfeed_id, published_at: r.published_at }]);
  return out;
}

interface PageQuery {
  page?: number;
  per_page?: number;
  starting_after?: string;
}

/** News items, newest first; with `feedId`, only the live ones published to that feed by now. */
export async function listNewsItems(c: Ctx, q: PageQuery, feedId?: number) {
  const { req, offset } = withPageNumber(readPageRequest(q), q.page);
  let base = c.db.selectFrom("news_items").where("news_items.workspace_id", "=", c.wsId);
  if (feedId !== undefined) {
    const now = c.now();
    base = base
      .where("news_items.state", "=", "live")
      .where("news_items.id", "in", (eb) =>
        eb.selectFrom("news_item_newsfeeds").select("news_item_id").where("newsfeed_id", "=", feedId).where("published_at", "<=", now),
      );
  }
  const [result, total] = await Promise.all([
    keysetPage(base.selectAll("news_items").offset(offset), [{ col: "news_items.id", kind: "integer", dir: "desc", get: (r) => r.id }], req),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { ...result, total: Number(total.n), perPage: req.perPage };
}
