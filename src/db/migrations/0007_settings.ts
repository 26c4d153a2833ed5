// Store-wide settings of opencom itself; the first is which workspace is the bootstrap one, so that
// several processes starting together on one database bootstrap exactly one (a primary key decides).
import { sql } from "kysely";
import type { MigrationFactory } from "../schema-helpers.js";

export const settings: MigrationFactory = () => ({
  async up(db) {
    await db.schema
      .createTable("opencom_settings")
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("value", "text", (c) => c.notNull())
      .execute();
    // a store made before this migration: its oldest workspace was the bootstrap one
    await sql`insert into opencom_settings (key, value)
      select 'bootstrap_workspace', id from workspaces order by created_at, id limit 1`.execute(db);
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});
