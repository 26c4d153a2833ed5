// opencom's developer toolkit: webhook subscriptions and deliveries, the request journal, faults and
// the rate-limit setting of the token's workspace. Returns rows; present.ts shapes them.
import type { Kysely } from "kysely";
import type { DB } from "../../db/types.js";
import type { Ctx } from "../../platform/http.js";
import { ApiError, notFound } from "../../platform/errors.js";
import { parseNumericId } from "../../platform/ids.js";
import { recountFaults, type FaultRow } from "../../platform/faults.js";
import { noteRateLimit } from "../../platform/rate-limit.js";
import { MAX_SUBSCRIPTIONS, newDeliveryRow } from "../../platform/webhooks.js";

// ---- webhook subscriptions

export interface SubscriptionInput {
  url?: string;
  topics?: string[];
  version?: string;
  active?: boolean;
}

export async function listSubscriptions(c: Ctx) {
  return c.db.selectFrom("webhook_subscriptions").selectAll().where("workspace_id", "=", c.wsId).orderBy("id").limit(MAX_SUBSCRIPTIONS).execute();
}

export async function findSubscription(c: Ctx, id: string, db: Kysely<DB> = c.db) {
  const n = parseNumericId(id);
  const row = n === null ? undefined : await db.selectFrom("webhook_subscriptions").selectAll().where("workspace_id", "=", c.wsId).where("id", "=", n).executeTakeFirst();
  if (!row) throw notFound("Webhook subscription Not Found");
  return row;
}

export async function createSubscription(c: Ctx, input: Required<Pick<SubscriptionInput, "url" | "topics">> & { version: string }) {
  const count = await c.db.selectFrom("webhook_subscriptions").select((eb) => eb.fn.countAll<number>().as("n")).where("workspace_id", "=", c.wsId).executeTakeFirstOrThrow();
  if (Number(count.n) >= MAX_SUBSCRIPTIONS) throw new ApiError(400, "parameter_invalid", `A workspace has at most ${MAX_SUBSCRIPTIONS} webhook subscriptions`);
  const now = c.now();
  return c.db
    .insertInto("webhook_subscriptions")
    .values({ workspace_id: c.wsId, url: input.url, topics: JSON.stringify([...new Set(input.topics)]), version: input.version, active: 1, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateSubscription(c: Ctx, id: string, input: SubscriptionInput) {
  const existing = await findSubscription(c, id);
  const patch: Record<string, unknown> = { updated_at: c.now() };
  if (input.url !== undefined) patch.url = input.url;
  if (input.topics !== undefined) patch.topics = JSON.stringify([...new Set(input.topics)]);
  if (input.version !== undefined) patch.version = input.version;
  if (input.active !== undefined) patch.active = input.active ? 1 : 0;
  const row = await c.db.updateTable("webhook_subscriptions").set(patch).where("workspace_id", "=", c.wsId).where("id", "=", existing.id).returningAll().executeTakeFirst();
  if (!row) throw notFound("Webhook subscription Not Found");
  return row;
}

export async function deleteSubscription(c: Ctx, id: string) {
  const existing = await findSubscription(c, id);
  await c.db.deleteFrom("webhook_subscriptions").where("workspace_id", "=", c.wsId).where("id", "=", existing.id).execute();
  return existing;
}

/** Queues a ping notification to the subscription (whatever its topics). */
export async function pingSubscription(c: Ctx, id: string) {
  const sub = await findSubscription(c, id);
  const now = c.now();
  const item = { type: "ping", message: "Ping from opencom: the webhook subscription works." };
  const row = await c.db
    .insertInto("webhook_deliveries")
    .values(newDeliveryRow(c.wsId, Number(sub.id), "ping", "ping", JSON.stringify(item), now))
    .returningAll()
    .executeTakeFirstOrThrow();
  return row;
}

// ---- deliveries

export interface DeliveryFilter {
  subscription_id?: string;
  topic?: string;
  status?: string;
  per_page?: number;
  starting_after?: string;
}

export async function listDeliveries(c: Ctx, f: DeliveryFilter) {
  const limit = f.per_page ?? 50;
  let q = c.db.selectFrom("webhook_deliveries").selectAll().where("workspace_id", "=", c.wsId);
  if (f.subscription_id !== undefined) q = q.where("subscription_id", "=", parseNumericId(f.subscription_id) ?? -1);
  if (f.topic) q = q.where("topic", "=", f.topic);
  if (f.status) q = q.where("status", "=", f.status);
  if (f.starting_after !== undefined) q = q.where("id", "<", parseNumericId(f.starting_after) ?? 0);
  const rows = await q.orderBy("id", "desc").limit(limit + 1).execute();
  return { rows: rows.slice(0, limit), more: rows.length > limit };
}

export async function findDelivery(c: Ctx, id: string) {
  const n = parseNumericId(id);
  const row = n === null ? undefined : await c.db.selectFrom("webhook_deliveries").selectAll().where("workspace_id", "=", c.wsId).where("id", "=", n).executeTakeFirst();
  if (!row) throw notFound("Webhook delivery Not Found");
  return row;
}

/** Sends a delivery's notification again, as a new delivery (a new notification id). */
export async function redeliver(c: Ctx, id: string) {
  const d = await findDelivery(c, id);
  const sub = await findSubscription(c, String(d.subscription_id));
  if (!sub.active) throw new ApiError(400, "parameter_invalid", "The webhook subscription is not active");
  return c.db
    .insertInto("webhook_deliveries")
    .values(newDeliveryRow(c.wsId, Number(d.subscription_id), d.topic, d.schema_name, d.item, c.now()))
    .returningAll()
    .executeTakeFirstOrThrow();
}

// ---- journal

export interface JournalFilter {
  method?: string;
  path?: string;
  status?: number;
  since?: number;
  per_page?: number;
  starting_after?: string;
}

export async function listRequests(c: Ctx, f: JournalFilter) {
  const limit = f.per_page ?? 50;
  let q = c.db.selectFrom("request_journal").selectAll().where("workspace_id", "=", c.wsId);
  if (f.method) q = q.where("method", "=", f.method.toUpperCase());
  if (f.path) {
    if (f.path.includes("{") || f.path.includes(":")) {
      // a template: /contacts/{id} or /contacts/:id
      q = q.where("route", "=", f.path.replace(/\{([^}]+)\}/g, ":$1"));
    } else {
      // a prefix (bounded: the journal of a workspace is bounded)
      q = q.where((eb) => eb(eb.fn("substr", ["path", eb.val(1), eb.val(f.path!.length)]), "=", f.path!));
    }
  }
  if (f.status !== undefined) q = q.where("status", "=", f.status);
  if (f.since !== undefined) q = q.where("created_at", ">=", f.since);
  if (f.starting_after !== undefined) q = q.where("id", "<", parseNumericId(f.starting_after) ?? 0);
  const rows = await q.orderBy("id", "desc").limit(limit + 1).execute();
  return { rows: rows.slice(0, limit), more: rows.length > limit };
}

export async function clearRequests(c: Ctx) {
  const res = await c.db.deleteFrom("request_journal").where("workspace_id", "=", c.wsId).executeTakeFirst();
  return Number(res.numDeletedRows);
}

// ---- faults

export type FaultInput = Partial<Pick<FaultRow, "method" | "path" | "status" | "code" | "message" | "latency_ms" | "probability" | "times">>;

export const MAX_FAULTS = 100;

export async function createFault(c: Ctx, input: FaultInput) {
  return c.db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto("faults")
      .values({
        workspace_id: c.wsId,
        method: input.method ? input.method.toUpperCase() : null,
        path: input.path ?? null,
        status: input.status ?? null,
        code: input.code ?? null,
        message: input.message ?? null,
        latency_ms: input.latency_ms ?? null,
        probability: input.probability ?? null,
        times: input.times ?? null,
        remaining: input.times ?? null,
        created_at: c.now(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const count = await tx.selectFrom("faults").select((eb) => eb.fn.countAll<number>().as("n")).where("workspace_id", "=", c.wsId).executeTakeFirstOrThrow();
    if (Number(count.n) > MAX_FAULTS) throw new ApiError(400, "parameter_invalid", `A workspace has at most ${MAX_FAULTS} faults`);
    await recountFaults(tx, c.wsId);
    return row;
  });
}

export async function listFaults(c: Ctx) {
  return c.db.selectFrom("faults").selectAll().where("workspace_id", "=", c.wsId).orderBy("id").limit(MAX_FAULTS).execute();
}

export async function deleteFault(c: Ctx, id: string) {
  const n = parseNumericId(id);
  return c.db.transaction().execute(async (tx) => {
    const row = n === null ? undefined : await tx.deleteFrom("faults").where("workspace_id", "=", c.wsId).where("id", "=", n).returningAll().executeTakeFirst();
    if (!row) throw notFound("Fault Not Found");
    await recountFaults(tx, c.wsId);
    return row;
  });
}

export async function deleteFaults(c: Ctx) {
  return c.db.transaction().execute(async (tx) => {
    const res = await tx.deleteFrom("faults").where("workspace_id", "=", c.wsId).executeTakeFirst();
    await recountFaults(tx, c.wsId);
    return Number(res.numDeletedRows);
  });
}

// ---- rate limit

export async function setRateLimit(db: Kysely<DB>, wsId: string, perMinute: number | null) {
  await db.updateTable("workspaces").set({ rate_limit_per_minute: perMinute }).where("id", "=", wsId).execute();
  noteRateLimit(wsId, perMinute);
}
