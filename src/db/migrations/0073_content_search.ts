// Full-text indexes for content search (GET /content/search) over content snippets (title and Markdown
// body) and external pages (title and HTML), in each store's engine like articles (0030_content). These
// index the columns themselves (no normalised search_text column to keep): the HTML's angle brackets are
// turned into spaces on both stores, so both tokenise the same text (SQLite FTS5 unicode61, PostgreSQL
// 'simple'): tag and attribute names count as words of a page on both.
import { sql } from "kysely";
import type { MigrationFactory } from "../schema-helpers.js";

const INDEXED = [
  { table: "content_snippets", cols: ["title", "body_markdown"], exprs: (r: string) => `${r}.title, ${r}.body_markdown` },
  { table: "external_pages", cols: ["title", "html"], exprs: (r: string) => `${r}.title, replace(replace(${r}.html, '<', ' '), '>', ' ')` },
] as const;

export const contentSearch: MigrationFactory = (kind) => ({
  async up(db) {
    if (kind === "postgres") {
      await sql`alter table content_snippets add column search_vector tsvector generated always as (to_tsvector('simple', title || ' ' || body_markdown)) stored`.execute(db);
      await sql`alter table external_pages add column search_vector tsvector generated always as (to_tsvector('simple', title || ' ' || translate(html, '<>', '  '))) stored`.execute(db);
      await sql`create index content_snippets_fts on content_snippets using gin (search_vector)`.execute(db);
      await sql`create index external_pages_fts on external_pages using gin (search_vector)`.execute(db);
      return;
    }
    for (const { table, cols, exprs } of INDEXED) {
      const fts = `${table}_fts`;
      const colList = cols.join(", ");
      await sql.raw(`create virtual table ${fts} using fts5(${colList}, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')`).execute(db);
      await sql.raw(`insert into ${fts}(rowid, ${colList}) select t.id, ${exprs("t")} from ${table} t`).execute(db);
      await sql.raw(`create trigger ${fts}_ai after insert on ${table} begin insert into ${fts}(rowid, ${colList}) values (new.id, ${exprs("new")}); end`).execute(db);
      await sql.raw(`create trigger ${fts}_ad after delete on ${table} begin delete from ${fts} where rowid = old.id; end`).execute(db);
      await sql.raw(`create trigger ${fts}_au after update of ${colList} on ${table} begin
        delete from ${fts} where rowid = old.id;
        insert into ${fts}(rowid, ${colList}) values (new.id, ${exprs("new")}); end`).execute(db);
    }
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});
