// Contacts: the record of merges (a merged-away id answers 404, or 410 with a Link from 2.16, and the
// surviving contact carries its merge history), and the index GET /contacts pages on.
import { sql } from "kysely";
import { notNull, type MigrationFactory } from "../schema-helpers.js";

export const contactMerges: MigrationFactory = () => ({
  async up(db) {
    await db.schema
      .createTable("contact_merges")
      .addColumn("source_id", "text", (c) => c.primaryKey())
      .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
      .addColumn("target_id", "text", (c) => c.notNull().references("contacts.id").onDelete("cascade"))
      .addColumn("source_role", "text", notNull)
      .addColumn("merged_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("contact_merges_target").on("contact_merges").columns(["target_id", "merged_at"]).execute();
    // GET /contacts lists the contacts that are not archived, in (created_at, id) order; the partial
    // index serves both the page (keyset range scan) and its total_count.
    await db.schema
      .createIndex("contacts_ws_active_created")
      .on("contacts")
      .columns(["workspace_id", "created_at", "id"])
      .where(sql.ref("archived"), "=", 0)
      .execute();
    // notes are found by id within a workspace
    await db.schema.createIndex("notes_ws_id").on("notes").columns(["workspace_id", "id"]).execute();
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});
