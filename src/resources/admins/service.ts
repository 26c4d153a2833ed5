// Admins: lookups, away mode, activity logs.
import type { Insertable } from "kysely";
import type { AdminsTable } from "../../db/types.js";
import type { Ctx } from "../../platform/http.js";
import { invalidParam, notFound } from "../../platform/errors.js";
import { nowSeconds, parseNumericId } from "../../platform/ids.js";
import { keysetPage, type PageRequest } from "../../platform/pagination.js";
import type { Selectable } from "kysely";
import { emitAwayModeUpdated } from "./webhooks.js";

export type AdminRow = Selectable<AdminsTable> & { team_ids: number[] };

export interface ActivityLogRow {
  id: number;
  admin_id: number;
  admin_email: string;
  activity_type: string;
  activity_description: string | null;
  metadata: string | null;
  ip: string | null;
  created_at: number;
}

async function withTeams(c: Ctx, rows: Omit<AdminRow, "team_ids">[]): Promise<AdminRow[]> {
  if (rows.length === 0) return [];
  const links = await c.db
    .selectFrom("team_admins")
    .select(["admin_id", "team_id"])
    .where("workspace_id", "=", c.wsId)
    .where("admin_id", "in", rows.map((r) => r.id))
    .orderBy("team_id")
    .execute();
  return rows.map((r) => ({ ...r, team_ids: links.filter((l) => l.admin_id === r.id).map((l) => l.team_id) }));
}

/** A complete admins row: the given fields over the defaults of a new teammate with an inbox seat. */
export function newAdminRow(workspaceId: string, fields: Pick<Insertable<AdminsTable>, "name" | "email" | "created_at"> & Partial<Insertable<AdminsTable>>) {
  return {
    workspace_id: workspaceId,
    job_title: null,
    away_mode_enabled: 0,
    away_mode_reassign: 0,
    away_status_reason_id: null,
    has_inbox_seat: 1,
    email_verified: 1,
    avatar_url: null,
    ...fields,
  };
}

export async function listAdmins(c: Ctx): Promise<AdminRow[]> {
  const rows = await c.db.selectFrom("admins").selectAll().where("workspace_id", "=", c.wsId).orderBy("id").execute();
  return withTeams(c, rows);
}

export async function findAdmin(c: Ctx, rawId: unknown): Promise<AdminRow | null> {
  const id = parseNumericId(rawId);
  if (id === null) return null;
  const row = await c.db.selectFrom("admins").selectAll().where("workspace_id", "=", c.wsId).where("id", "=", id).executeTakeFirst();
  return row ? (await withTeams(c, [row]))[0] : null;
}

export async function getAdmin(c: Ctx, rawId: unknown): Promise<AdminRow> {
  const admin = await findAdmin(c, rawId);
  if (!admin) throw notFound("Admin not found", "admin_not_found");
  return admin;
}

/** The admin a token acts as: the one it names, else the workspace's first admin. */
export async function currentAdmin(c: Ctx): Promise<AdminRow> {
  const named = c.ws.token_admin_id !== null ? await findAdmin(c, c.ws.token_admin_id) : null;
  if (named) return named;
  const first = await c.db.selectFrom("admins").selectAll().where("workspace_id", "=", c.wsId).orderBy("id").limit(1).executeTakeFirst();
  if (!first) throw notFound("Admin not found", "admin_not_found");
  return (await withTeams(c, [first]))[0];
}

export async function setAway(
  c: Ctx,
  rawId: unknown,
  input: { away_mode_enabled: boolean; away_mode_reassign: boolean; away_status_reason_id?: number },
): Promise<AdminRow> {
  const admin = await getAdmin(c, rawId);
  const reason = input.away_mode_enabled ? (input.away_status_reason_id ?? null) : null;
  if (reason !== null) {
    // one of the workspace's away status reasons (GET /away_status_reasons), not a deleted one
    const r = await c.db.selectFrom("away_status_reasons").select("deleted").where("workspace_id", "=", c.wsId).where("id", "=", reason).executeTakeFirst();
    if (!r) throw invalidParam("away_status_reason_id", "Away status reason not found");
    if (r.deleted === 1) throw invalidParam("away_status_reason_id", "Away status reason is deleted");
  }
  await c.db.transaction().execute(async (tx) => {
    const away = { away_mode_enabled: input.away_mode_enabled ? 1 : 0, away_mode_reassign: input.away_mode_reassign ? 1 : 0, away_status_reason_id: reason };
    await tx
      .updateTable("admins")
      .set(away)
      .where("workspace_id", "=", c.wsId)
      .where("id", "=", admin.id)
      .execute();
    const actor = c.ws.token_admin_id ?? admin.id;
    await tx
      .insertInto("activity_logs")
      .values({
        workspace_id: c.wsId,
        admin_id: actor,
        activity_type: "admin_away_mode_change",
        activity_description: `${admin.name} changed their away mode`,
        metadata: JSON.stringify({ away_mode: input.away_mode_enabled, reassign_conversations: input.away_mode_reassign, update_by: actor }),
        ip: null,
        created_at: c.now(),
      })
      .execute();
    const changed = admin.away_mode_enabled !== away.away_mode_enabled || admin.away_mode_reassign !== away.away_mode_reassign || admin.away_status_reason_id !== away.away_status_reason_id;
    if (changed) await emitAwayModeUpdated({ ...c, db: tx }, { ...admin, ...away });
  });
  return getAdmin(c, admin.id);
}

// Leniency (Intercom is more lenient than its description, which asks for a unix timestamp): an ISO 8601
// date or date-time is accepted too and read as that instant (a date alone is midnight UTC). Evidence: the
// official intercom-node integration suite (tests/integration/admins.test.ts) sends
// `created_at_after=2021-12-12T00:00:00.000Z` (`new Date(...).toISOString()`).
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function unixParam(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === "") return undefined;
  if (/^\d{1,12}$/.test(value)) return Number(value);
  const ms = ISO_8601.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms) || ms < 0) throw invalidParam(name, `${name} must be a unix timestamp in seconds (or an ISO 8601 date-time)`);
  return Math.floor(ms / 1000);
}

/** What an activity log entry is presented from (activity_logs joined to its admin). */
export const ACTIVITY_LOG_COLUMNS = [
  "activity_logs.id",
  "activity_logs.admin_id",
  "admins.email as admin_email",
  "activity_logs.activity_type",
  "activity_logs.activity_description",
  "activity_logs.metadata",
  "activity_logs.ip",
  "activity_logs.created_at",
] as const;

export async function listActivityLogs(c: Ctx, q: { created_at_after: string; created_at_before?: string }, page: PageRequest) {
  const after = unixParam("created_at_after", q.created_at_after)!;
  const before = unixParam("created_at_before", q.created_at_before);
  let query = c.db
    .selectFrom("activity_logs")
    .innerJoin("admins", "admins.id", "activity_logs.admin_id")
    .select(ACTIVITY_LOG_COLUMNS)
    .where("activity_logs.workspace_id", "=", c.wsId)
    .where("activity_logs.created_at", ">=", after);
  if (before !== undefined) query = query.where("activity_logs.created_at", "<=", before);
  const total = await c.db
    .selectFrom("activity_logs")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("workspace_id", "=", c.wsId)
    .where("created_at", ">=", after)
    .$if(before !== undefined, (qb) => qb.where("created_at", "<=", before!))
    .executeTakeFirstOrThrow();
  const result = await keysetPage(
    query,
    [
      { col: "activity_logs.created_at", kind: "integer", dir: "desc", get: (r) => r.created_at },
      { col: "activity_logs.id", kind: "integer", dir: "desc", get: (r) => r.id },
    ],
    page,
  );
  return { ...result, total: Number(total.n) };
}
