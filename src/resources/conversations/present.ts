// Conversation rows → Intercom JSON: the conversation with its source, contacts, teammates, tags,
// statistics, rating and (on a single conversation) its latest parts; the message objects of
// POST /conversations and POST /messages.
import type { Compilable, Selectable } from "kysely";
import type { ConversationPartsTable, ConversationsTable } from "../../db/tables/inbox.js";
import { readNow } from "../../db/compiled.js";
import type { Ctx } from "../../platform/http.js";
import { since } from "../../platform/since.js";
import { presentTag } from "../tags/present.js";

/**
 * A conversation row; `fromSeq` is set on the row an action answers: the parts after that sequence are
 * the ones the action added, and the answer (and its webhook) carries those parts only.
 */
import type { ConversationRow, PartRow } from "./service.js";
export type { ConversationRow, PartRow };

/** GET /conversations/{id} shows at most this many parts: the latest ones. */
export const MAX_PARTS_SHOWN = 500;

/** The id of a conversation's source message (Intercom's message ids are a separate number range). */
export const sourceMessageId = (conversationId: number) => String(400_000_000 + conversationId);
export const conversationIdOfMessage = (messageId: string): number | null => {
  if (!/^[0-9]{1,15}$/.test(messageId)) return null;
  const n = Number(messageId) - 400_000_000;
  return n > 0 ? n : null;
};

interface Person {
  name: string | null;
  email: string | null;
  role?: string;
  external_id?: string | null;
}

/** Authors and participants a set of conversations mentions, loaded once. */
interface People {
  admins: Map<string, Person>;
  contacts: Map<string, Person>;
}

async function loadPeople(c: Ctx, adminIds: Iterable<string>, contactIds: Iterable<string>): Promise<People> {
  const a = [...new Set(adminIds)].map(Number).filter((n) => Number.isSafeInteger(n));
  const k = [...new Set(contactIds)];
  const [admins, contacts] = await Promise.all([
    a.length ? readNow(c.db, c.db.selectFrom("admins").select(["id", "name", "email"]).where("workspace_id", "=", c.wsId).where("id", "in", a)) : [],
    k.length ? readNow(c.db, c.db.selectFrom("contacts").select(["id", "name", "email", "role", "external_id"]).where("workspace_id", "=", c.wsId).where("id", "in", k)) : [],
  ]);
  return {
    admins: new Map(admins.map((r) => [String(r.id), r])),
    contacts: new Map(contacts.map((r) => [r.id, r])),
  };
}

function author(people: People, type: string, id: string) {
  const p = type === "admin" || type === "bot" ? people.admins.get(id) : people.contacts.get(id);
  // name and email are strings in every version (2.11 requires both): empty when unknown
  return { type, id, name: p?.name ?? "", email: p?.email ?? "" };
}

function attachments(json: string) {
  return JSON.parse(json) as unknown[];
}

/** A part as the conversation_part object. */
function part(people: People, p: PartRow) {
  return {
    type: "conversation_part",
    id: String(p.id),
    part_type: p.part_type,
    body: p.body,
    created_at: p.created_at,
    updated_at: p.updated_at,
    notified_at: p.created_at,
    assigned_to: p.assigned_to_type && p.assigned_to_id !== null ? { type: p.assigned_to_type, id: p.assigned_to_id } : null,
    author: author(people, p.author_type, p.author_id),
    attachments: attachments(p.attachments),
    external_id: p.external_id,
    redacted: !!p.redacted,
    metadata: {},
    email_message_metadata: null,
    state: p.state,
    tags: [],
    event_details: null,
    app_package_code: null,
  };
}

/** The statistics object: only the figures that are known (the contract's fields are not nullable). */
function statistics(r: ConversationRow, countParts: number) {
  const since = (t: number | null) => (t === null ? null : Math.max(0, t - r.created_at));
  const all: Record<string, unknown> = {
    type: "conversation_statistics",
    time_to_assignment: since(r.first_assignment_at),
    time_to_admin_reply: since(r.first_admin_reply_at),
    time_to_first_close: since(r.first_close_at),
    time_to_last_close: since(r.last_close_at),
    first_contact_reply_at: r.first_contact_reply_at,
    first_assignment_at: r.first_assignment_at,
    first_admin_reply_at: r.first_admin_reply_at,
    first_close_at: r.first_close_at,
    last_assignment_at: r.last_assignment_at,
    last_assignment_admin_reply_at: r.last_assignment_admin_reply_at,
    last_contact_reply_at: r.last_contact_reply_at,
    last_admin_reply_at: r.last_admin_reply_at,
    last_close_at: r.last_close_at,
    last_closed_by_id: r.last_closed_by_id === null ? null : String(r.last_closed_by_id),
    count_reopens: r.count_reopens,
    count_assignments: r.count_assignments,
    count_conversation_parts: countParts,
  };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== null));
}

export interface PresentOptions {
  /** include the latest parts (GET one conversation, and every action answering the conversation) */
  parts?: boolean;
}

/** Presents conversations, loading contacts, tags, teammates, authors (and parts) in a few queries. */
export async function presentConversations(c: Ctx, rows: ConversationRow[], opts: PresentOptions = {}) {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const read = <R>(query: Compilable<R>) => readNow(c.db, query);
  const [links, tags, teammates, parts] = await Promise.all([
    read(
      c.db
        .selectFrom("conversation_contacts")
        .select(["conversation_id", "contact_id"])
        .where("workspace_id", "=", c.wsId)
        .where("conversation_id", "in", ids)
        .orderBy("added_at")
        .orderBy("contact_id"),
    ),
    read(
      c.db
        .selectFrom("conversation_tags")
        .innerJoin("tags", "tags.id", "conversation_tags.tag_id")
        .select(["conversation_tags.conversation_id", "tags.id", "tags.name", "conversation_tags.applied_at", "conversation_tags.admin_id"])
        .where("conversation_tags.workspace_id", "=", c.wsId)
        .where("conversation_tags.conversation_id", "in", ids)
        .orderBy("conversation_tags.applied_at")
        .orderBy("tags.id"),
    ),
    // (the conversations are this workspace's: their teammates are read by key)
    read(c.db.selectFrom("conversation_teammates").select(["conversation_id", "admin_id as author_id"]).where("conversation_id", "in", ids).orderBy("conversation_id").orderBy("seq")),
    opts.parts && rows.length === 1
      ? read(
          c.db
            .selectFrom("conversation_parts")
            .selectAll()
            .where("conversation_id", "=", rows[0].id)
            .$if(rows[0].fromSeq !== undefined, (q) => q.where("seq", ">", rows[0].fromSeq!))
            .orderBy("seq", "desc")
            .limit(MAX_PARTS_SHOWN),
        )
      : Promise.resolve([] as PartRow[]),
  ]);
  parts.reverse();
  const adminIds: string[] = [];
  const contactIds: string[] = links.map((l) => l.contact_id);
  for (const r of rows) (r.author_type === "admin" ? adminIds : contactIds).push(r.author_id);
  for (const p of parts) (p.author_type === "admin" || p.author_type === "bot" ? adminIds : contactIds).push(p.author_id);
  const people = await loadPeople(c, adminIds, contactIds);

  const levels = since(c.version, "priorityLevels");
  const zeroUnassigned = since(c.version, "unassignedIsZero");
  return rows.map((r) => {
    const mine = links.filter((l) => l.conversation_id === r.id);
    const out: Record<string, unknown> = {
      type: "conversation",
      id: String(r.id),
      title: r.title,
      created_at: r.created_at,
      updated_at: r.updated_at,
      waiting_since: r.waiting_since,
      snoozed_until: r.state === "snoozed" ? r.snoozed_until : null,
      source: {
        type: r.source_type,
        id: sourceMessageId(r.id),
        delivered_as: r.delivered_as,
        subject: r.subject,
        body: r.body,
        author: author(people, r.author_type, r.author_id),
        attachments: attachments(r.attachments),
        url: r.url,
        redacted: !!r.source_redacted,
      },
      contacts: {
        type: "contact.list",
        contacts: mine.map((l) => {
          const p = people.contacts.get(l.contact_id);
          return { type: "contact", id: l.contact_id, external_id: p?.external_id ?? null };
        }),
      },
      teammates: {
        type: "admin.list",
        teammates: teammates.filter((t) => t.conversation_id === r.id).map((t) => ({ type: "admin", id: t.author_id })),
      },
      admin_assignee_id: r.admin_assignee_id ?? (zeroUnassigned ? 0 : null),
      team_assignee_id: r.team_assignee_id ?? (zeroUnassigned ? 0 : null),
      open: r.state !== "closed",
      state: r.state,
      read: !!r.read,
      priority: levels ? (r.priority === "priority" ? "high" : "none") : r.priority,
      tags: {
        type: "tag.list",
        tags: tags.filter((t) => t.conversation_id === r.id).map((t) => presentTag(t, t, c.version)),
      },
      custom_attributes: JSON.parse(r.custom_attributes),
      topics: {},
      statistics: statistics(r, r.part_seq),
      linked_objects: { type: "list", data: [], total_count: 0, has_more: false },
      ai_agent_participated: false,
      ai_agent: null,
    };
    if (r.first_contact_reply_at !== null) {
      out.first_contact_reply = { created_at: r.first_contact_reply_at, type: r.source_type === "email" ? "email" : "conversation", url: r.url };
    }
    if (r.rating !== null) {
      out.conversation_rating = {
        rating: r.rating,
        remark: r.rating_remark ?? "",
        created_at: r.rating_created_at,
        updated_at: r.rating_created_at,
        contact: { type: "contact", id: r.rating_contact_id, external_id: r.rating_contact_id ? people.contacts.get(r.rating_contact_id)?.external_id ?? null : null },
        ...(r.rating_admin_id !== null ? { teammate: { type: "admin", id: String(r.rating_admin_id) } } : {}),
      };
    }
    if (opts.parts && rows.length === 1) {
      out.conversation_parts = { type: "conversation_part.list", conversation_parts: parts.map((p) => part(people, p)), total_count: r.fromSeq !== undefined ? parts.length : r.part_seq };
    }
    return out;
  });
}

export async function presentConversation(c: Ctx, row: ConversationRow, opts: PresentOptions = { parts: true }) {
  return (await presentConversations(c, [row], opts))[0];
}

/** A single part (webhook items of conversation_part topics are the conversation; this is for tests and redaction). */
export async function presentPart(c: Ctx, p: PartRow) {
  const people = await loadPeople(c, p.author_type === "admin" ? [p.author_id] : [], p.author_type === "admin" ? [] : [p.author_id]);
  return part(people, p);
}

/** The message object of POST /conversations (a contact's message). */
export function presentUserMessage(r: ConversationRow) {
  return { type: "user_message", id: sourceMessageId(r.id), created_at: r.created_at, subject: r.subject, body: r.body, message_type: r.message_type, conversation_id: String(r.id) };
}

/** The message object of POST /messages (an admin's message; its conversation exists from the start, closed until the contact replies unless asked open). */
export function presentAdminMessage(r: ConversationRow, owner: Record<string, unknown>) {
  return {
    type: "admin_message",
    id: sourceMessageId(r.id),
    created_at: r.created_at,
    subject: r.subject,
    body: r.body,
    message_type: r.message_type,
    owner,
    conversation_id: String(r.id),
  };
}
