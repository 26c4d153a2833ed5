// AI content: content import sources and their external pages. (source_id, external_id) is unique, so
// POST /ai/external_pages upserts one page however many requests race; deleting a source deletes its pages.
import { notNull, withSerialId, zero, type MigrationFactory } from "../schema-helpers.js";

const ws = (c: any) => c.notNull().references("workspaces.id").onDelete("cascade");

export const aiContent: MigrationFactory = (kind) => ({
  async up(db) {
    await withSerialId(kind, db.schema.createTable("content_import_sources"))
      .addColumn("workspace_id", "text", ws)
      .addColumn("url", "text", notNull)
      .addColumn("sync_behavior", "text", notNull)
      .addColumn("status", "text", notNull)
      .addColumn("last_synced_at", "bigint", notNull)
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("content_import_sources_ws").on("content_import_sources").columns(["workspace_id", "id"]).execute();

    await withSerialId(kind, db.schema.createTable("external_pages"))
      .addColumn("workspace_id", "text", ws)
      .addColumn("source_id", "bigint", (c) => c.notNull().references("content_import_sources.id").onDelete("cascade"))
      .addColumn("external_id", "text", notNull)
      .addColumn("title", "text", notNull)
      .addColumn("html", "text", notNull)
      .addColumn("url", "text")
      .addColumn("locale", "text", notNull)
      .addColumn("ai_agent_availability", "integer", zero)
      .addColumn("ai_copilot_availability", "integer", zero)
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull)
      .addColumn("last_ingested_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("external_pages_source_external_id").on("external_pages").columns(["source_id", "external_id"]).unique().execute();
    await db.schema.createIndex("external_pages_ws").on("external_pages").columns(["workspace_id", "id"]).execute();
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});
