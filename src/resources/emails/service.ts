// Sender email settings: every workspace starts with one verified support address of its default brand;
// read-only, as Intercom configures them in its UI only.
import type { Kysely, Selectable } from "kysely";
import type { DB } from "../../db/types.js";
import type { EmailSettingsTable } from "../../db/tables/content.js";
import type { Ctx } from "../../platform/http.js";
import { notFound } from "../../platform/errors.js";
import { parseNumericId } from "../../platform/ids.js";

export type EmailSettingRow = Selectable<EmailSettingsTable>;

export async function seedEmailSettings(db: Kysely<DB>, wsId: string): Promise<void> {
  const ws = await db.selectFrom("workspaces").select("created_at").where("id", "=", wsId).executeTakeFirstOrThrow();
  const brand = await db.selectFrom("brands").select("id").where("workspace_id", "=", wsId).where("is_default", "=", 1).executeTakeFirst();
  await db
    .insertInto("email_settings")
    .values({ workspace_id: wsId, email: `support@${wsId}.opencom.test`, verified: 1, brand_id: brand?.id ?? null, forwarding_enabled: 0, forwarded_email_last_received_at: null, created_at: ws.created_at, updated_at: ws.created_at })
    .execute();
}

export async function listEmailSettings(c: Ctx): Promise<EmailSettingRow[]> {
  return c.db.selectFrom("email_settings").selectAll().where("workspace_id", "=", c.wsId).orderBy("id").limit(1000).execute();
}

export async function getEmailSetting(c: Ctx, rawId: unknown): Promise<EmailSettingRow> {
  const id = parseNumericId(rawId);
  const row = id === null ? undefined : await c.db.selectFrom("email_settings").selectAll().where("workspace_id", "=", c.wsId).where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("Resource Not Found", "not_found");
  return row;
}
