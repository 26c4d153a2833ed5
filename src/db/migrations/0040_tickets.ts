// Ticket types, their attributes and the ticket states.
import { notNull, withSerialId, zero, type MigrationFactory } from "../schema-helpers.js";

const ws = (c: any) => c.notNull().references("workspaces.id").onDelete("cascade");

export const ticketTypes: MigrationFactory = (kind) => ({
  async up(db) {
    await withSerialId(kind, db.schema.createTable("ticket_types"))
      .addColumn("workspace_id", "text", ws)
      .addColumn("name", "text", notNull)
      .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("icon", "text", notNull)
      .addColumn("category", "text", notNull)
      .addColumn("is_internal", "integer", zero)
      .addColumn("archived", "integer", zero)
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("ticket_types_ws").on("ticket_types").columns(["workspace_id", "id"]).execute();

    await withSerialId(kind, db.schema.createTable("ticket_type_attributes"))
      .addColumn("workspace_id", "text", ws)
      .addColumn("ticket_type_id", "bigint", (c) => c.notNull().references("ticket_types.id").onDelete("cascade"))
      .addColumn("name", "text", notNull)
      .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("data_type", "text", notNull)
      .addColumn("input_options", "text", (c) => c.notNull().defaultTo("{}"))
      .addColumn("order_index", "integer", zero)
      .addColumn("required_to_create", "integer", zero)
      .addColumn("required_to_create_for_contacts", "integer", zero)
      .addColumn("visible_on_create", "integer", (c) => c.notNull().defaultTo(1))
      .addColumn("visible_to_contacts", "integer", (c) => c.notNull().defaultTo(1))
      .addColumn("is_default", "integer", zero)
      .addColumn("archived", "integer", zero)
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull)
      .execute();
    // one attribute per name in a type: the database decides (a duplicate is a 409)
    await db.schema.createIndex("ticket_type_attributes_name").on("ticket_type_attributes").columns(["ticket_type_id", "name"]).unique().execute();

    // Workspace-level states, seeded four per ticket category; a type has its category's states.
    await withSerialId(kind, db.schema.createTable("ticket_states"))
      .addColumn("workspace_id", "text", ws)
      .addColumn("ticket_category", "text", notNull)
      .addColumn("category", "text", notNull)
      .addColumn("internal_label", "text", notNull)
      .addColumn("external_label", "text", notNull)
      .addColumn("archived", "integer", zero)
      .execute();
    await db.schema.createIndex("ticket_states_ws").on("ticket_states").columns(["workspace_id", "ticket_category"]).execute();
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});
