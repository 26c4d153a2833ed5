// Teams: list and get, with their admins.
import type { Ctx } from "../../platform/http.js";
import { notFound } from "../../platform/errors.js";
import { parseNumericId } from "../../platform/ids.js";

// Team rows → Intercom JSON.
export interface TeamRow {
  id: number;
  name: string;
  assignment_limit: number | null;
  distribution_method: string | null;
  admin_ids: number[];
}

async function load(c: Ctx, id?: number): Promise<TeamRow[]> {
  const teams = await c.db
    .selectFrom("teams")
    .select(["id", "name", "assignment_limit", "distribution_method"])
    .where("workspace_id", "=", c.wsId)
    .$if(id !== undefined, (q) => q.where("id", "=", id!))
    .orderBy("id")
    .execute();
  if (teams.length === 0) return [];
  const links = await c.db
    .selectFrom("team_admins")
    .select(["team_id", "admin_id"])
    .where("workspace_id", "=", c.wsId)
    .where("team_id", "in", teams.map((t) => t.id))
    .orderBy("admin_id")
    .execute();
  return teams.map((t) => ({ ...t, admin_ids: links.filter((l) => l.team_id === t.id).map((l) => l.admin_id) }));
}

export const listTeams = (c: Ctx) => load(c);

export async function getTeam(c: Ctx, rawId: unknown): Promise<TeamRow> {
  const id = parseNumericId(rawId);
  const [team] = id === null ? [] : await load(c, id);
  if (!team) throw notFound("Team not found", "team_not_found");
  return team;
}
