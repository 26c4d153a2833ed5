// Fin Agent rows → the Fin Agent API's JSON (and opencom's read of a Fin conversation).
import type { Ctx } from "../../platform/http.js";
import { isoNow, type FinConvRow, type FinMessageRow, type HitlRow, type ProcedureRow } from "./service.js";

/** The answer of /fin/start, /fin/reply, /fin/ask (and, with the procedure, /fin/procedures/{id}/run). */
export function presentTurn(c: Ctx, conv: FinConvRow) {
  return {
    conversation_id: conv.external_id,
    user_id: conv.user_id,
    ...(conv.procedure_id !== null && conv.mode === "procedure" ? { procedure_id: String(conv.procedure_id) } : {}),
    status: conv.status,
    created_at_ms: isoNow(c),
  };
}

export function presentEscalation(conv: FinConvRow | null, intercomConversationId: number | null) {
  return {
    ...(conv ? { conversation_id: conv.external_id } : {}),
    ...(intercomConversationId !== null ? { intercom_conversation_id: String(intercomConversationId) } : {}),
    status: "escalated",
  };
}

export function presentCsat(conv: FinConvRow) {
  return { conversation_id: conv.external_id, rating: conv.csat_rating, status: "rated" };
}

const STATIC_ACTIONS = [
  { type: "reply", description: "Reply to an in-progress Fin conversation.", endpoint: "/fin/reply", method: "POST" },
  { type: "ask", description: "Ask Fin a single, self-contained question.", endpoint: "/fin/ask", method: "POST" },
  { type: "escalate", description: "Hand a conversation off to a human teammate.", endpoint: "/fin/escalate", method: "POST" },
];

export function presentCapabilities(c: Ctx, procedures: ProcedureRow[]) {
  return {
    version: String(c.version),
    capabilities: [
      ...procedures.map((p) => ({ type: "procedure", id: String(p.id), name: p.name, description: p.description, endpoint: `/fin/procedures/${p.id}/run`, method: "POST" })),
      ...STATIC_ACTIONS,
    ],
  };
}

/** A procedure as opencom's API shows it. */
export function presentProcedure(p: ProcedureRow) {
  return {
    type: "fin_procedure",
    id: String(p.id),
    name: p.name,
    description: p.description,
    state: p.state,
    api_trigger: Boolean(p.api_trigger),
    instructions: p.instructions,
    attributes_to_collect: JSON.parse(p.attributes_to_collect) as unknown[],
    completion_message: p.completion_message,
    created_at: Number(p.created_at),
    updated_at: Number(p.updated_at),
  };
}

/** A Fin conversation as opencom's API shows it: status, messages with their sources, rating, paused step. */
export function presentFinConversation(x: { conv: FinConvRow; messages: FinMessageRow[]; hitl: HitlRow | undefined }) {
  const { conv, messages, hitl } = x;
  return {
    type: "fin_conversation",
    conversation_id: conv.external_id,
    user_id: conv.user_id,
    contact_id: conv.contact_id,
    mode: conv.mode,
    procedure_id: conv.procedure_id === null ? null : String(conv.procedure_id),
    status: conv.status,
    resolution_state: conv.resolution_state,
    escalation_reason: conv.escalation_reason,
    intercom_conversation_id: conv.intercom_conversation_id === null ? null : String(conv.intercom_conversation_id),
    csat:
      conv.csat_requested_at === null
        ? null
        : { requested_at: Number(conv.csat_requested_at), rating: conv.csat_rating, remark: conv.csat_remark, rated_at: conv.csat_rated_at === null ? null : Number(conv.csat_rated_at) },
    messages: messages.map((m) => ({ id: String(m.id), author: m.author, body: m.body, timestamp_ms: m.created_at_ms, sources: JSON.parse(m.sources) as unknown[] })),
    hitl: hitl
      ? { step_id: hitl.step_id, status: hitl.status, attributes_to_collect: JSON.parse(hitl.attributes_to_collect) as unknown[], attribute_values: hitl.attribute_values === null ? null : (JSON.parse(hitl.attribute_values) as unknown), expires_at: Number(hitl.expires_at) }
      : null,
    created_at: Number(conv.created_at),
    updated_at: Number(conv.updated_at),
  };
}
