// Ticket rows → Intercom JSON (the newest shape; before 2.12 ticket_state is the category string with
// its labels beside it; before 2.16 assignee ids are strings, "0" when unassigned).
import type { Ctx } from "../../platform/http.js";
import { since } from "../../platform/since.js";
import { getTicketType, type TicketStateRow } from "../ticket_types/service.js";
import { presentTicketState, presentTicketType } from "../ticket_types/present.js";
import { linkedObjects, ticketParts, type TicketPartRow, type TicketRow } from "./service.js";

export const MAX_TICKET_PARTS_SHOWN = 500;

interface People {
  admins: Map<string, { name: string; email: string }>;
  contacts: Map<string, { name: string | null; email: string | null }>;
}

async function loadPeople(c: Ctx, parts: TicketPartRow[]): Promise<People> {
  const a = [...new Set(parts.filter((p) => p.author_type === "admin").map((p) => Number(p.author_id)))].filter((n) => Number.isSafeInteger(n));
  const k = [...new Set(parts.filter((p) => p.author_type !== "admin").map((p) => p.author_id))];
  const [admins, contacts] = await Promise.all([
    a.length ? c.db.selectFrom("admins").select(["id", "name", "email"]).where("workspace_id", "=", c.wsId).where("id", "in", a).execute() : [],
    k.length ? c.db.selectFrom("contacts").select(["id", "name", "email"]).where("workspace_id", "=", c.wsId).where("id", "in", k).execute() : [],
  ]);
  return { admins: new Map(admins.map((r) => [String(r.id), r])), contacts: new Map(contacts.map((r) => [r.id, r])) };
}

function author(people: People, type: string, id: string) {
  const p = type === "admin" ? people.admins.get(id) : people.contacts.get(id);
  return { id, type, name: p?.name ?? "", email: p?.email ?? "" };
}

export function presentTicketPart(people: People, p: TicketPartRow) {
  return {
    type: "ticket_part",
    id: String(p.id),
    part_type: p.part_type,
    body: p.body,
    ...(p.ticket_state !== null ? { previous_ticket_state: p.previous_ticket_state ?? p.ticket_state, ticket_state: p.ticket_state } : {}),
    created_at: Number(p.created_at),
    updated_at: Number(p.updated_at),
    assigned_to: p.assigned_to_type && p.assigned_to_id !== null ? { type: p.assigned_to_type, id: p.assigned_to_id } : null,
    author: author(people, p.author_type, p.author_id),
    attachments: JSON.parse(p.attachments) as unknown[],
    redacted: false,
    ...(p.updated_attribute_data !== null ? { updated_attribute_data: JSON.parse(p.updated_attribute_data) } : {}),
  };
}

/** A reply's part, alone (POST /tickets/{id}/reply). */
export async function presentTicketReply(c: Ctx, p: TicketPartRow) {
  return presentTicketPart(await loadPeople(c, [p]), p);
}

export interface PresentTicketOptions {
  parts?: boolean;
}

export async function presentTickets(c: Ctx, rows: TicketRow[], opts: PresentTicketOptions = { parts: true }) {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => Number(r.id));
  const [contacts, states, parts, links] = await Promise.all([
    c.db
      .selectFrom("ticket_contacts")
      .innerJoin("contacts", "contacts.id", "ticket_contacts.contact_id")
      .select(["ticket_contacts.ticket_id", "contacts.id", "contacts.external_id", "contacts.role"])
      .where("ticket_contacts.workspace_id", "=", c.wsId)
      .where("ticket_contacts.ticket_id", "in", ids)
      .orderBy("ticket_contacts.added_at")
      .execute(),
    c.db.selectFrom("ticket_states").selectAll().where("workspace_id", "=", c.wsId).execute(),
    opts.parts ? ticketParts(c, ids) : Promise.resolve([] as TicketPartRow[]),
    linkedObjects(c, ids),
  ]);
  const people = await loadPeople(c, parts);
  const stateById = new Map<string, TicketStateRow>(states.map((s) => [String(s.id), s]));
  const types = new Map<string, Awaited<ReturnType<typeof getTicketType>>>();
  for (const tid of new Set(rows.map((r) => String(r.ticket_type_id)))) types.set(tid, await getTicketType(c, tid));
  const stateObject = since(c.version, "ticketStateObject");
  const idsAreIntegers = since(c.version, "unassignedIsZero");
  const assignee = (v: number | null) => (idsAreIntegers ? Number(v ?? 0) : String(v ?? 0));
  return rows.map((r) => {
    const type = types.get(String(r.ticket_type_id))!;
    const state = stateById.get(String(r.ticket_state_id))!;
    const mine = parts.filter((p) => Number(p.ticket_id) === Number(r.id));
    const shown = mine.slice(-MAX_TICKET_PARTS_SHOWN);
    return {
      type: "ticket",
      id: String(r.id),
      ticket_id: String(r.id),
      category: type.category,
      ticket_attributes: JSON.parse(r.ticket_attributes) as Record<string, unknown>,
      ...(stateObject
        ? { ticket_state: presentTicketState(state) }
        : { ticket_state: state.category, ticket_state_internal_label: state.internal_label, ticket_state_external_label: state.external_label }),
      ticket_type: presentTicketType(type),
      contacts: {
        type: "contact.list",
        contacts: contacts.filter((x) => Number(x.ticket_id) === Number(r.id)).map((x) => ({ type: "contact", id: x.id, external_id: x.external_id, role: x.role })),
      },
      admin_assignee_id: assignee(r.admin_assignee_id),
      team_assignee_id: assignee(r.team_assignee_id),
      created_at: Number(r.created_at),
      updated_at: Number(r.updated_at),
      open: r.open === 1,
      ...(r.snoozed_until !== null ? { snoozed_until: Number(r.snoozed_until) } : {}),
      linked_objects: (() => {
        const data = links.get(Number(r.id)) ?? [];
        return { type: "list", data, total_count: data.length, has_more: false };
      })(),
      ...(opts.parts ? { ticket_parts: { type: "ticket_part.list", ticket_parts: shown.map((p) => presentTicketPart(people, p)), total_count: mine.length } } : {}),
      is_shared: r.is_shared === 1,
      ...(r.previous_ticket_state_id !== null ? { previous_ticket_state_id: String(r.previous_ticket_state_id) } : {}),
    };
  });
}

export async function presentTicket(c: Ctx, row: TicketRow, opts: PresentTicketOptions = { parts: true }) {
  return (await presentTickets(c, [row], opts))[0]!;
}

