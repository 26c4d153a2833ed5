// Help center redirects (2.16): one redirect per from_url in a help center (unique index).
import { notNull, withSerialId, type MigrationFactory } from "../schema-helpers.js";

export const helpCenterRedirects: MigrationFactory = (kind) => ({
  async up(db) {
    await withSerialId(kind, db.schema.createTable("help_center_redirects"))
      .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
      .addColumn("help_center_id", "integer", (c) => c.notNull().references("help_centers.id").onDelete("cascade"))
      .addColumn("from_url", "text", notNull)
      .addColumn("locale", "text", notNull)
      .addColumn("target_type", "text", notNull)
      .addColumn("target_id", "integer", notNull)
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("help_center_redirects_url").unique().on("help_center_redirects").columns(["help_center_id", "from_url"]).execute();
    await db.schema.createIndex("help_center_redirects_ws").on("help_center_redirects").columns(["workspace_id", "help_center_id", "updated_at"]).execute();
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});
