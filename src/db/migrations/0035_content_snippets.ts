// Content snippets (2.16).
import { notNull, withSerialId, zero, type MigrationFactory } from "../schema-helpers.js";

const ws = (c: any) => c.notNull().references("workspaces.id").onDelete("cascade");

export const contentSnippets: MigrationFactory = (kind) => ({
  async up(db) {
    await withSerialId(kind, db.schema.createTable("content_snippets"))
      .addColumn("workspace_id", "text", ws)
      .addColumn("title", "text", notNull)
      .addColumn("locale", "text", notNull)
      .addColumn("json_blocks", "text", (c) => c.notNull().defaultTo("[]"))
      .addColumn("body_markdown", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("audience_ids", "text", (c) => c.notNull().defaultTo("[]"))
      .addColumn("ai_chatbot_availability", "integer", zero)
      .addColumn("ai_copilot_availability", "integer", zero)
      .addColumn("ai_sales_agent_availability", "integer", zero)
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("content_snippets_ws").on("content_snippets").columns(["workspace_id", "id"]).execute();
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});
