// Fin Voice references → Intercom's ai_call_response.
import { parseJson } from "../../platform/json.js";
import type { MatchedRow } from "./service.js";

/** Intercom's workspace ids are numbers here; opencom's (8 base-36 characters) read as one exactly. */
export const appNumber = (wsId: string) => parseInt(wsId, 36);

/** registered → in-progress (matched to a call still going) → resolved (the call has ended). */
function status(m: MatchedRow): string {
  if (!m.call) return "registered";
  return m.call.ended_at !== null || m.call.state === "completed" ? "resolved" : "in-progress";
}

export function presentFinVoiceCall(m: MatchedRow) {
  return {
    id: m.ref.id,
    app_id: appNumber(m.ref.workspace_id),
    user_phone_number: m.ref.phone_number,
    status: status(m),
    intercom_call_id: m.call ? String(m.call.id) : null,
    external_call_id: m.ref.external_call_id,
    intercom_conversation_id: m.call?.conversation_id != null ? String(m.call.conversation_id) : null,
    call_transcript: parseJson<object[]>(m.call?.transcript ?? null, []),
    call_summary: m.ref.summary,
    intent: parseJson<object[]>(m.ref.intent, []),
  };
}
