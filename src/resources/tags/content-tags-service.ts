// Tags on articles, internal articles and content snippets (2.16): an existing tag of the workspace is
// applied to the content (again: idempotent, the first application stays) or removed from it.
// - 404 `<type>_not_found` for content not in the workspace, `tag_not_found` for a tag not in it.
// - Removing a tag that is not applied answers the tag as removed (idempotent, like contacts' tags).
// - applied_by is the request's admin_id (an admin of the workspace) or the token's admin.
import type { Ctx } from "../../platform/http.js";
import { tagToApply } from "./service.js";
import { notFound } from "../../platform/errors.js";
import { parseNumericId } from "../../platform/ids.js";
import { currentAdmin } from "../admins/service.js";
import { actingAdmin } from "../conversations/service.js";
import type { ContentTagInput } from "./schemas.js";

export type ContentType = "article" | "internal_article" | "content_snippet";

const TABLES = { article: "articles", internal_article: "internal_articles", content_snippet: "content_snippets" } as const;
const NOT_FOUND: Record<ContentType, string> = { article: "Article not found", internal_article: "Internal article not found", content_snippet: "Content snippet not found" };

export interface AppliedContentTag {
  tag: { id: number; name: string };
  applied: { applied_at: number; admin_id: number | null } | null;
}

async function contentId(c: Ctx, type: ContentType, raw: unknown): Promise<number> {
  const id = parseNumericId(raw);
  const row = id === null ? undefined : await c.db.selectFrom(TABLES[type]).select("id").where("workspace_id", "=", c.wsId).where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound(NOT_FOUND[type], `${type}_not_found`);
  return Number(row.id);
}


async function link(c: Ctx, type: ContentType, id: number, tagId: number) {
  const row = await c.db
    .selectFrom("content_tags")
    .select(["applied_at", "admin_id"])
    .where("content_type", "=", type)
    .where("content_id", "=", id)
    .where("tag_id", "=", tagId)
    .executeTakeFirst();
  return row ? { applied_at: Number(row.applied_at), admin_id: row.admin_id } : null;
}

export async function attachContentTag(c: Ctx, type: ContentType, rawContentId: unknown, body: ContentTagInput): Promise<AppliedContentTag> {
  const id = await contentId(c, type, rawContentId);
  const tag = await tagToApply(c, body.id);
  const admin = body.admin_id === undefined || body.admin_id === null || body.admin_id === "" ? await currentAdmin(c) : await actingAdmin(c, body.admin_id);
  await c.db
    .insertInto("content_tags")
    .values({ workspace_id: c.wsId, content_type: type, content_id: id, tag_id: tag.id, admin_id: admin ? Number(admin.id) : null, applied_at: c.now() })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return { tag, applied: await link(c, type, id, tag.id) };
}

export async function detachContentTag(c: Ctx, type: ContentType, rawContentId: unknown, rawTagId: unknown): Promise<AppliedContentTag> {
  const id = await contentId(c, type, rawContentId);
  const tag = await tagToApply(c, rawTagId);
  await c.db.deleteFrom("content_tags").where("content_type", "=", type).where("content_id", "=", id).where("tag_id", "=", tag.id).execute();
  return { tag, applied: null };
}
