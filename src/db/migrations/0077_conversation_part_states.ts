// PUT /conversations/{id}/conversation_parts/{part_id} (Unstable): the send state of an external reply and
// an admin's "seen", one row per part.
import { notNull, type MigrationFactory } from "../schema-helpers.js";

export const conversationPartStates: MigrationFactory = () => ({
  async up(db) {
    await db.schema
      .createTable("conversation_part_states")
      .addColumn("part_id", "bigint", (c) => c.primaryKey().references("conversation_parts.id").onDelete("cascade"))
      .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
      .addColumn("send_state", "text")
      .addColumn("info_message", "text")
      .addColumn("seen_by_admin_id", "bigint")
      .addColumn("seen_at", "bigint")
      .addColumn("updated_at", "bigint", notNull)
      .execute();
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});
