// contact.user.tag.created / contact.lead.tag.created (and .deleted): Intercom's "Contact Tag notification
// object" — type contact_tag, created_at, the tag and the contact — written in the tagging's transaction.
import type { Ctx } from "../../platform/http.js";
import { emitWebhook, subscribedTo } from "../../platform/webhooks.js";
import { presentContact } from "../contacts/present.js";
import { findContactRow } from "../contacts/service.js";
import { presentTag } from "./present.js";
import type { TagRow } from "./service.js";

const topicFor = (role: string, change: "created" | "deleted") => `contact.${role === "lead" ? "lead" : "user"}.tag.${change}`;

/** Emits for each contact (by id) that the tag was applied to or removed from. */
export async function emitContactTags(t: Ctx, change: "created" | "deleted", tag: TagRow, contactIds: string[]): Promise<void> {
  if (!contactIds.length) return;
  if (!(await subscribedTo(t.db, t.wsId, [topicFor("user", change), topicFor("lead", change)]))) return;
  const now = t.now();
  for (const id of contactIds) {
    const contact = await findContactRow(t, id);
    if (!contact) continue;
    const item = { type: "contact_tag", created_at: now, tag: presentTag(tag), contact: await presentContact(t, contact) };
    await emitWebhook(t.db, t.wsId, { topic: topicFor(contact.role, change), schema: "contact_tag", item });
  }
}
