// Macros (2.16): saved replies, read-only in Intercom's API (made in its UI; in opencom through
// POST /_opencom/macros). Listed most recently updated first, cursor paged; a macro visible to
// specific teams is seen only by a token whose admin is in one of them.
import type { Selectable } from "kysely";
import type { MacrosTable } from "../../db/tables/inbox-extras.js";
import type { Ctx } from "../../platform/http.js";
import { badRequest, invalidParam, missingParam, notFound } from "../../platform/errors.js";
import { parseNumericId } from "../../platform/ids.js";
import { keysetPage, readPageRequest, type SortKey } from "../../platform/pagination.js";
import { MAX_MACRO_BODY, type MacroInput } from "./schemas.js";

export type MacroRow = Selectable<MacrosTable>;

const macroNotFound = () => notFound("Macro not found", "not_found");
const VISIBLE_TO = ["everyone", "specific_teams"];
const AVAILABLE_ON = ["inbox", "messenger"];

/** The teams of the token's admin (a token without an admin sees only macros for everyone). */
async function myTeams(c: Ctx): Promise<number[]> {
  const adminId = c.ws.token_admin_id;
  if (adminId === null || adminId === undefined) return [];
  const rows = await c.db.selectFrom("team_admins").select("team_id").where("workspace_id", "=", c.wsId).where("admin_id", "=", adminId).execute();
  return rows.map((r) => Number(r.team_id));
}

const visible = (m: MacroRow, teams: number[]) =>
  m.visible_to !== "specific_teams" || (JSON.parse(m.visible_to_team_ids) as number[]).some((t) => teams.includes(Number(t)));

export async function getMacro(c: Ctx, rawId: unknown): Promise<MacroRow> {
  const id = parseNumericId(rawId);
  const row = id === null ? undefined : await c.db.selectFrom("macros").selectAll().where("workspace_id", "=", c.wsId).where("id", "=", id).executeTakeFirst();
  if (!row || !visible(row, await myTeams(c))) throw macroNotFound();
  return row;
}

const keys: SortKey<MacroRow>[] = [
  { col: "macros.updated_at", kind: "integer", dir: "desc", get: (r) => Number(r.updated_at) },
  { col: "macros.id", kind: "integer", dir: "desc", get: (r) => Number(r.id) },
];

export async function listMacros(c: Ctx, q: { per_page?: unknown; starting_after?: unknown; updated_since?: unknown }) {
  const req = readPageRequest(q);
  let query = c.db.selectFrom("macros").selectAll().where("workspace_id", "=", c.wsId);
  if (q.updated_since !== undefined && q.updated_since !== "") {
    const since = Number(q.updated_since);
    if (!Number.isSafeInteger(since) || since < 0) throw badRequest("parameter_invalid", "Invalid updated_since timestamp", "updated_since");
    query = query.where("updated_at", ">", since);
  }
  const teams = await myTeams(c);
  // a token without teams sees only macros for everyone; with teams, specific_teams macros of other
  // teams are dropped from the page after it is read (a page may then hold fewer than per_page)
  if (teams.length === 0) query = query.where("visible_to", "=", "everyone");
  const page = await keysetPage(query, keys, req);
  return { rows: page.rows.filter((m) => visible(m, teams)), next: page.next, perPage: req.perPage };
}

export async function createMacro(c: Ctx, input: MacroInput): Promise<MacroRow> {
  if (typeof input.name !== "string" || input.name.trim() === "") throw missingParam("name", "name is required");
  if (input.name.length > 255) throw invalidParam("name", "name is longer than 255 characters");
  if (typeof input.body !== "string" || input.body === "") throw missingParam("body", "body is required");
  if (input.body.length > MAX_MACRO_BODY) throw invalidParam("body", `body is longer than ${MAX_MACRO_BODY} characters`);
  const visibleTo = input.visible_to ?? "everyone";
  if (typeof visibleTo !== "string" || !VISIBLE_TO.includes(visibleTo)) throw invalidParam("visible_to", "visible_to must be everyone or specific_teams");
  const teamIds = input.visible_to_team_ids ?? [];
  if (!Array.isArray(teamIds) || teamIds.length > 100 || !teamIds.every((t) => parseNumericId(t) !== null)) {
    throw invalidParam("visible_to_team_ids", "visible_to_team_ids must be at most 100 team ids");
  }
  const ids = teamIds.map((t) => parseNumericId(t)!);
  if (ids.length > 0) {
    const found = await c.db.selectFrom("teams").select("id").where("workspace_id", "=", c.wsId).where("id", "in", ids).execute();
    if (found.length !== new Set(ids).size) throw notFound("Team not found", "team_not_found");
  }
  if (visibleTo === "specific_teams" && ids.length === 0) throw invalidParam("visible_to_team_ids", "specific_teams needs visible_to_team_ids");
  const availableOn = input.available_on ?? ["inbox"];
  if (!Array.isArray(availableOn) || availableOn.length === 0 || !availableOn.every((a) => typeof a === "string" && AVAILABLE_ON.includes(a))) {
    throw invalidParam("available_on", "available_on must list inbox and/or messenger");
  }
  const now = c.now();
  const row = {
    workspace_id: c.wsId,
    name: input.name,
    body: input.body,
    visible_to: visibleTo,
    visible_to_team_ids: JSON.stringify(visibleTo === "specific_teams" ? [...new Set(ids)] : []),
    available_on: JSON.stringify([...new Set(availableOn)]),
    created_at: now,
    updated_at: now,
  };
  const { id } = await c.db.insertInto("macros").values(row).returning("id").executeTakeFirstOrThrow();
  return { ...row, id: Number(id) };
}

/** opencom's own delete (DELETE /_opencom/macros/{id}); 404 when gone. */
export async function deleteMacro(c: Ctx, rawId: unknown): Promise<void> {
  const id = parseNumericId(rawId);
  const res = id === null ? null : await c.db.deleteFrom("macros").where("workspace_id", "=", c.wsId).where("id", "=", id).executeTakeFirst();
  if (!res || Number(res.numDeletedRows) === 0) throw macroNotFound();
}
