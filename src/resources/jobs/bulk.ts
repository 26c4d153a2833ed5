// Bulk people jobs (Unstable): POST|PUT /contacts/bulk, POST /contacts/bulk/delete, GET /contacts/bulk/{id}
// and the same four for companies. One engine for both; src/resources/contacts/bulk.ts and
// src/resources/companies/bulk.ts only say how one item is applied (through the single-item services,
// so a bulk item follows exactly the rules, and emits exactly the webhook topics, of its single request).
//
// - A bulk request answers 202 at once with the job; the items wait in a task (bulk_tasks, ≤ 100 items)
//   of a `jobs` row that the job worker (src/platform/jobs.ts) works in steps of 25 items (OPENCOM_BULK_BATCH). A step
//   applies each item in a savepoint: a failing item (validation, duplicate, unknown id) is rolled back
//   alone, recorded as failed, and the others go on; the step commits the items' writes, their webhook
//   notifications, their results and the task's position together, so a job interrupted by a crash
//   resumes after the last committed item with none applied twice.
// - `job.id` appends a task to a job still pending or running, under the job row's lock (the worker
//   decides "no task left, done" under the same lock): an unknown job is 404 job_not_found, a finished
//   one (or one holding MAX_TASKS tasks) 403 "closed for new task updates".
// - Bounded: 100 items a request (422 naming the field), 100 tasks a job, one small result per item.
// - The job's `state`: pending, running, then completed, or completed_with_errors when an item failed.
//   Per-item results (Intercom's job object has no place for them) are at GET /_opencom/jobs/{id}.
import { sql, type Kysely, type Selectable } from "kysely";
import type { DB } from "../../db/types.js";
import type { BulkTasksTable } from "../../db/tables/bulk.js";
import type { Ctx } from "../../platform/http.js";
import { ApiError } from "../../platform/errors.js";
import { defineJobKind, enqueueJob, findJob, jobIdentifier, wakeJobWorkers, type JobRow, type StepOutcome } from "../../platform/jobs.js";
import { inTransaction, lockedRow } from "../../platform/writes.js";

export type TaskRow = Selectable<BulkTasksTable>;
export type Operation = "create" | "update" | "delete";

/** Items a request may carry (documented). */
export const MAX_BULK_ITEMS = 100;
/** Tasks one job may collect through `job.id` (opencom's bound: 10,000 items a job). */
export const MAX_BULK_TASKS = 100;
/** Items applied per step (one transaction); OPENCOM_BULK_BATCH changes it (tests watch small steps). */
const batchSize = () => (Number(process.env.OPENCOM_BULK_BATCH) > 0 ? Number(process.env.OPENCOM_BULK_BATCH) : 25);

export interface ItemResult {
  index: number;
  status: "success" | "failed";
  /** the id of the object written */
  id?: string;
  error?: { code: string; message: string };
}

export interface BulkKind {
  /** the job kind (src/platform/jobs.ts) */
  kind: "contacts_bulk" | "companies_bulk";
  /** the body member and path segment: contacts | companies */
  noun: "contacts" | "companies";
  /** contact | company, in messages */
  singular: string;
  /** applies one item in the job's transaction; answers the id of the object written */
  apply(c: Ctx, op: Operation, item: Record<string, unknown>): Promise<string | null>;
}

interface BulkParams {
  /** the admin the requesting token acts as (authors, taggers) */
  token_admin_id: number | null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The request's checks (Intercom's 422s); answers the items. */
function readItems(k: BulkKind, op: Operation, body: unknown): Array<Record<string, unknown>> {
  const items = isObject(body) ? body[k.noun] : undefined;
  if (items === undefined || items === null) throw new ApiError(422, "field_not_found", `${k.noun} field must be supplied`, k.noun);
  if (!Array.isArray(items)) throw new ApiError(422, "type_mismatch", `${k.noun} must be an array`, k.noun);
  if (items.length > MAX_BULK_ITEMS) throw new ApiError(422, "parameter_invalid", `maximum number of ${k.noun} per request is ${MAX_BULK_ITEMS}`, k.noun);
  items.forEach((item, i) => {
    if (!isObject(item)) throw new ApiError(422, "type_mismatch", `each ${k.singular} must be an object`, `${k.noun}[${i}]`);
    if (op !== "create") {
      const id = item.id;
      if (id === undefined || id === null || id === "") throw new ApiError(422, "field_not_found", `${k.noun} must be identified by id`, `${k.noun}[${i}].id`);
      if (typeof id !== "string" && typeof id !== "number") throw new ApiError(422, "type_mismatch", `${k.noun}[${i}].id must be a string`, `${k.noun}[${i}].id`);
    }
  });
  return items as Array<Record<string, unknown>>;
}

function readJobId(body: unknown): string | null {
  const job = isObject(body) ? body.job : undefined;
  if (job === undefined || job === null) return null;
  if (!isObject(job)) throw new ApiError(422, "type_mismatch", "job must be an object {id}", "job");
  if (job.id === undefined || job.id === null || job.id === "") return null;
  if (typeof job.id !== "string") throw new ApiError(422, "type_mismatch", "job.id must be a string", "job.id");
  return job.id;
}

const closed = (id: string) => new ApiError(403, "forbidden", `job ${id} is closed for new task updates`, "job.id");

/** A bulk request: a new job with one task, or one more task of the job `job.id`. Answers the job. */
export async function enqueueBulk(c: Ctx, k: BulkKind, op: Operation, body: unknown): Promise<JobRow> {
  const items = readItems(k, op, body);
  const jobId = readJobId(body);
  const now = c.now();
  const job = await inTransaction(c, async (t) => {
    let job: JobRow;
    let seq = 1;
    if (jobId !== null) {
      const found = await findJob(t.db, t.wsId, jobId, [k.kind]);
      if (!found) throw new ApiError(404, "job_not_found", `job ${jobId} not found`, "job.id");
      const held = await lockedRow(t, "jobs", Number(found.id));
      if (!held || (held.status !== "pending" && held.status !== "in_progress")) throw closed(jobId);
      const last = await t.db
        .selectFrom("bulk_tasks")
        .select((eb) => eb.fn.max("seq").as("seq"))
        .where("job_id", "=", Number(held.id))
        .executeTakeFirst();
      seq = Number(last?.seq ?? 0) + 1;
      if (seq > MAX_BULK_TASKS) throw closed(jobId);
      job = await t.db
        .updateTable("jobs")
        .set({ total: Number(held.total ?? 0) + items.length, updated_at: Math.max(now, Number(held.updated_at)) })
        .where("id", "=", Number(held.id))
        .returningAll()
        .executeTakeFirstOrThrow();
    } else {
      const params: BulkParams = { token_admin_id: c.ws.token_admin_id ?? null };
      job = await enqueueJob(t.db, t.wsId, { kind: k.kind, params, now, total: items.length });
    }
    await t.db
      .insertInto("bulk_tasks")
      .values({
        workspace_id: t.wsId,
        job_id: Number(job.id),
        identifier: `task_${jobIdentifier()}`,
        seq,
        operation: op,
        items: JSON.stringify(items),
        item_count: items.length,
        state: "pending",
        position: 0,
        results: "[]",
        created_at: now,
        started_at: null,
        completed_at: null,
      })
      .execute();
    return job;
  });
  wakeJobWorkers(); // committed now: a worker may take it at once
  return job;
}

/** GET …/bulk/{id}: the job of this kind in the workspace, or 404 job_not_found. */
export async function getBulkJob(c: Ctx, k: BulkKind, id: string): Promise<JobRow> {
  const job = await findJob(c.db, c.wsId, id, [k.kind]);
  if (!job) throw new ApiError(404, "job_not_found", `job ${id} not found`);
  return job;
}

export async function bulkTasks(c: Pick<Ctx, "db" | "wsId">, job: JobRow): Promise<TaskRow[]> {
  return c.db.selectFrom("bulk_tasks").selectAll().where("workspace_id", "=", c.wsId).where("job_id", "=", Number(job.id)).orderBy("seq").limit(MAX_BULK_TASKS).execute();
}

const FAILED_STATES = new Set(["completed_with_errors"]);

/** The job's state as Intercom names it. */
export function bulkJobState(job: JobRow, tasks: TaskRow[]): "pending" | "running" | "completed" | "completed_with_errors" {
  if (job.status === "pending") return "pending";
  if (job.status === "in_progress") return "running";
  if (job.status === "completed" || job.status === "no_data") return tasks.some((t) => FAILED_STATES.has(t.state)) ? "completed_with_errors" : "completed";
  return "completed_with_errors"; // failed (or cancelled): not every item was applied
}

/** contacts_bulk_job / companies_bulk_job. */
export async function presentBulkJob(c: Ctx, k: BulkKind, job: JobRow, baseUrl: string) {
  const tasks = await bulkTasks(c, job);
  return {
    id: job.identifier,
    type: `${k.noun}.bulk.job`,
    state: bulkJobState(job, tasks),
    created_at: Number(job.created_at),
    updated_at: Number(job.updated_at),
    completed_at: job.completed_at == null ? null : Number(job.completed_at),
    tasks: tasks.map((t) => ({
      id: t.identifier,
      item_count: Number(t.item_count),
      state: t.state,
      created_at: Number(t.created_at),
      started_at: t.started_at == null ? null : Number(t.started_at),
      completed_at: t.completed_at == null ? null : Number(t.completed_at),
    })),
    url: `${baseUrl}/${k.noun}/bulk/${job.identifier}`,
  };
}

/** opencom's view of a bulk job's tasks with their per-item results (GET /_opencom/jobs/{id}). */
export async function bulkResults(c: Pick<Ctx, "db" | "wsId">, job: JobRow) {
  if (job.kind !== "contacts_bulk" && job.kind !== "companies_bulk") return undefined;
  const tasks = await bulkTasks(c, job);
  return tasks.map((t) => ({ id: t.identifier, operation: t.operation, state: t.state, item_count: Number(t.item_count), results: JSON.parse(t.results) as ItemResult[] }));
}

// ---------------------------------------------------------------- the worker's side

let savepoints = 0;

/** Runs `fn` in a savepoint of the transaction `tx`: if it throws, its writes (and notifications) are undone alone. */
export async function inSavepoint<T>(tx: Kysely<DB>, fn: () => Promise<T>): Promise<T> {
  const name = sql.raw(`bulk_item_${++savepoints % 1_000_000}`);
  await sql`savepoint ${name}`.execute(tx);
  try {
    const out = await fn();
    await sql`release savepoint ${name}`.execute(tx);
    return out;
  } catch (err) {
    await sql`rollback to savepoint ${name}`.execute(tx);
    await sql`release savepoint ${name}`.execute(tx);
    throw err;
  }
}

function failure(err: unknown): { code: string; message: string } {
  if (err instanceof ApiError) return { code: err.code, message: err.message.slice(0, 500) };
  return { code: "server_error", message: String((err as Error)?.message ?? err).slice(0, 500) };
}

async function step(k: BulkKind, tx: Kysely<DB>, job: JobRow, sc: { kind: Ctx["kind"]; now: number }): Promise<StepOutcome> {
  const processed = Number(job.processed);
  const task = await tx
    .selectFrom("bulk_tasks")
    .selectAll()
    .where("job_id", "=", Number(job.id))
    .where("state", "in", ["pending", "running"])
    .orderBy("seq")
    .limit(1)
    .executeTakeFirst();
  // no task left: done (decided under the job row's lock, which an append takes too)
  if (!task) return { state: {}, processed, done: "completed" };
  const ws = await tx.selectFrom("workspaces").selectAll().where("id", "=", job.workspace_id).executeTakeFirstOrThrow();
  const params = JSON.parse(job.params || "{}") as Partial<BulkParams>;
  const c: Ctx = {
    db: tx,
    kind: sc.kind,
    ws: { ...ws, token_admin_id: params.token_admin_id ?? null },
    wsId: ws.id,
    version: "Unstable",
    now: () => sc.now,
  };
  const items = JSON.parse(task.items) as Array<Record<string, unknown>>;
  const results = JSON.parse(task.results) as ItemResult[];
  const start = Number(task.position);
  const end = Math.min(Number(task.item_count), start + batchSize());
  for (let i = start; i < end; i++) {
    try {
      const id = await inSavepoint(tx, () => k.apply(c, task.operation as Operation, items[i] ?? {}));
      results.push(id === null ? { index: i, status: "success" } : { index: i, status: "success", id });
    } catch (err) {
      results.push({ index: i, status: "failed", error: failure(err) });
    }
  }
  const finished = end >= Number(task.item_count);
  const failed = results.some((r) => r.status === "failed");
  await tx
    .updateTable("bulk_tasks")
    .set({
      position: end,
      results: JSON.stringify(results),
      state: finished ? (failed ? "completed_with_errors" : "completed") : "running",
      started_at: task.started_at ?? sc.now,
      completed_at: finished ? sc.now : null,
    })
    .where("id", "=", Number(task.id))
    .execute();
  return { state: {}, processed: processed + (end - start) };
}

/** Registers the job kind of `k` with the job worker. */
export function defineBulkKind(k: BulkKind): BulkKind {
  defineJobKind(k.kind, { step: (tx, job, sc) => step(k, tx, job, sc) });
  return k;
}

// ---------------------------------------------------------------- item fields

type FieldType = "string" | "integer" | "boolean" | "object" | "array";

/**
 * The documented fields of an item, type-checked (a wrong type fails the item, 400 naming the field);
 * other fields are ignored, as Intercom ignores them. Strings are at most 255 characters.
 */
export function pickFields(item: Record<string, unknown>, fields: Record<string, FieldType>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, type] of Object.entries(fields)) {
    const v = item[name];
    if (v === undefined) continue;
    if (v === null) {
      out[name] = null;
      continue;
    }
    const ok =
      type === "string" ? typeof v === "string" || typeof v === "number" : type === "integer" ? typeof v === "number" && Number.isFinite(v) : type === "boolean" ? typeof v === "boolean" : type === "array" ? Array.isArray(v) : isObject(v);
    if (!ok) throw new ApiError(400, "parameter_invalid", `${name} must be ${type === "integer" ? "an integer" : type === "array" || type === "object" ? `an ${type}` : `a ${type}`}`, name);
    if (type === "string" && String(v).length > 255) throw new ApiError(400, "parameter_invalid", `${name} is longer than 255 characters`, name);
    out[name] = type === "string" ? String(v) : v;
  }
  return out;
}
