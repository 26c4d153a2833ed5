// Conversations: the rows and the rules every inbox action shares.
//
// - Every action that adds a part (reply, note, close, snooze, open, assign, a snooze waking) runs in one
//   transaction: `UPDATE conversations SET part_seq = part_seq + 1, … RETURNING *` takes the row lock
//   (PostgreSQL) or the writer lock (SQLite), moves the state and statistics in the same statement, and
//   hands out the part's sequence number; the part is inserted with it (unique (conversation_id, seq)),
//   and the webhook is emitted on the same transaction. Two replies racing on one conversation both land,
//   numbered in the order they committed.
// - A snooze wakes lazily: reading, listing or acting on a conversation whose snoozed_until has passed on
//   the workspace clock first opens it (a conditional update: only one waker wins) with a
//   `timer_unsnooze` part.
// - Ids are numbers, sent as strings. A conversation from another workspace is 404, as an unknown one.
import type { Kysely, RawBuilder, UpdateObject, Updateable } from "kysely";
import { sql } from "kysely";
import type { DB } from "../../db/types.js";
import type { ConversationsTable } from "../../db/tables/inbox.js";
import { compiledOnce } from "../../db/compiled.js";
import type { Ctx } from "../../platform/http.js";
import { ApiError, badRequest, invalidParam, missingParam, notFound } from "../../platform/errors.js";
import { parseNumericId } from "../../platform/ids.js";
import { keysetPage, keysetPageCounted, readPageNumber, readPageRequest } from "../../platform/pagination.js";
import { emitWebhook } from "../../platform/webhooks.js";
import { toStoredHtml } from "../../platform/html.js";
import { findAdmin } from "../admins/service.js";
import { findContactRow, userNotFound } from "../contacts/service.js";
import type { ContactRow } from "../contacts/service.js";
import { convertVisitor } from "../visitors/service.js";
import type { Selectable } from "kysely";
import type { ConversationPartsTable } from "../../db/tables/inbox.js";
import { emitConversationItem, presentedForLater } from "./webhooks.js";
import type { CreateInput, CustomerInput, ReplyInput, UpdateInput } from "./schemas.js";

export type ConversationRow = Selectable<ConversationsTable> & { fromSeq?: number };
export type PartRow = Selectable<ConversationPartsTable>;

export const conversationNotFound = () => notFound("Resource Not Found", "not_found");
export const adminNotFound = () => notFound("Admin not found", "admin_not_found");

/** Bounds on what a request may carry. */
export const MAX_BODY = 65_536;
export const MAX_ATTACHMENTS = 10;
export const MAX_CUSTOM_ATTRIBUTES = 100;

type Db = Kysely<DB>;
/** Columns to set: values, or SQL expressions over the row (evaluated under its lock). */
export type ConvPatch = { [K in keyof Updateable<ConversationsTable>]?: Updateable<ConversationsTable>[K] | RawBuilder<unknown> };

/** A transaction's context: the same request, its queries on the transaction. */
export const inTx = (c: Ctx, tx: Db): Ctx => ({ ...c, db: tx });

// ---------------------------------------------------------------- lookups

const conversationById = compiledOnce(2, (db, wsId: string, id: number) => db.selectFrom("conversations").selectAll().where("workspace_id", "=", wsId).where("id", "=", id));

async function findRow(c: Ctx, id: number): Promise<ConversationRow | null> {
  const [row] = await conversationById(c.db, c.kind, c.wsId, id);
  return row ?? null;
}

/** The conversation (woken if its snooze is over), or 404. */
export async function getConversationRow(c: Ctx, rawId: unknown): Promise<ConversationRow> {
  const id = parseNumericId(rawId);
  const row = id === null ? null : await findRow(c, id);
  if (!row) throw conversationNotFound();
  return wakeIfDue(c, row);
}

/** An admin of the workspace named by a request's admin_id, or 404 admin_not_found. */
export async function actingAdmin(c: Ctx, rawId: unknown, field = "admin_id") {
  if (rawId === undefined || rawId === null || rawId === "") throw missingParam(field, `${field} is required`);
  const admin = await findAdmin(c, rawId);
  if (!admin) throw adminNotFound();
  return admin;
}

/** A contact named as Intercom's reply and participant forms name one: intercom_user_id, user_id (external id) or email. */
export async function contactBy(c: Ctx, by: { intercom_user_id?: unknown; user_id?: unknown; email?: unknown; id?: unknown }): Promise<ContactRow> {
  const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : typeof v === "number" ? String(v) : null);
  const id = str(by.intercom_user_id) ?? str(by.id);
  let row: ContactRow | null | undefined = null;
  if (id) row = await findContactRow(c, id);
  else if (str(by.user_id)) {
    row = await c.db.selectFrom("contacts").selectAll().where("workspace_id", "=", c.wsId).where("external_id", "=", str(by.user_id)).orderBy("created_at").executeTakeFirst();
  } else if (str(by.email)) {
    row = await c.db
      .selectFrom("contacts")
      .selectAll()
      .where("workspace_id", "=", c.wsId)
      .where(sql<string>`lower(${sql.ref("email")})`, "=", str(by.email)!.toLowerCase())
      .orderBy("created_at")
      .executeTakeFirst();
  } else throw missingParam("intercom_user_id", "One of intercom_user_id, user_id or email is required");
  if (!row) throw userNotFound();
  return row;
}

// ---------------------------------------------------------------- input helpers

export function checkBody(body: unknown, field = "body"): string | null {
  if (body === undefined || body === null) return null;
  if (typeof body !== "string") throw invalidParam(field, `${field} must be a string`);
  if (body.length > MAX_BODY) throw invalidParam(field, `${field} is longer than ${MAX_BODY} characters`);
  return body;
}

const CONTENT_TYPES: Record<string, string> = { png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", gif: "image/gif", webp: "image/webp", pdf: "application/pdf", txt: "text/plain" };

/** attachment_urls → stored part_attachment objects (JSON text). */
export function attachmentsJson(urls: unknown, field = "attachment_urls"): string {
  if (urls === undefined || urls === null) return "[]";
  if (!Array.isArray(urls)) throw invalidParam(field, `${field} must be an array of URLs`);
  if (urls.length > MAX_ATTACHMENTS) throw invalidParam(field, `${field} takes at most ${MAX_ATTACHMENTS} URLs`);
  return JSON.stringify(
    urls.map((u) => {
      let url: URL;
      try {
        if (typeof u !== "string" || u.length > 2048) throw new Error();
        url = new URL(u);
        if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error();
      } catch {
        throw invalidParam(field, `${field} must hold http(s) URLs`);
      }
      const name = decodeURIComponent(url.pathname.split("/").pop() || "attachment");
      const ext = name.includes(".") ? name.split(".").pop()!.toLowerCase() : "";
      return { type: "upload", name, url: url.toString(), content_type: CONTENT_TYPES[ext] ?? "application/octet-stream", filesize: 0, width: 0, height: 0 };
    }),
  );
}

// ---------------------------------------------------------------- parts

export interface NewPart {
  part_type: string;
  body?: string | null;
  author_type: string;
  author_id: string;
  assigned_to?: { type: string; id: string } | null;
  attachments?: string;
  external_id?: string | null;
  created_at?: number;
}

/**
 * Adds a part inside a transaction: bumps the conversation's sequence and applies `patch` (values or
 * SQL expressions over the row) in one locked update, then inserts the part with that sequence.
 * Returns the conversation after the change and the part.
 */
export async function addPart(c: Ctx, tx: Db, convId: number, p: NewPart, patch: ConvPatch = {}): Promise<{ conv: ConversationRow; part: PartRow }> {
  const now = p.created_at ?? c.now();
  const conv = await tx
    .updateTable("conversations")
    .set({ ...patch, part_seq: sql<number>`part_seq + 1`, updated_at: sql<number>`case when updated_at > ${now} then updated_at else ${now} end` } as UpdateObject<DB, "conversations">)
    .where("workspace_id", "=", c.wsId)
    .where("id", "=", convId)
    .returningAll()
    .executeTakeFirst();
  if (!conv) throw conversationNotFound(); // deleted meanwhile
  const row = {
    workspace_id: c.wsId,
    conversation_id: convId,
    seq: conv.part_seq,
    part_type: p.part_type,
    body: p.body ?? null,
    author_type: p.author_type,
    author_id: p.author_id,
    assigned_to_type: p.assigned_to?.type ?? null,
    assigned_to_id: p.assigned_to?.id ?? null,
    attachments: p.attachments ?? "[]",
    external_id: p.external_id ?? null,
    redacted: 0,
    state: conv.state,
    created_at: now,
    updated_at: now,
  };
  const { id } = await tx.insertInto("conversation_parts").values(row).returning("id").executeTakeFirstOrThrow();
  return { conv: { ...conv, fromSeq: conv.part_seq - 1 }, part: { ...row, id: Number(id) } };
}

/** Emits a conversation topic with the conversation as the API presents it (inside the transaction). */
export async function emitConversation(c: Ctx, tx: Db, topic: string, conv: ConversationRow) {
  await emitConversationItem(inTx(c, tx), topic, conv, { parts: true });
}

/** Runs an action in a transaction and answers the conversation after it. */
export async function act(c: Ctx, fn: (t: Ctx, tx: Db) => Promise<ConversationRow>): Promise<ConversationRow> {
  return c.db.transaction().execute(async (tx) => fn(inTx(c, tx), tx));
}

// ---------------------------------------------------------------- snooze wake-up

/** Opens a conversation whose snooze is over on the workspace clock (one waker wins the conditional update). */
export async function wakeIfDue(c: Ctx, row: ConversationRow): Promise<ConversationRow> {
  if (row.state !== "snoozed" || row.snoozed_until === null || row.snoozed_until > c.now()) return row;
  const woke = await act(c, async (t, tx) => {
    const due = row.snoozed_until!;
    const claimed = await tx
      .updateTable("conversations")
      .set({ state: "open", snoozed_until: null })
      .where("id", "=", row.id)
      .where("state", "=", "snoozed")
      .where("snoozed_until", "<=", t.now())
      .returning("id")
      .executeTakeFirst();
    if (!claimed) return (await findRow(t, row.id)) ?? row;
    const author = row.snoozed_by_id ?? row.admin_assignee_id;
    const { conv } = await addPart(t, tx, row.id, { part_type: "timer_unsnooze", author_type: "bot", author_id: String(author ?? 0), created_at: Math.max(due, row.updated_at) });
    await emitConversation(t, tx, "conversation.admin.unsnoozed", conv);
    return conv;
  });
  // a read shows the whole conversation, not only the part the wake-up added
  return { ...woke, fromSeq: undefined };
}

/** Wakes the workspace's conversations whose snooze is over (a bounded batch per call). */
export async function wakeDue(c: Ctx, limit = 200): Promise<void> {
  const due = await c.db
    .selectFrom("conversations")
    .selectAll()
    .where("workspace_id", "=", c.wsId)
    .where("state", "=", "snoozed")
    .where("snoozed_until", "<=", c.now())
    .orderBy("snoozed_until")
    .limit(limit)
    .execute();
  for (const row of due) await wakeIfDue(c, row);
}

// ---------------------------------------------------------------- create

export function checkCreatedAt(v: unknown, c: Ctx): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) throw invalidParam("created_at", "created_at must be a unix timestamp");
  if (v > c.now() + 60) throw invalidParam("created_at", "created_at must not be in the future");
  return v;
}

/** Inserts a conversation with its first contacts (inside a transaction). */
export async function insertConversation(
  c: Ctx,
  tx: Db,
  fields: Pick<ConversationRow, "delivered_as" | "message_type" | "subject" | "body" | "author_type" | "author_id" | "attachments"> &
    Partial<Pick<ConversationRow, "state" | "waiting_since" | "first_contact_reply_at" | "last_contact_reply_at" | "read" | "source_type">> & { created_at: number },
  contactIds: string[],
): Promise<ConversationRow> {
  const row = {
    workspace_id: c.wsId,
    created_at: fields.created_at,
    updated_at: fields.created_at,
    title: null,
    state: fields.state ?? "open",
    snoozed_until: null,
    snoozed_by_id: null,
    read: fields.read ?? 0,
    priority: "not_priority",
    admin_assignee_id: null,
    team_assignee_id: null,
    waiting_since: fields.waiting_since ?? null,
    source_type: fields.source_type ?? (fields.message_type === "email" ? "email" : "conversation"),
    delivered_as: fields.delivered_as,
    message_type: fields.message_type,
    subject: fields.subject,
    body: fields.body,
    author_type: fields.author_type,
    author_id: fields.author_id,
    attachments: fields.attachments,
    url: null,
    source_redacted: 0,
    custom_attributes: "{}",
    rating: null,
    rating_remark: null,
    rating_created_at: null,
    rating_contact_id: null,
    rating_admin_id: null,
    first_contact_reply_at: fields.first_contact_reply_at ?? null,
    first_assignment_at: null,
    first_admin_reply_at: null,
    first_close_at: null,
    last_assignment_at: null,
    last_assignment_admin_reply_at: null,
    last_contact_reply_at: fields.last_contact_reply_at ?? null,
    last_admin_reply_at: null,
    last_close_at: null,
    last_closed_by_id: null,
    count_reopens: 0,
    count_assignments: 0,
    part_seq: 0,
  };
  const { id } = await tx.insertInto("conversations").values(row).returning("id").executeTakeFirstOrThrow();
  const convId = Number(id);
  const unique = [...new Set(contactIds)];
  if (unique.length) {
    await tx
      .insertInto("conversation_contacts")
      .values(unique.map((contact_id, i) => ({ workspace_id: c.wsId, conversation_id: convId, contact_id, added_at: fields.created_at + i * 0 })))
      .execute();
  }
  return { ...row, id: convId };
}

/** POST /conversations: a contact (user or lead; a visitor becomes a lead) writes in. */
export async function createConversation(c: Ctx, input: CreateInput, resolveContact: (id: string) => Promise<ContactRow>): Promise<ConversationRow> {
  const from = input.from;
  if (!from || typeof from !== "object") throw missingParam("from", "from is required");
  if (!["user", "lead", "contact"].includes(String(from.type))) throw invalidParam("from.type", "from.type must be user, lead or contact");
  if (typeof from.id !== "string" || from.id === "") throw missingParam("from.id", "from.id is required");
  const body = checkBody(input.body);
  if (body === null || body.trim() === "") throw missingParam("body", "Body is required");
  if (input.subject !== undefined && input.subject !== null && (typeof input.subject !== "string" || input.subject.length > 255)) throw invalidParam("subject", "subject must be a string of at most 255 characters");
  const created = checkCreatedAt(input.created_at, c) ?? c.now();
  const attachments = attachmentsJson(input.attachment_urls);
  const contact = await resolveContact(from.id);
  if (from.type !== "contact" && contact.role !== from.type) throw userNotFound();
  return act(c, async (t, tx) => {
    const conv = await insertConversation(
      t,
      tx,
      {
        created_at: created,
        delivered_as: "customer_initiated",
        message_type: "inapp",
        subject: typeof input.subject === "string" ? input.subject : "",
        body: toStoredHtml(body),
        author_type: contact.role,
        author_id: contact.id,
        attachments,
        waiting_since: created,
        first_contact_reply_at: created,
        last_contact_reply_at: created,
      },
      [contact.id],
    );
    await emitConversation(t, tx, "conversation.user.created", conv);
    return conv;
  });
}

// ---------------------------------------------------------------- reply

/** POST /conversations/{id}/reply: an admin's comment or note, or a contact's comment (which reopens the conversation). */
export async function replyConversation(c: Ctx, rawId: string, input: ReplyInput): Promise<ConversationRow> {
  const type = input.type;
  if (type === undefined || type === null) throw missingParam("type", "type is required: admin or user");
  const messageType = input.message_type ?? "comment";
  const body = checkBody(input.body);
  const attachments = attachmentsJson(input.attachment_urls);
  const createdAt = checkCreatedAt(input.created_at, c);
  if (type === "admin") {
    if (!["comment", "note", "quick_reply"].includes(String(messageType))) throw invalidParam("message_type", "message_type must be comment, note or quick_reply");
    if (messageType !== "quick_reply" && (body === null || body.trim() === "") && attachments === "[]") throw missingParam("body", "Body is required");
    const admin = await actingAdmin(c, input.admin_id);
    const conv0 = await getConversationRow(c, rawId);
    return act(c, async (t, tx) => {
      const isNote = messageType === "note";
      const now = createdAt ?? t.now();
      const patch: ConvPatch = isNote
        ? {}
        : {
            waiting_since: null,
            first_admin_reply_at: sql<number>`coalesce(first_admin_reply_at, ${now})`,
            last_admin_reply_at: now,
            last_assignment_admin_reply_at: sql<number | null>`case when last_assignment_at is not null then ${now} else last_assignment_admin_reply_at end`,
          };
      const { conv } = await addPart(t, tx, conv0.id, { part_type: String(messageType), body: body === null ? null : toStoredHtml(body), author_type: "admin", author_id: String(admin.id), attachments, created_at: createdAt }, patch);
      await emitConversation(t, tx, isNote ? "conversation.admin.noted" : "conversation.admin.replied", conv);
      return conv;
    });
  }
  if (type === "user" || type === "lead" || type === "contact") {
    if (messageType !== "comment" && messageType !== "quick_reply") throw invalidParam("message_type", "A contact replies with message_type comment");
    if (messageType === "comment" && (body === null || body.trim() === "") && attachments === "[]") throw missingParam("body", "Body is required");
    const contact = await contactBy(c, input);
    const conv0 = rawId === "last" ? await lastConversationOf(c, contact.id) : await getConversationRow(c, rawId);
    return act(c, async (t, tx) => {
      const now = createdAt ?? t.now();
      await tx
        .insertInto("conversation_contacts")
        .values({ workspace_id: t.wsId, conversation_id: conv0.id, contact_id: contact.id, added_at: now })
        .onConflict((oc) => oc.doNothing())
        .execute();
      const patch: ConvPatch = {
        count_reopens: sql<number>`case when state <> 'open' and last_close_at is not null then count_reopens + 1 else count_reopens end`,
        state: "open",
        snoozed_until: null,
        read: 0,
        waiting_since: sql<number>`coalesce(waiting_since, ${now})`,
        first_contact_reply_at: sql<number>`coalesce(first_contact_reply_at, ${now})`,
        last_contact_reply_at: now,
      };
      const { conv } = await addPart(t, tx, conv0.id, { part_type: String(messageType), body: body === null ? null : toStoredHtml(body), author_type: contact.role, author_id: contact.id, attachments, created_at: createdAt }, patch);
      await emitConversation(t, tx, "conversation.user.replied", conv);
      return conv;
    });
  }
  throw invalidParam("type", "type must be admin or user");
}

/** The contact's most recently updated conversation (reply to `last`). */
async function lastConversationOf(c: Ctx, contactId: string): Promise<ConversationRow> {
  const row = await c.db
    .selectFrom("conversations")
    .innerJoin("conversation_contacts", "conversation_contacts.conversation_id", "conversations.id")
    .selectAll("conversations")
    .where("conversations.workspace_id", "=", c.wsId)
    .where("conversation_contacts.contact_id", "=", contactId)
    .orderBy("conversations.updated_at", "desc")
    .orderBy("conversations.id", "desc")
    .executeTakeFirst();
  if (!row) throw conversationNotFound();
  return wakeIfDue(c, row);
}

// ---------------------------------------------------------------- update

/** A custom attribute value: a string, number, boolean or null (bounded). */
function checkCustomAttributes(raw: unknown): Record<string, unknown> {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw invalidParam("custom_attributes", "custom_attributes must be an object");
  const entries = Object.entries(raw);
  if (entries.length > MAX_CUSTOM_ATTRIBUTES) throw invalidParam("custom_attributes", `custom_attributes takes at most ${MAX_CUSTOM_ATTRIBUTES} attributes`);
  for (const [k, v] of entries) {
    if (k.length === 0 || k.length > 255) throw invalidParam("custom_attributes", "custom attribute names are 1 to 255 characters");
    const ok = v === null || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v)) || (typeof v === "string" && v.length <= 65_536) ||
      (Array.isArray(v) && v.length <= 100 && v.every((x) => typeof x === "string" && x.length <= 255));
    if (!ok) throw invalidParam(`custom_attributes.${k}`, `custom_attributes.${k} must be a string, number, boolean or null`);
  }
  return Object.fromEntries(entries);
}

/** PUT /conversations/{id}: read, title, custom attributes (merged into the stored ones under the row lock). */
export async function updateConversation(c: Ctx, rawId: string, input: UpdateInput): Promise<ConversationRow> {
  if (input.read !== undefined && typeof input.read !== "boolean") throw invalidParam("read", "read must be a boolean");
  if (input.title !== undefined && input.title !== null && (typeof input.title !== "string" || input.title.length > 255)) throw invalidParam("title", "title must be a string of at most 255 characters");
  const attrs = input.custom_attributes === undefined ? undefined : checkCustomAttributes(input.custom_attributes);
  const conv0 = await getConversationRow(c, rawId);
  return act(c, async (t, tx) => {
    // lock the row first (PostgreSQL), then merge what is stored
    const locked = await tx.updateTable("conversations").set({ updated_at: sql<number>`updated_at` }).where("id", "=", conv0.id).where("workspace_id", "=", t.wsId).returningAll().executeTakeFirst();
    if (!locked) throw conversationNotFound();
    const patch: ConvPatch = { updated_at: Math.max(locked.updated_at, t.now()) };
    if (input.read !== undefined) patch.read = input.read ? 1 : 0;
    if (input.title !== undefined) patch.title = input.title as string | null;
    if (attrs) {
      const merged = { ...(JSON.parse(locked.custom_attributes) as Record<string, unknown>), ...attrs };
      if (Object.keys(merged).length > MAX_CUSTOM_ATTRIBUTES) throw invalidParam("custom_attributes", `a conversation holds at most ${MAX_CUSTOM_ATTRIBUTES} custom attributes`);
      patch.custom_attributes = JSON.stringify(merged);
    }
    const conv = await tx.updateTable("conversations").set(patch as UpdateObject<DB, "conversations">).where("id", "=", conv0.id).returningAll().executeTakeFirstOrThrow();
    return conv;
  });
}

// ---------------------------------------------------------------- delete

/** DELETE /conversations/{id}: removes it and everything it holds; its id is listed by GET /conversations/deleted. */
export async function deleteConversation(c: Ctx, rawId: string): Promise<number> {
  const id = parseNumericId(rawId);
  if (id === null) throw conversationNotFound();
  return c.db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom("conversations").selectAll().where("workspace_id", "=", c.wsId).where("id", "=", id).executeTakeFirst();
    if (!row) throw conversationNotFound();
    // the item is presented before its parts and links go
    const emitDeleted = await presentedForLater(inTx(c, tx), row);
    await tx.deleteFrom("conversation_parts").where("conversation_id", "=", id).execute();
    await tx.deleteFrom("conversation_contacts").where("conversation_id", "=", id).execute();
    await tx.deleteFrom("conversation_tags").where("conversation_id", "=", id).execute();
    const gone = await tx.deleteFrom("conversations").where("workspace_id", "=", c.wsId).where("id", "=", id).executeTakeFirst();
    if (Number(gone.numDeletedRows) === 0) throw conversationNotFound();
    await tx.insertInto("conversation_deletions").values({ conversation_id: id, workspace_id: c.wsId, deleted_at: c.now() }).execute();
    await emitDeleted("conversation.deleted");
    return id;
  });
}

// ---------------------------------------------------------------- errors used by several routes

export const notRedactable = () => new ApiError(400, "conversation_part_not_redactable", "This conversation part cannot be redacted");
export const partOrMessageNotFound = () => notFound("Conversation part or message not found", "conversation_part_or_message_not_found");
export { badRequest };

// ---------------------------------------------------------------- lists

/** GET /conversations: newest updated first (keyset on updated_at, id), after waking due snoozes. */
export async function listConversations(c: Ctx, q: { per_page?: unknown; starting_after?: unknown }) {
  const req = readPageRequest(q, { defaultPerPage: 20, maxPerPage: 150 });
  await wakeDue(c);
  const base = c.db.selectFrom("conversations").where("workspace_id", "=", c.wsId);
  const result = await keysetPageCounted(
    base.selectAll(),
    [
      { col: "updated_at", kind: "integer", dir: "desc", get: (r: ConversationRow) => r.updated_at },
      { col: "id", kind: "integer", dir: "desc", get: (r: ConversationRow) => r.id },
    ],
    req,
    async () => (await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n,
  );
  return { ...result, perPage: req.perPage };
}

/** GET /conversations/deleted: ids of deleted conversations, page-numbered, newest first unless order=asc. */
export async function listDeletedConversations(c: Ctx, q: { page?: unknown; per_page?: unknown; order?: unknown }) {
  const perPage = q.per_page === undefined ? 20 : Number(q.per_page);
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 60) throw invalidParam("per_page", "per_page must be an integer between 1 and 60");
  const page = q.page === undefined ? 1 : readPageNumber(q.page);
  if (q.order !== undefined && q.order !== "asc" && q.order !== "desc") throw invalidParam("order", "order must be asc or desc");
  const dir = q.order === "asc" ? "asc" : "desc";
  const base = c.db.selectFrom("conversation_deletions").where("workspace_id", "=", c.wsId);
  const [rows, total] = await Promise.all([
    base.selectAll().orderBy("deleted_at", dir).orderBy("conversation_id", dir).limit(perPage).offset((page - 1) * perPage).execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n), page, perPage };
}

// ---------------------------------------------------------------- participants

/** POST /conversations/{id}/customers: adds a contact as a participant (a new email makes a lead). */
export async function attachContact(c: Ctx, rawId: string, input: CustomerInput, createLead: (email: string) => Promise<ContactRow>): Promise<ConversationRow> {
  await actingAdmin(c, input.admin_id);
  const customer = input.customer;
  if (!customer || typeof customer !== "object") throw missingParam("customer", "customer is required");
  const conv0 = await getConversationRow(c, rawId);
  let contact: ContactRow;
  try {
    contact = await contactBy(c, customer);
  } catch (err) {
    const email = customer.email;
    if (!(err instanceof ApiError) || err.status !== 404 || typeof email !== "string" || customer.intercom_user_id || customer.user_id) throw err;
    if (email.length > 255 || !email.includes("@")) throw invalidParam("customer.email", "customer.email is not an email address");
    contact = await createLead(email);
  }
  return act(c, async (t, tx) => {
    const added = await tx
      .insertInto("conversation_contacts")
      .values({ workspace_id: t.wsId, conversation_id: conv0.id, contact_id: contact.id, added_at: t.now() })
      .onConflict((oc) => oc.doNothing())
      .returning("contact_id")
      .execute();
    const conv = await tx.updateTable("conversations").set({ updated_at: sql<number>`case when updated_at > ${t.now()} then updated_at else ${t.now()} end` }).where("id", "=", conv0.id).returningAll().executeTakeFirstOrThrow();
    if (added.length) await emitConversationItem(t, "conversation.contact.attached", conv, { parts: false });
    return conv;
  });
}

/** DELETE /conversations/{id}/customers/{contact_id}: removes a participant; never the last one (one conditional delete). */
export async function detachContact(c: Ctx, rawId: string, contactId: string, input: CustomerInput): Promise<ConversationRow> {
  await actingAdmin(c, input.admin_id);
  const conv0 = await getConversationRow(c, rawId);
  const contact = await findContactRow(c, contactId);
  if (!contact) throw userNotFound();
  return act(c, async (t, tx) => {
    // lock the conversation so two detaches cannot both leave it empty
    const locked = await tx.updateTable("conversations").set({ updated_at: sql<number>`case when updated_at > ${t.now()} then updated_at else ${t.now()} end` }).where("id", "=", conv0.id).returningAll().executeTakeFirst();
    if (!locked) throw conversationNotFound();
    const links = await tx.selectFrom("conversation_contacts").select("contact_id").where("conversation_id", "=", conv0.id).execute();
    if (!links.some((l) => l.contact_id === contact.id)) throw userNotFound();
    if (links.length <= 1) throw new ApiError(422, "parameter_invalid", "Removing the last customer is not allowed");
    await tx.deleteFrom("conversation_contacts").where("conversation_id", "=", conv0.id).where("contact_id", "=", contact.id).execute();
    await emitConversationItem(t, "conversation.contact.detached", locked, { parts: false });
    return locked;
  });
}

/**
 * The contact writing in as POST /conversations names it: a contact id, else a visitor's id or user_id
 * (the visitor becomes a lead, as documented), else 404 User Not Found.
 */
export async function resolveWriter(c: Ctx, id: string): Promise<ContactRow> {
  const contact = await findContactRow(c, id);
  if (contact) return contact;
  const visitor = await c.db
    .selectFrom("visitors")
    .select("id")
    .where("workspace_id", "=", c.wsId)
    .where((eb) => eb.or([eb("id", "=", id), eb("user_id", "=", id)]))
    .executeTakeFirst();
  if (!visitor) throw userNotFound();
  return convertVisitor(c, { type: "lead", visitor: { id: visitor.id } });
}
