// Data events: POST /events, GET /events (list or summary), POST /events/summaries.
import { sql } from "kysely";
import type { Selectable } from "kysely";
import type { DataEventsTable, DataEventSummariesTable } from "../../db/tables/jobs.js";
import type { Ctx } from "../../platform/http.js";
import { invalidParam, missingParam, notFound } from "../../platform/errors.js";
import { decodeCursor, encodeCursor } from "../../platform/pagination.js";
import { inTransaction } from "../../platform/writes.js";
import type { ContactRow } from "../contacts/service.js";
import { emitEventCreated } from "./webhooks.js";
import type { EventInput, SummariesInput } from "./schemas.js";

export type EventRow = Selectable<DataEventsTable>;
export type SummaryRow = Selectable<DataEventSummariesTable>;

/** Intercom tracks at most 10 metadata keys per event and ignores the rest (in the order sent). */
export const MAX_METADATA_KEYS = 10;
export const MAX_METADATA_STRING = 255;
const EVENT_NAME_MAX = 255;

const userNotFound = () => notFound("User Not Found", "not_found");

// Leniency (Intercom is more lenient than its description): an event may name its contact several ways at
// once, and the first that names a contact wins (id, then user_id, then email). Evidence: the official
// intercom-node integration suite (tests/integration/events.test.ts) sends a random string as `id` next to a
// real user's `user_id`, and expects the event tracked.
/** The contact an event or a listing names: `id` (any role), `user_id` (a user's external id) or `email`. */
export async function contactFor(c: Ctx, by: { id?: string; user_id?: string; email?: string }): Promise<ContactRow> {
  let q = c.db.selectFrom("contacts").selectAll().where("workspace_id", "=", c.wsId);
  if (by.id) q = q.where("id", "=", by.id);
  else if (by.user_id) q = q.where("role", "=", "user").where("external_id", "=", by.user_id);
  else if (by.email) q = q.where(sql<string>`lower(email)`, "=", by.email.toLowerCase()).orderBy(sql`case when role = 'user' then 0 else 1 end`).orderBy("created_at");
  else throw missingParam("user_id", "One of id, user_id or email is required");
  const row = await q.limit(1).executeTakeFirst();
  if (!row) throw userNotFound();
  return row;
}

/** The contact the first of id, user_id, email that names one (see EventInput); 404 when none does. */
async function contactNamedByAny(c: Ctx, by: { id?: string; user_id?: string; email?: string }): Promise<ContactRow> {
  const ways = [{ id: by.id }, { user_id: by.user_id }, { email: by.email }].filter((w) => Object.values(w)[0]);
  for (const [i, way] of ways.entries()) {
    try {
      return await contactFor(c, way);
    } catch (err) {
      if (i === ways.length - 1) throw err;
    }
  }
  throw userNotFound();
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isUrl = (s: string) => /^https?:\/\/\S+$/i.test(s);

/** The first 10 keys of the metadata, each of a documented type; anything else is a 400 naming the key. */
export function readMetadata(raw: unknown): Record<string, unknown> {
  if (raw === undefined || raw === null) return {};
  if (!isPlainObject(raw)) throw invalidParam("metadata", "metadata must be an object");
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw).slice(0, MAX_METADATA_KEYS)) {
    const field = `metadata.${key}`;
    if (key.length === 0 || key.length > 190) throw invalidParam(field, "metadata keys must be 1 to 190 characters");
    if (value === null) out[key] = null;
    else if (typeof value === "string") {
      if (value.length > MAX_METADATA_STRING) throw invalidParam(field, `${field} must be at most ${MAX_METADATA_STRING} characters`);
      out[key] = value;
    } else if (typeof value === "number") {
      if (!Number.isFinite(value)) throw invalidParam(field, `${field} must be a finite number`);
      if (key.endsWith("_date") && !Number.isInteger(value)) throw invalidParam(field, `${field} must be a unix timestamp`);
      out[key] = value;
    } else if (typeof value === "boolean") out[key] = value;
    else if (isPlainObject(value)) {
      const keys = Object.keys(value).sort().join(",");
      if (keys === "url,value" && typeof value.url === "string" && isUrl(value.url) && typeof value.value === "string" && value.value.length <= MAX_METADATA_STRING) {
        out[key] = { url: value.url, value: value.value };
      } else if (keys === "amount,currency" && Number.isSafeInteger(value.amount) && (value.amount as number) >= 0 && typeof value.currency === "string" && /^[a-zA-Z]{3}$/.test(value.currency)) {
        out[key] = { amount: value.amount, currency: value.currency.toLowerCase() };
      } else {
        throw invalidParam(field, `${field} must be a string, number, date, link, rich link ({url, value}) or monetary amount ({amount, currency}); nested objects are not supported`);
      }
    } else throw invalidParam(field, `${field} must be a string, number, date, link, rich link or monetary amount`);
  }
  return out;
}

/** Tracks an event; a duplicate (same contact, name and created_at) is accepted and ignored. */
export async function trackEvent(c: Ctx, input: EventInput): Promise<{ row: EventRow; contact: ContactRow } | null> {
  const name = typeof input.event_name === "string" ? input.event_name.trim() : "";
  if (!name) throw missingParam("event_name", "event_name is required");
  if (name.length > EVENT_NAME_MAX) throw invalidParam("event_name", `event_name must be at most ${EVENT_NAME_MAX} characters`);
  const createdAt = input.created_at ?? c.now();
  if (!Number.isSafeInteger(createdAt) || createdAt < 0) throw invalidParam("created_at", "created_at must be a unix timestamp");
  if (!input.id && !input.user_id && !input.email) throw missingParam("user_id", "One of id, user_id or email is required");
  const metadata = readMetadata(input.metadata);
  const contact = await contactNamedByAny(c, input);
  return inTransaction(c, async (t) => {
    const row = await t.db
      .insertInto("data_events")
      .values({ workspace_id: t.wsId, contact_id: contact.id, event_name: name, created_at: createdAt, metadata: JSON.stringify(metadata) })
      .onConflict((oc) => oc.columns(["workspace_id", "contact_id", "event_name", "created_at"]).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) return null; // a duplicate
    await addToSummary(t, contact.id, name, 1, createdAt, createdAt);
    await emitEventCreated(t, row, contact);
    return { row, contact };
  });
}

async function addToSummary(t: Ctx, contactId: string, name: string, count: number, first: number, last: number) {
  await t.db
    .insertInto("data_event_summaries")
    .values({ workspace_id: t.wsId, contact_id: contactId, event_name: name, count, first_at: first, last_at: last })
    .onConflict((oc) =>
      oc.columns(["workspace_id", "contact_id", "event_name"]).doUpdateSet({
        count: sql`data_event_summaries.count + excluded.count`,
        first_at: sql`case when excluded.first_at < data_event_summaries.first_at then excluded.first_at else data_event_summaries.first_at end`,
        last_at: sql`case when excluded.last_at > data_event_summaries.last_at then excluded.last_at else data_event_summaries.last_at end`,
      }),
    )
    .execute();
}


/** POST /events/summaries: adds counts (with first/last times) to a user's event summaries. */
export async function addSummaries(c: Ctx, input: SummariesInput): Promise<void> {
  if (!input.user_id) throw missingParam("user_id", "user_id is required");
  const raw = input.event_summaries;
  if (raw === undefined || raw === null) throw missingParam("event_summaries", "event_summaries is required");
  const list = Array.isArray(raw) ? raw : [raw];
  const items = list.map((s, i) => {
    const field = Array.isArray(raw) ? `event_summaries[${i}]` : "event_summaries";
    const name = typeof s.event_name === "string" ? s.event_name.trim() : "";
    if (!name) throw missingParam(`${field}.event_name`, `${field}.event_name is required`);
    if (name.length > EVENT_NAME_MAX) throw invalidParam(`${field}.event_name`, `event_name must be at most ${EVENT_NAME_MAX} characters`);
    const count = s.count ?? 1;
    if (!Number.isSafeInteger(count) || count < 1) throw invalidParam(`${field}.count`, "count must be a positive integer");
    const first = s.first ?? s.last ?? c.now();
    const last = s.last ?? first;
    for (const [k, v] of [["first", first], ["last", last]] as const) if (!Number.isSafeInteger(v) || v < 0) throw invalidParam(`${field}.${k}`, `${k} must be a unix timestamp`);
    if (last < first) throw invalidParam(`${field}.last`, "last must not be before first");
    return { name, count, first, last };
  });
  const contact = await contactFor(c, { user_id: input.user_id });
  await inTransaction(c, async (t) => {
    for (const s of items) await addToSummary(t, contact.id, s.name, s.count, s.first, s.last);
  });
}

export interface ListQuery {
  type?: string;
  user_id?: string;
  intercom_user_id?: string;
  email?: string;
  summary?: boolean | string;
  per_page?: number | string;
  before?: string;
}

export const EVENTS_DEFAULT_PER_PAGE = 50;
export const EVENTS_MAX_PER_PAGE = 150;

/** GET /events: the contact's events newest first (keyset on created_at, id), or its summaries. */
export async function listEvents(c: Ctx, q: ListQuery) {
  if (q.type === undefined || q.type === "") throw missingParam("type", "type is required");
  if (q.type !== "user") throw invalidParam("type", "type must be user");
  if (!q.user_id && !q.intercom_user_id && !q.email) throw missingParam("user_id", "One of user_id, intercom_user_id or email is required");
  const contact = await contactFor(c, { id: q.intercom_user_id, user_id: q.intercom_user_id ? undefined : q.user_id, email: q.intercom_user_id || q.user_id ? undefined : q.email });
  const summary = q.summary === true || q.summary === "true";
  if (summary) {
    const rows = await c.db
      .selectFrom("data_event_summaries")
      .selectAll()
      .where("workspace_id", "=", c.wsId)
      .where("contact_id", "=", contact.id)
      .orderBy("last_at", "desc")
      .orderBy("event_name")
      .limit(1000)
      .execute();
    return { contact, summary: rows, events: null, next: null };
  }
  let perPage = EVENTS_DEFAULT_PER_PAGE;
  if (q.per_page !== undefined && q.per_page !== "") {
    const n = Number(q.per_page);
    if (!Number.isInteger(n) || n < 1 || n > EVENTS_MAX_PER_PAGE) throw invalidParam("per_page", `per_page must be an integer between 1 and ${EVENTS_MAX_PER_PAGE}`);
    perPage = n;
  }
  let query = c.db.selectFrom("data_events").selectAll().where("workspace_id", "=", c.wsId).where("contact_id", "=", contact.id);
  if (q.before) {
    const cur = decodeCursor(q.before, "before");
    const [at, id] = cur.k;
    if (!Number.isSafeInteger(at) || !Number.isSafeInteger(id)) throw invalidParam("before", "before is not a valid cursor");
    query = query.where((eb) => eb.or([eb("created_at", "<", at as number), eb.and([eb("created_at", "=", at as number), eb("id", "<", id as number)])]));
  }
  const rows = await query.orderBy("created_at", "desc").orderBy("id", "desc").limit(perPage + 1).execute();
  const more = rows.length > perPage;
  const page = rows.slice(0, perPage);
  const last = page[page.length - 1];
  const next = more && last ? encodeCursor({ p: 1, k: [Number(last.created_at), Number(last.id)] }) : null;
  return { contact, summary: null, events: page, next, perPage };
}
