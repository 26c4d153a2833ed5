// Webhooks as Intercom sends them. emitWebhook writes one outbox row per active subscription to the
// topic, in the transaction of the state change; the delivery worker (one per server process) sends
// due rows: signed notification_event envelopes, the item shaped for the subscription's version.
// Semantics: the receiver has 5 s; a timeout, 5xx or 4xx other than 410/429 is retried once after
// 60 s, then the delivery is failed; 410 deactivates the subscription; 429 delays the delivery
// (60 s, doubling) until 2 h after the first attempt, then it is dropped. Times are on the workspace
// clock: advancing it makes due attempts happen at the next poll. On PostgreSQL rows are claimed with
// FOR UPDATE SKIP LOCKED and leased, so several processes deliver each notification exactly once.
import { createHmac, randomUUID } from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { DB } from "../db/types.js";
import type { StoreKind } from "../db/connection.js";
import { publishLive } from "./live.js";
import { clockNow, onClockChange, realSeconds } from "./clock.js";
import { shapeSchema } from "./views.js";
import { PollingWorker } from "./poller.js";

export interface WebhookEvent {
  /** Intercom's topic, e.g. "contact.user.created" */
  topic: string;
  /** the component schema that shapes the item per version, e.g. "contact", "conversation", "ticket" */
  schema: string;
  /**
   * the object as the API presents it; or a function presenting it, for an item that costs statements to
   * present (a contact reads its tags and notes, a conversation its parts): it is called only when an
   * active subscription listens to the topic, which most writes of most workspaces have none of
   */
  item: Record<string, unknown> | (() => Promise<Record<string, unknown>>);
  /** the item's type and id for the live feed, when the item is a function */
  type?: string;
  id?: string;
}

export const USER_AGENT = "intercom-parrot-service-client/1.0";
export const TIMEOUT_MS = 5000;
export const RETRY_AFTER_S = 60;
export const MAX_DELAY_S = 2 * 3600;
/** how long a process owns a claimed row (real time) before another may take it over */
const LEASE_MS = 30_000;

/** Records a notification for every active subscription of the workspace to the topic. */
export async function emitWebhook(db: Kysely<DB>, wsId: string, event: WebhookEvent): Promise<void> {
  const eager = typeof event.item === "function" ? undefined : event.item;
  const type = event.type ?? (typeof eager?.type === "string" ? eager.type : undefined);
  const id = event.id ?? (eager?.id == null ? undefined : String(eager.id));
  publishLive({ workspaceId: wsId, topic: event.topic, type, id });
  const matching = await subscriptionsTo(db, wsId, event.topic);
  if (!matching.length) return;
  const item = typeof event.item === "function" ? await event.item() : event.item;
  await recordDeliveries(db, wsId, matching, event.topic, event.schema, item);
}

/** The workspace's active subscriptions to a topic (one index range; usually none). */
async function subscriptionsTo(db: Kysely<DB>, wsId: string, topic: string): Promise<number[]> {
  const subs = await db
    .selectFrom("webhook_subscriptions")
    .select(["id", "topics"])
    .where("workspace_id", "=", wsId)
    .where("active", "=", 1)
    .limit(MAX_SUBSCRIPTIONS)
    .execute();
  return subs.filter((s) => (JSON.parse(s.topics) as string[]).includes(topic)).map((s) => Number(s.id));
}

async function recordDeliveries(db: Kysely<DB>, wsId: string, subscriptionIds: number[], topic: string, schema: string, item: Record<string, unknown>) {
  const clock = await db.selectFrom("workspaces").select(["clock_offset", "clock_frozen_at"]).where("id", "=", wsId).executeTakeFirstOrThrow();
  const now = clockNow(clock);
  const text = JSON.stringify(item);
  await db
    .insertInto("webhook_deliveries")
    .values(subscriptionIds.map((sid) => newDeliveryRow(wsId, sid, topic, schema, text, now)))
    .execute();
  wakeWorkers();
}

export const MAX_SUBSCRIPTIONS = 100;

/** Whether an active subscription of the workspace listens to any of these topics (to skip presenting many items for nobody). */
export async function subscribedTo(db: Kysely<DB>, wsId: string, topics: string[]): Promise<boolean> {
  const subs = await db.selectFrom("webhook_subscriptions").select("topics").where("workspace_id", "=", wsId).where("active", "=", 1).limit(MAX_SUBSCRIPTIONS).execute();
  return subs.some((s) => (JSON.parse(s.topics) as string[]).some((topic) => topics.includes(topic)));
}

export function newDeliveryRow(wsId: string, subscriptionId: number, topic: string, schema: string, item: string, now: number) {
  return {
    workspace_id: wsId,
    notification_id: "notif_" + randomUUID(),
    subscription_id: subscriptionId,
    topic,
    schema_name: schema,
    item,
    status: "pending",
    attempts: "[]",
    attempt_count: 0,
    next_attempt_at: now,
    lease_until: 0,
    first_sent_at: null,
    created_at: now,
  };
}

export const sign = (secret: string, body: string) => "sha1=" + createHmac("sha1", secret).update(body, "utf8").digest("hex");

export interface Attempt {
  at: number;
  status: number | null;
  error?: string;
  duration_ms: number;
  request: { url: string; headers: Record<string, string>; body: string };
  response_body?: string;
}

const workers = new Set<PollingWorker>();
/** deliveries one pass claims */
const CLAIM_BATCH = 20;
function wakeWorkers() {
  for (const w of workers) w.wake(20);
}

/** The delivery worker of one server process: polls for due rows, wakes on emissions and clock changes. */
export class DeliveryWorker extends PollingWorker {
  private unsubscribeClock: () => void;

  constructor(
    private db: Kysely<DB>,
    private kind: StoreKind,
    pollMs = 500,
    log: (msg: string, err?: unknown) => void = () => undefined,
  ) {
    super(workers, pollMs, log, "webhook delivery pass failed");
    this.unsubscribeClock = onClockChange(() => this.wake(0));
  }

  /** A full batch: more rows may be due. */
  protected override busy(n: number): boolean {
    return n === CLAIM_BATCH;
  }

  protected override onStop(): void {
    this.unsubscribeClock();
  }

  /** Claims due rows and delivers them; returns how many it handled. */
  async runOnce(): Promise<number> {
    const claimed = await this.claim(CLAIM_BATCH);
    await Promise.all(claimed.map((id) => this.deliver(id).catch((err) => this.log("webhook delivery failed", err))));
    return claimed.length;
  }

  private async claim(limit: number): Promise<number[]> {
    const realMs = Date.now();
    const real = realSeconds();
    return this.db.transaction().execute(async (tx) => {
      let q = tx
        .selectFrom("webhook_deliveries as d")
        .innerJoin("workspaces as w", "w.id", "d.workspace_id")
        .select("d.id")
        .where((eb) =>
          eb.or([
            eb.and([eb("d.status", "=", "pending"), eb("d.next_attempt_at", "<=", sql<number>`coalesce(w.clock_frozen_at, ${real} + w.clock_offset)`)]),
            eb.and([eb("d.status", "=", "sending"), eb("d.lease_until", "<", realMs)]),
          ]),
        )
        .orderBy("d.id")
        .limit(limit);
      if (this.kind === "postgres") q = q.forUpdate("d").skipLocked();
      const rows = await q.execute();
      const claimed: number[] = [];
      for (const r of rows) {
        // compare-and-set: on SQLite (several processes on one file) the row is ours only if it is still claimable
        const res = await tx
          .updateTable("webhook_deliveries")
          .set({ status: "sending", lease_until: realMs + LEASE_MS })
          .where("id", "=", Number(r.id))
          .where((eb) => eb.or([eb("status", "=", "pending"), eb.and([eb("status", "=", "sending"), eb("lease_until", "<", realMs)])]))
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) === 1) claimed.push(Number(r.id));
      }
      return claimed;
    });
  }

  private async deliver(id: number): Promise<void> {
    const row = await this.db
      .selectFrom("webhook_deliveries as d")
      .innerJoin("webhook_subscriptions as s", "s.id", "d.subscription_id")
      .innerJoin("workspaces as w", "w.id", "d.workspace_id")
      .select(["d.id", "d.workspace_id", "d.notification_id", "d.topic", "d.schema_name", "d.item", "d.attempts", "d.attempt_count", "d.first_sent_at", "d.created_at", "s.id as sub_id", "s.url", "s.version", "s.active", "w.client_secret", "w.clock_offset", "w.clock_frozen_at"])
      .where("d.id", "=", id)
      .executeTakeFirst();
    if (!row) return;
    if (!row.active) {
      await this.db.updateTable("webhook_deliveries").set({ status: "failed", lease_until: 0 }).where("id", "=", id).execute();
      return;
    }
    const now = clockNow(row);
    const firstSentAt = row.first_sent_at == null ? now : Number(row.first_sent_at);
    const attemptNo = Number(row.attempt_count) + 1;
    const envelope = {
      type: "notification_event",
      id: row.notification_id,
      app_id: row.workspace_id,
      topic: row.topic,
      created_at: Number(row.created_at),
      delivery_attempts: attemptNo,
      first_sent_at: firstSentAt,
      data: { type: "notification_event_data", item: shapeSchema(row.version, row.schema_name, JSON.parse(row.item)) },
    };
    const body = JSON.stringify(envelope);
    const headers: Record<string, string> = {
      "Content-Type": "application/json",
      "User-Agent": USER_AGENT,
      "X-Hub-Signature": sign(row.client_secret ?? "", body),
    };
    const started = Date.now();
    let status: number | null = null;
    let error: string | undefined;
    let responseBody: string | undefined;
    try {
      const res = await fetch(row.url, { method: "POST", headers, body, signal: AbortSignal.timeout(TIMEOUT_MS), redirect: "manual" });
      status = res.status;
      responseBody = (await res.text().catch(() => "")).slice(0, 2000);
    } catch (err) {
      error = (err as Error).name === "TimeoutError" ? "timeout after 5 s" : String((err as Error).cause ?? (err as Error).message);
    }
    const attempt: Attempt = { at: now, status, error, duration_ms: Date.now() - started, request: { url: row.url, headers, body }, response_body: responseBody };
    const attempts = [...(JSON.parse(row.attempts) as Attempt[]), attempt].slice(-20);

    let next: { status: string; next_attempt_at?: number } = { status: "delivered" };
    let deactivate = false;
    if (status !== null && status >= 200 && status < 300) next = { status: "delivered" };
    else if (status === 410) {
      next = { status: "failed" };
      deactivate = true;
    } else if (status === 429) {
      const delay = Math.min(RETRY_AFTER_S * 2 ** Math.max(0, attempts.filter((a) => a.status === 429).length - 1), MAX_DELAY_S);
      next = now + delay > firstSentAt + MAX_DELAY_S ? { status: "dropped" } : { status: "pending", next_attempt_at: now + delay };
    } else {
      next = attemptNo >= 2 ? { status: "failed" } : { status: "pending", next_attempt_at: now + RETRY_AFTER_S };
    }
    await this.db.transaction().execute(async (tx) => {
      await tx
        .updateTable("webhook_deliveries")
        .set({ ...next, attempts: JSON.stringify(attempts), attempt_count: attemptNo, first_sent_at: firstSentAt, lease_until: 0 })
        .where("id", "=", id)
        .execute();
      if (deactivate) await tx.updateTable("webhook_subscriptions").set({ active: 0, updated_at: now }).where("id", "=", Number(row.sub_id)).execute();
    });
  }
}
