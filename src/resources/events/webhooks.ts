// event.created: the tracked event, in the transaction that records it.
import type { Ctx } from "../../platform/http.js";
import { emitWebhook } from "../../platform/webhooks.js";
import type { ContactRow } from "../contacts/service.js";
import { presentEvent } from "./present.js";
import type { EventRow } from "./service.js";

export async function emitEventCreated(t: Ctx, row: EventRow, contact: ContactRow): Promise<void> {
  await emitWebhook(t.db, t.wsId, { topic: "event.created", schema: "data_event", item: presentEvent(row, contact) });
}
