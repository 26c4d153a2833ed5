// Data connectors (their draft configuration and the snapshot last set live) and their execution results.
import { notNull, withSerialId, type MigrationFactory } from "../schema-helpers.js";

const ws = (c: any) => c.notNull().references("workspaces.id").onDelete("cascade");

export const dataConnectors: MigrationFactory = (kind) => ({
  async up(db) {
    await withSerialId(kind, db.schema.createTable("data_connectors"))
      .addColumn("workspace_id", "text", ws)
      .addColumn("state", "text", notNull)
      .addColumn("config", "text", notNull)
      .addColumn("live_config", "text")
      .addColumn("created_by_admin_id", "bigint")
      .addColumn("updated_by_admin_id", "bigint")
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("data_connectors_ws_updated").on("data_connectors").columns(["workspace_id", "updated_at", "id"]).execute();
    await withSerialId(kind, db.schema.createTable("data_connector_executions"))
      .addColumn("workspace_id", "text", ws)
      .addColumn("data_connector_id", "bigint", (c) => c.notNull().references("data_connectors.id").onDelete("cascade"))
      .addColumn("success", "integer", notNull)
      .addColumn("http_status", "integer")
      .addColumn("http_method", "text", notNull)
      .addColumn("error_type", "text")
      .addColumn("error_message", "text")
      .addColumn("execution_time_ms", "integer")
      .addColumn("source_type", "text")
      .addColumn("source_id", "text")
      .addColumn("conversation_id", "text")
      .addColumn("request_url", "text")
      .addColumn("request_body", "text")
      .addColumn("response_body", "text")
      .addColumn("created_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("data_connector_executions_connector").on("data_connector_executions").columns(["data_connector_id", "created_at", "id"]).execute();
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});
