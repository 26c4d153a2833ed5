// opencom's developer API: workspace reset.
import type { Kysely } from "kysely";
import type { DB } from "../../db/types.js";
import type { Ctx } from "../../platform/http.js";
import { seedWorkspace } from "../index.js";

/** What a reset keeps: the workspace itself, its tokens, admins and teams. */
export const KEPT_TABLES = ["workspaces", "access_tokens", "admins", "teams", "team_admins"] as const;

/**
 * What a reset empties, children before parents (foreign keys). A test checks that every table
 * with a workspace_id is in one of the two lists, so a new table cannot be forgotten.
 */
export const RESET_TABLES = [
  // the inbox (also declared as the conversations resource's `tables`)
  "conversation_parts",
  "conversation_contacts",
  "conversation_tags",
  "conversation_deletions",
  "conversations",
  "contact_merges",
  "contact_subscriptions",
  "contact_tags",
  "company_tags",
  "contact_companies",
  "notes",
  "visitors",
  "company_scrolls",
  "company_plans",
  "contacts",
  "companies",
  "tags",
  "segments",
  "subscription_types",
  "data_attributes",
  "activity_logs",
] as const satisfies ReadonlyArray<keyof DB>;

/** Empties the workspace's data and seeds it again, as a new workspace starts; all or nothing. */
export async function resetWorkspace(c: Ctx): Promise<{ deleted: Record<string, number> }> {
  return c.db.transaction().execute(async (tx) => {
    const deleted: Record<string, number> = {};
    for (const table of RESET_TABLES) {
      const res = await (tx as Kysely<any>).deleteFrom(table).where("workspace_id", "=", c.wsId).executeTakeFirst();
      deleted[table] = Number(res.numDeletedRows);
    }
    await tx
      .updateTable("admins")
      .set({ away_mode_enabled: 0, away_mode_reassign: 0, away_status_reason_id: null })
      .where("workspace_id", "=", c.wsId)
      .execute();
    const owner = await tx.selectFrom("admins").select("id").where("workspace_id", "=", c.wsId).orderBy("id").limit(1).executeTakeFirstOrThrow();
    await seedWorkspace(tx, c.wsId, owner.id);
    return { deleted };
  });
}
