// Macros (2.16): saved replies.
import { notNull, withSerialId, type MigrationFactory } from "../schema-helpers.js";

const ws = (c: any) => c.notNull().references("workspaces.id").onDelete("cascade");

export const macros: MigrationFactory = (kind) => ({
  async up(db) {
    await withSerialId(kind, db.schema.createTable("macros"))
      .addColumn("workspace_id", "text", ws)
      .addColumn("name", "text", notNull)
      .addColumn("body", "text", notNull)
      .addColumn("visible_to", "text", notNull)
      .addColumn("visible_to_team_ids", "text", (c) => c.notNull().defaultTo("[]"))
      .addColumn("available_on", "text", (c) => c.notNull().defaultTo("[]"))
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("macros_ws_updated").on("macros").columns(["workspace_id", "updated_at", "id"]).execute();
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});
