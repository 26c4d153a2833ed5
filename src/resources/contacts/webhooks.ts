// What a contact's changes emit: the item presented as the API presents a contact, written to the webhook
// outbox in the transaction of the change (the service calls these with its transaction's context).
import type { Ctx } from "../../platform/http.js";
import { emitWebhook } from "../../platform/webhooks.js";
import { presentContact } from "./present.js";
import type { ContactRow } from "./service.js";

export async function emitContact(t: Ctx, topic: string, row: ContactRow): Promise<void> {
  // presented (tags, notes, companies: a statement) only for a subscription that listens
  await emitWebhook(t.db, t.wsId, { topic, schema: "contact", type: "contact", id: row.id, item: async () => (await presentContact(t, row)) as unknown as Record<string, unknown> });
}

/** contact.merged: the surviving contact with `merged_from` naming the lead absorbed into it (Intercom's payload). */
export async function emitContactMerged(t: Ctx, into: ContactRow, fromId: string): Promise<void> {
  const item = { ...((await presentContact(t, into)) as unknown as Record<string, unknown>), merged_from: { type: "contact", id: fromId } };
  await emitWebhook(t.db, t.wsId, { topic: "contact.merged", schema: "contact_merged", item });
}

/** contact.deleted carries a reference: the contact is gone. */
export async function emitContactDeleted(t: Ctx, row: ContactRow): Promise<void> {
  await emitWebhook(t.db, t.wsId, { topic: "contact.deleted", schema: "contact", item: { type: "contact", id: row.id, external_id: row.external_id, role: row.role } });
}
