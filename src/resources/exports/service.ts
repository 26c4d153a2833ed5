// Data exports: content data (every version) and reporting data (2.14+), done by background jobs.
import { Readable } from "node:stream";
import type { Ctx } from "../../platform/http.js";
import { ApiError, invalidParam, missingParam, notFound } from "../../platform/errors.js";
import { isUniqueViolation } from "../../platform/db-errors.js";
import { cancelJob, enqueueJob, findJob, type JobRow } from "../../platform/jobs.js";
import { CONTENT_EXPORT } from "./content.js";

export type { JobRow };
/** completed exports can be downloaded for two days (on the workspace clock) */
export const DOWNLOAD_TTL_S = 2 * 24 * 3600;

const jobNotFound = () => notFound("Export job not found", "not_found");

function readTime(v: unknown, field: string): number {
  if (v === undefined || v === null || v === "") throw missingParam(field, `${field} is required`);
  const n = typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0) throw invalidParam(field, `${field} must be a unix timestamp`);
  return n;
}

/** POST /export/content/data: one active content export per workspace (a partial unique index decides). */
export async function createContentExport(c: Ctx, body: { created_at_after?: unknown; created_at_before?: unknown }): Promise<JobRow> {
  const after = readTime(body.created_at_after, "created_at_after");
  const before = readTime(body.created_at_before, "created_at_before");
  if (before < after) throw invalidParam("created_at_before", "created_at_before must not be before created_at_after");
  try {
    return await enqueueJob(c.db, c.wsId, { kind: CONTENT_EXPORT, params: { created_at_after: after, created_at_before: before }, now: c.now() });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ApiError(429, "rate_limit_exceeded", "Exceeded rate limit of 1 pending message data export jobs");
    throw err;
  }
}

export async function getExport(c: Ctx, identifier: string, kinds: string[]): Promise<JobRow> {
  const row = await findJob(c.db, c.wsId, identifier, kinds);
  if (!row) throw jobNotFound();
  return row;
}

export async function cancelExport(c: Ctx, identifier: string, kinds: string[]): Promise<JobRow> {
  const row = await cancelJob(c.db, c.kind, c.wsId, identifier, c.now(), kinds);
  if (!row) throw jobNotFound();
  return row;
}

/** The export's file: its gzip members in order, read a few at a time (never the whole file in memory). */
export async function exportFile(c: Ctx, identifier: string, kinds: string[]): Promise<{ job: JobRow; stream: Readable }> {
  const job = await getExport(c, identifier, kinds);
  if (job.status !== "completed" && job.status !== "no_data") throw notFound("The export is not ready to download", "not_found");
  if (job.completed_at != null && c.now() > Number(job.completed_at) + DOWNLOAD_TTL_S) throw notFound("The export has expired", "not_found");
  const db = c.db;
  async function* chunks() {
    let seq = -1;
    for (;;) {
      const rows = await db.selectFrom("job_chunks").select(["seq", "data"]).where("job_id", "=", Number(job.id)).where("seq", ">", seq).orderBy("seq").limit(16).execute();
      for (const r of rows) yield Buffer.from(r.data);
      if (rows.length < 16) return;
      seq = Number(rows[rows.length - 1].seq);
    }
  }
  return { job, stream: Readable.from(chunks()) };
}
