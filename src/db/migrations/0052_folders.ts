// Folders (Unstable): a tree of folders for organizing content.
import { notNull, withSerialId, type MigrationFactory } from "../schema-helpers.js";

export const folders: MigrationFactory = (kind) => ({
  async up(db) {
    await withSerialId(kind, db.schema.createTable("folders"))
      .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
      .addColumn("name", "text", notNull)
      .addColumn("description", "text")
      .addColumn("emoji", "text")
      .addColumn("parent_folder_id", "integer", (c) => c.references("folders.id"))
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("folders_ws").on("folders").columns(["workspace_id", "id"]).execute();
    await db.schema.createIndex("folders_parent").on("folders").columns(["parent_folder_id"]).execute();
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});
