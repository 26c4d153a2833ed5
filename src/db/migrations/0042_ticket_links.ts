// Ticket tags, conversations linked to tickets, and the jobs of POST /tickets/enqueue.
import { notNull, withSerialId, type MigrationFactory } from "../schema-helpers.js";

const ws = (c: any) => c.notNull().references("workspaces.id").onDelete("cascade");

export const ticketLinks: MigrationFactory = (kind) => ({
  async up(db) {
    await db.schema
      .createTable("ticket_tags")
      .addColumn("workspace_id", "text", ws)
      .addColumn("ticket_id", "bigint", (c) => c.notNull().references("tickets.id").onDelete("cascade"))
      .addColumn("tag_id", "bigint", (c) => c.notNull().references("tags.id").onDelete("cascade"))
      .addColumn("admin_id", "bigint")
      .addColumn("applied_at", "bigint", notNull)
      .addPrimaryKeyConstraint("ticket_tags_pk", ["ticket_id", "tag_id"])
      .execute();

    await db.schema
      .createTable("ticket_conversation_links")
      .addColumn("workspace_id", "text", ws)
      .addColumn("ticket_id", "bigint", (c) => c.notNull().references("tickets.id").onDelete("cascade"))
      .addColumn("conversation_id", "bigint", (c) => c.notNull().references("conversations.id").onDelete("cascade"))
      .addColumn("linked_at", "bigint", notNull)
      .addPrimaryKeyConstraint("ticket_conversation_links_pk", ["ticket_id", "conversation_id"])
      .execute();

    await withSerialId(kind, db.schema.createTable("ticket_jobs"))
      .addColumn("workspace_id", "text", ws)
      .addColumn("resource_type", "text", notNull)
      .addColumn("status", "text", notNull)
      .addColumn("resource_id", "text")
      .addColumn("request", "text", notNull)
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull)
      .execute();
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});
