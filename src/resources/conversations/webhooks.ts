// What a conversation's changes emit: the conversation as the API presents it, written to the webhook outbox
// in the transaction of the change (services call these with the transaction's context).
import type { Ctx } from "../../platform/http.js";
import { emitWebhook } from "../../platform/webhooks.js";
import { presentConversation } from "./present.js";
import type { ConversationRow } from "./service.js";

export async function emitConversationItem(t: Ctx, topic: string, conv: ConversationRow, opts: { parts: boolean }): Promise<void> {
  // presenting reads the parts (up to 500): only done when a subscription listens to the topic
  await emitWebhook(t.db, t.wsId, { topic, schema: "conversation", type: "conversation", id: String(conv.id), item: () => presentConversation(t, conv, opts) });
}

/** Presents the conversation now (before it is deleted) and returns the emission to make afterwards. */
export async function presentedForLater(t: Ctx, conv: ConversationRow): Promise<(topic: string) => Promise<void>> {
  const item = await presentConversation(t, conv, { parts: false });
  return (topic) => emitWebhook(t.db, t.wsId, { topic, schema: "conversation", item });
}
