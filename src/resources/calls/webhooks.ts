// What a recorded call emits (Intercom's call topics): call.started, and as the phone line reports them
// call.ended, call.recording_available, call.transcription_available — item: the call as the API presents it.
import type { Ctx } from "../../platform/http.js";
import { emitWebhook } from "../../platform/webhooks.js";
import { presentCall } from "./present.js";
import type { CallRow } from "./service.js";

export async function emitCallRecorded(t: Ctx, row: CallRow, base: string): Promise<void> {
  const item = presentCall(row, base) as unknown as Record<string, unknown>;
  const topics = ["call.started"];
  if (row.ended_at !== null) topics.push("call.ended");
  if (row.recording_location !== null) topics.push("call.recording_available");
  if (row.transcript !== null) topics.push("call.transcription_available");
  for (const topic of topics) await emitWebhook(t.db, t.wsId, { topic, schema: "call", item });
}
