// Internal articles (for teammates), with the same full-text index as articles (see 0030_content).
import { sql } from "kysely";
import { notNull, withSerialId, type MigrationFactory } from "../schema-helpers.js";

const ws = (c: any) => c.notNull().references("workspaces.id").onDelete("cascade");

export const internalArticles: MigrationFactory = (kind) => ({
  async up(db) {
    const pg = kind === "postgres";
    let t = withSerialId(kind, db.schema.createTable("internal_articles"))
      .addColumn("workspace_id", "text", ws)
      .addColumn("title", "text", notNull)
      .addColumn("body", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("owner_id", "bigint", notNull)
      .addColumn("author_id", "bigint", notNull)
      .addColumn("locale", "text", notNull)
      .addColumn("search_text", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull);
    if (pg) t = t.addColumn("search_vector", sql`tsvector`, (c) => c.generatedAlwaysAs(sql`to_tsvector('simple', search_text)`).stored());
    await t.execute();
    await db.schema.createIndex("internal_articles_ws_updated").on("internal_articles").columns(["workspace_id", "updated_at", "id"]).execute();
    if (pg) {
      await sql`create index internal_articles_fts on internal_articles using gin (search_vector)`.execute(db);
    } else {
      await sql`create virtual table internal_articles_fts using fts5(search_text, content='internal_articles', content_rowid='id', tokenize='unicode61 remove_diacritics 0')`.execute(db);
      await sql`create trigger internal_articles_fts_ai after insert on internal_articles begin
        insert into internal_articles_fts(rowid, search_text) values (new.id, new.search_text); end`.execute(db);
      await sql`create trigger internal_articles_fts_ad after delete on internal_articles begin
        insert into internal_articles_fts(internal_articles_fts, rowid, search_text) values ('delete', old.id, old.search_text); end`.execute(db);
      await sql`create trigger internal_articles_fts_au after update of search_text on internal_articles begin
        insert into internal_articles_fts(internal_articles_fts, rowid, search_text) values ('delete', old.id, old.search_text);
        insert into internal_articles_fts(rowid, search_text) values (new.id, new.search_text); end`.execute(db);
    }
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});
