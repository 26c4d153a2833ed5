// Conversation attributes (2.16) and the options of list attributes.
import { notNull, withSerialId, zero, type MigrationFactory } from "../schema-helpers.js";

const ws = (c: any) => c.notNull().references("workspaces.id").onDelete("cascade");

export const conversationAttributes: MigrationFactory = (kind) => ({
  async up(db) {
    await withSerialId(kind, db.schema.createTable("conversation_attributes"))
      .addColumn("workspace_id", "text", ws)
      .addColumn("name", "text", notNull)
      .addColumn("name_key", "text", notNull)
      .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("data_type", "text", notNull)
      .addColumn("required", "integer", zero)
      .addColumn("multiline", "integer", zero)
      .addColumn("visible_to_team_ids", "text", (c) => c.notNull().defaultTo("[]"))
      .addColumn("reference", "text")
      .addColumn("archived", "integer", zero)
      .addColumn("admin_id", "bigint")
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("conversation_attributes_name").on("conversation_attributes").columns(["workspace_id", "name_key"]).unique().execute();
    await db.schema
      .createTable("conversation_attribute_options")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("workspace_id", "text", ws)
      .addColumn("attribute_id", "bigint", (c) => c.notNull().references("conversation_attributes.id").onDelete("cascade"))
      .addColumn("label", "text", notNull)
      .addColumn("archived", "integer", zero)
      .addColumn("position", "integer", zero)
      .addColumn("created_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("conversation_attribute_options_attr").on("conversation_attribute_options").columns(["workspace_id", "attribute_id", "position"]).execute();
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});
