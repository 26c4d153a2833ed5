// Workspace settings: away status reasons (seeded), identity verification secrets.
import { notNull, withSerialId, zero, type MigrationFactory } from "../schema-helpers.js";

const ws = (c: any) => c.notNull().references("workspaces.id").onDelete("cascade");

export const workspaceSettings: MigrationFactory = (kind) => ({
  async up(db) {
    await withSerialId(kind, db.schema.createTable("away_status_reasons"))
      .addColumn("workspace_id", "text", ws)
      .addColumn("label", "text", notNull)
      .addColumn("emoji", "text")
      .addColumn("order", "integer", zero)
      .addColumn("deleted", "integer", zero)
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("away_status_reasons_ws").on("away_status_reasons").columns(["workspace_id", "id"]).execute();
    await withSerialId(kind, db.schema.createTable("identity_verification_secrets"))
      .addColumn("workspace_id", "text", ws)
      .addColumn("name", "text", notNull)
      .addColumn("secret", "text", notNull)
      .addColumn("supports_android", "integer", zero)
      .addColumn("supports_ios", "integer", zero)
      .addColumn("supports_web", "integer", zero)
      .addColumn("created_at", "bigint", notNull)
      .addColumn("deleted_at", "bigint")
      .execute();
    await db.schema.createIndex("identity_verification_secrets_ws").on("identity_verification_secrets").columns(["workspace_id", "id"]).execute();
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});
