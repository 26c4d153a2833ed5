// POST /events, GET /events, POST /events/summaries
import { Type, type Static } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { invalidParam } from "../../platform/errors.js";
import { addSummaries, listEvents, trackEvent } from "./service.js";
import { presentEvent, presentEventsEnvelope, presentSummaryItem } from "./present.js";
import { EventBody, SummariesBody } from "./schemas.js";

const Str = Type.String({ maxLength: 255 });
const ListQuery = Type.Object({
  type: Type.Optional(Str),
  user_id: Type.Optional(Str),
  intercom_user_id: Type.Optional(Str),
  email: Type.Optional(Str),
  summary: Type.Optional(Type.Union([Type.Boolean(), Str])),
  per_page: Type.Optional(Type.Union([Type.Integer(), Str])),
  before: Type.Optional(Type.String({ maxLength: 1024 })),
  // Leniency for the real client: the contract puts the identifier beside `type` (a form-exploded `filter`
  // object: ?user_id=…), but intercom-client 7.x's Unstable namespace (`unstable.dataEvents.lisDataEvents`)
  // sends the object as one JSON query parameter, ?filter={"user_id":"…"}. Its keys fill in the ones not sent.
  filter: Type.Optional(Type.String({ maxLength: 1024 })),
});
type ListQueryIn = Static<typeof ListQuery>;

function withFilter(q: ListQueryIn): ListQueryIn {
  if (q.filter === undefined) return q;
  let f: unknown;
  try {
    f = JSON.parse(q.filter);
  } catch {
    f = undefined;
  }
  if (!f || typeof f !== "object" || Array.isArray(f)) throw invalidParam("filter", "filter must be a JSON object with user_id, intercom_user_id or email");
  const out: ListQueryIn = { ...q };
  for (const key of ["user_id", "intercom_user_id", "email"] as const) {
    const v = (f as Record<string, unknown>)[key];
    if (v === undefined) continue;
    if (typeof v !== "string" || v.length > 255) throw invalidParam(`filter.${key}`, `filter.${key} must be a string of at most 255 characters`);
    out[key] ??= v;
  }
  return out;
}

export default async function routes(app: App) {
  app.post("/events", { schema: { body: EventBody } }, async (req, reply) => {
    await trackEvent(ctx(req), req.body);
    reply.code(202);
    return reply.send();
  });

  app.get("/events", { schema: { querystring: ListQuery } }, async (req, reply) => {
    const c = ctx(req);
    const r = await listEvents(c, withFilter(req.query));
    if (r.summary) return presentEventsEnvelope(r.contact, r.summary.map(presentSummaryItem), null);
    let next: string | null = null;
    if (r.next) {
      const qs = new URLSearchParams({ type: "user", intercom_user_id: r.contact.id, per_page: String(r.perPage), before: r.next });
      next = `${req.protocol}://${req.host}/events?${qs}`;
    }
    // The contract's response schema is the summary's; the listed events keep their own properties
    // (Intercom's list), so this body is sent as is instead of being pruned to summary items.
    const body = presentEventsEnvelope(r.contact, (r.events ?? []).map((e) => presentEvent(e, r.contact)), next);
    reply.type("application/json; charset=utf-8");
    return reply.send(JSON.stringify(body));
  });

  app.post("/events/summaries", { schema: { body: SummariesBody } }, async (req, reply) => {
    await addSummaries(ctx(req), req.body);
    reply.code(200);
    return reply.send();
  });
}
