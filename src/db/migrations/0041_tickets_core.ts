// Tickets and their parts and contacts (kept apart from conversations; see README "Tickets").
import { notNull, withSerialId, zero, type MigrationFactory } from "../schema-helpers.js";

const ws = (c: any) => c.notNull().references("workspaces.id").onDelete("cascade");

export const ticketsCore: MigrationFactory = (kind) => ({
  async up(db) {
    await withSerialId(kind, db.schema.createTable("tickets"))
      .addColumn("workspace_id", "text", ws)
      .addColumn("ticket_type_id", "bigint", (c) => c.notNull().references("ticket_types.id"))
      .addColumn("ticket_state_id", "bigint", (c) => c.notNull().references("ticket_states.id"))
      .addColumn("previous_ticket_state_id", "bigint")
      .addColumn("ticket_attributes", "text", (c) => c.notNull().defaultTo("{}"))
      .addColumn("admin_assignee_id", "bigint")
      .addColumn("team_assignee_id", "bigint")
      .addColumn("open", "integer", (c) => c.notNull().defaultTo(1))
      .addColumn("snoozed_until", "bigint")
      .addColumn("is_shared", "integer", zero)
      .addColumn("company_id", "text")
      .addColumn("part_seq", "integer", zero)
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("tickets_ws").on("tickets").columns(["workspace_id", "updated_at", "id"]).execute();

    await withSerialId(kind, db.schema.createTable("ticket_parts"))
      .addColumn("workspace_id", "text", ws)
      .addColumn("ticket_id", "bigint", (c) => c.notNull().references("tickets.id").onDelete("cascade"))
      .addColumn("seq", "integer", notNull)
      .addColumn("part_type", "text", notNull)
      .addColumn("body", "text")
      .addColumn("author_type", "text", notNull)
      .addColumn("author_id", "text", notNull)
      .addColumn("assigned_to_type", "text")
      .addColumn("assigned_to_id", "text")
      .addColumn("previous_ticket_state", "text")
      .addColumn("ticket_state", "text")
      .addColumn("attachments", "text", (c) => c.notNull().defaultTo("[]"))
      .addColumn("updated_attribute_data", "text")
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("ticket_parts_ticket_seq").on("ticket_parts").columns(["ticket_id", "seq"]).unique().execute();

    await db.schema
      .createTable("ticket_contacts")
      .addColumn("workspace_id", "text", ws)
      .addColumn("ticket_id", "bigint", (c) => c.notNull().references("tickets.id").onDelete("cascade"))
      .addColumn("contact_id", "text", (c) => c.notNull().references("contacts.id").onDelete("cascade"))
      .addColumn("added_at", "bigint", notNull)
      .addPrimaryKeyConstraint("ticket_contacts_pk", ["ticket_id", "contact_id"])
      .execute();
    await db.schema.createIndex("ticket_contacts_contact").on("ticket_contacts").columns(["contact_id"]).execute();
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});
