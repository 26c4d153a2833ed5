// Companies: create-or-update by company_id, lookups, lists, scroll, contacts attached.
import type { Ctx } from "../../platform/http.js";
import { notFound } from "../../platform/errors.js";
import type { CompanyRow } from "./present.js";

export const companyNotFound = () => notFound("Company Not Found", "company_not_found");

/** The company with this Intercom id in the request's workspace, or null. */
export async function findCompanyRow(c: Ctx, id: string): Promise<CompanyRow | null> {
  const row = await c.db.selectFrom("companies").selectAll().where("workspace_id", "=", c.wsId).where("id", "=", id).executeTakeFirst();
  return row ?? null;
}

/** The company with this Intercom id, or 404 company_not_found. */
export async function getCompanyRow(c: Ctx, id: string): Promise<CompanyRow> {
  const row = await findCompanyRow(c, id);
  if (!row) throw companyNotFound();
  return row;
}
