// Channels: calls (created by opencom's own API, as a phone line would) and Fin Voice call references.
import { notNull, withSerialId, type MigrationFactory } from "../schema-helpers.js";

const ws = (c: any) => c.notNull().references("workspaces.id").onDelete("cascade");

export const channels: MigrationFactory = (kind) => ({
  async up(db) {
    await withSerialId(kind, db.schema.createTable("calls"))
      .addColumn("workspace_id", "text", ws)
      .addColumn("conversation_id", "bigint")
      .addColumn("admin_id", "bigint")
      .addColumn("contact_id", "text")
      .addColumn("state", "text", notNull)
      .addColumn("call_type", "text", notNull)
      .addColumn("direction", "text", notNull)
      .addColumn("ended_reason", "text")
      .addColumn("phone", "text")
      .addColumn("initiated_at", "bigint")
      .addColumn("answered_at", "bigint")
      .addColumn("ended_at", "bigint")
      .addColumn("queue_time", "bigint")
      .addColumn("hold_time", "bigint")
      .addColumn("recording_location", "text")
      .addColumn("transcript", "text")
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("calls_ws_created").on("calls").columns(["workspace_id", "created_at", "id"]).execute();
    await db.schema.createIndex("calls_ws_conversation").on("calls").columns(["workspace_id", "conversation_id"]).execute();
    await withSerialId(kind, db.schema.createTable("fin_voice_calls"))
      .addColumn("workspace_id", "text", ws)
      .addColumn("phone_number", "text", notNull)
      .addColumn("external_call_id", "text", notNull)
      .addColumn("source", "text", notNull)
      .addColumn("data", "text")
      .addColumn("call_id", "bigint", (c) => c.references("calls.id").onDelete("set null"))
      .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("intent", "text", (c) => c.notNull().defaultTo("[]"))
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("fin_voice_calls_ws_external").on("fin_voice_calls").columns(["workspace_id", "external_call_id"]).unique().execute();
    await db.schema.createIndex("fin_voice_calls_ws_phone").on("fin_voice_calls").columns(["workspace_id", "phone_number", "created_at"]).execute();
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});
