// Article drafts and versions (2.16): a published article's staged changes, one row per locale (a unique
// index), and the versions its publishes recorded.
import { notNull, withSerialId, type MigrationFactory } from "../schema-helpers.js";

const ws = (c: any) => c.notNull().references("workspaces.id").onDelete("cascade");
const article = (c: any) => c.notNull().references("articles.id").onDelete("cascade");

export const articleDrafts: MigrationFactory = (kind) => ({
  async up(db) {
    await withSerialId(kind, db.schema.createTable("article_drafts"))
      .addColumn("workspace_id", "text", ws)
      .addColumn("article_id", "bigint", article)
      .addColumn("locale", "text", notNull)
      .addColumn("title", "text", notNull)
      .addColumn("description", "text", notNull)
      .addColumn("body", "text", notNull)
      .addColumn("author_id", "bigint", notNull)
      .addColumn("created_by_id", "bigint")
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("article_drafts_one_per_locale").on("article_drafts").columns(["article_id", "locale"]).unique().execute();
    await db.schema.createIndex("article_drafts_ws").on("article_drafts").columns(["workspace_id"]).execute();
    await withSerialId(kind, db.schema.createTable("article_versions"))
      .addColumn("workspace_id", "text", ws)
      .addColumn("article_id", "bigint", article)
      .addColumn("locale", "text", notNull)
      .addColumn("title", "text", notNull)
      .addColumn("description", "text", notNull)
      .addColumn("body", "text", notNull)
      .addColumn("author_id", "bigint", notNull)
      .addColumn("created_by_id", "bigint")
      .addColumn("created_via", "text", notNull)
      .addColumn("from_version_id", "bigint")
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("article_versions_article").on("article_versions").columns(["article_id", "locale", "id"]).execute();
    await db.schema.createIndex("article_versions_article_id").on("article_versions").columns(["article_id", "id"]).execute();
    await db.schema.createIndex("article_versions_ws").on("article_versions").columns(["workspace_id"]).execute();
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});
