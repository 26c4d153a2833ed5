// Office hours schedules and their exceptions (2.16).
import { notNull, withSerialId, zero, type MigrationFactory } from "../schema-helpers.js";

const ws = (c: any) => c.notNull().references("workspaces.id").onDelete("cascade");

export const officeHours: MigrationFactory = (kind) => ({
  async up(db) {
    await withSerialId(kind, db.schema.createTable("office_hours_schedules"))
      .addColumn("workspace_id", "text", ws)
      .addColumn("name", "text", notNull)
      .addColumn("time_zone_name", "text", notNull)
      .addColumn("time_intervals", "text", (c) => c.notNull().defaultTo("[]"))
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("office_hours_schedules_ws").on("office_hours_schedules").columns(["workspace_id", "id"]).execute();
    await withSerialId(kind, db.schema.createTable("office_hours_exceptions"))
      .addColumn("workspace_id", "text", ws)
      .addColumn("schedule_id", "bigint", (c) => c.notNull().references("office_hours_schedules.id").onDelete("cascade"))
      .addColumn("exception_date", "text", notNull)
      .addColumn("exception_type", "text", notNull)
      .addColumn("name", "text")
      .addColumn("time_intervals", "text")
      .addColumn("recurring_annually", "integer", zero)
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("office_hours_exceptions_date").on("office_hours_exceptions").columns(["schedule_id", "exception_date"]).unique().execute();
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});
