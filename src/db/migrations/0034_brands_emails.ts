// Brands (the default brand's id is the workspace id, as Intercom's) and sender email settings; seeded per workspace.
import { notNull, withSerialId, zero, type MigrationFactory } from "../schema-helpers.js";

const ws = (c: any) => c.notNull().references("workspaces.id").onDelete("cascade");

export const brandsEmails: MigrationFactory = (kind) => ({
  async up(db) {
    await db.schema
      .createTable("brands")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("workspace_id", "text", ws)
      .addColumn("name", "text", notNull)
      .addColumn("is_default", "integer", zero)
      .addColumn("help_center_id", "bigint")
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("brands_ws").on("brands").columns(["workspace_id", "id"]).execute();
    await withSerialId(kind, db.schema.createTable("email_settings"))
      .addColumn("workspace_id", "text", ws)
      .addColumn("email", "text", notNull)
      .addColumn("verified", "integer", zero)
      .addColumn("brand_id", "text", (c) => c.references("brands.id").onDelete("set null"))
      .addColumn("forwarding_enabled", "integer", zero)
      .addColumn("forwarded_email_last_received_at", "bigint")
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("email_settings_ws").on("email_settings").columns(["workspace_id", "id"]).execute();
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});
