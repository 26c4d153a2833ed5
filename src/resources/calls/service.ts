// Calls. Intercom's phone line creates them; in opencom, `POST /_opencom/calls` does (what a phone line
// reports: direction, state, times, the people on it, a recording's location, a transcript). Listed
// newest first; searched by conversation ids; Fin Voice references (src/resources/fin_voice) match a
// call registered under the same external call id.
import type { Selectable } from "kysely";
import type { CallsTable } from "../../db/tables/channels.js";
import type { Ctx } from "../../platform/http.js";
import { ApiError, badRequest, invalidParam, notFound } from "../../platform/errors.js";
import { parseNumericId } from "../../platform/ids.js";
import { parseJson } from "../../platform/json.js";
import { keysetPage, readPageRequest, withPageNumber, type SortKey } from "../../platform/pagination.js";
import { inTransaction } from "../../platform/writes.js";
import { findAdmin } from "../admins/service.js";
import { findContactRow } from "../contacts/service.js";
import { emitCallRecorded } from "./webhooks.js";
import type { NewCall } from "./schemas.js";

export type CallRow = Selectable<CallsTable>;

export interface TranscriptEntry {
  /** seconds from the start of the call */
  offset: number;
  speaker: string;
  text: string;
}

export const MAX_SEARCH_IDS = 20;
export const E164 = /^\+[1-9][0-9]{6,14}$/;

export const callNotFound = () => notFound("Not Found", "not_found");

export async function getCall(c: Ctx, rawId: unknown): Promise<CallRow> {
  const id = parseNumericId(rawId);
  const row = id === null ? undefined : await c.db.selectFrom("calls").selectAll().where("workspace_id", "=", c.wsId).where("id", "=", id).executeTakeFirst();
  if (!row) throw callNotFound();
  return row;
}

export const transcriptOf = (r: CallRow): TranscriptEntry[] | null => (r.transcript === null ? null : parseJson<TranscriptEntry[]>(r.transcript, []));

const NEWEST: SortKey<CallRow>[] = [
  { col: "created_at", kind: "integer", dir: "desc", get: (r) => r.created_at },
  { col: "id", kind: "integer", dir: "desc", get: (r) => r.id },
];

/** A page of the workspace's calls, newest first (at most 25 a page, as Intercom). */
export async function listCalls(c: Ctx, q: { page?: number; per_page?: number; starting_after?: string }) {
  const { req, offset } = withPageNumber(readPageRequest(q, { defaultPerPage: 25, maxPerPage: 25 }), q.page);
  const base = c.db.selectFrom("calls").where("workspace_id", "=", c.wsId);
  const [result, total] = await Promise.all([
    keysetPage(base.selectAll().offset(offset), NEWEST, req),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { ...result, total: Number(total.n), perPage: req.perPage };
}

/** The calls of up to 20 conversations (ids as strings), oldest first. */
export async function searchCalls(c: Ctx, raw: unknown): Promise<CallRow[]> {
  const limit = () => badRequest("conversation_id_limit_exceeded", `A list of up to ${MAX_SEARCH_IDS} conversation IDs is required`, "conversation_ids");
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > MAX_SEARCH_IDS) throw limit();
  const ids = raw.map((v) => parseNumericId(v)).filter((v): v is number => v !== null);
  if (ids.length === 0) return [];
  return c.db.selectFrom("calls").selectAll().where("workspace_id", "=", c.wsId).where("conversation_id", "in", ids).orderBy("created_at").orderBy("id").execute();
}

/**
 * opencom's phone line: records a call (and its call.* webhooks, in the same transaction). Refers only to
 * the workspace's own admin, contact and conversation; `base` is the server's URL as the client called it.
 */
export async function createCall(c: Ctx, input: NewCall, base: string, after?: (t: Ctx, call: CallRow) => Promise<void>): Promise<CallRow> {
  if (input.phone != null && !E164.test(input.phone)) throw invalidParam("phone", "phone must be in E.164 format");
  let adminId: number | null = null;
  if (input.admin_id != null && input.admin_id !== "") {
    const admin = await findAdmin(c, input.admin_id);
    if (!admin) throw invalidParam("admin_id", "admin_id is not a teammate of this workspace");
    adminId = admin.id;
  }
  if (input.contact_id != null && input.contact_id !== "" && !(await findContactRow(c, input.contact_id))) throw invalidParam("contact_id", "contact_id is not a contact of this workspace");
  let convId: number | null = null;
  if (input.conversation_id != null && input.conversation_id !== "") {
    convId = parseNumericId(input.conversation_id);
    const conv = convId === null ? undefined : await c.db.selectFrom("conversations").select("id").where("workspace_id", "=", c.wsId).where("id", "=", convId).executeTakeFirst();
    if (!conv) throw invalidParam("conversation_id", "conversation_id is not a conversation of this workspace");
  }
  const now = c.now();
  const initiated = input.initiated_at ?? now;
  for (const f of ["answered_at", "ended_at"] as const) {
    const v = input[f];
    if (v != null && v < initiated) throw invalidParam(f, `${f} is before initiated_at`);
  }
  if (input.answered_at != null && input.ended_at != null && input.ended_at < input.answered_at) throw invalidParam("ended_at", "ended_at is before answered_at");
  const row = {
    workspace_id: c.wsId,
    conversation_id: convId,
    admin_id: adminId,
    contact_id: input.contact_id || null,
    state: input.state ?? (input.ended_at != null ? "completed" : input.answered_at != null ? "in_progress" : "initiated"),
    call_type: input.call_type ?? "phone",
    direction: input.direction ?? "inbound",
    ended_reason: input.ended_reason ?? null,
    phone: input.phone ?? null,
    initiated_at: initiated,
    answered_at: input.answered_at ?? null,
    ended_at: input.ended_at ?? null,
    queue_time: input.queue_time ?? null,
    hold_time: input.hold_time ?? null,
    recording_location: input.recording_url ?? null,
    transcript: input.transcript == null ? null : JSON.stringify(input.transcript),
    created_at: now,
    updated_at: now,
  };
  return inTransaction(c, async (t) => {
    const { id } = await t.db.insertInto("calls").values(row).returning("id").executeTakeFirstOrThrow();
    const call = { ...row, id: Number(id) };
    if (after) await after(t, call);
    await emitCallRecorded(t, call, base);
    return call;
  });
}

/** The transcript as a text file: one `[hh:mm:ss] Speaker: "text"` line per entry. */
export function transcriptText(entries: TranscriptEntry[]): string {
  const hms = (s: number) => [Math.floor(s / 3600), Math.floor((s % 3600) / 60), Math.floor(s % 60)].map((n) => String(n).padStart(2, "0")).join(":");
  return entries.map((e) => `[${hms(e.offset)}] ${e.speaker}: "${e.text}"`).join("\n") + "\n";
}

export const recordingNotFound = () => new ApiError(404, "not_found", "Recording Not Found");
