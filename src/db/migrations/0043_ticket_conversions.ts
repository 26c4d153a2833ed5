// A conversation converts to one ticket; a conversation has at most one tracker ticket.
import { notNull, type MigrationFactory } from "../schema-helpers.js";

export const ticketConversions: MigrationFactory = () => ({
  async up(db) {
    await db.schema
      .createTable("ticket_conversions")
      .addColumn("conversation_id", "bigint", (c) => c.primaryKey().references("conversations.id").onDelete("cascade"))
      .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
      .addColumn("ticket_id", "bigint", (c) => c.notNull().references("tickets.id").onDelete("cascade"))
      .addColumn("converted_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("ticket_conversions_ticket").on("ticket_conversions").columns(["ticket_id"]).execute();
    await db.schema.createIndex("ticket_conversation_links_conversation").on("ticket_conversation_links").columns(["conversation_id"]).unique().execute();
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});
