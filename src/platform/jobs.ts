// Background jobs: a row per job in `jobs`, done by the job worker of some server process (one per
// process, started and stopped with the server like the webhook delivery worker).
//
// - A worker claims the oldest pending job, or an in-progress one whose lease ran out (its process died),
//   compare-and-set on a fresh claim token; on PostgreSQL the candidates are read FOR UPDATE SKIP
//   LOCKED, so several processes share the work and each job is worked by one of them at a time.
// - The work is done in bounded steps. Each step runs in one transaction that first takes the job row
//   (FOR UPDATE on PostgreSQL; SQLite transactions are serial), checks it is still this claim's and in
//   progress, does the step (e.g. writes one gzip member of an export), and commits the new position
//   (`state`), the progress (`processed`/`total`) and a renewed lease together. A process killed in the
//   middle loses at most the uncommitted step: after the lease runs out another worker (or the same
//   store after a restart) resumes from the committed position.
// - Cancelling sets the status under the same row lock, so a step that commits after it cannot exist:
//   a cancelled job never completes.
// Job kinds are defined by resources (`defineJobKind`) when they are loaded.
import { randomBytes, randomUUID } from "node:crypto";
import { sql, type Kysely, type Selectable } from "kysely";
import type { DB } from "../db/types.js";
import type { StoreKind } from "../db/connection.js";
import type { JobsTable } from "../db/tables/jobs.js";
import { clockNow } from "./clock.js";
import { emitWebhook } from "./webhooks.js";
import { PollingWorker } from "./poller.js";
import type { App } from "./http.js";

export type JobRow = Selectable<JobsTable>;
export type JobStatus = "pending" | "in_progress" | "completed" | "no_data" | "failed" | "canceled";
export const ACTIVE_STATUSES = ["pending", "in_progress"] as const;

export interface StepContext {
  kind: StoreKind;
  /** the job's workspace clock, unix seconds */
  now: number;
}

export interface StepOutcome {
  /** the new position, committed with the step */
  state: unknown;
  processed: number;
  total?: number | null;
  /** per-item results so far (bulk) */
  result?: unknown;
  /** set when the job is finished */
  done?: "completed" | "no_data" | "failed";
  error?: string;
}

export interface JobKind {
  /** One bounded step of the job, inside the step's transaction `tx` (the job row held). */
  step(tx: Kysely<DB>, job: JobRow, c: StepContext): Promise<StepOutcome>;
}

const kinds = new Map<string, JobKind>();

export function defineJobKind(name: string, kind: JobKind): void {
  kinds.set(name, kind);
}

const ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
/** A job identifier like Intercom's (`al9w983lwu88w1fd`): 16 lowercase letters and digits. */
export function jobIdentifier(): string {
  const bytes = randomBytes(16);
  let out = "";
  for (const b of bytes) out += ALNUM[b % ALNUM.length];
  return out;
}

export async function enqueueJob(db: Kysely<DB>, wsId: string, job: { kind: string; params: unknown; now: number; total?: number | null; state?: unknown }): Promise<JobRow> {
  const row = await db
    .insertInto("jobs")
    .values({
      workspace_id: wsId,
      identifier: jobIdentifier(),
      kind: job.kind,
      status: "pending",
      params: JSON.stringify(job.params ?? {}),
      state: JSON.stringify(job.state ?? {}),
      processed: 0,
      total: job.total ?? null,
      result: null,
      error: null,
      claim_token: null,
      lease_until: 0,
      created_at: job.now,
      updated_at: job.now,
      completed_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  wakeJobWorkers();
  return row;
}

export async function findJob(db: Kysely<DB>, wsId: string, identifier: string, kinds?: string[]): Promise<JobRow | null> {
  let q = db.selectFrom("jobs").selectAll().where("workspace_id", "=", wsId).where("identifier", "=", identifier);
  if (kinds) q = q.where("kind", "in", kinds);
  return (await q.executeTakeFirst()) ?? null;
}

/** Cancels a pending or running job for good (its output is dropped); answers the row as it now is, or null. */
export async function cancelJob(db: Kysely<DB>, kind: StoreKind, wsId: string, identifier: string, now: number, jobKinds?: string[]): Promise<JobRow | null> {
  return db.transaction().execute(async (tx) => {
    let q = tx.selectFrom("jobs").selectAll().where("workspace_id", "=", wsId).where("identifier", "=", identifier);
    if (jobKinds) q = q.where("kind", "in", jobKinds);
    if (kind === "postgres") q = q.forUpdate();
    const row = await q.executeTakeFirst();
    if (!row) return null;
    if (row.status !== "pending" && row.status !== "in_progress") return row;
    await tx.deleteFrom("job_chunks").where("job_id", "=", Number(row.id)).execute();
    return tx
      .updateTable("jobs")
      .set({ status: "canceled", claim_token: null, lease_until: 0, updated_at: now, completed_at: now })
      .where("id", "=", Number(row.id))
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

/** The jobs object (GET /jobs/status/{id}; the job.completed item). */
export function jobStatusItem(row: JobRow, baseUrl = "") {
  const status = row.status === "completed" || row.status === "no_data" ? "success" : row.status === "failed" || row.status === "canceled" ? "failed" : "pending";
  const resource = JOB_RESOURCES[row.kind];
  // a job that makes an object (a ticket) names it once made; the others are their own resource
  const made = resource?.made ? ((row.result ? (JSON.parse(row.result) as { resource_id?: string }).resource_id : undefined) ?? null) : row.identifier;
  return {
    type: "job",
    id: row.identifier,
    status,
    url: `${baseUrl}/jobs/status/${row.identifier}`,
    resource_type: resource?.type ?? row.kind,
    resource_id: made,
    resource_url: resource && made !== null ? `${baseUrl}${resource.path}${made}` : null,
  };
}

/** Where each kind's own status lives. */
const JOB_RESOURCES: Record<string, { type: string; path: string; made?: boolean }> = {
  content_export: { type: "data_export", path: "/export/content/data/" },
  reporting_export: { type: "reporting_data_export", path: "/export/reporting_data/" },
  contacts_bulk: { type: "contacts_bulk_job", path: "/contacts/bulk/" },
  companies_bulk: { type: "companies_bulk_job", path: "/companies/bulk/" },
  // POST /tickets/enqueue: the job's result names the ticket it made
  ticket_create: { type: "ticket", path: "/tickets/", made: true },
};

const envMs = (name: string, fallback: number) => {
  const n = Number(process.env[name]);
  return Number.isFinite(n) && n >= 0 && process.env[name] !== "" && process.env[name] !== undefined ? n : fallback;
};

const workers = new Set<PollingWorker>();
export function wakeJobWorkers() {
  for (const w of workers) w.wake(10);
}

/**
 * The job worker of one server process. `OPENCOM_JOB_LEASE_MS` (default 30 s) bounds how long a job of a
 * dead process waits before another takes it over; `OPENCOM_JOB_STEP_DELAY_MS` (default 0) pauses
 * between steps (tests and demos watch a job move).
 */
export class JobWorker extends PollingWorker {
  readonly leaseMs = envMs("OPENCOM_JOB_LEASE_MS", 30_000);
  readonly stepDelayMs = envMs("OPENCOM_JOB_STEP_DELAY_MS", 0);

  constructor(
    private db: Kysely<DB>,
    private kind: StoreKind,
    pollMs = 500,
    log: (msg: string, err?: unknown) => void = () => undefined,
  ) {
    super(workers, pollMs, log, "job pass failed");
  }

  protected override idleDelay(): number {
    return Math.min(this.pollMs, Math.max(50, this.leaseMs / 2));
  }

  /** Claims one job and works it until it is done, lost or the worker stops; answers how many it took. */
  async runOnce(): Promise<number> {
    const claim = await this.claim();
    if (!claim) return 0;
    await this.work(claim.id, claim.token);
    return 1;
  }

  private async claim(): Promise<{ id: number; token: string } | null> {
    const realMs = Date.now();
    return this.db.transaction().execute(async (tx) => {
      let q = tx
        .selectFrom("jobs")
        .select(["id", "status"])
        .where((eb) => eb.or([eb("status", "=", "pending"), eb.and([eb("status", "=", "in_progress"), eb("lease_until", "<", realMs)])]))
        .orderBy("id")
        .limit(5);
      if (this.kind === "postgres") q = q.forUpdate().skipLocked();
      for (const r of await q.execute()) {
        const token = randomUUID();
        const res = await tx
          .updateTable("jobs")
          .set({ status: "in_progress", claim_token: token, lease_until: realMs + this.leaseMs })
          .where("id", "=", Number(r.id))
          .where((eb) => eb.or([eb("status", "=", "pending"), eb.and([eb("status", "=", "in_progress"), eb("lease_until", "<", realMs)])]))
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) === 1) return { id: Number(r.id), token };
      }
      return null;
    });
  }

  private async work(id: number, token: string): Promise<void> {
    for (;;) {
      if (this.stopped) return; // the lease runs out; another worker resumes from the committed position
      let more: boolean;
      try {
        more = await this.step(id, token);
      } catch (err) {
        this.log("job step failed", err);
        await this.db
          .updateTable("jobs")
          .set({ status: "failed", error: String((err as Error)?.message ?? err).slice(0, 500), claim_token: null, lease_until: 0 })
          .where("id", "=", id)
          .where("claim_token", "=", token)
          .where("status", "=", "in_progress")
          .execute();
        return;
      }
      if (!more) return;
      if (this.stepDelayMs > 0) await new Promise((r) => setTimeout(r, this.stepDelayMs));
      else await new Promise((r) => setImmediate(r));
    }
  }

  /** One step in one transaction; answers whether the job goes on. */
  private async step(id: number, token: string): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      let q = tx
        .selectFrom("jobs")
        .innerJoin("workspaces as w", "w.id", "jobs.workspace_id")
        .selectAll("jobs")
        .select(["w.clock_offset", "w.clock_frozen_at"])
        .where("jobs.id", "=", id);
      if (this.kind === "postgres") q = q.forUpdate("jobs");
      const row = await q.executeTakeFirst();
      if (!row || row.status !== "in_progress" || row.claim_token !== token) return false; // cancelled, or taken over
      const { clock_offset, clock_frozen_at, ...job } = row;
      const now = clockNow({ clock_offset, clock_frozen_at });
      const handler = kinds.get(job.kind);
      if (!handler) throw new Error(`unknown job kind ${job.kind}`);
      const out = await handler.step(tx, job, { kind: this.kind, now });
      const set: Partial<Record<keyof JobsTable, unknown>> = {
        state: JSON.stringify(out.state ?? {}),
        processed: out.processed,
        updated_at: now,
        lease_until: Date.now() + this.leaseMs,
      };
      if (out.total !== undefined) set.total = out.total;
      if (out.result !== undefined) set.result = JSON.stringify(out.result);
      if (out.done) Object.assign(set, { status: out.done, completed_at: now, claim_token: null, lease_until: 0, error: out.error ?? null });
      const updated = await tx
        .updateTable("jobs")
        .set(set as never)
        .where("id", "=", id)
        .returningAll()
        .executeTakeFirstOrThrow();
      if (out.done) await emitWebhook(tx, updated.workspace_id, { topic: "job.completed", schema: "jobs", item: jobStatusItem(updated) });
      return !out.done;
    });
  }
}

void sql;

/** Starts this process's job worker with the server and stops it (its step finished) before the store closes. */
export function installJobWorker(app: App, pollMs = 500): JobWorker {
  const worker = new JobWorker(app.store.db, app.store.kind, pollMs, (msg, err) => app.log.error({ err }, msg));
  app.addHook("onReady", async () => worker.start());
  app.addHook("preClose", async () => worker.stop());
  return worker;
}
