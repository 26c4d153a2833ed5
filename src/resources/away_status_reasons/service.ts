// Away status reasons: Intercom's teammates pick them in its UI; a new opencom workspace starts with
// a default set (seeded), listed deleted ones included as the operation describes.
import type { Kysely, Selectable } from "kysely";
import type { DB } from "../../db/types.js";
import type { AwayStatusReasonsTable } from "../../db/tables/settings.js";
import type { Ctx } from "../../platform/http.js";

export type AwayStatusReasonRow = Selectable<AwayStatusReasonsTable>;

export const DEFAULT_AWAY_REASONS: ReadonlyArray<[string, string]> = [
  ["On a break", "☕"],
  ["In a meeting", "📅"],
  ["Out for lunch", "🥪"],
  ["Done for the day", "🏠"],
  ["On holiday", "🌴"],
];

export async function seedAwayStatusReasons(db: Kysely<DB>, wsId: string): Promise<void> {
  const ws = await db.selectFrom("workspaces").select("created_at").where("id", "=", wsId).executeTakeFirstOrThrow();
  await db
    .insertInto("away_status_reasons")
    .values(DEFAULT_AWAY_REASONS.map(([label, emoji], i) => ({ workspace_id: wsId, label, emoji, order: i + 1, deleted: 0, created_at: ws.created_at, updated_at: ws.created_at })))
    .execute();
}

export async function listAwayStatusReasons(c: Ctx): Promise<AwayStatusReasonRow[]> {
  return c.db.selectFrom("away_status_reasons").selectAll().where("workspace_id", "=", c.wsId).orderBy("order").orderBy("id").limit(1000).execute();
}
