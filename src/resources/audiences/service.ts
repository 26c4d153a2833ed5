// Audiences (2.16): a name and predicates (kept as given: opencom stores them, it does not evaluate
// them). Page-numbered lists, oldest first, at most 50 a page.
import type { Selectable } from "kysely";
import type { AudiencesTable } from "../../db/tables/settings.js";
import type { Ctx } from "../../platform/http.js";
import { ApiError, invalidParam, notFound } from "../../platform/errors.js";
import { parseNumericId } from "../../platform/ids.js";
import { readPageNumber } from "../../platform/pagination.js";
import type { AudienceInput } from "./schemas.js";

export type AudienceRow = Selectable<AudiencesTable>;


const validation = (field: string, message: string) => new ApiError(422, "validation_error", message, field);
const audienceNotFound = () => notFound("Resource Not Found", "not_found");

function checkName(name: string | undefined, required: boolean): void {
  if (name === undefined) {
    if (required) throw validation("name", "Name is required");
    return;
  }
  if (name.trim() === "") throw validation("name", "Name must not be blank");
}

export async function createAudience(c: Ctx, input: AudienceInput): Promise<AudienceRow> {
  checkName(input.name, true);
  const now = c.now();
  const row = {
    workspace_id: c.wsId,
    name: input.name!,
    predicates: JSON.stringify(input.predicates ?? []),
    role_predicates: JSON.stringify(input.role_predicates ?? []),
    created_at: now,
    updated_at: now,
  };
  const { id } = await c.db.insertInto("audiences").values(row).returning("id").executeTakeFirstOrThrow();
  return { ...row, id: Number(id) };
}

export async function getAudience(c: Ctx, rawId: unknown): Promise<AudienceRow> {
  const id = parseNumericId(rawId);
  if (id === null) throw audienceNotFound();
  const row = await c.db.selectFrom("audiences").selectAll().where("workspace_id", "=", c.wsId).where("id", "=", id).executeTakeFirst();
  if (!row) throw audienceNotFound();
  return row;
}

/** Only the fields given change; one UPDATE, so concurrent updates of different fields both land. */
export async function updateAudience(c: Ctx, rawId: unknown, input: AudienceInput): Promise<AudienceRow> {
  checkName(input.name, false);
  const id = parseNumericId(rawId);
  if (id === null) throw audienceNotFound();
  const set: Partial<AudienceRow> = { updated_at: c.now() };
  if (input.name !== undefined) set.name = input.name;
  if (input.predicates !== undefined) set.predicates = JSON.stringify(input.predicates);
  if (input.role_predicates !== undefined) set.role_predicates = JSON.stringify(input.role_predicates);
  const row = await c.db.updateTable("audiences").set(set).where("workspace_id", "=", c.wsId).where("id", "=", id).returningAll().executeTakeFirst();
  if (!row) throw audienceNotFound();
  return row;
}

export async function deleteAudience(c: Ctx, rawId: unknown): Promise<void> {
  const id = parseNumericId(rawId);
  if (id === null) throw audienceNotFound();
  const res = await c.db.deleteFrom("audiences").where("workspace_id", "=", c.wsId).where("id", "=", id).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw audienceNotFound();
}

export async function listAudiences(c: Ctx, q: { page?: unknown; per_page?: unknown }) {
  const page = q.page === undefined ? 1 : readPageNumber(q.page);
  const perPage = q.per_page === undefined ? 50 : Number(q.per_page);
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 50) throw invalidParam("per_page", "per_page must be an integer between 1 and 50");
  const base = c.db.selectFrom("audiences").where("workspace_id", "=", c.wsId);
  const [rows, total] = await Promise.all([
    base.selectAll().orderBy("id").limit(perPage).offset((page - 1) * perPage).execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n), page, perPage };
}
