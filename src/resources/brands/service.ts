// Brands: every workspace has its default brand (id = the workspace id, its help center); read-only,
// as Intercom makes brands in its UI only.
import type { Kysely, Selectable } from "kysely";
import type { DB } from "../../db/types.js";
import type { BrandsTable } from "../../db/tables/content.js";
import type { Ctx } from "../../platform/http.js";
import { notFound } from "../../platform/errors.js";

export type BrandRow = Selectable<BrandsTable>;

export async function seedBrands(db: Kysely<DB>, wsId: string): Promise<void> {
  const ws = await db.selectFrom("workspaces").select(["name", "created_at"]).where("id", "=", wsId).executeTakeFirstOrThrow();
  const hc = await db.selectFrom("help_centers").select("id").where("workspace_id", "=", wsId).orderBy("id").limit(1).executeTakeFirst();
  await db
    .insertInto("brands")
    .values({ id: wsId, workspace_id: wsId, name: ws.name, is_default: 1, help_center_id: hc?.id ?? null, created_at: ws.created_at, updated_at: ws.created_at })
    .execute();
}

export async function listBrands(c: Ctx): Promise<BrandRow[]> {
  return c.db.selectFrom("brands").selectAll().where("workspace_id", "=", c.wsId).orderBy("is_default", "desc").orderBy("id").limit(1000).execute();
}

export async function getBrand(c: Ctx, id: string): Promise<BrandRow> {
  const row = await c.db.selectFrom("brands").selectAll().where("workspace_id", "=", c.wsId).where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("Resource Not Found", "not_found");
  return row;
}

/** The first sender address of each brand (its default address settings). */
export async function defaultAddresses(c: Ctx, brandIds: string[]): Promise<Map<string, number>> {
  if (!brandIds.length) return new Map();
  const rows = await c.db.selectFrom("email_settings").select(["brand_id", "id"]).where("workspace_id", "=", c.wsId).where("brand_id", "in", brandIds).orderBy("id").execute();
  const out = new Map<string, number>();
  for (const r of rows) if (r.brand_id && !out.has(r.brand_id)) out.set(r.brand_id, r.id);
  return out;
}
