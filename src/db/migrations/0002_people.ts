// Contacts, companies and what hangs off them: tags, notes, segments, subscriptions, data attributes.
import { sql } from "kysely";
import { floatType, notNull, withSerialId, zero, type MigrationFactory } from "../schema-helpers.js";

const ws = (c: any) => c.notNull().references("workspaces.id").onDelete("cascade");

export const people: MigrationFactory = (kind) => ({
  async up(db) {
    let contacts = db.schema
      .createTable("contacts")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("workspace_id", "text", ws)
      .addColumn("role", "text", notNull)
      .addColumn("external_id", "text")
      .addColumn("email", "text")
      .addColumn("phone", "text")
      .addColumn("name", "text")
      .addColumn("avatar", "text")
      .addColumn("owner_id", "bigint")
      .addColumn("has_hard_bounced", "integer", zero)
      .addColumn("marked_email_as_spam", "integer", zero)
      .addColumn("unsubscribed_from_emails", "integer", zero)
      .addColumn("archived", "integer", zero)
      .addColumn("blocked", "integer", zero)
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull);
    for (const col of ["signed_up_at", "last_seen_at", "last_replied_at", "last_contacted_at", "last_email_opened_at", "last_email_clicked_at", "android_last_seen_at", "ios_last_seen_at"]) {
      contacts = contacts.addColumn(col, "bigint");
    }
    for (const col of [
      "language_override", "browser", "browser_version", "browser_language", "os",
      "android_app_name", "android_app_version", "android_device", "android_os_version", "android_sdk_version",
      "ios_app_name", "ios_app_version", "ios_device", "ios_os_version", "ios_sdk_version",
      "location_country", "location_region", "location_city", "social_profiles",
    ]) {
      contacts = contacts.addColumn(col, "text");
    }
    await contacts.addColumn("custom_attributes", "text", (c) => c.notNull().defaultTo("{}")).execute();
    await db.schema.createIndex("contacts_ws_id").on("contacts").columns(["workspace_id", "id"]).execute();
    await db.schema.createIndex("contacts_ws_created").on("contacts").columns(["workspace_id", "created_at", "id"]).execute();
    // Uniqueness among users is enforced by the database, so concurrent creates cannot both win.
    await db.schema
      .createIndex("contacts_user_external_id")
      .on("contacts")
      .columns(["workspace_id", "external_id"])
      .unique()
      .where(sql.ref("role"), "=", "user")
      .where(sql.ref("external_id"), "is not", null)
      .execute();
    await db.schema
      .createIndex("contacts_user_email")
      .on("contacts")
      .expression(sql`workspace_id, lower(email)`)
      .unique()
      .where(sql.ref("role"), "=", "user")
      .where(sql.ref("email"), "is not", null)
      .execute();
    await db.schema.createIndex("contacts_ws_email").on("contacts").expression(sql`workspace_id, lower(email)`).execute();
    await db.schema.createIndex("contacts_ws_external_id").on("contacts").columns(["workspace_id", "external_id"]).execute();

    await db.schema
      .createTable("companies")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("workspace_id", "text", ws)
      .addColumn("company_id", "text", notNull)
      .addColumn("name", "text")
      .addColumn("plan", "text")
      .addColumn("size", "bigint")
      .addColumn("website", "text")
      .addColumn("industry", "text")
      .addColumn("monthly_spend", floatType(kind))
      .addColumn("session_count", "bigint", zero)
      .addColumn("user_count", "bigint", zero)
      .addColumn("remote_created_at", "bigint")
      .addColumn("last_request_at", "bigint")
      .addColumn("custom_attributes", "text", (c) => c.notNull().defaultTo("{}"))
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("companies_ws_company_id").on("companies").columns(["workspace_id", "company_id"]).unique().execute();
    await db.schema.createIndex("companies_ws_id").on("companies").columns(["workspace_id", "id"]).execute();
    await db.schema.createIndex("companies_ws_name").on("companies").columns(["workspace_id", "name"]).execute();
    await db.schema.createIndex("companies_ws_created").on("companies").columns(["workspace_id", "created_at", "id"]).execute();

    await db.schema
      .createTable("contact_companies")
      .addColumn("workspace_id", "text", ws)
      .addColumn("contact_id", "text", (c) => c.notNull().references("contacts.id").onDelete("cascade"))
      .addColumn("company_id", "text", (c) => c.notNull().references("companies.id").onDelete("cascade"))
      .addColumn("created_at", "bigint", notNull)
      .addPrimaryKeyConstraint("contact_companies_pk", ["contact_id", "company_id"])
      .execute();
    await db.schema.createIndex("contact_companies_company").on("contact_companies").columns(["company_id", "contact_id"]).execute();

    await withSerialId(kind, db.schema.createTable("tags"))
      .addColumn("workspace_id", "text", ws)
      .addColumn("name", "text", notNull)
      .addColumn("created_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("tags_ws_name").on("tags").columns(["workspace_id", "name"]).unique().execute();

    await db.schema
      .createTable("contact_tags")
      .addColumn("workspace_id", "text", ws)
      .addColumn("contact_id", "text", (c) => c.notNull().references("contacts.id").onDelete("cascade"))
      .addColumn("tag_id", "bigint", (c) => c.notNull().references("tags.id").onDelete("cascade"))
      .addColumn("admin_id", "bigint")
      .addColumn("created_at", "bigint", notNull)
      .addPrimaryKeyConstraint("contact_tags_pk", ["contact_id", "tag_id"])
      .execute();
    await db.schema.createIndex("contact_tags_tag").on("contact_tags").columns(["tag_id", "contact_id"]).execute();

    await db.schema
      .createTable("company_tags")
      .addColumn("workspace_id", "text", ws)
      .addColumn("company_id", "text", (c) => c.notNull().references("companies.id").onDelete("cascade"))
      .addColumn("tag_id", "bigint", (c) => c.notNull().references("tags.id").onDelete("cascade"))
      .addColumn("admin_id", "bigint")
      .addColumn("created_at", "bigint", notNull)
      .addPrimaryKeyConstraint("company_tags_pk", ["company_id", "tag_id"])
      .execute();
    await db.schema.createIndex("company_tags_tag").on("company_tags").columns(["tag_id", "company_id"]).execute();

    await withSerialId(kind, db.schema.createTable("notes"))
      .addColumn("workspace_id", "text", ws)
      .addColumn("contact_id", "text", (c) => c.notNull().references("contacts.id").onDelete("cascade"))
      .addColumn("admin_id", "bigint")
      .addColumn("body", "text", notNull)
      .addColumn("created_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("notes_contact_created").on("notes").columns(["contact_id", "created_at", "id"]).execute();

    await db.schema
      .createTable("segments")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("workspace_id", "text", ws)
      .addColumn("name", "text", notNull)
      .addColumn("person_type", "text", notNull)
      .addColumn("query", "text")
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("segments_ws_id").on("segments").columns(["workspace_id", "id"]).execute();

    await withSerialId(kind, db.schema.createTable("subscription_types"))
      .addColumn("workspace_id", "text", ws)
      .addColumn("state", "text", notNull)
      .addColumn("name", "text", notNull)
      .addColumn("description", "text", notNull)
      .addColumn("locale", "text", notNull)
      .addColumn("consent_type", "text", notNull)
      .addColumn("content_types", "text", notNull)
      .addColumn("created_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("subscription_types_ws").on("subscription_types").columns(["workspace_id", "id"]).execute();

    await db.schema
      .createTable("contact_subscriptions")
      .addColumn("workspace_id", "text", ws)
      .addColumn("contact_id", "text", (c) => c.notNull().references("contacts.id").onDelete("cascade"))
      .addColumn("subscription_type_id", "bigint", (c) => c.notNull().references("subscription_types.id").onDelete("cascade"))
      .addColumn("consent_type", "text", notNull)
      .addColumn("created_at", "bigint", notNull)
      .addPrimaryKeyConstraint("contact_subscriptions_pk", ["contact_id", "subscription_type_id"])
      .execute();

    await withSerialId(kind, db.schema.createTable("data_attributes"))
      .addColumn("workspace_id", "text", ws)
      .addColumn("model", "text", notNull)
      .addColumn("name", "text", notNull)
      .addColumn("full_name", "text", notNull)
      .addColumn("label", "text", notNull)
      .addColumn("description", "text")
      .addColumn("data_type", "text", notNull)
      .addColumn("options", "text")
      .addColumn("api_writable", "integer", zero)
      .addColumn("ui_writable", "integer", zero)
      .addColumn("messenger_writable", "integer", zero)
      .addColumn("custom", "integer", zero)
      .addColumn("archived", "integer", zero)
      .addColumn("admin_id", "bigint")
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("data_attributes_ws_model_name").on("data_attributes").columns(["workspace_id", "model", "name"]).unique().execute();
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});
