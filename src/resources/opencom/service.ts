// opencom's developer API: workspace reset.
import type { Kysely } from "kysely";
import type { DB } from "../../db/types.js";
import type { Ctx } from "../../platform/http.js";
import { recountFaults } from "../../platform/faults.js";

/** What a reset keeps: the workspace itself, its tokens, admins and teams. */
export const KEPT_TABLES = ["workspaces", "access_tokens", "admins", "teams", "team_admins", "webhook_subscriptions", "request_journal"] as const;

/**
 * What reset needs from the resource registry (src/resources/index.ts hands it to these routes, so
 * that this folder does not import the registry that imports it): the tables resources own, in an
 * order that empties children before parents, and the seeding of a new workspace.
 */
export interface WorkspaceRegistry {
  ownedTables(): ReadonlyArray<keyof DB>;
  seedWorkspace(db: Kysely<DB>, wsId: string, adminId: number): Promise<void>;
}

/** Empties the workspace's data and seeds it again, as a new workspace starts; all or nothing. */
export async function resetWorkspace(c: Ctx, registry: WorkspaceRegistry): Promise<{ deleted: Record<string, number> }> {
  return c.db.transaction().execute(async (tx) => {
    const deleted: Record<string, number> = {};
    for (const table of registry.ownedTables()) {
      const res = await (tx as Kysely<any>).deleteFrom(table).where("workspace_id", "=", c.wsId).executeTakeFirst();
      deleted[table] = Number(res.numDeletedRows);
    }
    await tx
      .updateTable("admins")
      .set({ away_mode_enabled: 0, away_mode_reassign: 0, away_status_reason_id: null })
      .where("workspace_id", "=", c.wsId)
      .execute();
    const owner = await tx.selectFrom("admins").select("id").where("workspace_id", "=", c.wsId).orderBy("id").limit(1).executeTakeFirstOrThrow();
    await registry.seedWorkspace(tx, c.wsId, owner.id);
    await recountFaults(tx, c.wsId);
    return { deleted };
  });
}
