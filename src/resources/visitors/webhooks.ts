// visitor.signed_up: a visitor converted into a user; the item is the visitor as it was (Intercom's topic
// table names the Visitor object), written in the conversion's transaction.
import type { Ctx } from "../../platform/http.js";
import { emitWebhook } from "../../platform/webhooks.js";
import { presentVisitor } from "./present.js";
import type { VisitorRow } from "./service.js";

export async function emitVisitorSignedUp(t: Ctx, visitor: VisitorRow): Promise<void> {
  await emitWebhook(t.db, t.wsId, { topic: "visitor.signed_up", schema: "visitor", item: presentVisitor(visitor) as unknown as Record<string, unknown> });
}
