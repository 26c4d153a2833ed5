// Conversation merges (2.16): a secondary conversation merged into a primary, once.
import { notNull, type MigrationFactory } from "../schema-helpers.js";

const ws = (c: any) => c.notNull().references("workspaces.id").onDelete("cascade");

export const conversationMerges: MigrationFactory = () => ({
  async up(db) {
    await db.schema
      .createTable("conversation_merges")
      .addColumn("workspace_id", "text", ws)
      .addColumn("secondary_id", "bigint", (c) => c.primaryKey().references("conversations.id").onDelete("cascade"))
      .addColumn("primary_id", "bigint", (c) => c.notNull().references("conversations.id").onDelete("cascade"))
      .addColumn("merged_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("conversation_merges_primary").on("conversation_merges").columns(["primary_id"]).execute();
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});
