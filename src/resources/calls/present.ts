// Call rows → Intercom JSON (the newest shape; older versions' views drop duration and the times).
import type { CallRow } from "./service.js";
import { transcriptOf } from "./service.js";

const span = (from: number | null, to: number | null) => (from !== null && to !== null ? Math.max(0, to - from) : null);

/** `base`: the URL the client called (recording and transcript URLs point back at this server). */
export function presentCall(r: CallRow, base: string) {
  const hasTranscript = r.transcript !== null;
  // Intercom's datetime is a string or an integer, never null: a time the call has not reached is left out
  const times: Record<string, number> = {};
  for (const f of ["initiated_at", "answered_at", "ended_at"] as const) if (r[f] !== null) times[f] = r[f]!;
  return {
    type: "call",
    id: String(r.id),
    conversation_id: r.conversation_id === null ? null : String(r.conversation_id),
    admin_id: r.admin_id === null ? null : String(r.admin_id),
    contact_id: r.contact_id,
    state: r.state,
    ...times,
    created_at: r.created_at,
    updated_at: r.updated_at,
    recording_url: r.recording_location !== null ? `${base}/calls/${r.id}/recording` : null,
    transcription_url: hasTranscript ? `${base}/calls/${r.id}/transcript` : null,
    call_type: r.call_type,
    direction: r.direction,
    ended_reason: r.ended_reason,
    phone: r.phone,
    fin_recording_url: null,
    fin_transcription_url: null,
    // inbound: from initiated to ended; outbound: from answered to ended
    duration: r.direction === "outbound" ? span(r.answered_at, r.ended_at) : span(r.initiated_at, r.ended_at),
    talk_time: span(r.answered_at, r.ended_at),
    queue_time: r.queue_time,
    hold_time: r.hold_time,
  };
}

/** A call found by `POST /calls/search`, with its transcript entries. */
export function presentCallWithTranscript(r: CallRow, base: string) {
  const t = transcriptOf(r);
  return { ...presentCall(r, base), transcript: (t ?? []).map((e) => ({ ...e })), transcript_status: t === null ? null : "completed" };
}
