// Workflows (POST /_opencom/workflows, exported by GET /export/workflows/{id}) and WhatsApp messages
// (POST /_opencom/whatsapp_messages, read by GET /messages/whatsapp/status and GET /messages/status).
// Intercom makes both outside its API (its workflow builder, its WhatsApp broadcasts); opencom keeps them
// per workspace. A message is part of its conversation (deleted with it). A message id is unique in its workspace; a failed message carries its error, and only
// a failed one does.
import { sql } from "kysely";
import { notNull, withSerialId, type MigrationFactory } from "../schema-helpers.js";

export const workflowsWhatsapp: MigrationFactory = (kind) => ({
  async up(db) {
    await withSerialId(kind, db.schema.createTable("workflows"))
      .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
      .addColumn("title", "text", notNull)
      .addColumn("description", "text")
      .addColumn("trigger_type", "text", notNull)
      .addColumn("state", "text", notNull)
      .addColumn("target_channels", "text", notNull)
      .addColumn("preferred_devices", "text", notNull)
      .addColumn("targeting", "text")
      .addColumn("snapshot", "text")
      .addColumn("attributes", "text", notNull)
      .addColumn("embedded_rules", "text", notNull)
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull)
      .addCheckConstraint("workflows_state", sql`state in ('live', 'draft', 'paused')`)
      .execute();
    await db.schema.createIndex("workflows_workspace").on("workflows").columns(["workspace_id", "id"]).execute();

    await withSerialId(kind, db.schema.createTable("whatsapp_messages"))
      .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
      .addColumn("message_id", "text", notNull)
      .addColumn("conversation_id", "bigint", (c) => c.references("conversations.id").onDelete("cascade"))
      .addColumn("template_name", "text", notNull)
      .addColumn("type", "text", notNull)
      .addColumn("status", "text", notNull)
      .addColumn("error_message", "text")
      .addColumn("error_details", "text")
      .addColumn("ruleset_id", "text")
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull)
      .addCheckConstraint("whatsapp_messages_status", sql`status in ('sent', 'delivered', 'read', 'failed')`)
      .addCheckConstraint("whatsapp_messages_error", sql`(status = 'failed') = (error_message is not null)`)
      .execute();
    await db.schema.createIndex("whatsapp_messages_id").unique().on("whatsapp_messages").columns(["workspace_id", "message_id"]).execute();
    await db.schema.createIndex("whatsapp_messages_ruleset").on("whatsapp_messages").columns(["workspace_id", "ruleset_id", "id"]).execute();
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});
