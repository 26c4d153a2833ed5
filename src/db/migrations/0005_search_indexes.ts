// Indexes contact searches use. Text is matched case-insensitively by folding ASCII letters
// (lower() in SQLite; lower(… collate "C") in PostgreSQL, which folds the same letters), so the
// expression indexes are written exactly as src/search/dialect.ts writes the conditions.
import { sql, type RawBuilder } from "kysely";
import type { MigrationFactory } from "../schema-helpers.js";

export const searchIndexes: MigrationFactory = (kind) => ({
  async up(db) {
    const pg = kind === "postgres";
    const fold = (e: RawBuilder<unknown>) => (pg ? sql`lower((${e}) collate "C")` : sql`lower(${e})`);
    const email = sql.ref("email");
    const at = pg ? sql`strpos(${email}, '@')` : sql`instr(${email}, '@')`;
    const domain = sql`(case when ${at} > 0 then substr(${email}, ${at} + 1) end)`;

    // SQLite already has (workspace_id, lower(email)) from 0002; PostgreSQL needs the "C" fold
    if (pg) await db.schema.createIndex("contacts_search_email").on("contacts").expression(sql`workspace_id, ${fold(email)}`).execute();
    await db.schema.createIndex("contacts_search_email_domain").on("contacts").expression(sql`workspace_id, ${fold(domain)}`).execute();
    await db.schema.createIndex("contacts_search_name").on("contacts").expression(sql`workspace_id, ${fold(sql.ref("name"))}`).execute();
    await db.schema.createIndex("contacts_search_phone").on("contacts").expression(sql`workspace_id, ${fold(sql.ref("phone"))}`).execute();
    await db.schema.createIndex("contacts_search_updated").on("contacts").columns(["workspace_id", "updated_at", "id"]).execute();
    await db.schema.createIndex("contacts_search_last_seen").on("contacts").columns(["workspace_id", "last_seen_at"]).execute();
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});
