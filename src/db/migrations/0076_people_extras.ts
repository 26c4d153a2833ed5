// People extras: contact activities (GET /contacts/activities), banners and a contact's views of them.
import { notNull, withSerialId, zero, type MigrationFactory } from "../schema-helpers.js";

export const peopleExtras: MigrationFactory = (kind) => ({
  async up(db) {
    // no foreign key to contacts: an activity outlives its contact (contact.deleted, contact.merged)
    await withSerialId(kind, db.schema.createTable("contact_activities"))
      .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
      .addColumn("event_type", "text", notNull)
      .addColumn("contact_id", "text", notNull)
      .addColumn("external_id", "text")
      .addColumn("role", "text")
      .addColumn("merge_source_id", "text")
      .addColumn("merge_target_id", "text")
      .addColumn("failure_reason", "text")
      .addColumn("created_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("contact_activities_ws").on("contact_activities").columns(["workspace_id", "id"]).execute();

    await withSerialId(kind, db.schema.createTable("banners"))
      .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
      .addColumn("title", "text")
      .addColumn("body", "text")
      .addColumn("style", "text", notNull)
      .addColumn("position", "text", notNull)
      .addColumn("show_dismiss_button", "integer", zero)
      .addColumn("action", "text")
      .addColumn("target_role", "text")
      .addColumn("target_contact_id", "text", (c) => c.references("contacts.id").onDelete("cascade"))
      .addColumn("deleted_at", "bigint")
      .addColumn("created_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("banners_ws").on("banners").columns(["workspace_id", "id"]).execute();

    await withSerialId(kind, db.schema.createTable("banner_views"))
      .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
      .addColumn("banner_id", "bigint", (c) => c.notNull().references("banners.id").onDelete("cascade"))
      .addColumn("contact_id", "text", (c) => c.notNull().references("contacts.id").onDelete("cascade"))
      .addColumn("impressions", "integer", zero)
      .addColumn("last_shown_at", "bigint", notNull)
      .addColumn("dismissed_at", "bigint")
      .addColumn("created_at", "bigint", notNull)
      .execute();
    // one view per banner and contact: concurrent lists insert "on conflict do nothing"
    await db.schema.createIndex("banner_views_contact_banner").on("banner_views").columns(["contact_id", "banner_id"]).unique().execute();
    await db.schema.createIndex("banner_views_banner").on("banner_views").columns(["banner_id"]).execute();
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});
