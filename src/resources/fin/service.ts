// Fin Agent API. Where Intercom answers with its AI, opencom answers deterministically from the
// workspace's own content:
//
// - Retrieval: the question's words (less a short list of function words) are looked up with the query
//   GET /content/search runs (matchingContent in src/resources/content/service.ts: each store's full-text
//   engine, FTS5 or PostgreSQL text search) in published article contents, content snippets available to
//   the AI chatbot (`ai_chatbot_availability`) and external pages available to the AI agent
//   (`ai_agent_availability`); a document needs one of the words. Candidates (at most CANDIDATES, by
//   kind and id) are scored in code — a word of the title counts 2, of the rest (an article's
//   description and body, a snippet's Markdown as text, a page's HTML as text) 1 — and a document
//   answers when it has at least half of the words. The best passage of the best document (and of the
//   next one, when it scores as well; ties go to articles, then snippets, then pages, then the lower id)
//   is Fin's answer, with the contents as its sources, each named by its object type (`article`,
//   `content_snippet`, `external_page`). The same question on the same content gives the same answer
//   on both stores.
// - Nothing found: Fin says it cannot answer; in a conversation it then escalates (reason "Conversation
//   finished without resolution"), unless `settings.follow_up_questions` is false (it completes);
//   `/fin/ask` completes without escalating.
// - Escalation opens a helpdesk conversation through the conversations resource (insertConversation,
//   addPart: the summary and `context` as a note), with the user as a contact (users are contacts
//   with external_id = the Fin user id, created on first sight).
// - Fin's progress is notified as Intercom describes it, through the webhook mechanism: topics
//   `fin_agent.fin_replied`, `fin_agent.fin_status_updated`, `fin_agent.csat_requested` (items: the
//   documented events) and `procedure.hitl_notification.created`. The work is done in the request, so
//   the answer's `status` is the status after it.
// - CSAT: Fin asks for a rating when it completes a conversation it resolved; the rating can change for
//   CSAT_WINDOW seconds after the request, until a remark locks it.
// - Procedures (opencom's definition, /_opencom/fin/procedures): a run posts the procedure's
//   instructions; with attributes to collect it pauses at a human-in-the-loop step (a request with a
//   step id, expiring after HITL_TTL) until POST /procedures/{conversation_id}/collect_agent_input
//   fulfils it; then Fin posts the completion message (with {{identifier}} replaced) and resolves.
import { randomUUID } from "node:crypto";
import { sql, type Kysely, type Selectable } from "kysely";
import type { DB } from "../../db/types.js";
import type { FinConversationsTable, FinHitlRequestsTable, FinMessagesTable, FinProceduresTable } from "../../db/tables/fin.js";
import type { Ctx } from "../../platform/http.js";
import { ApiError, conflict, invalidParam, notFound } from "../../platform/errors.js";
import { isUniqueViolation } from "../../platform/db-errors.js";
import { toStoredHtml } from "../../platform/html.js";
import { inTransaction } from "../../platform/writes.js";
import { emitWebhook } from "../../platform/webhooks.js";
import { highlightedPassages, htmlToText, queryTerms, throughTextIndex, words } from "../../search/fulltext.js";
import { articleUrl } from "../help_center/locales.js";
import { matchingContent, parseSearch, type ParsedSearch } from "../content/service.js";
import { createContact, findUserByExternalId, type ContactRow } from "../contacts/service.js";
import { addPart, emitConversation, insertConversation } from "../conversations/service.js";
import { MAX_MESSAGE, type CapabilitiesInput, type CollectInput, type CsatInput, type EscalateInput, type FinMessageIn, type FinTurnInput, type FinUserIn, type ProcedureInput, type RunInput } from "./schemas.js";

export type FinConvRow = Selectable<FinConversationsTable>;
export type FinMessageRow = Selectable<FinMessagesTable>;
export type ProcedureRow = Selectable<FinProceduresTable>;
export type HitlRow = Selectable<FinHitlRequestsTable>;

export const MAX_ID = 255;
export const MAX_ATTRIBUTES = 10;
export const MAX_HISTORY = 10;
/** how long a rating may change after Fin asked for it (seconds) */
export const CSAT_WINDOW = 7 * 24 * 3600;
/** how long a human-in-the-loop request stays open (seconds) */
export const HITL_TTL = 24 * 3600;
/** article contents scored per question */
const CANDIDATES = 200;
export const RATINGS = ["terrible", "bad", "ok", "good", "amazing"] as const;
const CSAT_OPTIONS = [
  { key: "terrible", emoji: "😠", label: "Terrible" },
  { key: "bad", emoji: "🙁", label: "Bad" },
  { key: "ok", emoji: "😐", label: "OK" },
  { key: "good", emoji: "😃", label: "Great" },
  { key: "amazing", emoji: "🤩", label: "Amazing" },
];
export const CANNOT_ANSWER = "Sorry, I couldn't find an answer to that in our help content.";
export const RESOLVED_REPLY = "Glad I could help!";
const DEFAULT_ESCALATION_MESSAGE = "Requesting human support";

/** Words too common to decide an answer (a question's function words). */
const STOP = new Set(
  "a an and are as at be been but by can could did do does for from had has have how i i'm if in into is it its me my no not of on or our should so that the their them then there these they this to was we were what when where which who why will with would you your yours".split(" "),
);
/** A user message that closes the question (deterministic: the whole message is one of these). */
const THANKS = /^\s*(thanks?( you)?( so much)?|thank you|ty|that helped|that worked|solved|resolved|perfect|great|got it)[\s.!]*$/i;
/** A user message asking for a person. */
const HUMAN = /\b(talk|speak|chat)\s+(to|with)\s+(a\s+|an\s+)?(human|person|agent|someone|representative|teammate)\b|^\s*(human|agent|operator)[\s.!?]*$/i;

// ---------------------------------------------------------------- inputs

function externalId(v: unknown, field = "conversation_id"): string {
  if (typeof v !== "string" || v.trim() === "") throw invalidParam(field, `${field} is required`);
  if (v.length > MAX_ID) throw invalidParam(field, `${field} must be at most ${MAX_ID} characters`);
  return v;
}

function checkUser(u: FinUserIn | undefined): { id: string; name: string | null; email: string | null; attributes: Record<string, unknown> } {
  if (!u || typeof u !== "object") throw invalidParam("user", "user is required");
  const id = externalId(u.id, "user.id");
  const attributes = checkAttributes(u.attributes, "user.attributes");
  const name = typeof u.name === "string" && u.name.trim() !== "" ? u.name : null;
  const email = typeof u.email === "string" && u.email.trim() !== "" ? u.email.trim() : null;
  return { id, name, email, attributes };
}

function checkAttributes(v: unknown, field: string): Record<string, unknown> {
  if (v === undefined || v === null) return {};
  if (typeof v !== "object" || Array.isArray(v)) throw invalidParam(field, `${field} must be an object`);
  if (Object.keys(v).length > MAX_ATTRIBUTES) throw invalidParam(field, "Cannot update more than 10 attributes at once.");
  return v as Record<string, unknown>;
}

function checkMessage(m: FinMessageIn | undefined, required: boolean): { author: string; body: string; timestamp: string | null } | null {
  if (m === undefined || m === null) {
    if (required) throw invalidParam("message", "message is required");
    return null;
  }
  if (typeof m.body !== "string" || m.body.trim() === "") throw invalidParam("message.body", "message.body is required");
  if (m.body.length > MAX_MESSAGE) throw invalidParam("message.body", `message.body must be at most ${MAX_MESSAGE} characters`);
  const author = m.author ?? "user";
  if (author !== "user" && author !== "agent" && author !== "fin") throw invalidParam("message.author", "message.author must be one of user, agent, fin");
  let timestamp: string | null = null;
  if (m.timestamp !== undefined && m.timestamp !== null) {
    if (typeof m.timestamp !== "string" || Number.isNaN(Date.parse(m.timestamp))) throw invalidParam("message.timestamp", "message.timestamp must be an ISO 8601 date-time");
    timestamp = m.timestamp;
  }
  return { author, body: m.body, timestamp };
}

function checkHistory(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw invalidParam("conversation_metadata.history", "conversation_metadata.history must be an array");
  if (v.length > MAX_HISTORY) throw invalidParam("conversation_metadata.history", "Conversation history cannot contain more than 10 items");
  for (const m of v) checkMessage(m as FinMessageIn, true);
  return v;
}

/** The time on the workspace clock as an ISO date-time with milliseconds. */
export const isoNow = (c: Ctx) => new Date(c.now() * 1000).toISOString();

// ---------------------------------------------------------------- retrieval

/** A source of Fin's answer: the content's object type (as its own API shows it) and where to read it. */
export interface Source {
  type: "article" | "content_snippet" | "external_page";
  id: string;
  locale: string;
  title: string;
  /** an article's help center URL, an external page's URL; a snippet has none */
  url?: string;
}
export interface Answer {
  html: string;
  sources: Source[];
}

/** The words of a question that decide its answer. */
export function questionTerms(question: string): string[] {
  return queryTerms(htmlToText(question)).filter((t) => !STOP.has(t));
}

/** Snippet Markdown as plain text: links keep their text, emphasis, heading and quote marks go. */
const markdownText = (md: string) =>
  md
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, "")
    .replace(/[*_`~]+/g, "")
    .replace(/\s+/g, " ")
    .trim();

/** A candidate document: one article content (locale), snippet or external page. */
interface Doc {
  /** the order of kinds in ties: articles, then snippets, then external pages */
  rank: number;
  key: string;
  id: number;
  locale: string;
  title: string;
  /** what is scored besides the title */
  text: string;
  /** what the answer's passage is taken from */
  passage: string;
  source: Source;
}

/**
 * The content Fin may answer from whose indexed text has one of the terms, found by the query content
 * search runs (matchingContent: the same full-text engines), at most CANDIDATES of them by kind and id.
 */
async function candidates(c: Ctx, terms: string[]): Promise<Doc[]> {
  const p = { ...parseSearch({}), terms, states: ["published"], types: new Set(["article", "snippet", "external_content"] as const) };
  const hits: Array<{ kind: string; id: number | string }> = await throughTextIndex(c.db, c.kind, (tx) => {
    const union = matchingContent({ ...c, db: tx }, p as ParsedSearch, { anyTerm: true, forFin: true });
    return (tx as any).selectFrom(union.as("r")).select(["r.kind", "r.id"]).orderBy("r.kind").orderBy("r.id").limit(CANDIDATES).execute();
  });
  const ids = (kind: string) => hits.filter((h) => h.kind === kind).map((h) => Number(h.id));
  const [articleIds, snippetIds, pageIds] = [ids("article"), ids("content_snippet"), ids("external_content")];
  const [contents, snippets, pages] = await Promise.all([
    articleIds.length
      ? c.db
          .selectFrom("article_contents")
          .select(["id", "article_id", "locale", "title", "description", "body"])
          .where("workspace_id", "=", c.wsId)
          .where("article_id", "in", articleIds)
          .where("state", "=", "published")
          .execute()
      : [],
    snippetIds.length ? c.db.selectFrom("content_snippets").select(["id", "locale", "title", "body_markdown"]).where("workspace_id", "=", c.wsId).where("id", "in", snippetIds).execute() : [],
    pageIds.length ? c.db.selectFrom("external_pages").select(["id", "locale", "title", "html", "url"]).where("workspace_id", "=", c.wsId).where("id", "in", pageIds).execute() : [],
  ]);
  return [
    ...contents.map((r): Doc => {
      const id = Number(r.article_id);
      return {
        rank: 0,
        key: `article:${id}`,
        id,
        locale: r.locale,
        title: r.title,
        text: `${r.description} ${htmlToText(r.body)}`,
        passage: htmlToText(r.body) || r.description,
        source: { type: "article", id: String(id), locale: r.locale, title: r.title, url: articleUrl(c.wsId, r.locale, id, r.title) },
      };
    }),
    ...snippets.map((r): Doc => ({
      rank: 1,
      key: `content_snippet:${r.id}`,
      id: Number(r.id),
      locale: r.locale,
      title: r.title,
      text: markdownText(r.body_markdown),
      passage: markdownText(r.body_markdown),
      source: { type: "content_snippet", id: String(r.id), locale: r.locale, title: r.title },
    })),
    ...pages.map((r): Doc => ({
      rank: 2,
      key: `external_page:${r.id}`,
      id: Number(r.id),
      locale: r.locale,
      title: r.title,
      text: htmlToText(r.html),
      passage: htmlToText(r.html),
      source: { type: "external_page", id: String(r.id), locale: r.locale, title: r.title, ...(r.url ? { url: r.url } : {}) },
    })),
  ];
}

/**
 * Fin's answer to a question from the workspace's published articles, snippets and external pages
 * available to it, or null. Deterministic: scored in code, ties broken by kind, id and locale.
 */
export async function answerFrom(c: Ctx, question: string): Promise<Answer | null> {
  const terms = questionTerms(question);
  if (terms.length === 0) return null;
  const docs = await candidates(c, terms);
  const need = Math.ceil(terms.length / 2);
  const scored = docs
    .map((d) => {
      const title = new Set(words(d.title));
      const rest = new Set(words(d.text));
      let score = 0;
      let hits = 0;
      for (const t of terms) {
        const inTitle = title.has(t);
        const inRest = rest.has(t);
        if (inTitle || inRest) hits++;
        score += (inTitle ? 2 : 0) + (inRest ? 1 : 0);
      }
      return { d, score, hits };
    })
    .filter((x) => x.hits >= need)
    .sort((a, b) => b.score - a.score || b.hits - a.hits || a.d.rank - b.d.rank || a.d.id - b.d.id || (a.d.locale < b.d.locale ? -1 : a.d.locale > b.d.locale ? 1 : 0));
  // one document per content: an article's best locale
  const seen = new Set<string>();
  const best = scored.filter((x) => (seen.has(x.d.key) ? false : (seen.add(x.d.key), true)));
  if (best.length === 0) return null;
  const chosen = best.slice(0, 2).filter((x, i) => i === 0 || x.score === best[0].score);
  const paragraphs: string[] = [];
  const sources: Source[] = [];
  for (const { d } of chosen) {
    const text = d.passage || d.title;
    const passage = highlightedPassages(text, terms, 1, 320)[0]?.map((s) => s.text).join("") ?? text.slice(0, 320);
    paragraphs.push(`<p>${escapeHtml(passage)}</p>`);
    sources.push(d.source);
  }
  const links = sources.map((s) => (s.url ? `<a href="${escapeHtml(s.url)}">${escapeHtml(s.title)}</a>` : escapeHtml(s.title))).join(", ");
  return { html: `${paragraphs.join("")}<p>Sources: ${links}</p>`, sources };
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

// ---------------------------------------------------------------- users

/** The contact a Fin user maps to (a user with external_id = its id), created on first sight. */
export async function ensureContact(c: Ctx, user: { id: string; name: string | null; email: string | null }): Promise<ContactRow> {
  const find = () => findUserByExternalId(c, user.id).catch(() => null);
  const found = await find();
  if (found) return found;
  const attempt = async (email: string | null) => {
    try {
      return await createContact(c, { role: "user", external_id: user.id, ...(user.name ? { name: user.name } : {}), ...(email ? { email } : {}) });
    } catch (e) {
      if (e instanceof ApiError && (e.status === 409 || e.status === 400)) return null;
      throw e;
    }
  };
  // a concurrent request created it, or the email belongs to another user: then without the email
  return (await attempt(user.email)) ?? (await find()) ?? (await attempt(null)) ?? (await find()) ?? Promise.reject(conflict("The user could not be created", "user.id"));
}

// ---------------------------------------------------------------- events

async function emitFin(t: Ctx, topic: string, schema: string, item: Record<string, unknown>) {
  await emitWebhook(t.db, t.wsId, { topic: `fin_agent.${topic}`, schema, item });
}

async function addMessage(t: Ctx, conv: FinConvRow, author: string, body: string, at: string, sources: Source[] = []): Promise<FinMessageRow> {
  const bumped = await t.db
    .updateTable("fin_conversations")
    .set({ message_seq: sql<number>`message_seq + 1`, updated_at: t.now() })
    .where("id", "=", conv.id)
    .returning("message_seq")
    .executeTakeFirstOrThrow();
  const row = { workspace_id: t.wsId, fin_conversation_id: conv.id, seq: Number(bumped.message_seq), author, body, sources: JSON.stringify(sources), created_at_ms: at };
  const { id } = await t.db.insertInto("fin_messages").values(row).returning("id").executeTakeFirstOrThrow();
  return { ...row, id: Number(id) };
}

async function finReplies(t: Ctx, conv: FinConvRow, html: string, sources: Source[] = []) {
  const at = isoNow(t);
  const msg = await addMessage(t, conv, "fin", html, at, sources);
  await emitFin(t, "fin_replied", "fin_agent_replied_event", {
    event_name: "fin_replied",
    conversation_id: conv.external_id,
    user_id: conv.user_id,
    message: { id: String(msg.id), author: "fin", body: html, timestamp_ms: at, sources },
    status: "replying",
    created_at_ms: at,
  });
}

async function setStatus(t: Ctx, conv: FinConvRow, status: string, extra: Partial<FinConvRow> = {}, reason?: string): Promise<FinConvRow> {
  const patch = { status, ...extra, updated_at: t.now() };
  await t.db.updateTable("fin_conversations").set(patch).where("id", "=", conv.id).execute();
  const next = { ...conv, ...patch };
  await emitFin(t, "fin_status_updated", "fin_agent_status_updated_event", {
    event_name: "fin_status_updated",
    conversation_id: conv.external_id,
    user_id: conv.user_id,
    status,
    ...(status === "escalated" && reason ? { reason } : {}),
    created_at_ms: isoNow(t),
  });
  return next;
}

/** Fin resolved the question: resolved, then complete, then it asks for a rating. */
async function resolve(t: Ctx, conv: FinConvRow): Promise<FinConvRow> {
  let next = await setStatus(t, conv, "resolved", { resolution_state: "resolved" });
  next = await setStatus(t, next, "complete", { csat_requested_at: t.now() });
  await emitFin(t, "csat_requested", "fin_agent_csat_requested_event", {
    event_name: "csat_requested",
    conversation_id: conv.external_id,
    user_id: conv.user_id,
    csat: { options: CSAT_OPTIONS },
    created_at_ms: isoNow(t),
  });
  return next;
}

/** Fin hands over: a helpdesk conversation carrying the summary (and `context`) as a note; escalated, then complete. */
async function escalate(t: Ctx, conv: FinConvRow, reason: string, context: string | null): Promise<FinConvRow> {
  let helpdesk = conv.intercom_conversation_id;
  if (helpdesk === null && conv.contact_id) {
    const msgs = await t.db.selectFrom("fin_messages").select(["author", "body"]).where("fin_conversation_id", "=", conv.id).orderBy("seq").limit(50).execute();
    const first = msgs.find((m) => m.author === "user")?.body ?? DEFAULT_ESCALATION_MESSAGE;
    const summary = [`Fin escalated this conversation (${reason}).`, ...msgs.map((m) => `${m.author}: ${htmlToText(m.body)}`)].join("\n");
    helpdesk = await openHelpdeskConversation(t, conv.contact_id, first, [summary, context]);
  }
  const next = await setStatus(t, conv, "escalated", { resolution_state: "escalated", escalation_reason: reason, intercom_conversation_id: helpdesk }, reason);
  return setStatus(t, next, "complete");
}

async function openHelpdeskConversation(t: Ctx, contactId: string, firstMessage: string, notes: Array<string | null>): Promise<number> {
  const now = t.now();
  const tx = t.db;
  let conv = await insertConversation(
    t,
    tx,
    {
      created_at: now,
      delivered_as: "customer_initiated",
      message_type: "inapp",
      subject: "",
      body: toStoredHtml(firstMessage),
      author_type: "user",
      author_id: contactId,
      attachments: "[]",
      waiting_since: now,
      first_contact_reply_at: now,
      last_contact_reply_at: now,
    },
    [contactId],
  );
  await emitConversation(t, tx, "conversation.user.created", conv);
  for (const note of notes) {
    if (!note) continue;
    const html = note
      .split("\n")
      .map((l) => `<p>${escapeHtml(l)}</p>`)
      .join("");
    ({ conv } = await addPart(t, tx, conv.id, { part_type: "note", body: toStoredHtml(html), author_type: "bot", author_id: String(t.ws.token_admin_id ?? 0) }));
  }
  return conv.id;
}

// ---------------------------------------------------------------- conversations

async function findConv(c: Ctx, external: string): Promise<FinConvRow | undefined> {
  return c.db.selectFrom("fin_conversations").selectAll().where("workspace_id", "=", c.wsId).where("external_id", "=", external).executeTakeFirst();
}

/** The Fin conversation of an external id, locked for the transaction. */
async function lockedConv(t: Ctx, external: string): Promise<FinConvRow | undefined> {
  let q = t.db.selectFrom("fin_conversations").selectAll().where("workspace_id", "=", t.wsId).where("external_id", "=", external);
  if (t.kind === "postgres") q = q.forUpdate();
  return q.executeTakeFirst();
}

const sessionExists = () => invalidParam("conversation_id", "Fin session already exists for this conversation. Please use /reply to continue the conversation.");
const conversationNotFound = () => invalidParam("conversation_id", "Conversation not found");

async function createConv(t: Ctx, fields: Pick<FinConvRow, "external_id" | "user_id" | "contact_id" | "mode" | "procedure_id" | "context">): Promise<FinConvRow> {
  const now = t.now();
  const row = {
    workspace_id: t.wsId,
    ...fields,
    status: "thinking",
    resolution_state: null,
    escalation_reason: null,
    intercom_conversation_id: null,
    csat_requested_at: null,
    csat_rating: null,
    csat_remark: null,
    csat_rated_at: null,
    message_seq: 0,
    created_at: now,
    updated_at: now,
  };
  try {
    // a savepoint-free check first keeps PostgreSQL's transaction usable; the unique index decides races
    if (await findConv(t, fields.external_id)) throw sessionExists();
    const { id } = await t.db.insertInto("fin_conversations").values(row).returning("id").executeTakeFirstOrThrow();
    return { ...row, id: Number(id) };
  } catch (e) {
    if (isUniqueViolation(e)) throw sessionExists();
    throw e;
  }
}

export type Mode = "conversation" | "ask";

/** POST /fin/start and POST /fin/ask: a new Fin conversation with the user's question. */
export async function startFin(c: Ctx, input: FinTurnInput, mode: Mode): Promise<FinConvRow> {
  const external = externalId(input.conversation_id);
  const user = checkUser(input.user);
  const message = checkMessage(input.message, true)!;
  const history = checkHistory(input.conversation_metadata?.history);
  const convAttributes = checkAttributes(input.conversation_metadata?.attributes, "conversation_metadata.attributes");
  if (Array.isArray(input.attachments) && input.attachments.length > 10) throw invalidParam("attachments", "attachments must hold at most 10 items");
  if (await findConv(c, external)) throw sessionExists();
  const contact = await ensureContact(c, user);
  const answer = await answerFrom(c, message.body);
  const context = JSON.stringify({ user_attributes: user.attributes, conversation_attributes: convAttributes, settings: input.settings ?? {}, history });
  return inTransaction(c, async (t) => {
    let conv = await createConv(t, { external_id: external, user_id: user.id, contact_id: contact.id, mode, procedure_id: null, context });
    await addMessage(t, conv, message.author, message.body, message.timestamp ?? isoNow(t));
    conv = (await findConv(t, external))!;
    return turn(t, conv, message.body, answer, input.settings);
  });
}

/** Fin's turn after a user message (inside the transaction). */
async function turn(t: Ctx, conv: FinConvRow, question: string, answer: Answer | null, settings: FinTurnInput["settings"]): Promise<FinConvRow> {
  const conversational = conv.mode === "conversation" && settings?.follow_up_questions !== false;
  if (conv.mode === "conversation" && conv.message_seq > 1 && THANKS.test(htmlToText(question))) {
    await finReplies(t, conv, `<p>${RESOLVED_REPLY}</p>`);
    return resolve(t, conv);
  }
  if (conversational && HUMAN.test(htmlToText(question))) return escalate(t, conv, "Escalation requested by user", null);
  if (answer) {
    await finReplies(t, conv, answer.html, answer.sources);
    if (conversational) return setStatus(t, conv, "awaiting_user_reply");
    return resolve(t, conv);
  }
  await finReplies(t, conv, `<p>${CANNOT_ANSWER}</p>`);
  if (conversational) return escalate(t, conv, "Conversation finished without resolution", null);
  return setStatus(t, conv, "complete", { resolution_state: "unresolved" });
}

/** POST /fin/reply: the user answers Fin (which must be awaiting a reply). */
export async function replyFin(c: Ctx, input: FinTurnInput): Promise<FinConvRow> {
  const external = externalId(input.conversation_id);
  const user = checkUser(input.user);
  const message = checkMessage(input.message, true)!;
  if (Array.isArray(input.attachments) && input.attachments.length > 10) throw invalidParam("attachments", "attachments must hold at most 10 items");
  const existing = await findConv(c, external);
  if (!existing) throw conversationNotFound();
  const answer = await answerFrom(c, message.body);
  return inTransaction(c, async (t) => {
    const conv = await lockedConv(t, external);
    if (!conv) throw conversationNotFound();
    if (conv.user_id !== user.id) throw invalidParam("user.id", "user.id is not the user of this conversation");
    // a retry of the last message (same body and timestamp) changes nothing
    if (message.timestamp) {
      const last = await t.db.selectFrom("fin_messages").selectAll().where("fin_conversation_id", "=", conv.id).where("author", "=", message.author).orderBy("seq", "desc").limit(1).executeTakeFirst();
      if (last && last.body === message.body && last.created_at_ms === message.timestamp) return conv;
    }
    if (conv.status !== "awaiting_user_reply") throw invalidParam("conversation_id", `Fin is not awaiting a reply in this conversation (status: ${conv.status})`);
    await addMessage(t, conv, message.author, message.body, message.timestamp ?? isoNow(t));
    const fresh = (await findConv(t, external))!;
    return turn(t, fresh, message.body, answer, input.settings);
  });
}

// ---------------------------------------------------------------- escalation

/** POST /fin/escalate: an existing Fin conversation (by conversation_id) or a user's new helpdesk conversation. */
export async function escalateFin(c: Ctx, input: EscalateInput): Promise<{ conv: FinConvRow | null; intercomConversationId: number | null }> {
  const hasConv = input.conversation_id !== undefined && input.conversation_id !== null;
  const hasUser = input.user !== undefined && input.user !== null;
  if (!hasConv && !hasUser) throw invalidParam("conversation_id", "Either conversation_id or user must be provided");
  if (hasConv && hasUser) throw invalidParam("user", "Provide either conversation_id or user, not both");
  for (const f of ["message", "context"] as const) {
    const v = input[f];
    if (v !== undefined && v !== null && (typeof v !== "string" || v.length > 10_000)) throw invalidParam(f, `${f} must be a string of at most 10000 characters`);
  }
  const context = typeof input.context === "string" && input.context.trim() !== "" ? input.context : null;
  if (hasConv) {
    const external = externalId(input.conversation_id);
    return inTransaction(c, async (t) => {
      const conv = await lockedConv(t, external);
      if (!conv) throw conversationNotFound();
      // escalated already: the same handoff
      if (conv.resolution_state === "escalated") return { conv, intercomConversationId: conv.intercom_conversation_id };
      const next = await escalate(t, conv, "Routed to team", context);
      return { conv: next, intercomConversationId: next.intercom_conversation_id };
    });
  }
  const user = checkUser(input.user);
  const contact = await ensureContact(c, user);
  const first = typeof input.message === "string" && input.message.trim() !== "" ? input.message : DEFAULT_ESCALATION_MESSAGE;
  const id = await inTransaction(c, (t) => openHelpdeskConversation(t, contact.id, first, [context]));
  return { conv: null, intercomConversationId: id };
}

// ---------------------------------------------------------------- CSAT

/** A 422 of POST /fin/csat (opencom answers it as an error.list naming the documented key). */
const unprocessable = (field: string, message: string) => new ApiError(422, "parameter_invalid", message, field);

/** POST /fin/csat: records (or changes, or adds the remark to) the rating Fin asked for. */
export async function submitCsat(c: Ctx, input: CsatInput): Promise<FinConvRow> {
  const external = externalId(input.conversation_id);
  if (typeof input.rating !== "string" || !(RATINGS as readonly string[]).includes(input.rating)) throw unprocessable("rating", "Rating isn't an option");
  const rating = input.rating;
  if (input.remark !== undefined && input.remark !== null && (typeof input.remark !== "string" || input.remark.length > 10_000)) throw invalidParam("remark", "remark must be a string of at most 10000 characters");
  const remark = typeof input.remark === "string" && input.remark.trim() !== "" ? input.remark : null;
  return inTransaction(c, async (t) => {
    const conv = await lockedConv(t, external);
    if (!conv) throw unprocessable("external_conversation_id", "Conversation not found for the given external_conversation_id");
    if (conv.csat_requested_at === null) throw unprocessable("base", "No rating survey found for this conversation");
    const sameRating = conv.csat_rating === rating;
    // the same rating again with no new remark: nothing to do (an at-least-once client may retry)
    if (sameRating && (remark === null || remark === conv.csat_remark)) return conv;
    if (conv.csat_remark !== null && (!sameRating || remark !== null)) throw unprocessable("base", "This rating can no longer be changed because a remark has already been submitted");
    if (!sameRating && t.now() > Number(conv.csat_requested_at) + CSAT_WINDOW) throw unprocessable("base", "The rating window for this conversation has closed");
    const patch = { csat_rating: rating, csat_remark: remark ?? conv.csat_remark, csat_rated_at: t.now(), updated_at: t.now() };
    await t.db.updateTable("fin_conversations").set(patch).where("id", "=", conv.id).execute();
    return { ...conv, ...patch };
  });
}

// ---------------------------------------------------------------- capabilities

/** POST /fin/capabilities: the live, API-triggerable procedures (every user is in their audience) and the static actions. */
export async function capabilities(c: Ctx, input: CapabilitiesInput): Promise<ProcedureRow[]> {
  const user = checkUser(input.user);
  await ensureContact(c, user);
  return c.db.selectFrom("fin_procedures").selectAll().where("workspace_id", "=", c.wsId).where("state", "=", "live").where("api_trigger", "=", 1).orderBy("id").limit(100).execute();
}

// ---------------------------------------------------------------- procedures

export interface Attribute {
  identifier: string;
  name: string;
  data_type: "string" | "boolean" | "number" | "list";
  options?: string[];
}

export async function findProcedure(c: Ctx | { db: Kysely<DB>; wsId: string }, rawId: unknown): Promise<ProcedureRow | undefined> {
  const s = String(rawId);
  if (!/^\d{1,15}$/.test(s)) return undefined;
  return c.db.selectFrom("fin_procedures").selectAll().where("workspace_id", "=", c.wsId).where("id", "=", Number(s)).executeTakeFirst();
}

/** POST /fin/procedures/{id}/run: a new conversation running the procedure. */
export async function runProcedure(c: Ctx, procedureId: string, input: RunInput): Promise<FinConvRow> {
  const external = externalId(input.conversation_id);
  const user = checkUser(input.user);
  const message = checkMessage(input.message, false);
  const convAttributes = checkAttributes(input.conversation_metadata?.attributes, "conversation_metadata.attributes");
  const proc = await findProcedure(c, procedureId);
  if (!proc) throw invalidParam("procedure_id", "Procedure not found");
  if (proc.state !== "live") throw invalidParam("procedure_id", "Procedure is not live");
  if (!proc.api_trigger) throw invalidParam("procedure_id", "Procedure does not have an API trigger");
  if (await findConv(c, external)) throw sessionExists();
  const contact = await ensureContact(c, user);
  return inTransaction(c, async (t) => {
    let conv = await createConv(t, {
      external_id: external,
      user_id: user.id,
      contact_id: contact.id,
      mode: "procedure",
      procedure_id: proc.id,
      context: JSON.stringify({ user_attributes: user.attributes, conversation_attributes: convAttributes, settings: input.settings ?? {} }),
    });
    if (message) await addMessage(t, conv, message.author, message.body, message.timestamp ?? isoNow(t));
    conv = (await findConv(t, external))!;
    if (proc.instructions) await finReplies(t, conv, toStoredHtml(proc.instructions));
    const attrs = JSON.parse(proc.attributes_to_collect) as Attribute[];
    if (attrs.length === 0) return complete(t, conv, proc, {});
    const now = t.now();
    const stepId = randomUUID();
    const expires = now + HITL_TTL;
    await t.db
      .insertInto("fin_hitl_requests")
      .values({ workspace_id: t.wsId, fin_conversation_id: conv.id, procedure_id: proc.id, step_id: stepId, attributes_to_collect: proc.attributes_to_collect, status: "pending", attribute_values: null, expires_at: expires, created_at: now, updated_at: now })
      .execute();
    await emitWebhook(t.db, t.wsId, {
      topic: "procedure.hitl_notification.created",
      schema: "procedure_hitl_notification",
      item: {
        type: "procedure_hitl_notification",
        conversation_id: conv.external_id,
        procedure_id: String(proc.id),
        step_id: stepId,
        attributes_to_collect: attrs,
        callback_url: `/procedures/${encodeURIComponent(conv.external_id)}/collect_agent_input`,
        expires_at: expires,
        created_at: now,
      },
    });
    return conv;
  });
}

async function complete(t: Ctx, conv: FinConvRow, proc: ProcedureRow, values: Record<string, unknown>): Promise<FinConvRow> {
  if (proc.completion_message) {
    const text = proc.completion_message.replace(/\{\{\s*([^}]+?)\s*\}\}/g, (m, id: string) => (id in values ? String(values[id]) : m));
    await finReplies(t, conv, toStoredHtml(text));
  }
  return resolve(t, conv);
}

/** POST /procedures/{conversation_id}/collect_agent_input: fulfils the paused step; the procedure completes. */
export async function collectAgentInput(c: Ctx, conversationId: string, input: CollectInput): Promise<void> {
  if (typeof input.step_id !== "string" || input.step_id === "") throw invalidParam("step_id", "step_id is required");
  if (!Array.isArray(input.attribute_values)) throw invalidParam("attribute_values", "attribute_values is required");
  await inTransaction(c, async (t) => {
    const conv = await lockedConv(t, conversationId);
    if (!conv) throw notFound();
    const req = await t.db.selectFrom("fin_hitl_requests").selectAll().where("fin_conversation_id", "=", conv.id).executeTakeFirst();
    if (!req || req.step_id !== input.step_id) throw notFound();
    if (req.status === "fulfilled") throw conflict("This HITL request has already been fulfilled");
    if (t.now() > Number(req.expires_at)) throw notFound("This HITL request has expired");
    const attrs = JSON.parse(req.attributes_to_collect) as Attribute[];
    const values: Record<string, unknown> = {};
    input.attribute_values!.forEach((v, i) => {
      const field = `attribute_values[${i}]`;
      const attr = attrs.find((a) => a.identifier === v?.identifier);
      if (!attr) throw invalidParam(`${field}.identifier`, `${String(v?.identifier)} is not an attribute to collect`);
      if (!typeFits(attr, v.value)) throw invalidParam(`${field}.value`, `the value of ${attr.identifier} must be a ${attr.data_type === "list" ? "option of the list" : attr.data_type}`);
      values[attr.identifier] = v.value;
    });
    const missing = attrs.find((a) => !(a.identifier in values));
    if (missing) throw invalidParam("attribute_values", `attribute_values must include a value for ${missing.identifier}`);
    const res = await t.db
      .updateTable("fin_hitl_requests")
      .set({ status: "fulfilled", attribute_values: JSON.stringify(values), updated_at: t.now() })
      .where("id", "=", req.id)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw conflict("This HITL request has already been fulfilled");
    const proc = await findProcedure(t, req.procedure_id);
    if (proc) await complete(t, conv, proc, values);
    else await resolve(t, conv);
  });
}

function typeFits(a: Attribute, v: unknown): boolean {
  switch (a.data_type) {
    case "boolean":
      return typeof v === "boolean";
    case "number":
      return typeof v === "number" && Number.isFinite(v);
    case "list":
      return typeof v === "string" && (a.options ?? []).includes(v);
    default:
      return typeof v === "string" && v.length <= 10_000;
  }
}

// ---------------------------------------------------------------- reads (opencom's API)

export async function getFinConversation(c: Ctx, external: string): Promise<{ conv: FinConvRow; messages: FinMessageRow[]; hitl: HitlRow | undefined }> {
  const conv = await findConv(c, external);
  if (!conv) throw notFound();
  const [messages, hitl] = await Promise.all([
    c.db.selectFrom("fin_messages").selectAll().where("fin_conversation_id", "=", conv.id).orderBy("seq").limit(500).execute(),
    c.db.selectFrom("fin_hitl_requests").selectAll().where("fin_conversation_id", "=", conv.id).executeTakeFirst(),
  ]);
  return { conv, messages, hitl };
}

// ---------------------------------------------------------------- procedures (opencom's API)

const DATA_TYPES = ["string", "boolean", "number", "list"];

function checkProcedure(input: ProcedureInput, creating: boolean): Partial<ProcedureRow> {
  const out: Partial<ProcedureRow> = {};
  if (input.name !== undefined || creating) {
    if (typeof input.name !== "string" || input.name.trim() === "") throw invalidParam("name", "name is required");
    out.name = input.name;
  }
  if (input.description !== undefined) out.description = input.description;
  if (input.state !== undefined) {
    if (input.state !== "live" && input.state !== "draft") throw invalidParam("state", "state must be live or draft");
    out.state = input.state;
  }
  if (input.api_trigger !== undefined) out.api_trigger = input.api_trigger ? 1 : 0;
  if (input.instructions !== undefined) out.instructions = input.instructions;
  if (input.completion_message !== undefined) out.completion_message = input.completion_message;
  if (input.attributes_to_collect !== undefined) {
    const seen = new Set<string>();
    const attrs: Attribute[] = input.attributes_to_collect.map((a, i) => {
      const f = `attributes_to_collect[${i}]`;
      if (typeof a.identifier !== "string" || a.identifier === "" || a.identifier.length > 255) throw invalidParam(`${f}.identifier`, `${f}.identifier is required`);
      if (seen.has(a.identifier)) throw invalidParam(`${f}.identifier`, `${a.identifier} is listed twice`);
      seen.add(a.identifier);
      const dataType = a.data_type ?? "string";
      if (!DATA_TYPES.includes(String(dataType))) throw invalidParam(`${f}.data_type`, `${f}.data_type must be one of ${DATA_TYPES.join(", ")}`);
      const attr: Attribute = { identifier: a.identifier, name: typeof a.name === "string" ? a.name : a.identifier, data_type: dataType as Attribute["data_type"] };
      if (dataType === "list") {
        if (!Array.isArray(a.options) || a.options.length === 0 || !a.options.every((o) => typeof o === "string")) throw invalidParam(`${f}.options`, `${f}.options must list the choices (strings)`);
        attr.options = a.options as string[];
      }
      return attr;
    });
    out.attributes_to_collect = JSON.stringify(attrs);
  }
  return out;
}

export const procedureNotFound = () => notFound("Procedure not found", "not_found");

export async function createProcedure(c: Ctx, input: ProcedureInput): Promise<ProcedureRow> {
  const fields = checkProcedure(input, true);
  const now = c.now();
  const row = {
    workspace_id: c.wsId,
    name: fields.name!,
    description: fields.description ?? "",
    state: fields.state ?? "live",
    api_trigger: fields.api_trigger ?? 1,
    instructions: fields.instructions ?? "",
    attributes_to_collect: fields.attributes_to_collect ?? "[]",
    completion_message: fields.completion_message ?? "",
    created_at: now,
    updated_at: now,
  };
  const { id } = await c.db.insertInto("fin_procedures").values(row).returning("id").executeTakeFirstOrThrow();
  return { ...row, id: Number(id) };
}

export async function getProcedure(c: Ctx, rawId: string): Promise<ProcedureRow> {
  const p = await findProcedure(c, rawId);
  if (!p) throw procedureNotFound();
  return p;
}

export async function updateProcedure(c: Ctx, rawId: string, input: ProcedureInput): Promise<ProcedureRow> {
  const fields = checkProcedure(input, false);
  if (!/^\d{1,15}$/.test(rawId)) throw procedureNotFound();
  const row = await c.db
    .updateTable("fin_procedures")
    .set({ ...fields, updated_at: c.now() })
    .where("workspace_id", "=", c.wsId)
    .where("id", "=", Number(rawId))
    .returningAll()
    .executeTakeFirst();
  if (!row) throw procedureNotFound();
  return row;
}

export async function deleteProcedure(c: Ctx, rawId: string): Promise<number> {
  if (!/^\d{1,15}$/.test(rawId)) throw procedureNotFound();
  const res = await c.db.deleteFrom("fin_procedures").where("workspace_id", "=", c.wsId).where("id", "=", Number(rawId)).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw procedureNotFound();
  return Number(rawId);
}

export async function listProcedures(c: Ctx): Promise<ProcedureRow[]> {
  return c.db.selectFrom("fin_procedures").selectAll().where("workspace_id", "=", c.wsId).orderBy("id").limit(1000).execute();
}
