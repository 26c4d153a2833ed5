// Tags on articles, internal articles and content snippets (2.16): one row per applied tag.
import { notNull, type MigrationFactory } from "../schema-helpers.js";

export const contentTags: MigrationFactory = () => ({
  async up(db) {
    await db.schema
      .createTable("content_tags")
      .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
      .addColumn("content_type", "text", notNull)
      .addColumn("content_id", "integer", notNull)
      .addColumn("tag_id", "integer", (c) => c.notNull().references("tags.id").onDelete("cascade"))
      .addColumn("admin_id", "integer")
      .addColumn("applied_at", "bigint", notNull)
      .addPrimaryKeyConstraint("content_tags_pk", ["content_type", "content_id", "tag_id"])
      .execute();
    await db.schema.createIndex("content_tags_ws").on("content_tags").columns(["workspace_id"]).execute();
    await db.schema.createIndex("content_tags_tag").on("content_tags").columns(["tag_id"]).execute();
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});
