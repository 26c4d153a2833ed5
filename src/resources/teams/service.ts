// Teams: list and get, with their admins; PUT /teams/{id} (Unstable) replaces the members.
import type { Ctx } from "../../platform/http.js";
import { conflict, invalidParam, missingParam, notFound } from "../../platform/errors.js";
import { parseNumericId } from "../../platform/ids.js";
import { inTransaction } from "../../platform/writes.js";

// Team rows → Intercom JSON.
export interface TeamRow {
  id: number;
  name: string;
  assignment_limit: number | null;
  distribution_method: string | null;
  admin_ids: number[];
  primary_admin_ids: number[];
  secondary_admin_ids: number[];
}

/** The one distribution method whose teams have priority levels (and report them). */
export const LOAD_BALANCED = "load_balanced";

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
    .select(["team_id", "admin_id", "priority_level"])
    .where("workspace_id", "=", c.wsId)
    .where("team_id", "in", teams.map((t) => t.id))
    .orderBy("admin_id")
    .execute();
  return teams.map((t) => {
    const mine = links.filter((l) => Number(l.team_id) === Number(t.id));
    return {
      ...t,
      id: Number(t.id),
      admin_ids: mine.map((l) => Number(l.admin_id)),
      primary_admin_ids: mine.filter((l) => l.priority_level !== "secondary").map((l) => Number(l.admin_id)),
      secondary_admin_ids: mine.filter((l) => l.priority_level === "secondary").map((l) => Number(l.admin_id)),
    };
  });
}

export const listTeams = (c: Ctx) => load(c);

const teamNotFound = () => notFound("Team not found", "team_not_found");

export async function getTeam(c: Ctx, rawId: unknown): Promise<TeamRow> {
  const id = parseNumericId(rawId);
  const [team] = id === null ? [] : await load(c, id);
  if (!team) throw teamNotFound();
  return team;
}

// ---- PUT /teams/{id} --------------------------------------------------------------------------

/** The fields of a team's representation that may be sent back unchanged. */
const READ_ONLY = ["type", "id", "name", "assignment_limit", "distribution_method"] as const;
const WRITABLE = ["admin_ids", "admin_priority_level"];
const MAX_MEMBERS = 1000;

function numericIds(raw: unknown, field: string): number[] {
  if (!Array.isArray(raw)) throw invalidParam(field, `${field} must be an array of numeric admin ids`);
  return raw.map((v) => {
    const n = typeof v === "number" ? v : typeof v === "string" && /^\d{1,15}$/.test(v) ? Number(v) : NaN;
    if (!Number.isSafeInteger(n) || n < 1) throw invalidParam(field, `${field} must contain only numeric admin ids`);
    return n;
  });
}

function sameValue(sent: unknown, stored: unknown): boolean {
  if (sent === stored) return true;
  if (sent === null || stored === null || sent === undefined || stored === undefined) return false;
  return String(sent) === String(stored);
}

/**
 * Replaces the team's members with `admin_ids` and sets the priority levels named (the description of
 * updateTeamMembers): a member left out is removed; one joining without a level named is primary; one
 * staying keeps their level unless named; a level named for someone removed is ignored; an unchanged
 * request writes nothing. The team row is taken first: on PostgreSQL without waiting (`NOWAIT`), so a
 * request racing another change of the same team is declined with nothing written (409), never queued
 * behind it; SQLite runs one transaction at a time.
 */
export async function updateTeamMembers(c: Ctx, rawId: unknown, body: Record<string, unknown>, query: Record<string, unknown>): Promise<TeamRow> {
  const queryKeys = Object.keys(query);
  if (queryKeys.length > 0) throw invalidParam(queryKeys[0], `${queryKeys[0]} was sent in the query string: a team's members are read from the request body only`);
  const id = parseNumericId(rawId);
  if (id === null) throw teamNotFound();
  for (const key of Object.keys(body)) {
    if (!WRITABLE.includes(key) && !(READ_ONLY as readonly string[]).includes(key)) throw invalidParam(key, `${key} is not a field of a team`);
  }
  if (body.admin_ids === undefined || body.admin_ids === null) throw missingParam("admin_ids", "admin_ids is required");
  const adminIds = [...new Set(numericIds(body.admin_ids, "admin_ids"))];
  if (adminIds.length === 0) throw invalidParam("admin_ids", "admin_ids must contain at least one admin id");
  if (adminIds.length > MAX_MEMBERS) throw invalidParam("admin_ids", `admin_ids may contain at most ${MAX_MEMBERS} admin ids`);
  const levels = body.admin_priority_level;
  if (levels !== undefined && levels !== null && (typeof levels !== "object" || Array.isArray(levels))) {
    throw invalidParam("admin_priority_level", "admin_priority_level must be an object with primary_admin_ids and secondary_admin_ids");
  }
  const lv = (levels ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(lv)) {
    if (key !== "primary_admin_ids" && key !== "secondary_admin_ids") throw invalidParam(`admin_priority_level.${key}`, `admin_priority_level.${key} is not a priority level`);
  }
  const primary = lv.primary_admin_ids == null ? [] : numericIds(lv.primary_admin_ids, "admin_priority_level.primary_admin_ids");
  const secondary = lv.secondary_admin_ids == null ? [] : numericIds(lv.secondary_admin_ids, "admin_priority_level.secondary_admin_ids");
  if (primary.length > MAX_MEMBERS || secondary.length > MAX_MEMBERS) throw invalidParam("admin_priority_level", `admin_priority_level names at most ${MAX_MEMBERS} admin ids a level`);

  return inTransaction(c, async (t) => {
    let team;
    try {
      let q = t.db.selectFrom("teams").selectAll().where("workspace_id", "=", t.wsId).where("id", "=", id);
      if (t.kind === "postgres") q = q.forUpdate().noWait();
      team = await q.executeTakeFirst();
    } catch (err) {
      if ((err as { code?: string }).code === "55P03") throw conflict("The members of this team are being changed by another request. Try again.");
      throw err;
    }
    if (!team) throw teamNotFound();
    for (const key of READ_ONLY) {
      if (!(key in body)) continue;
      const stored = key === "type" ? "team" : team[key];
      if (!sameValue(body[key], stored)) throw invalidParam(key, `Only admin_ids and admin_priority_level can be updated on a team, but the request changed ${key}`);
    }
    const current = await t.db.selectFrom("team_admins").select(["admin_id", "priority_level"]).where("workspace_id", "=", t.wsId).where("team_id", "=", id).execute();
    const held = new Map(current.map((m) => [Number(m.admin_id), m.priority_level]));
    const wanted = new Set(adminIds);
    const named = new Map<number, string>();
    for (const [ids, level] of [
      [primary, "primary"],
      [secondary, "secondary"],
    ] as const) {
      for (const a of ids) {
        if (!held.has(a) && !wanted.has(a)) throw invalidParam("admin_priority_level", `admin_priority_level names ${a}, which is on neither the team nor admin_ids`);
        // (a team holds each member at one level, so the same id at both levels is never a read's shape)
        if (named.has(a) && named.get(a) !== level) throw invalidParam("admin_priority_level", `admin_priority_level gives ${a} more than one priority level`);
        named.set(a, level);
      }
    }
    if (secondary.length > 0 && team.distribution_method !== LOAD_BALANCED) {
      throw invalidParam("admin_priority_level.secondary_admin_ids", `Only a team whose distribution_method is ${LOAD_BALANCED} can have secondary members`);
    }
    const known = await t.db.selectFrom("admins").select("id").where("workspace_id", "=", t.wsId).where("id", "in", adminIds).execute();
    if (known.length !== adminIds.length) {
      const have = new Set(known.map((k) => Number(k.id)));
      const missing = adminIds.find((a) => !have.has(a));
      throw invalidParam("admin_ids", `admin_ids names ${missing}, which is not a teammate of this workspace`);
    }
    const removed = [...held.keys()].filter((a) => !wanted.has(a));
    if (removed.length > 0) {
      await t.db.deleteFrom("team_admins").where("workspace_id", "=", t.wsId).where("team_id", "=", id).where("admin_id", "in", removed).execute();
    }
    const added = adminIds.filter((a) => !held.has(a));
    if (added.length > 0) {
      await t.db
        .insertInto("team_admins")
        .values(added.map((a) => ({ workspace_id: t.wsId, team_id: id, admin_id: a, priority_level: named.get(a) ?? "primary" })))
        .execute();
    }
    for (const level of ["primary", "secondary"]) {
      const changed = adminIds.filter((a) => held.has(a) && named.has(a) && named.get(a) === level && held.get(a) !== level);
      if (changed.length > 0) {
        await t.db.updateTable("team_admins").set({ priority_level: level }).where("workspace_id", "=", t.wsId).where("team_id", "=", id).where("admin_id", "in", changed).execute();
      }
    }
    const [updated] = await load(t, id);
    return updated;
  });
}
