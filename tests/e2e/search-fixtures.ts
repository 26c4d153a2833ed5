// Contacts seeded straight into the store for search tests: every column chosen, nothing defaulted by a route.
import type { Kysely } from "kysely";
import { newDataAttributeRow } from "../../src/resources/data_attributes/service.js";
import type { ContactsTable, DB } from "../../src/db/types.js";
import { newContactRow } from "../../src/resources/contacts/service.js";

export function contactRow(workspaceId: string, fields: Partial<ContactsTable> & { created_at: number }): ContactsTable {
  return newContactRow(workspaceId, fields);
}

export type AttributeType = "string" | "integer" | "float" | "boolean" | "date" | "options";

export async function defineAttributes(db: Kysely<DB>, workspaceId: string, attrs: Record<string, AttributeType>) {
  const now = Math.floor(Date.now() / 1000);
  const rows = Object.entries(attrs).map(([name, type]) =>
    newDataAttributeRow(workspaceId, {
      model: "contact",
      name,
      data_type: type,
      options: type === "options" ? JSON.stringify([{ value: "gold" }, { value: "silver" }]) : null,
      created_at: now,
    }),
  );
  await db.insertInto("data_attributes").values(rows).execute();
}
