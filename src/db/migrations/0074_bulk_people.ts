// Bulk people (Unstable bulk contacts / companies jobs) and company notes (2.15+).
//
// - bulk_tasks: the tasks of a bulk job (a `jobs` row): each request's items (≤ 100), where the worker
//   stands in them and one result per applied item.
// - notes: a note belongs to a contact or to a company, never both. contact_id becomes nullable and
//   company_id is added (cascading like contact_id). PostgreSQL alters the table in place; SQLite cannot
//   drop a NOT NULL, so it rebuilds the table (same ids, same indexes; nothing references notes).
import { sql } from "kysely";
import { notNull, withSerialId, zero, type MigrationFactory } from "../schema-helpers.js";

const ws = (c: any) => c.notNull().references("workspaces.id").onDelete("cascade");

export const bulkPeople: MigrationFactory = (kind) => ({
  async up(db) {
    await withSerialId(kind, db.schema.createTable("bulk_tasks"))
      .addColumn("workspace_id", "text", ws)
      .addColumn("job_id", "bigint", (c) => c.notNull().references("jobs.id").onDelete("cascade"))
      .addColumn("identifier", "text", notNull)
      .addColumn("seq", "integer", notNull)
      .addColumn("operation", "text", notNull)
      .addColumn("items", "text", notNull)
      .addColumn("item_count", "integer", notNull)
      .addColumn("state", "text", notNull)
      .addColumn("position", "integer", zero)
      .addColumn("results", "text", notNull)
      .addColumn("created_at", "bigint", notNull)
      .addColumn("started_at", "bigint")
      .addColumn("completed_at", "bigint")
      .execute();
    // one seq per job: two appends racing for the same position make one 409, never two tasks alike
    await db.schema.createIndex("bulk_tasks_job_seq").unique().on("bulk_tasks").columns(["job_id", "seq"]).execute();
    await db.schema.createIndex("bulk_tasks_identifier").unique().on("bulk_tasks").columns(["identifier"]).execute();

    if (kind === "postgres") {
      await sql`alter table notes alter column contact_id drop not null`.execute(db);
      await sql`alter table notes add column company_id text references companies(id) on delete cascade`.execute(db);
      await sql`alter table notes add constraint notes_one_owner check ((contact_id is null) <> (company_id is null))`.execute(db);
    } else {
      await withSerialId(kind, db.schema.createTable("notes_v2"))
        .addColumn("workspace_id", "text", ws)
        .addColumn("contact_id", "text", (c) => c.references("contacts.id").onDelete("cascade"))
        .addColumn("admin_id", "bigint")
        .addColumn("body", "text", notNull)
        .addColumn("created_at", "bigint", notNull)
        .addColumn("company_id", "text", (c) => c.references("companies.id").onDelete("cascade"))
        .addCheckConstraint("notes_one_owner", sql`(contact_id is null) <> (company_id is null)`)
        .execute();
      await sql`insert into notes_v2 (id, workspace_id, contact_id, admin_id, body, created_at) select id, workspace_id, contact_id, admin_id, body, created_at from notes`.execute(db);
      await sql`drop table notes`.execute(db);
      await sql`alter table notes_v2 rename to notes`.execute(db);
      await db.schema.createIndex("notes_contact_created").on("notes").columns(["contact_id", "created_at", "id"]).execute();
      await db.schema.createIndex("notes_ws_id").on("notes").columns(["workspace_id", "id"]).execute();
    }
    await db.schema.createIndex("notes_company_created").on("notes").columns(["company_id", "created_at", "id"]).execute();
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});
