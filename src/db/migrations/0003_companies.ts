// Companies: the order of POST /companies/list, their plans (named per workspace, with ids) and the open scroll of each workspace.
import { sql } from "kysely";
import { notNull, withSerialId, type MigrationFactory } from "../schema-helpers.js";

export const companies: MigrationFactory = (kind) => ({
  async up(db) {
    // POST /companies/list and GET /companies order by last_request_at (unset = 0), then id
    await db.schema
      .createIndex("companies_ws_last_request")
      .on("companies")
      .expression(sql`workspace_id, coalesce(last_request_at, 0), id`)
      .execute();

    await withSerialId(kind, db.schema.createTable("company_plans"))
      .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
      .addColumn("name", "text", notNull)
      .addColumn("created_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("company_plans_ws_name").on("company_plans").columns(["workspace_id", "name"]).unique().execute();

    // One row per workspace: the primary key makes "one open scroll at a time" hold across processes.
    await db.schema
      .createTable("company_scrolls")
      .addColumn("workspace_id", "text", (c) => c.primaryKey().references("workspaces.id").onDelete("cascade"))
      .addColumn("scroll_param", "text", (c) => c.notNull().unique())
      .addColumn("last_id", "text")
      .addColumn("expires_at", "bigint", notNull)
      .addColumn("created_at", "bigint", notNull)
      .execute();
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});
