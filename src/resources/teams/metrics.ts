// GET /teams/{team_id}/metrics (2.16): per admin of the team, the conversations assigned to them that are
// open, idle (open and waiting for an admin reply longer than `idle_threshold` seconds, clamped to
// 1–86400, default 1800) and snoozed, on the workspace clock. A snooze whose time has come counts as open
// (conversations wake lazily on read). Intercom's `realtime_monitoring` feature is always on in opencom.
import { sql } from "kysely";
import { Type } from "typebox";
import type { App, Ctx } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { getTeam } from "./service.js";

interface Metric {
  admin_id: number;
  open: number;
  idle: number;
  snoozed: number;
}

async function teamMetrics(c: Ctx, teamId: string, rawThreshold: number | undefined): Promise<Metric[]> {
  const team = await getTeam(c, teamId);
  if (team.admin_ids.length === 0) return [];
  const threshold = Math.min(86400, Math.max(1, rawThreshold ?? 1800));
  const now = c.now();
  const awake = sql<boolean>`(state = 'open' or (state = 'snoozed' and snoozed_until is not null and snoozed_until <= ${now}))`;
  const rows = await c.db
    .selectFrom("conversations")
    .select([
      "admin_assignee_id",
      sql<number>`sum(case when ${awake} then 1 else 0 end)`.as("open"),
      sql<number>`sum(case when ${awake} and waiting_since is not null and waiting_since <= ${now - threshold} then 1 else 0 end)`.as("idle"),
      sql<number>`sum(case when state = 'snoozed' and not ${awake} then 1 else 0 end)`.as("snoozed"),
    ])
    .where("workspace_id", "=", c.wsId)
    .where("admin_assignee_id", "in", team.admin_ids)
    .where("state", "in", ["open", "snoozed"])
    .groupBy("admin_assignee_id")
    .execute();
  const byAdmin = new Map(rows.map((r) => [Number(r.admin_assignee_id), r]));
  return team.admin_ids.map((id) => {
    const r = byAdmin.get(id);
    return { admin_id: id, open: Number(r?.open ?? 0), idle: Number(r?.idle ?? 0), snoozed: Number(r?.snoozed ?? 0) };
  });
}

export default async function routes(app: App) {
  app.get(
    "/teams/:team_id/metrics",
    { schema: { params: Type.Object({ team_id: Type.String({ maxLength: 64 }) }), querystring: Type.Object({ idle_threshold: Type.Optional(Type.Integer()) }) } },
    async (req) => {
      const metrics = await teamMetrics(ctx(req), req.params.team_id, req.query.idle_threshold);
      return { type: "team_metric.list", data: metrics.map((m) => ({ type: "team_metric", admin_id: String(m.admin_id), open: m.open, idle: m.idle, snoozed: m.snoozed })) };
    },
  );
}
