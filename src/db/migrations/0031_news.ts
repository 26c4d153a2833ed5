// News: news items, the workspace's newsfeeds (seeded) and which feeds an item is published to.
import { notNull, withSerialId, zero, type MigrationFactory } from "../schema-helpers.js";

const ws = (c: any) => c.notNull().references("workspaces.id").onDelete("cascade");

export const news: MigrationFactory = (kind) => ({
  async up(db) {
    await withSerialId(kind, db.schema.createTable("newsfeeds"))
      .addColumn("workspace_id", "text", ws)
      .addColumn("name", "text", notNull)
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("newsfeeds_ws").on("newsfeeds").columns(["workspace_id", "id"]).execute();

    await withSerialId(kind, db.schema.createTable("news_items"))
      .addColumn("workspace_id", "text", ws)
      .addColumn("title", "text", notNull)
      .addColumn("body", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("sender_id", "bigint", notNull)
      .addColumn("state", "text", notNull)
      .addColumn("labels", "text", (c) => c.notNull().defaultTo("[]"))
      .addColumn("reactions", "text", (c) => c.notNull().defaultTo("[]"))
      .addColumn("cover_image_url", "text")
      .addColumn("deliver_silently", "integer", zero)
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("news_items_ws").on("news_items").columns(["workspace_id", "id"]).execute();

    // one assignment per item and feed (the primary key)
    await db.schema
      .createTable("news_item_newsfeeds")
      .addColumn("workspace_id", "text", ws)
      .addColumn("news_item_id", "bigint", (c) => c.notNull().references("news_items.id").onDelete("cascade"))
      .addColumn("newsfeed_id", "bigint", (c) => c.notNull().references("newsfeeds.id").onDelete("cascade"))
      .addColumn("published_at", "bigint", notNull)
      .addPrimaryKeyConstraint("news_item_newsfeeds_pk", ["news_item_id", "newsfeed_id"])
      .execute();
    await db.schema.createIndex("news_item_newsfeeds_feed").on("news_item_newsfeeds").columns(["newsfeed_id", "news_item_id"]).execute();
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});
