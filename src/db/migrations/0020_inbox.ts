// The inbox: conversations, their parts (ordered by a per-conversation sequence the database keeps
// unique), their contacts and tags, and the record of deleted conversations.
import { sql } from "kysely";
import { notNull, withSerialId, zero, type MigrationFactory } from "../schema-helpers.js";

export const inbox: MigrationFactory = (kind) => ({
  async up(db) {
    await withSerialId(kind, db.schema.createTable("conversations"))
      .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull)
      .addColumn("title", "text")
      .addColumn("state", "text", notNull)
      .addColumn("snoozed_until", "bigint")
      .addColumn("snoozed_by_id", "bigint")
      .addColumn("read", "integer", zero)
      .addColumn("priority", "text", (c) => c.notNull().defaultTo("not_priority"))
      .addColumn("admin_assignee_id", "bigint")
      .addColumn("team_assignee_id", "bigint")
      .addColumn("waiting_since", "bigint")
      .addColumn("source_type", "text", notNull)
      .addColumn("delivered_as", "text", notNull)
      .addColumn("message_type", "text", notNull)
      .addColumn("subject", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("body", "text", notNull)
      .addColumn("author_type", "text", notNull)
      .addColumn("author_id", "text", notNull)
      .addColumn("attachments", "text", (c) => c.notNull().defaultTo("[]"))
      .addColumn("url", "text")
      .addColumn("source_redacted", "integer", zero)
      .addColumn("custom_attributes", "text", (c) => c.notNull().defaultTo("{}"))
      .addColumn("rating", "integer")
      .addColumn("rating_remark", "text")
      .addColumn("rating_created_at", "bigint")
      .addColumn("rating_contact_id", "text")
      .addColumn("rating_admin_id", "bigint")
      .addColumn("first_contact_reply_at", "bigint")
      .addColumn("first_assignment_at", "bigint")
      .addColumn("first_admin_reply_at", "bigint")
      .addColumn("first_close_at", "bigint")
      .addColumn("last_assignment_at", "bigint")
      .addColumn("last_assignment_admin_reply_at", "bigint")
      .addColumn("last_contact_reply_at", "bigint")
      .addColumn("last_admin_reply_at", "bigint")
      .addColumn("last_close_at", "bigint")
      .addColumn("last_closed_by_id", "bigint")
      .addColumn("count_reopens", "integer", zero)
      .addColumn("count_assignments", "integer", zero)
      .addColumn("part_seq", "integer", zero)
      .execute();
    // GET /conversations: newest updated first, keyset on (updated_at, id)
    await db.schema.createIndex("conversations_ws_updated").on("conversations").columns(["workspace_id", "updated_at", "id"]).execute();
    // snoozes due to wake
    await db.schema
      .createIndex("conversations_ws_snoozed")
      .on("conversations")
      .columns(["workspace_id", "snoozed_until"])
      .where(sql.ref("state"), "=", "snoozed")
      .execute();

    await withSerialId(kind, db.schema.createTable("conversation_parts"))
      .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
      .addColumn("conversation_id", "bigint", (c) => c.notNull().references("conversations.id").onDelete("cascade"))
      .addColumn("seq", "integer", notNull)
      .addColumn("part_type", "text", notNull)
      .addColumn("body", "text")
      .addColumn("author_type", "text", notNull)
      .addColumn("author_id", "text", notNull)
      .addColumn("assigned_to_type", "text")
      .addColumn("assigned_to_id", "text")
      .addColumn("attachments", "text", (c) => c.notNull().defaultTo("[]"))
      .addColumn("external_id", "text")
      .addColumn("redacted", "integer", zero)
      .addColumn("state", "text", notNull)
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("conversation_parts_conv_seq").on("conversation_parts").columns(["conversation_id", "seq"]).unique().execute();

    await db.schema
      .createTable("conversation_contacts")
      .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
      .addColumn("conversation_id", "bigint", (c) => c.notNull().references("conversations.id").onDelete("cascade"))
      .addColumn("contact_id", "text", (c) => c.notNull().references("contacts.id").onDelete("cascade"))
      .addColumn("added_at", "bigint", notNull)
      .addPrimaryKeyConstraint("conversation_contacts_pk", ["conversation_id", "contact_id"])
      .execute();
    await db.schema.createIndex("conversation_contacts_contact").on("conversation_contacts").columns(["contact_id"]).execute();

    await db.schema
      .createTable("conversation_tags")
      .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
      .addColumn("conversation_id", "bigint", (c) => c.notNull().references("conversations.id").onDelete("cascade"))
      .addColumn("tag_id", "bigint", (c) => c.notNull().references("tags.id").onDelete("cascade"))
      .addColumn("admin_id", "bigint")
      .addColumn("applied_at", "bigint", notNull)
      .addPrimaryKeyConstraint("conversation_tags_pk", ["conversation_id", "tag_id"])
      .execute();

    await db.schema
      .createTable("conversation_deletions")
      .addColumn("conversation_id", "bigint", (c) => c.primaryKey())
      .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
      .addColumn("deleted_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("conversation_deletions_ws").on("conversation_deletions").columns(["workspace_id", "deleted_at", "conversation_id"]).execute();
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});
