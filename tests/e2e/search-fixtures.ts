// Contacts seeded straight into the store for search tests: every column chosen, nothing defaulted by a route.
import type { Kysely } from "kysely";
import type { ContactsTable, DB } from "../../src/db/types.js";
import { hexId } from "../../src/platform/ids.js";

export function contactRow(workspaceId: string, fields: Partial<ContactsTable> & { created_at: number }): ContactsTable {
  return {
    id: hexId(fields.created_at),
    workspace_id: workspaceId,
    role: "user",
    external_id: null,
    email: null,
    phone: null,
    name: null,
    avatar: null,
    owner_id: null,
    has_hard_bounced: 0,
    marked_email_as_spam: 0,
    unsubscribed_from_emails: 0,
    archived: 0,
    blocked: 0,
    updated_at: fields.created_at,
    signed_up_at: null,
    last_seen_at: null,
    last_replied_at: null,
    last_contacted_at: null,
    last_email_opened_at: null,
    last_email_clicked_at: null,
    language_override: null,
    browser: null,
    browser_version: null,
    browser_language: null,
    os: null,
    android_app_name: null,
    android_app_version: null,
    android_device: null,
    android_os_version: null,
    android_sdk_version: null,
    android_last_seen_at: null,
    ios_app_name: null,
    ios_app_version: null,
    ios_device: null,
    ios_os_version: null,
    ios_sdk_version: null,
    ios_last_seen_at: null,
    location_country: null,
    location_region: null,
    location_city: null,
    social_profiles: null,
    custom_attributes: "{}",
    ...fields,
  };
}

export type AttributeType = "string" | "integer" | "float" | "boolean" | "date" | "options";

export async function defineAttributes(db: Kysely<DB>, workspaceId: string, attrs: Record<string, AttributeType>) {
  const now = Math.floor(Date.now() / 1000);
  await db
    .insertInto("data_attributes")
    .values(
      Object.entries(attrs).map(([name, type]) => ({
        workspace_id: workspaceId,
        model: "contact",
        name,
        full_name: `custom_attributes.${name}`,
        label: name,
        description: null,
        data_type: type,
        options: type === "options" ? JSON.stringify([{ value: "gold" }, { value: "silver" }]) : null,
        api_writable: 1,
        ui_writable: 1,
        messenger_writable: 0,
        custom: 1,
        archived: 0,
        admin_id: null,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
}
