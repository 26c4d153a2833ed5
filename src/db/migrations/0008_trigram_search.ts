// Contains (~) and ends-with ($) searches on a contact's name, email and phone use a trigram index, so
// they do not read every contact of the store:
// - PostgreSQL: pg_trgm GIN indexes on the folded columns (the expressions src/search/dialect.ts folds
//   with), serving `lower(col collate "C") like '%…%'`. The extension lives in the schema it was created
//   in (public when this migration creates it); without the contrib package the indexes are skipped and
//   the same searches scan (a warning names it).
// - SQLite: an FTS5 table with the trigram tokenizer over the same columns (external content: the
//   contacts rows themselves, kept in step by triggers), searched by rowid. A VACUUM renumbers the
//   rowids of contacts: run `insert into contacts_trgm(contacts_trgm) values ('rebuild')` after one.
import { sql } from "kysely";
import type { MigrationFactory } from "../schema-helpers.js";

/** The contact columns the trigram index covers (also named by the contacts search model). */
export const TRIGRAM_COLUMNS = ["name", "email", "phone"] as const;

export const trigramSearch: MigrationFactory = (kind) => ({
  async up(db) {
    const cols = TRIGRAM_COLUMNS;
    if (kind === "postgres") {
      const existing = await sql<{ schema: string }>`select extnamespace::regnamespace::text as schema from pg_extension where extname = 'pg_trgm'`.execute(db);
      let schema = existing.rows[0]?.schema;
      if (!schema) {
        await sql`savepoint trgm`.execute(db);
        try {
          await sql`create extension if not exists pg_trgm with schema public`.execute(db);
          await sql`release savepoint trgm`.execute(db);
          schema = "public";
        } catch (err) {
          await sql`rollback to savepoint trgm`.execute(db);
          // another process created it meanwhile: use it; not installable: searches scan instead
          const again = await sql<{ schema: string }>`select extnamespace::regnamespace::text as schema from pg_extension where extname = 'pg_trgm'`.execute(db);
          schema = again.rows[0]?.schema;
          if (!schema) process.emitWarning(`pg_trgm is not available (${(err as Error).message}): contains searches will scan`);
        }
      }
      if (!schema) return;
      for (const col of cols) {
        await sql`create index ${sql.id(`contacts_trgm_${col}`)} on contacts using gin (lower((${sql.ref(col)}) collate "C") ${sql.id(schema)}.gin_trgm_ops)`.execute(db);
      }
      return;
    }
    const list = sql.raw(cols.join(", "));
    const news = sql.raw(cols.map((c) => `new.${c}`).join(", "));
    const olds = sql.raw(cols.map((c) => `old.${c}`).join(", "));
    await sql`create virtual table contacts_trgm using fts5(${list}, content='contacts', content_rowid='rowid', tokenize='trigram')`.execute(db);
    await sql`create trigger contacts_trgm_insert after insert on contacts begin
      insert into contacts_trgm(rowid, ${list}) values (new.rowid, ${news}); end`.execute(db);
    await sql`create trigger contacts_trgm_delete after delete on contacts begin
      insert into contacts_trgm(contacts_trgm, rowid, ${list}) values ('delete', old.rowid, ${olds}); end`.execute(db);
    await sql`create trigger contacts_trgm_update after update of ${list} on contacts begin
      insert into contacts_trgm(contacts_trgm, rowid, ${list}) values ('delete', old.rowid, ${olds});
      insert into contacts_trgm(rowid, ${list}) values (new.rowid, ${news}); end`.execute(db);
    await sql`insert into contacts_trgm(contacts_trgm) values ('rebuild')`.execute(db);
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});
