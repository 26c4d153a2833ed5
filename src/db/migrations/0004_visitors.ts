// Visitors (anonymous Messenger people), and the indexes tags, segments and data attributes look up by.
import { sql } from "kysely";
import { notNull, zero, type MigrationFactory } from "../schema-helpers.js";

export const visitors: MigrationFactory = () => ({
  async up(db) {
    let t = db.schema
      .createTable("visitors")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
      .addColumn("user_id", "text", notNull)
      .addColumn("owner_id", "bigint")
      .addColumn("unsubscribed_from_emails", "integer", zero)
      .addColumn("marked_email_as_spam", "integer", zero)
      .addColumn("has_hard_bounced", "integer", zero)
      .addColumn("do_not_track", "integer")
      .addColumn("session_count", "bigint", zero)
      .addColumn("signed_up_at", "bigint")
      .addColumn("last_request_at", "bigint");
    for (const col of ["email", "phone", "name", "pseudonym", "avatar", "location_data", "referrer", "utm_campaign", "utm_content", "utm_medium", "utm_source", "utm_term"]) {
      t = t.addColumn(col, "text");
    }
    await t
      .addColumn("custom_attributes", "text", (c) => c.notNull().defaultTo("{}"))
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("visitors_ws_user_id").on("visitors").columns(["workspace_id", "user_id"]).unique().execute();
    await db.schema.createIndex("visitors_ws_id").on("visitors").columns(["workspace_id", "id"]).execute();
    await db.schema.createIndex("visitors_ws_email").on("visitors").expression(sql`workspace_id, lower(email)`).execute();

    // Tag names are case-insensitive: one tag per lowercased name.
    await db.schema.createIndex("tags_ws_lower_name").on("tags").expression(sql`workspace_id, lower(name)`).unique().execute();
    // A custom data attribute name is taken across models, case-insensitively.
    await db.schema
      .createIndex("data_attributes_ws_custom_name")
      .on("data_attributes")
      .expression(sql`workspace_id, lower(name)`)
      .unique()
      .where(sql.ref("custom"), "=", 1)
      .execute();
    await db.schema.createIndex("data_attributes_ws_model_id").on("data_attributes").columns(["workspace_id", "model", "id"]).execute();
    await db.schema.createIndex("segments_ws_created").on("segments").columns(["workspace_id", "created_at", "id"]).execute();
    await db.schema.createIndex("contact_subscriptions_type").on("contact_subscriptions").columns(["subscription_type_id", "contact_id"]).execute();
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});
