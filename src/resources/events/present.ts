// Data events as Intercom presents them.
import { parseJson } from "../../platform/json.js";
import type { ContactRow } from "../contacts/service.js";
import type { EventRow, SummaryRow } from "./service.js";

export function presentEvent(row: EventRow, contact: ContactRow) {
  return {
    type: "event",
    id: String(row.id),
    event_name: row.event_name,
    created_at: Number(row.created_at),
    user_id: contact.external_id ?? undefined,
    email: contact.email ?? undefined,
    intercom_user_id: contact.id,
    metadata: parseJson<Record<string, unknown>>(row.metadata, {}),
  };
}

const iso = (s: number) => new Date(s * 1000).toISOString().replace("Z", "+00:00");

export function presentSummaryItem(row: SummaryRow) {
  return { name: row.event_name, first: iso(Number(row.first_at)), last: iso(Number(row.last_at)), count: Number(row.count), description: "" };
}

/** The envelope GET /events answers (Intercom's type is event.summary for both the list and the summary). */
export function presentEventsEnvelope(contact: ContactRow, events: unknown[], next: string | null) {
  return {
    type: "event.summary",
    email: contact.email ?? undefined,
    intercom_user_id: contact.id,
    user_id: contact.external_id ?? undefined,
    events,
    pages: next ? { next } : {},
  };
}
