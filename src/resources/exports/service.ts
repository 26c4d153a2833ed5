// Data exports: content data (every version) and reporting data (2.14+), done by background jobs.
import { Readable } from "node:stream";
import type { Ctx } from "../../platform/http.js";
import { ApiError, invalidParam, missingParam, notFound } from "../../platform/errors.js";
import { isUniqueViolation } from "../../platform/db-errors.js";
import { cancelJob, enqueueJob, findJob, type JobRow } from "../../platform/jobs.js";
import { CONTENT_EXPORT } from "./content.js";
import { DATASETS, MAX_ACTIVE_REPORTING, REPORTING_EXPORT, type ReportingParams } from "./reporting.js";
import { inTransaction } from "../../platform/writes.js";
import type { ContentExportInput, ReportingExportInput } from "./schemas.js";

export type { JobRow };
/** completed exports can be downloaded for two days (on the workspace clock) */
export const DOWNLOAD_TTL_S = 2 * 24 * 3600;

const jobNotFound = (identifier?: string) => notFound(identifier ? `Export job not found for identifier: ${identifier}` : "Export job not found", "not_found");

function readTime(v: unknown, field: string): number {
  if (v === undefined || v === null || v === "") throw missingParam(field, `${field} is required`);
  const n = typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0) throw invalidParam(field, `${field} must be a unix timestamp`);
  return n;
}

/** POST /export/content/data: one active content export per workspace (a partial unique index decides). */
export async function createContentExport(c: Ctx, body: ContentExportInput): Promise<JobRow> {
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
      for (const r of rows) yield Buffer.from(r.data, "base64");
      if (rows.length < 16) return;
      seq = Number(rows[rows.length - 1].seq);
    }
  }
  return { job, stream: Readable.from(chunks()) };
}

// ---------------------------------------------------------------- reporting data (2.14+)

const bad = (message: string, field?: string) => new ApiError(400, "bad_request", message, field);

export async function enqueueReportingExport(c: Ctx, body: ReportingExportInput): Promise<JobRow> {
  if (body.dataset_id === undefined || body.dataset_id === null || body.dataset_id === "") throw bad("'dataset_id' is a required parameter", "dataset_id");
  const ds = DATASETS.find((d) => d.id === body.dataset_id);
  if (!ds) throw bad(`${String(body.dataset_id)} is not a valid dataset_id`, "dataset_id");
  if (body.attribute_ids === undefined || body.attribute_ids === null) throw bad("'attribute_ids' is a required parameter", "attribute_ids");
  if (!Array.isArray(body.attribute_ids)) throw bad("'attribute_ids' not an array must be of type Array", "attribute_ids");
  if (body.attribute_ids.length === 0) throw bad("attribute_ids must contain at least one attribute_id", "attribute_ids");
  const unknown = body.attribute_ids.filter((a) => !ds.attributes.some((x) => x.id === a));
  if (unknown.length) throw bad(`attribute_ids invalid for ${ds.id} dataset: ${unknown.map(String).join(", ")}`, "attribute_ids");
  const start = readTime(body.start_time, "start_time");
  const end = readTime(body.end_time, "end_time");
  if (end < start) throw invalidParam("end_time", "end_time must not be before start_time");
  const params: ReportingParams = { dataset_id: ds.id, attribute_ids: [...new Set(body.attribute_ids as string[])], start_time: start, end_time: end };
  return inTransaction(c, async (t) => {
    // the active count is read under the workspace's row lock, so concurrent enqueues queue up
    let lock = t.db.selectFrom("workspaces").select("id").where("id", "=", t.wsId);
    if (t.kind === "postgres") lock = lock.forUpdate();
    await lock.executeTakeFirst();
    const active = await t.db
      .selectFrom("jobs")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("workspace_id", "=", t.wsId)
      .where("kind", "=", REPORTING_EXPORT)
      .where("status", "in", ["pending", "in_progress"])
      .executeTakeFirstOrThrow();
    if (Number(active.n) >= MAX_ACTIVE_REPORTING) throw new ApiError(429, "rate_limit_exceeded", `Exceeded rate limit of ${MAX_ACTIVE_REPORTING} pending reporting dataset export jobs`);
    return enqueueJob(t.db, t.wsId, { kind: REPORTING_EXPORT, params, now: t.now() });
  });
}

export async function getReportingExport(c: Ctx, identifier: string): Promise<JobRow> {
  const row = await findJob(c.db, c.wsId, identifier, [REPORTING_EXPORT]);
  if (!row) throw notFound(`Export job not found for identifier: ${identifier}`, "not_found");
  return row;
}
