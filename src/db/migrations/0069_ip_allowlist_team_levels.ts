// The workspace's IP allowlist (on the workspace row, read on every request) and a team member's
// priority level (primary | secondary, PUT /teams/{id}).
import type { MigrationFactory } from "../schema-helpers.js";

export const ipAllowlistTeamLevels: MigrationFactory = () => ({
  async up(db) {
    await db.schema.alterTable("workspaces").addColumn("ip_allowlist_enabled", "integer", (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable("workspaces").addColumn("ip_allowlist", "text").execute();
    await db.schema.alterTable("team_admins").addColumn("priority_level", "text", (c) => c.notNull().defaultTo("primary")).execute();
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});
