// Content: the help center (one per workspace), its collections (nested; the 2.7–2.9 sections are the
// collections one level down), articles with their content per locale, and the full-text index over that
// content in the store's own engine: SQLite FTS5 (external content, kept by triggers) and PostgreSQL text
// search (a stored tsvector with a GIN index). Both index `search_text`, the words of the content as
// opencom normalises them (src/search/fulltext.ts), so both engines see the same tokens.
import { sql } from "kysely";
import { notNull, withSerialId, zero, type MigrationFactory } from "../schema-helpers.js";

const ws = (c: any) => c.notNull().references("workspaces.id").onDelete("cascade");

export const content: MigrationFactory = (kind) => ({
  async up(db) {
    const pg = kind === "postgres";
    await withSerialId(kind, db.schema.createTable("help_centers"))
      .addColumn("workspace_id", "text", ws)
      .addColumn("identifier", "text", notNull)
      .addColumn("display_name", "text", notNull)
      .addColumn("website_turned_on", "integer", zero)
      .addColumn("custom_domain", "text")
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull)
      .execute();
    // one help center per workspace
    await db.schema.createIndex("help_centers_ws").on("help_centers").column("workspace_id").unique().execute();

    await withSerialId(kind, db.schema.createTable("help_center_collections"))
      .addColumn("workspace_id", "text", ws)
      .addColumn("help_center_id", "bigint", (c) => c.notNull().references("help_centers.id").onDelete("cascade"))
      // deleting a collection deletes the collections (and sections) inside it
      .addColumn("parent_id", "bigint", (c) => c.references("help_center_collections.id").onDelete("cascade"))
      .addColumn("depth", "integer", zero)
      .addColumn("name", "text", notNull)
      .addColumn("description", "text")
      .addColumn("translated_content", "text", (c) => c.notNull().defaultTo("{}"))
      .addColumn("icon", "text")
      .addColumn("order_index", "integer", zero)
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("help_center_collections_ws").on("help_center_collections").columns(["workspace_id", "depth", "id"]).execute();
    await db.schema.createIndex("help_center_collections_parent").on("help_center_collections").column("parent_id").execute();

    await withSerialId(kind, db.schema.createTable("articles"))
      .addColumn("workspace_id", "text", ws)
      // an article whose collection is deleted stands alone
      .addColumn("parent_id", "bigint", (c) => c.references("help_center_collections.id").onDelete("set null"))
      .addColumn("default_locale", "text", notNull)
      .addColumn("state", "text", notNull)
      .addColumn("author_id", "bigint", notNull)
      .addColumn("views", "integer", zero)
      .addColumn("conversions", "integer", zero)
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("articles_ws_updated").on("articles").columns(["workspace_id", "updated_at", "id"]).execute();
    await db.schema.createIndex("articles_parent").on("articles").column("parent_id").execute();

    let contents = withSerialId(kind, db.schema.createTable("article_contents"))
      .addColumn("workspace_id", "text", ws)
      .addColumn("article_id", "bigint", (c) => c.notNull().references("articles.id").onDelete("cascade"))
      .addColumn("locale", "text", notNull)
      .addColumn("title", "text", notNull)
      .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("body", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("author_id", "bigint", notNull)
      .addColumn("state", "text", notNull)
      .addColumn("search_text", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull);
    if (pg) contents = contents.addColumn("search_vector", sql`tsvector`, (c) => c.generatedAlwaysAs(sql`to_tsvector('simple', search_text)`).stored());
    await contents.execute();
    // exactly one content per locale of an article
    await db.schema.createIndex("article_contents_locale").on("article_contents").columns(["article_id", "locale"]).unique().execute();
    await db.schema.createIndex("article_contents_ws").on("article_contents").columns(["workspace_id", "article_id"]).execute();

    if (pg) {
      await sql`create index article_contents_fts on article_contents using gin (search_vector)`.execute(db);
    } else {
      await sql`create virtual table article_contents_fts using fts5(search_text, content='article_contents', content_rowid='id', tokenize='unicode61 remove_diacritics 0')`.execute(db);
      await sql`create trigger article_contents_fts_ai after insert on article_contents begin
        insert into article_contents_fts(rowid, search_text) values (new.id, new.search_text); end`.execute(db);
      await sql`create trigger article_contents_fts_ad after delete on article_contents begin
        insert into article_contents_fts(article_contents_fts, rowid, search_text) values ('delete', old.id, old.search_text); end`.execute(db);
      await sql`create trigger article_contents_fts_au after update of search_text on article_contents begin
        insert into article_contents_fts(article_contents_fts, rowid, search_text) values ('delete', old.id, old.search_text);
        insert into article_contents_fts(rowid, search_text) values (new.id, new.search_text); end`.execute(db);
    }
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});
