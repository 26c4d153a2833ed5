// Fin Voice: an external call provider (AWS Connect, Five9, Zoom Phone) registers its call id with a
// phone number; the reference is "registered" until an Intercom call matches it. In opencom a call
// matches when opencom's phone line (`POST /_opencom/calls`) records it with the same
// `external_call_id`. The collect reads answer matched references only (404 before), as described.
import type { Selectable } from "kysely";
import type { CallsTable, FinVoiceCallsTable } from "../../db/tables/channels.js";
import type { Ctx } from "../../platform/http.js";
import { ApiError, invalidParam, missingParam, notFound } from "../../platform/errors.js";
import { isUniqueViolation } from "../../platform/db-errors.js";
import { parseNumericId } from "../../platform/ids.js";
import { E164 } from "../calls/service.js";
import type { RegisterInput } from "./schemas.js";

export type FinVoiceRow = Selectable<FinVoiceCallsTable>;
export type CallLink = Pick<Selectable<CallsTable>, "id" | "conversation_id" | "state" | "ended_at" | "transcript">;
export interface MatchedRow {
  ref: FinVoiceRow;
  call: CallLink | null;
}

export const SOURCES = ["aws_connect", "five9", "zoom_phone"] as const;
export const MAX_SUMMARY = 256;
const unmatched = () => notFound("External reference not found or not matched", "not_found");

export async function registerFinVoiceCall(c: Ctx, input: RegisterInput): Promise<MatchedRow> {
  for (const f of ["phone_number", "call_id"] as const) {
    if (input[f] === undefined || input[f] === null || input[f] === "") throw missingParam(f);
    if (typeof input[f] !== "string") throw invalidParam(f, `${f} must be a string`);
  }
  const phone = input.phone_number as string;
  if (!E164.test(phone)) throw invalidParam("phone_number", "phone_number must be in E.164 format");
  const source = input.source ?? "aws_connect";
  if (!(SOURCES as readonly unknown[]).includes(source)) throw invalidParam("source", `source must be one of ${SOURCES.join(", ")}`);
  const now = c.now();
  const row = {
    workspace_id: c.wsId,
    phone_number: phone,
    external_call_id: input.call_id as string,
    source: source as string,
    data: input.data === undefined || input.data === null ? null : JSON.stringify(input.data),
    call_id: null,
    summary: "",
    intent: "[]",
    created_at: now,
    updated_at: now,
  };
  try {
    const { id } = await c.db.insertInto("fin_voice_calls").values(row).returning("id").executeTakeFirstOrThrow();
    return { ref: { ...row, id: Number(id) }, call: null };
  } catch (e) {
    // one reference per external call id: the unique index decides
    if (isUniqueViolation(e)) throw new ApiError(409, "conflict", "A Fin Voice call with this call_id is already registered", "call_id");
    throw e;
  }
}

/** Matches the registered reference `externalId` to a call just recorded (inside its transaction). */
export async function matchFinVoiceCall(t: Ctx, externalId: string, callId: number, fin: { summary?: string; intent?: unknown[] }): Promise<void> {
  const res = await t.db
    .updateTable("fin_voice_calls")
    .set({ call_id: callId, summary: (fin.summary ?? "").slice(0, MAX_SUMMARY), intent: JSON.stringify(fin.intent ?? []), updated_at: t.now() })
    .where("workspace_id", "=", t.wsId)
    .where("external_call_id", "=", externalId)
    .where("call_id", "is", null)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw invalidParam("external_call_id", "no unmatched Fin Voice call is registered with this external_call_id");
}

function matched(c: Ctx) {
  return c.db
    .selectFrom("fin_voice_calls as f")
    .innerJoin("calls as k", "k.id", "f.call_id")
    .selectAll("f")
    .select(["k.conversation_id as k_conversation_id", "k.state as k_state", "k.ended_at as k_ended_at", "k.transcript as k_transcript"])
    .where("f.workspace_id", "=", c.wsId);
}

type Joined = FinVoiceRow & { k_conversation_id: number | null; k_state: string; k_ended_at: number | null; k_transcript: string | null };
const split = (r: Joined): MatchedRow => {
  const { k_conversation_id, k_state, k_ended_at, k_transcript, ...ref } = r;
  return { ref, call: { id: ref.call_id!, conversation_id: k_conversation_id, state: k_state, ended_at: k_ended_at, transcript: k_transcript } };
};

export async function collectById(c: Ctx, rawId: unknown): Promise<MatchedRow> {
  const id = parseNumericId(rawId);
  const r = id === null ? undefined : await matched(c).where("f.id", "=", id).executeTakeFirst();
  if (!r) throw unmatched();
  return split(r as Joined);
}

export async function collectByExternalId(c: Ctx, externalId: string): Promise<MatchedRow> {
  const r = await matched(c).where("f.external_call_id", "=", externalId).executeTakeFirst();
  if (!r) throw unmatched();
  return split(r as Joined);
}

/** The most recent matched call of a phone number. */
export async function collectByPhone(c: Ctx, phone: string): Promise<MatchedRow> {
  const r = await matched(c).where("f.phone_number", "=", phone).orderBy("f.created_at", "desc").orderBy("f.id", "desc").executeTakeFirst();
  if (!r) throw notFound("No call found for phone number or not matched", "not_found");
  return split(r as Joined);
}

/** Every matched call of a conversation of the workspace (none: an empty list; no such conversation: 404). */
export async function collectByConversation(c: Ctx, rawId: string): Promise<MatchedRow[]> {
  const id = parseNumericId(rawId);
  const conv = id === null ? undefined : await c.db.selectFrom("conversations").select("id").where("workspace_id", "=", c.wsId).where("id", "=", id).executeTakeFirst();
  if (!conv || id === null) throw notFound("Conversation not found", "not_found");
  const rows = await matched(c).where("k.conversation_id", "=", id).orderBy("f.created_at").orderBy("f.id").execute();
  return rows.map((r) => split(r as Joined));
}
