// admin.away_mode_updated: the teammate as the API presents them, written in the away change's transaction.
import type { Ctx } from "../../platform/http.js";
import { emitWebhook } from "../../platform/webhooks.js";
import { presentAdmin } from "./present.js";
import type { AdminRow } from "./service.js";

export async function emitAwayModeUpdated(t: Ctx, admin: AdminRow): Promise<void> {
  await emitWebhook(t.db, t.wsId, { topic: "admin.away_mode_updated", schema: "admin", item: presentAdmin(admin) as unknown as Record<string, unknown> });
}
