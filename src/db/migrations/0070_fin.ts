// Fin Agent API: Fin conversations (one per external id in a workspace: a unique index), their
// messages, opencom's procedures and the human-in-the-loop requests of procedure runs.
import { notNull, withSerialId, zero, type MigrationFactory } from "../schema-helpers.js";

export const fin: MigrationFactory = (kind) => ({
  async up(db) {
    const ws = (c: any) => c.notNull().references("workspaces.id").onDelete("cascade");
    await withSerialId(kind, db.schema.createTable("fin_procedures"))
      .addColumn("workspace_id", "text", ws)
      .addColumn("name", "text", notNull)
      .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("state", "text", notNull)
      .addColumn("api_trigger", "integer", zero)
      .addColumn("instructions", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("attributes_to_collect", "text", (c) => c.notNull().defaultTo("[]"))
      .addColumn("completion_message", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("fin_procedures_ws").on("fin_procedures").columns(["workspace_id", "id"]).execute();

    await withSerialId(kind, db.schema.createTable("fin_conversations"))
      .addColumn("workspace_id", "text", ws)
      .addColumn("external_id", "text", notNull)
      .addColumn("user_id", "text", notNull)
      .addColumn("contact_id", "text")
      .addColumn("mode", "text", notNull)
      .addColumn("procedure_id", "bigint", (c) => c.references("fin_procedures.id").onDelete("set null"))
      .addColumn("status", "text", notNull)
      .addColumn("resolution_state", "text")
      .addColumn("escalation_reason", "text")
      .addColumn("intercom_conversation_id", "bigint")
      .addColumn("context", "text", (c) => c.notNull().defaultTo("{}"))
      .addColumn("csat_requested_at", "bigint")
      .addColumn("csat_rating", "text")
      .addColumn("csat_remark", "text")
      .addColumn("csat_rated_at", "bigint")
      .addColumn("message_seq", "integer", zero)
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull)
      .execute();
    // one Fin conversation per external id: concurrent starts of one id leave one
    await db.schema.createIndex("fin_conversations_external").on("fin_conversations").columns(["workspace_id", "external_id"]).unique().execute();

    await withSerialId(kind, db.schema.createTable("fin_messages"))
      .addColumn("workspace_id", "text", ws)
      .addColumn("fin_conversation_id", "bigint", (c) => c.notNull().references("fin_conversations.id").onDelete("cascade"))
      .addColumn("seq", "integer", notNull)
      .addColumn("author", "text", notNull)
      .addColumn("body", "text", notNull)
      .addColumn("sources", "text", (c) => c.notNull().defaultTo("[]"))
      .addColumn("created_at_ms", "text", notNull)
      .execute();
    await db.schema.createIndex("fin_messages_conv").on("fin_messages").columns(["fin_conversation_id", "seq"]).unique().execute();

    await withSerialId(kind, db.schema.createTable("fin_hitl_requests"))
      .addColumn("workspace_id", "text", ws)
      .addColumn("fin_conversation_id", "bigint", (c) => c.notNull().references("fin_conversations.id").onDelete("cascade"))
      .addColumn("procedure_id", "bigint", notNull)
      .addColumn("step_id", "text", notNull)
      .addColumn("attributes_to_collect", "text", notNull)
      .addColumn("status", "text", notNull)
      .addColumn("attribute_values", "text")
      .addColumn("expires_at", "bigint", notNull)
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull)
      .execute();
    // one HITL step per conversation at a time
    await db.schema.createIndex("fin_hitl_conv").on("fin_hitl_requests").columns(["fin_conversation_id"]).unique().execute();
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});
