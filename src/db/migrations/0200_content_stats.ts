// Content statistics (POST /_opencom/content_stats): what the Messenger records when a contact sees,
// opens, clicks or reacts to an article or a news item. One reaction per contact and content (a partial
// unique index: a second reaction replaces the first); every other stat is a row of its own.
import { sql } from "kysely";
import { notNull, withSerialId, type MigrationFactory } from "../schema-helpers.js";

export const contentStats: MigrationFactory = (kind) => ({
  async up(db) {
    await withSerialId(kind, db.schema.createTable("content_stats"))
      .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
      .addColumn("content_type", "text", notNull)
      .addColumn("content_id", "bigint", notNull)
      .addColumn("stat_type", "text", notNull)
      .addColumn("contact_id", "text", notNull)
      .addColumn("reaction", "text")
      .addColumn("created_at", "bigint", notNull)
      .addCheckConstraint("content_stats_reaction", sql`(stat_type = 'reaction') = (reaction is not null)`)
      .execute();
    await db.schema.createIndex("content_stats_content").on("content_stats").columns(["workspace_id", "content_type", "content_id", "stat_type"]).execute();
    await sql`create unique index content_stats_one_reaction on content_stats (workspace_id, content_type, content_id, contact_id) where stat_type = 'reaction'`.execute(db);
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});
