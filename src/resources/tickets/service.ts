// Tickets: rows and rules.
//
// Tickets are kept in their own tables (tickets, ticket_parts, ticket_contacts), not as conversation
// rows: a ticket's life is its ticket state (submitted → in progress → waiting on customer → resolved),
// not a conversation's open/closed/snoozed, and GET/POST /conversations… must not list tickets. The
// part discipline is the conversations' one: an action bumps `part_seq` in the `UPDATE … RETURNING`
// that moves the ticket (row lock on PostgreSQL, writer lock on SQLite), inserts the part with that
// number (unique (ticket_id, seq)) and emits its webhook in the same transaction.
import { sql, type Selectable } from "kysely";
import type { TicketPartsTable, TicketsTable } from "../../db/tables/tickets.js";
import type { Ctx } from "../../platform/http.js";
import { ApiError, invalidParam, missingParam, notFound } from "../../platform/errors.js";
import { parseNumericId } from "../../platform/ids.js";
import { inTransaction } from "../../platform/writes.js";
import { defineJobKind, enqueueJob, wakeJobWorkers, type JobRow } from "../../platform/jobs.js";
import { inSavepoint } from "../jobs/bulk.js";
import { findAdmin } from "../admins/service.js";
import { createContact, findContactRow, type ContactRow } from "../contacts/service.js";
import { getTeam } from "../teams/service.js";
import { findCompanyRow } from "../companies/service.js";
import { attachmentsJson, checkBody } from "../conversations/service.js";
import { toStoredHtml } from "../../platform/html.js";
import { attributesOf, findTicketType, statesOfCategory, type TicketStateRow, type TicketTypeAttributeRow, type TicketTypeRow } from "../ticket_types/service.js";
import { emitTicket } from "./webhooks.js";
import type { ChangeTypeInput, ConvertInput, CreateTicketInput, TicketReplyInput, UpdateTicketInput } from "./schemas.js";

export type TicketRow = Selectable<TicketsTable>;
export type TicketPartRow = Selectable<TicketPartsTable>;

export const ticketNotFound = () => notFound("Ticket not found", "ticket_not_found");
const assigneeNotFound = () => notFound("Assignee not found", "assignee_not_found");
const MAX_ATTRIBUTE_TEXT = 65_536;

export async function findTicket(c: Ctx, rawId: unknown): Promise<TicketRow | null> {
  const id = parseNumericId(rawId);
  if (id === null) return null;
  return (await c.db.selectFrom("tickets").selectAll().where("workspace_id", "=", c.wsId).where("id", "=", id).executeTakeFirst()) ?? null;
}

export async function getTicket(c: Ctx, rawId: unknown): Promise<TicketRow> {
  const row = await findTicket(c, rawId);
  if (!row) throw ticketNotFound();
  return row;
}

// ---------------------------------------------------------------- attributes

/** Checks ticket_attributes against the type's attributes: known names, typed values; on create, the required ones. */
function checkAttributes(attrs: TicketTypeAttributeRow[], input: unknown, creating: boolean): Record<string, unknown> {
  if (input === undefined || input === null) input = {};
  if (typeof input !== "object" || Array.isArray(input)) throw invalidParam("ticket_attributes", "ticket_attributes must be an object");
  const given = input as Record<string, unknown>;
  const byName = new Map(attrs.filter((a) => !a.archived).map((a) => [a.name, a]));
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(given)) {
    const a = byName.get(name);
    if (!a) throw invalidParam("ticket_attributes", `${name} is not an attribute of this ticket type`);
    if (value === null) {
      out[name] = null;
      continue;
    }
    const bad = () => invalidParam("ticket_attributes", `${name} must be a ${a.data_type} value`);
    switch (a.data_type) {
      case "string":
        if (typeof value !== "string" || value.length > MAX_ATTRIBUTE_TEXT) throw bad();
        break;
      case "list": {
        const options = (JSON.parse(a.input_options).list_options ?? []) as Array<{ label: string; archived: boolean }>;
        if (typeof value !== "string" || !options.some((o) => o.label === value && !o.archived)) throw invalidParam("ticket_attributes", `${name} must be one of its list items`);
        break;
      }
      case "integer":
        if (!Number.isSafeInteger(value)) throw bad();
        break;
      case "decimal":
        if (typeof value !== "number" || !Number.isFinite(value)) throw bad();
        break;
      case "boolean":
        if (typeof value !== "boolean") throw bad();
        break;
      case "datetime":
        if (!(Number.isSafeInteger(value) || (typeof value === "string" && !Number.isNaN(Date.parse(value))))) throw bad();
        break;
      case "files":
        if (!Array.isArray(value) || value.length > 10 || !value.every((v) => typeof v === "string" || (v && typeof v === "object"))) throw bad();
        break;
    }
    out[name] = value;
  }
  if (creating) {
    for (const a of byName.values()) {
      if (a.required_to_create && (out[a.name] === undefined || out[a.name] === null || out[a.name] === "")) {
        throw missingParam("ticket_attributes", `${a.name} is a required attribute of this ticket type`);
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------- parts

interface NewTicketPart {
  part_type: string;
  body?: string | null;
  author_type: string;
  author_id: string;
  assigned_to?: { type: string; id: string } | null;
  previous_ticket_state?: string | null;
  ticket_state?: string | null;
  attachments?: string;
  updated_attribute_data?: unknown;
}

/** In a transaction: moves the ticket (`patch`), takes the next part number and inserts the part. */
async function addPart(t: Ctx, ticketId: number, patch: Partial<TicketRow>, part: NewTicketPart | null): Promise<{ ticket: TicketRow; part: TicketPartRow | null }> {
  const now = t.now();
  const ticket = await t.db
    .updateTable("tickets")
    .set({ ...patch, updated_at: now, ...(part ? { part_seq: sql<number>`part_seq + 1` as unknown as number } : {}) })
    .where("workspace_id", "=", t.wsId)
    .where("id", "=", ticketId)
    .returningAll()
    .executeTakeFirst();
  if (!ticket) throw ticketNotFound();
  if (!part) return { ticket, part: null };
  const row = {
    workspace_id: t.wsId,
    ticket_id: ticketId,
    seq: ticket.part_seq,
    part_type: part.part_type,
    body: part.body ?? null,
    author_type: part.author_type,
    author_id: part.author_id,
    assigned_to_type: part.assigned_to?.type ?? null,
    assigned_to_id: part.assigned_to?.id ?? null,
    previous_ticket_state: part.previous_ticket_state ?? null,
    ticket_state: part.ticket_state ?? null,
    attachments: part.attachments ?? "[]",
    updated_attribute_data: part.updated_attribute_data === undefined ? null : JSON.stringify(part.updated_attribute_data),
    created_at: now,
    updated_at: now,
  };
  const { id } = await t.db.insertInto("ticket_parts").values(row).returning("id").executeTakeFirstOrThrow();
  return { ticket, part: { ...row, id: Number(id) } };
}

export async function ticketParts(c: Ctx, ticketIds: number[]): Promise<TicketPartRow[]> {
  if (ticketIds.length === 0) return [];
  return c.db.selectFrom("ticket_parts").selectAll().where("workspace_id", "=", c.wsId).where("ticket_id", "in", ticketIds).orderBy("ticket_id").orderBy("seq").execute();
}

/** The admin an API change is attributed to when the request names none: the workspace's first admin. */
async function defaultActor(c: Ctx): Promise<number> {
  const row = await c.db.selectFrom("admins").select("id").where("workspace_id", "=", c.wsId).orderBy("id").limit(1).executeTakeFirst();
  return Number(row?.id ?? 0);
}

// ---------------------------------------------------------------- create

async function contactOf(c: Ctx, ref: { id?: unknown; external_id?: unknown; email?: unknown }): Promise<ContactRow> {
  let row: ContactRow | null | undefined = null;
  if (typeof ref.id === "string" && ref.id !== "") row = await findContactRow(c, ref.id);
  else if (typeof ref.external_id === "string" && ref.external_id !== "") {
    row = await c.db.selectFrom("contacts").selectAll().where("workspace_id", "=", c.wsId).where("external_id", "=", ref.external_id).orderBy("created_at").executeTakeFirst();
  } else if (typeof ref.email === "string" && ref.email !== "") {
    row = await c.db.selectFrom("contacts").selectAll().where("workspace_id", "=", c.wsId).where(sql<string>`lower(${sql.ref("email")})`, "=", ref.email.toLowerCase()).orderBy("created_at").executeTakeFirst();
    // as documented: an unknown email creates the contact (a lead)
    if (!row) row = await createContact(c, { role: "lead", email: ref.email } as Parameters<typeof createContact>[1]);
  } else throw missingParam("contacts", "each contact needs an id, external_id or email");
  if (!row) throw notFound("User Not Found", "not_found");
  return row;
}

async function checkAssignee(c: Ctx, kind: "admin" | "team", raw: unknown): Promise<number | null> {
  if (raw === undefined || raw === null || raw === "" || raw === "0" || raw === 0) return null;
  if (kind === "admin") {
    const admin = await findAdmin(c, raw);
    if (!admin) throw assigneeNotFound();
    return Number(admin.id);
  }
  try {
    return Number((await getTeam(c, raw)).id);
  } catch {
    throw assigneeNotFound();
  }
}

/** Validates a create request fully (also what enqueue checks before answering). */
export async function prepareTicket(c: Ctx, input: CreateTicketInput) {
  if (input.ticket_type_id === undefined || input.ticket_type_id === null || input.ticket_type_id === "") throw missingParam("ticket_type_id");
  const type = await findTicketType(c, input.ticket_type_id);
  if (!type) throw notFound("Ticket type not found", "ticket_type_not_found");
  if (!Array.isArray(input.contacts) || input.contacts.length === 0) throw missingParam("contacts", "contacts must name one contact");
  if (input.contacts.length > 1) throw invalidParam("contacts", "only one contact is allowed");
  const attrs = checkAttributes(await attributesOf(c, Number(type.id)), input.ticket_attributes, true);
  const states = await statesOfCategory(c, type.category);
  const submitted = states.find((s) => s.category === "submitted" && !s.archived) ?? states[0];
  if (!submitted) throw new ApiError(400, "parameter_invalid", "the ticket type has no states", "ticket_type_id");
  if (input.company_id !== undefined && input.company_id !== null && !(await findCompanyRow(c, String(input.company_id)))) throw notFound("Company Not Found", "company_not_found");
  const admin = await checkAssignee(c, "admin", input.assignment?.admin_assignee_id);
  const team = await checkAssignee(c, "team", input.assignment?.team_assignee_id);
  if (input.created_at !== undefined && (!Number.isSafeInteger(input.created_at) || input.created_at < 0)) throw invalidParam("created_at", "created_at must be a unix timestamp");
  return { type, attrs, submitted, admin, team };
}

export async function createTicket(c: Ctx, input: CreateTicketInput): Promise<TicketRow> {
  const p = await prepareTicket(c, input);
  return inTransaction(c, async (t) => {
    const contact = await contactOf(t, input.contacts![0]!);
    const now = t.now();
    const createdAt = input.created_at ?? now;
    const inserted = await t.db
      .insertInto("tickets")
      .values({
        workspace_id: t.wsId,
        ticket_type_id: Number(p.type.id),
        ticket_state_id: Number(p.submitted.id),
        previous_ticket_state_id: null,
        ticket_attributes: JSON.stringify(p.attrs),
        admin_assignee_id: p.admin,
        team_assignee_id: p.team,
        open: 1,
        snoozed_until: null,
        is_shared: p.type.category === "Customer" ? 1 : 0,
        company_id: input.company_id === undefined || input.company_id === null ? null : String(input.company_id),
        part_seq: 0,
        created_at: createdAt,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const id = Number(inserted.id);
    await t.db.insertInto("ticket_contacts").values({ workspace_id: t.wsId, ticket_id: id, contact_id: contact.id, added_at: now }).execute();
    const actor = await defaultActor(t);
    const { ticket } = await addPart(t, id, {}, {
      part_type: "ticket_state_updated_by_admin",
      author_type: "admin",
      author_id: String(actor),
      previous_ticket_state: "submitted",
      ticket_state: "submitted",
    });
    await emitTicket(t, "ticket.created", ticket);
    return ticket;
  });
}

// ---------------------------------------------------------------- update

/** A ticket_attribute_updated_by_admin part's data: the attribute and its new value (a list value by its option). */
function updatedAttributeData(a: TicketTypeAttributeRow, value: unknown) {
  let id: string | null = value === null || value === undefined ? null : typeof value === "string" ? value : JSON.stringify(value);
  if (a.data_type === "list" && typeof value === "string") {
    const options = (JSON.parse(a.input_options).list_options ?? []) as Array<{ id: string; label: string }>;
    id = options.find((o) => o.label === value)?.id ?? id;
  }
  const label = value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  return { attribute: { type: "attribute", id: String(a.id), label: a.name }, value: { type: "value", id, label } };
}

export async function updateTicket(c: Ctx, rawId: unknown, input: UpdateTicketInput): Promise<TicketRow> {
  const current = await getTicket(c, rawId);
  const type = (await findTicketType(c, current.ticket_type_id)) as TicketTypeRow;
  const states = await statesOfCategory(c, type.category);
  const stateById = new Map(states.map((s) => [String(s.id), s]));

  let newState: TicketStateRow | undefined;
  if (input.ticket_state_id !== undefined && input.ticket_state_id !== null) {
    newState = stateById.get(String(input.ticket_state_id));
    if (!newState || newState.archived) throw invalidParam("ticket_state_id", "Ticket state id is not valid or is not associated with the ticket type.");
  } else if (input.state !== undefined && input.state !== null) {
    newState = states.find((s) => s.category === input.state && !s.archived);
    if (!newState || input.state === "submitted") throw invalidParam("state", "state must be in_progress, waiting_on_customer or resolved");
  }
  const attrRows = await attributesOf(c, Number(type.id));
  const attrs = input.ticket_attributes === undefined ? null : checkAttributes(attrRows, input.ticket_attributes, false);
  const actorRaw = input.admin_id ?? input.assignment?.admin_id;
  let actor: number = await defaultActor(c);
  if (actorRaw !== undefined && actorRaw !== null && actorRaw !== "") {
    const a = await findAdmin(c, actorRaw);
    if (!a) throw notFound("Admin not found", "admin_not_found");
    actor = Number(a.id);
  }
  const assigneeRaw = input.assignee_id ?? input.assignment?.assignee_id;
  let assignTo: { admin: number | null; team: number | null } | null = null;
  if (assigneeRaw !== undefined && assigneeRaw !== null) {
    if (String(assigneeRaw) === "0") assignTo = { admin: null, team: null };
    else {
      const admin = await findAdmin(c, assigneeRaw);
      if (admin) assignTo = { admin: Number(admin.id), team: current.team_assignee_id };
      else {
        const team = await checkAssignee(c, "team", assigneeRaw);
        assignTo = { admin: current.admin_assignee_id, team };
      }
    }
  }
  if (input.company_id !== undefined && input.company_id !== null && !(await findCompanyRow(c, String(input.company_id)))) throw notFound("Company Not Found", "company_not_found");
  if (input.snoozed_until !== undefined && input.snoozed_until !== null && (!Number.isSafeInteger(input.snoozed_until) || input.snoozed_until <= c.now())) {
    throw invalidParam("snoozed_until", "snoozed_until must be a future unix timestamp");
  }
  const author = { author_type: "admin", author_id: String(actor) };

  return inTransaction(c, async (t) => {
    let row = (await t.db.selectFrom("tickets").selectAll().where("workspace_id", "=", t.wsId).where("id", "=", current.id).$if(t.kind === "postgres", (q) => q.forUpdate()).executeTakeFirst()) ?? null;
    if (!row) throw ticketNotFound();
    const plain: Partial<TicketRow> = {};
    if (attrs) plain.ticket_attributes = JSON.stringify({ ...JSON.parse(row.ticket_attributes), ...attrs });
    if (input.company_id !== undefined) plain.company_id = input.company_id === null ? null : String(input.company_id);
    if (input.is_shared !== undefined) plain.is_shared = input.is_shared ? 1 : 0;
    if (input.open !== undefined) {
      plain.open = input.open ? 1 : 0;
      if (!input.open) plain.snoozed_until = null; // closing unsnoozes, as documented
    }
    if (input.snoozed_until !== undefined && input.open !== false) plain.snoozed_until = input.snoozed_until;
    row = (await addPart(t, Number(row.id), plain, null)).ticket;
    // one part per attribute set, as Intercom records them
    for (const [name, value] of Object.entries(attrs ?? {})) {
      const a = attrRows.find((x) => x.name === name)!;
      row = (await addPart(t, Number(row.id), {}, { part_type: "ticket_attribute_updated_by_admin", ...author, updated_attribute_data: updatedAttributeData(a, value) })).ticket;
      await emitTicket(t, "ticket.attribute.updated", row);
    }
    if (newState && Number(newState.id) !== Number(row.ticket_state_id)) {
      const previous = stateById.get(String(row.ticket_state_id));
      row = (
        await addPart(t, Number(row.id), { ticket_state_id: Number(newState.id), previous_ticket_state_id: Number(row.ticket_state_id) }, {
          part_type: "ticket_state_updated_by_admin",
          ...author,
          previous_ticket_state: previous?.category ?? null,
          ticket_state: newState.category,
        })
      ).ticket;
      await emitTicket(t, "ticket.state.updated", row);
      if (newState.category === "resolved") await emitTicket(t, "ticket.resolved", row);
    }
    if (input.open === false && current.open === 1) await emitTicket(t, "ticket.closed", row);
    if (assignTo && (assignTo.admin !== row.admin_assignee_id || assignTo.team !== row.team_assignee_id)) {
      const adminChanged = assignTo.admin !== row.admin_assignee_id;
      const target = adminChanged ? { type: "admin", id: String(assignTo.admin ?? 0) } : { type: "team", id: String(assignTo.team ?? 0) };
      row = (await addPart(t, Number(row.id), { admin_assignee_id: assignTo.admin, team_assignee_id: assignTo.team }, { part_type: "assignment", ...author, assigned_to: target })).ticket;
      await emitTicket(t, adminChanged ? "ticket.admin.assigned" : "ticket.team.assigned", row);
    }
    return row;
  });
}

// ---------------------------------------------------------------- delete

export async function deleteTicket(c: Ctx, rawId: unknown): Promise<number> {
  const row = await getTicket(c, rawId);
  return inTransaction(c, async (t) => {
    const res = await t.db.deleteFrom("tickets").where("workspace_id", "=", t.wsId).where("id", "=", row.id).executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw ticketNotFound();
    return Number(row.id);
  });
}

// ---------------------------------------------------------------- reply

export async function replyTicket(c: Ctx, rawId: unknown, input: TicketReplyInput): Promise<TicketPartRow> {
  const ticket = await getTicket(c, rawId);
  const messageType = input.message_type;
  const body = checkBody(input.body);
  const attachments = attachmentsJson(input.attachment_urls);
  if (input.type === "user") {
    if (messageType !== undefined && messageType !== "comment") throw invalidParam("message_type", "a contact replies with a comment");
    const contact = await contactOf(c, { id: input.intercom_user_id, external_id: input.user_id, email: input.email }).catch((e) => {
      if (e instanceof ApiError && e.status === 400) throw missingParam("intercom_user_id", "One of intercom_user_id, user_id or email is required");
      throw e;
    });
    if (body === null && attachments === "[]") throw missingParam("body");
    return inTransaction(c, async (t) => {
      const r = await addPart(t, Number(ticket.id), {}, { part_type: "comment", body: body === null ? null : toStoredHtml(body), author_type: contact.role === "lead" ? "lead" : "user", author_id: contact.id, attachments });
      await emitTicket(t, "ticket.contact.replied", r.ticket);
      return r.part!;
    });
  }
  if (input.type !== "admin") throw invalidParam("type", "type must be admin or user");
  if (!["comment", "note", "quick_reply"].includes(messageType ?? "")) throw invalidParam("message_type", "message_type must be comment, note or quick_reply");
  const admin = await findAdmin(c, input.admin_id);
  if (input.admin_id === undefined || input.admin_id === null) throw missingParam("admin_id");
  if (!admin) throw notFound("Admin not found", "admin_not_found");
  if (messageType !== "quick_reply" && body === null && attachments === "[]") throw missingParam("body");
  return inTransaction(c, async (t) => {
    const r = await addPart(t, Number(ticket.id), {}, { part_type: messageType!, body: body === null ? null : toStoredHtml(body), author_type: "admin", author_id: String(admin.id), attachments });
    await emitTicket(t, messageType === "note" ? "ticket.note.created" : "ticket.admin.replied", r.ticket);
    return r.part!;
  });
}

/** Moves updated_at (a tag, a link): no part. */
export async function touchTicket(t: Ctx, ticketId: number): Promise<TicketRow> {
  return (await addPart(t, ticketId, {}, null)).ticket;
}

// ---------------------------------------------------------------- enqueue (2.14+)

/** The job kind of POST /tickets/enqueue on the jobs platform (src/platform/jobs.ts). */
export const TICKET_JOB_KIND = "ticket_create";

interface TicketJobParams {
  /** the request to carry out */
  request: CreateTicketInput;
  /** the version and token admin of the request (jobs migrated from ticket_jobs have neither) */
  version?: string;
  token_admin_id?: number | null;
}

/**
 * POST /tickets/enqueue: validates as POST /tickets does (a bad request is refused, not enqueued, as
 * documented) and records a pending job of the jobs platform; a job worker creates the ticket in the
 * background (`ticket_create` below), and the job then shows `success` with the ticket's id, or `failed`
 * when the creation failed meanwhile (e.g. the contact was deleted). A job survives a restart: a pending
 * one, or one whose worker died, is taken by the next worker. Ticket jobs keep Intercom's numeric ids
 * (its example answers `"id": "20"`): the identifier is the job row's id, so never another job's.
 */
export async function enqueueTicket(c: Ctx, input: CreateTicketInput): Promise<JobRow> {
  await prepareTicket(c, input);
  const params: TicketJobParams = { request: input, version: String(c.version), token_admin_id: c.ws.token_admin_id ?? null };
  const job = await inTransaction(c, async (t) => {
    const row = await enqueueJob(t.db, t.wsId, { kind: TICKET_JOB_KIND, params, now: t.now(), total: 1 });
    return t.db.updateTable("jobs").set({ identifier: String(row.id) }).where("id", "=", Number(row.id)).returningAll().executeTakeFirstOrThrow();
  });
  wakeJobWorkers(); // committed now
  return job;
}

defineJobKind(TICKET_JOB_KIND, {
  // one step: the ticket is created in a savepoint of the step's transaction, so a failure is undone
  // alone and the job is marked failed in the same commit; a crash before the commit leaves it pending
  async step(tx, job, sc) {
    const params = JSON.parse(job.params || "{}") as Partial<TicketJobParams>;
    const ws = await tx.selectFrom("workspaces").selectAll().where("id", "=", job.workspace_id).executeTakeFirstOrThrow();
    const c: Ctx = {
      db: tx,
      kind: sc.kind,
      ws: { ...ws, token_admin_id: params.token_admin_id ?? null },
      wsId: ws.id,
      version: (params.version ?? ws.default_version) as Ctx["version"],
      now: () => sc.now,
    };
    try {
      const ticket = await inSavepoint(tx, () => createTicket(c, params.request ?? {}));
      return { state: {}, processed: 1, total: 1, result: { resource_id: String(ticket.id) }, done: "completed" };
    } catch (err) {
      return { state: {}, processed: 0, total: 1, done: "failed", error: String((err as Error)?.message ?? err).slice(0, 500) };
    }
  },
});

// ---------------------------------------------------------------- change type (2.16)

/**
 * The new type must be of the ticket's category and the state one of its states. Attributes whose name
 * and data type the new type also has carry over; `ticket_attributes` override them.
 */
export async function changeTicketType(c: Ctx, rawId: unknown, input: ChangeTypeInput): Promise<TicketRow> {
  const ticket = await getTicket(c, rawId);
  if (input.ticket_type_id === undefined || input.ticket_type_id === null || input.ticket_type_id === "") throw missingParam("ticket_type_id", "ticket_type_id is a required parameter");
  if (input.ticket_state_id === undefined || input.ticket_state_id === null || input.ticket_state_id === "") throw missingParam("ticket_state_id", "ticket_state_id is a required parameter");
  const [oldType, newType] = await Promise.all([findTicketType(c, ticket.ticket_type_id), findTicketType(c, input.ticket_type_id)]);
  if (!newType) throw notFound("Ticket type not found", "ticket_type_not_found");
  if (newType.category !== oldType!.category) throw invalidParam("ticket_type_id", "The new ticket type must be in the same category as the current type");
  const state = (await statesOfCategory(c, newType.category)).find((s) => String(s.id) === String(input.ticket_state_id) && !s.archived);
  if (!state) throw invalidParam("ticket_state_id", "Ticket state id is not valid or is not associated with the ticket type.");
  const [oldAttrs, newAttrs] = await Promise.all([attributesOf(c, Number(oldType!.id)), attributesOf(c, Number(newType.id))]);
  const given = checkAttributes(newAttrs, input.ticket_attributes, false);
  const current = JSON.parse(ticket.ticket_attributes) as Record<string, unknown>;
  const carried: Record<string, unknown> = {};
  for (const a of newAttrs) {
    const old = oldAttrs.find((o) => o.name === a.name && o.data_type === a.data_type);
    if (old && current[a.name] !== undefined) carried[a.name] = current[a.name];
  }
  const attrs = { ...carried, ...given };
  return inTransaction(c, async (t) => {
    const previous = await t.db.selectFrom("ticket_states").select("category").where("id", "=", ticket.ticket_state_id).executeTakeFirst();
    const patch: Partial<TicketRow> = { ticket_type_id: Number(newType.id), ticket_attributes: JSON.stringify(attrs) };
    if (Number(state.id) !== Number(ticket.ticket_state_id)) {
      Object.assign(patch, { ticket_state_id: Number(state.id), previous_ticket_state_id: Number(ticket.ticket_state_id) });
      const { ticket: row } = await addPart(t, Number(ticket.id), patch, {
        part_type: "ticket_state_updated_by_admin",
        author_type: "admin",
        author_id: String(await defaultActor(t)),
        previous_ticket_state: previous?.category ?? null,
        ticket_state: state.category,
      });
      await emitTicket(t, "ticket.state.updated", row);
      return row;
    }
    return (await addPart(t, Number(ticket.id), patch, null)).ticket;
  });
}

// ---------------------------------------------------------------- linked conversations (2.16)

export const MAX_LINKED_CONVERSATIONS = 2500;
const notTracker = (what: string) => new ApiError(400, "invalid_ticket_type", `Only tracker tickets support ${what} conversations`);
const conversationNotFound = (message = "Conversation not found") => notFound(message, "conversation_not_found");

async function trackerTicket(c: Ctx, rawId: unknown, what: string): Promise<TicketRow> {
  const ticket = await getTicket(c, rawId);
  const type = await findTicketType(c, ticket.ticket_type_id);
  if (type?.category !== "Tracker") throw notTracker(what);
  return ticket;
}

/** Links a conversation to a tracker ticket; a conversation has one tracker (a unique index decides). Returns the conversation id. */
export async function linkConversation(c: Ctx, rawTicketId: unknown, rawConversationId: unknown): Promise<number> {
  const ticket = await trackerTicket(c, rawTicketId, "linking");
  if (rawConversationId === undefined || rawConversationId === null || rawConversationId === "") throw missingParam("conversation_id", "conversation_id not specified");
  const convId = parseNumericId(rawConversationId);
  const conv = convId === null ? undefined : await c.db.selectFrom("conversations").select("id").where("workspace_id", "=", c.wsId).where("id", "=", convId).executeTakeFirst();
  if (!conv) throw conversationNotFound();
  return inTransaction(c, async (t) => {
    const existing = await t.db.selectFrom("ticket_conversation_links").select("ticket_id").where("conversation_id", "=", Number(conv.id)).executeTakeFirst();
    if (existing && Number(existing.ticket_id) === Number(ticket.id)) return Number(conv.id);
    if (existing) throw new ApiError(400, "already_linked_to_tracker", "A conversation can only have one tracker ticket");
    const n = await t.db.selectFrom("ticket_conversation_links").select((eb) => eb.fn.countAll<number>().as("n")).where("ticket_id", "=", Number(ticket.id)).executeTakeFirstOrThrow();
    if (Number(n.n) >= MAX_LINKED_CONVERSATIONS) throw new ApiError(400, "linked_conversation_limit_exceeded", "Ticket has reached the maximum number of conversations that can be linked");
    const inserted = await t.db
      .insertInto("ticket_conversation_links")
      .values({ workspace_id: t.wsId, ticket_id: Number(ticket.id), conversation_id: Number(conv.id), linked_at: t.now() })
      .onConflict((oc) => oc.doNothing())
      .returning("ticket_id")
      .executeTakeFirst();
    if (!inserted) throw new ApiError(400, "already_linked_to_tracker", "A conversation can only have one tracker ticket");
    await touchTicket(t, Number(ticket.id));
    return Number(conv.id);
  });
}

export async function unlinkConversation(c: Ctx, rawTicketId: unknown, rawConversationId: unknown): Promise<number> {
  const ticket = await trackerTicket(c, rawTicketId, "unlinking");
  const convId = parseNumericId(rawConversationId);
  if (convId === null) throw conversationNotFound("Conversation is not linked to this ticket");
  return inTransaction(c, async (t) => {
    const res = await t.db.deleteFrom("ticket_conversation_links").where("workspace_id", "=", t.wsId).where("ticket_id", "=", Number(ticket.id)).where("conversation_id", "=", convId).executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw conversationNotFound("Conversation is not linked to this ticket");
    await touchTicket(t, Number(ticket.id));
    return convId;
  });
}

/** The objects linked to tickets: tracker links and the conversation a ticket was converted from. */
export async function linkedObjects(c: Ctx, ticketIds: number[]): Promise<Map<number, Array<{ type: string; id: string; category: string | null }>>> {
  const out = new Map<number, Array<{ type: string; id: string; category: string | null }>>();
  if (ticketIds.length === 0) return out;
  const [links, conversions] = await Promise.all([
    c.db.selectFrom("ticket_conversation_links").select(["ticket_id", "conversation_id"]).where("workspace_id", "=", c.wsId).where("ticket_id", "in", ticketIds).orderBy("linked_at").execute(),
    c.db.selectFrom("ticket_conversions").select(["ticket_id", "conversation_id"]).where("workspace_id", "=", c.wsId).where("ticket_id", "in", ticketIds).execute(),
  ]);
  for (const l of [...conversions, ...links]) {
    const list = out.get(Number(l.ticket_id)) ?? [];
    list.push({ type: "conversation", id: String(l.conversation_id), category: null });
    out.set(Number(l.ticket_id), list);
  }
  return out;
}

// ---------------------------------------------------------------- convert (2.10+)

/**
 * POST /conversations/{id}/convert: a ticket of a Customer type for the conversation's first contact,
 * linked to the conversation (its linked_objects). A conversation converts once: a second convert is a
 * 400 (the conversions table's primary key decides under races).
 */
export async function convertConversation(c: Ctx, rawConversationId: unknown, input: ConvertInput): Promise<TicketRow> {
  const convId = parseNumericId(rawConversationId);
  const conv = convId === null ? undefined : await c.db.selectFrom("conversations").select("id").where("workspace_id", "=", c.wsId).where("id", "=", convId).executeTakeFirst();
  if (!conv) throw notFound("Conversation not found", "not_found");
  if (input.ticket_type_id === undefined || input.ticket_type_id === null || input.ticket_type_id === "") throw missingParam("ticket_type_id");
  const type = await findTicketType(c, input.ticket_type_id);
  if (!type) throw notFound("Ticket type not found", "ticket_type_not_found");
  if (type.category !== "Customer") throw invalidParam("ticket_type_id", "Ticket type is not a customer ticket type");
  const contact = await c.db.selectFrom("conversation_contacts").select("contact_id").where("workspace_id", "=", c.wsId).where("conversation_id", "=", Number(conv.id)).orderBy("added_at").executeTakeFirst();
  if (!contact) throw invalidParam("id", "the conversation has no contact");
  return inTransaction(c, async (t) => {
    const already = await t.db.selectFrom("ticket_conversions").select("ticket_id").where("conversation_id", "=", Number(conv.id)).executeTakeFirst();
    if (already) throw invalidParam("id", "The conversation has already been converted to a ticket");
    const ticket = await createTicket(t, { ticket_type_id: String(type.id), contacts: [{ id: contact.contact_id }], ticket_attributes: input.attributes });
    await t.db.insertInto("ticket_conversions").values({ conversation_id: Number(conv.id), workspace_id: t.wsId, ticket_id: Number(ticket.id), converted_at: t.now() }).execute();
    return ticket;
  });
}
