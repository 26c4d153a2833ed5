// GET /jobs/status/{job_id} (2.14+) for every kind of job; GET /_opencom/jobs/{job_id}: a job's progress.
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { notFound } from "../../platform/errors.js";
import { findJob, jobStatusItem } from "../../platform/jobs.js";
import { bulkResults } from "./bulk.js";

const Params = Type.Object({ job_id: Type.String({ maxLength: 64 }) });

export default async function routes(app: App) {
  app.get("/jobs/status/:job_id", { schema: { params: Params } }, async (req) => {
    const c = ctx(req);
    const base = `${req.protocol}://${req.host}`;
    const row = await findJob(c.db, c.wsId, req.params.job_id);
    if (!row) throw notFound("Job Not Found", "job_not_found");
    return jobStatusItem(row, base);
  });

  // opencom's own: where a job stands (Intercom shows no progress in its API)
  app.get("/_opencom/jobs/:job_id", { schema: { params: Params } }, async (req) => {
    const c = ctx(req);
    const row = await findJob(c.db, c.wsId, req.params.job_id);
    if (!row) throw notFound("Job Not Found", "job_not_found");
    return {
      type: "opencom.job",
      id: row.identifier,
      kind: row.kind,
      status: row.status,
      processed: Number(row.processed),
      total: row.total == null ? null : Number(row.total),
      error: row.error,
      created_at: Number(row.created_at),
      updated_at: Number(row.updated_at),
      completed_at: row.completed_at == null ? null : Number(row.completed_at),
      // bulk people jobs: each task's per-item results
      ...(await bulkResultsOf(c, row)),
    };
  });
}

async function bulkResultsOf(c: Parameters<typeof bulkResults>[0], row: Parameters<typeof bulkResults>[1]) {
  const tasks = await bulkResults(c, row);
  return tasks ? { tasks } : {};
}
