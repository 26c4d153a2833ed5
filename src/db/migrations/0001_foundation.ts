// Workspaces, tokens, admins, teams, activity logs.
import { sql } from "kysely";
import { notNull, withSerialId, zero, type MigrationFactory } from "../schema-helpers.js";

export const foundation: MigrationFactory = (kind) => ({
  async up(db) {
    await db.schema
      .createTable("workspaces")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("name", "text", notNull)
      .addColumn("region", "text", notNull)
      .addColumn("timezone", "text", notNull)
      .addColumn("default_version", "text", notNull)
      .addColumn("created_at", "bigint", notNull)
      .execute();

    await withSerialId(kind, db.schema.createTable("access_tokens"))
      .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
      .addColumn("token_hash", "text", (c) => c.notNull().unique())
      .addColumn("admin_id", "bigint")
      .addColumn("name", "text")
      .addColumn("created_at", "bigint", notNull)
      .execute();

    await withSerialId(kind, db.schema.createTable("admins"))
      .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
      .addColumn("name", "text", notNull)
      .addColumn("email", "text", notNull)
      .addColumn("job_title", "text")
      .addColumn("away_mode_enabled", "integer", zero)
      .addColumn("away_mode_reassign", "integer", zero)
      .addColumn("away_status_reason_id", "integer")
      .addColumn("has_inbox_seat", "integer", zero)
      .addColumn("email_verified", "integer", zero)
      .addColumn("avatar_url", "text")
      .addColumn("created_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("admins_ws_id").on("admins").columns(["workspace_id", "id"]).execute();
    await db.schema.createIndex("admins_ws_email").on("admins").columns(["workspace_id", "email"]).unique().execute();

    await withSerialId(kind, db.schema.createTable("teams"))
      .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
      .addColumn("name", "text", notNull)
      .addColumn("assignment_limit", "integer")
      .addColumn("distribution_method", "text")
      .addColumn("created_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("teams_ws_id").on("teams").columns(["workspace_id", "id"]).execute();

    await db.schema
      .createTable("team_admins")
      .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
      .addColumn("team_id", "bigint", (c) => c.notNull().references("teams.id").onDelete("cascade"))
      .addColumn("admin_id", "bigint", (c) => c.notNull().references("admins.id").onDelete("cascade"))
      .addPrimaryKeyConstraint("team_admins_pk", ["team_id", "admin_id"])
      .execute();
    await db.schema.createIndex("team_admins_admin").on("team_admins").columns(["admin_id", "team_id"]).execute();

    await withSerialId(kind, db.schema.createTable("activity_logs"))
      .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
      .addColumn("admin_id", "bigint", notNull)
      .addColumn("activity_type", "text", notNull)
      .addColumn("activity_description", "text")
      .addColumn("metadata", "text")
      .addColumn("ip", "text")
      .addColumn("created_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("activity_logs_ws_created").on("activity_logs").columns(["workspace_id", "created_at", "id"]).execute();
    void sql;
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});
