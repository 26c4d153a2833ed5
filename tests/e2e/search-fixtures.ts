// Contacts seeded straight into the store for search tests: every column chosen, nothing defaulted by a route.
import type { Kysely } from "kysely";
import type { ContactsTable, DB } from "../../src/db/types.js";
import { newContactRow } from "../../src/resources/contacts/service.js";

export function contactRow(workspaceId: string, fields: Partial<ContactsTable> & { created_at: number }): ContactsTable {
  return newContactRow(workspaceId, fields);
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
