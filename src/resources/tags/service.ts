// Tags: the workspace's tags, tagging contacts and companies.
import type { Ctx } from "../../platform/http.js";
import { presentTag, tagList } from "./present.js";

/**
 * The list body of GET /contacts/{contact_id}/tags: the contact's tags, oldest application first.
 * The caller has already checked that the contact exists in the workspace.
 */
export async function tagsForContact(c: Ctx, contactId: string) {
  const rows = await c.db
    .selectFrom("contact_tags")
    .innerJoin("tags", "tags.id", "contact_tags.tag_id")
    .select(["tags.id", "tags.name", "contact_tags.created_at as applied_at", "contact_tags.admin_id"])
    .where("contact_tags.workspace_id", "=", c.wsId)
    .where("contact_tags.contact_id", "=", contactId)
    .orderBy("contact_tags.created_at")
    .orderBy("tags.id")
    .execute();
  return tagList(rows.map((r) => presentTag(r, r)));
}
