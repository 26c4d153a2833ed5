// opencom toolkit rows → JSON.
import type { Selectable } from "kysely";
import type { FaultsTable, RequestJournalTable, WebhookDeliveriesTable, WebhookSubscriptionsTable } from "../../db/tables/toolkit.js";
import type { Attempt } from "../../platform/webhooks.js";

export function presentSubscription(s: Selectable<WebhookSubscriptionsTable>) {
  return { type: "webhook_subscription", id: String(s.id), url: s.url, topics: JSON.parse(s.topics) as string[], version: s.version, active: !!s.active, created_at: Number(s.created_at), updated_at: Number(s.updated_at) };
}

export function presentDelivery(d: Selectable<WebhookDeliveriesTable>) {
  const attempts = JSON.parse(d.attempts) as Attempt[];
  const last = attempts[attempts.length - 1];
  return {
    type: "webhook_delivery",
    id: String(d.id),
    notification_id: d.notification_id,
    subscription_id: String(d.subscription_id),
    topic: d.topic,
    status: d.status === "sending" ? "pending" : d.status,
    delivery_attempts: Number(d.attempt_count),
    next_attempt_at: d.status === "pending" || d.status === "sending" ? Number(d.next_attempt_at) : null,
    first_sent_at: d.first_sent_at == null ? null : Number(d.first_sent_at),
    created_at: Number(d.created_at),
    request: last ? { url: last.request.url, headers: last.request.headers, body: last.request.body } : null,
    attempts: attempts.map((a) => ({ at: a.at, status: a.status, error: a.error ?? null, duration_ms: a.duration_ms, response_body: a.response_body ?? null })),
  };
}

const parseMaybe = (s: string | null) => {
  if (s == null) return null;
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
};

export function presentRequest(r: Selectable<RequestJournalTable>) {
  return {
    type: "request",
    id: String(r.id),
    created_at: Number(r.created_at),
    method: r.method,
    path: r.path,
    route: r.route,
    query: r.query,
    intercom_version: r.version,
    request_body: parseMaybe(r.request_body),
    status: Number(r.status),
    response_body: parseMaybe(r.response_body),
    duration_ms: Number(r.duration_ms),
    warnings: JSON.parse(r.warnings) as string[],
  };
}

export function presentFault(f: Selectable<FaultsTable>) {
  return {
    type: "fault",
    id: String(f.id),
    method: f.method,
    path: f.path,
    status: f.status == null ? null : Number(f.status),
    code: f.code,
    message: f.message,
    latency_ms: f.latency_ms == null ? null : Number(f.latency_ms),
    probability: f.probability == null ? null : Number(f.probability),
    times: f.times == null ? null : Number(f.times),
    remaining: f.remaining == null ? null : Number(f.remaining),
    created_at: Number(f.created_at),
  };
}
