// Audiences (2.16): named predicate sets, kept as JSON.
import { notNull, withSerialId, type MigrationFactory } from "../schema-helpers.js";

export const audiences: MigrationFactory = (kind) => ({
  async up(db) {
    await withSerialId(kind, db.schema.createTable("audiences"))
      .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
      .addColumn("name", "text", notNull)
      .addColumn("predicates", "text", notNull)
      .addColumn("role_predicates", "text", notNull)
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("audiences_ws").on("audiences").columns(["workspace_id", "id"]).execute();
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});
