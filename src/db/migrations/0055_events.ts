// Data events: one row per tracked event (unique per contact, name and time: Intercom's de-duplication)
// and per contact × name summaries (count, first, last), kept by POST /events and POST /events/summaries.
import { notNull, withSerialId, type MigrationFactory } from "../schema-helpers.js";

const ws = (c: any) => c.notNull().references("workspaces.id").onDelete("cascade");

export const events: MigrationFactory = (kind) => ({
  async up(db) {
    await withSerialId(kind, db.schema.createTable("data_events"))
      .addColumn("workspace_id", "text", ws)
      .addColumn("contact_id", "text", notNull)
      .addColumn("event_name", "text", notNull)
      .addColumn("created_at", "bigint", notNull)
      .addColumn("metadata", "text", notNull)
      .execute();
    await db.schema.createIndex("data_events_unique").unique().on("data_events").columns(["workspace_id", "contact_id", "event_name", "created_at"]).execute();
    await db.schema.createIndex("data_events_list").on("data_events").columns(["workspace_id", "contact_id", "created_at", "id"]).execute();

    await db.schema
      .createTable("data_event_summaries")
      .addColumn("workspace_id", "text", ws)
      .addColumn("contact_id", "text", notNull)
      .addColumn("event_name", "text", notNull)
      .addColumn("count", "bigint", notNull)
      .addColumn("first_at", "bigint", notNull)
      .addColumn("last_at", "bigint", notNull)
      .addPrimaryKeyConstraint("data_event_summaries_pk", ["workspace_id", "contact_id", "event_name"])
      .execute();
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});
