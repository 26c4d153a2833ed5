// Webhook emission: every state change that Intercom notifies about calls emitWebhook, in the same
// transaction as the change (the outbox), with the object as the API presents it in the newest shape;
// delivery shapes it for each subscription's version by its schema name. (The toolkit issue fills in
// the outbox and the delivery; until then an emission is recorded nowhere.)
import type { Kysely } from "kysely";
import type { DB } from "../db/types.js";
import { publishLive } from "./live.js";

export interface WebhookEvent {
  /** Intercom's topic, e.g. "contact.user.created" */
  topic: string;
  /** the component schema that shapes the item per version, e.g. "contact", "conversation", "ticket" */
  schema: string;
  /** the object as the API presents it */
  item: Record<string, unknown>;
}

/** Records a notification for every active subscription of the workspace to the topic. */
export async function emitWebhook(_db: Kysely<DB>, wsId: string, event: WebhookEvent): Promise<void> {
  const { type, id } = event.item as { type?: unknown; id?: unknown };
  publishLive({ workspaceId: wsId, topic: event.topic, type: typeof type === "string" ? type : undefined, id: id == null ? undefined : String(id) });
}
