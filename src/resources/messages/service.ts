// POST /messages: an admin's outbound message (in-app or email) to one or more contacts, which starts a
// conversation (open in the inbox only with create_conversation_without_contact_reply; otherwise it waits,
// closed, for the contact's reply, which opens it); from a contact (older versions' form) it is a
// contact-initiated conversation, as POST /conversations.
import type { Ctx } from "../../platform/http.js";
import { ApiError, invalidParam, missingParam } from "../../platform/errors.js";
import { toStoredHtml } from "../../platform/html.js";
import { currentAdmin } from "../admins/service.js";
import type { AdminRow } from "../admins/service.js";
import type { ContactRow } from "../contacts/service.js";
import { act, actingAdmin, attachmentsJson, checkBody, checkCreatedAt, contactBy, emitConversation, insertConversation } from "../conversations/service.js";
import type { ConversationRow } from "../conversations/service.js";
import type { MessageFrom, MessageInput } from "./schemas.js";

const MAX_RECIPIENTS = 50;

async function recipients(c: Ctx, raw: unknown, field: string): Promise<ContactRow[]> {
  if (raw === undefined || raw === null) return [];
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length > MAX_RECIPIENTS) throw invalidParam(field, `${field} takes at most ${MAX_RECIPIENTS} recipients`);
  const out: ContactRow[] = [];
  for (const r of list) {
    if (!r || typeof r !== "object") throw invalidParam(field, `${field} must be {type, id}`);
    const rec = r as { type?: unknown; id?: unknown; user_id?: unknown; email?: unknown };
    if (rec.type !== undefined && !["user", "lead", "contact"].includes(String(rec.type))) throw invalidParam(`${field}.type`, `${field}.type must be user or lead`);
    out.push(await contactBy(c, { id: rec.id, user_id: rec.user_id, email: rec.email }));
  }
  return out;
}

export interface CreatedMessage {
  conv: ConversationRow;
  owner: AdminRow | null;
  withConversation: boolean;
}

export async function createMessage(c: Ctx, input: MessageInput, contactConversation: (from: MessageFrom) => Promise<ConversationRow>): Promise<CreatedMessage> {
  const from = input.from;
  if (from && typeof from === "object" && from.type !== "admin" && from.type !== undefined) {
    return { conv: await contactConversation({ type: from.type, id: from.id }), owner: null, withConversation: true };
  }
  const raw = input.message_type ?? "inapp";
  if (raw !== "inapp" && raw !== "in_app" && raw !== "email") throw invalidParam("message_type", "message_type must be in_app or email");
  const messageType = raw === "email" ? "email" : "inapp";
  const body = checkBody(input.body);
  if (body === null || body.trim() === "") throw invalidParam("body", "Body is required");
  if (input.subject !== undefined && input.subject !== null && (typeof input.subject !== "string" || input.subject.length > 255)) throw invalidParam("subject", "subject must be a string of at most 255 characters");
  const subject = typeof input.subject === "string" ? input.subject : "";
  if (messageType === "email" && subject.trim() === "") throw new ApiError(422, "parameter_not_found", "No subject supplied for email message", "subject");
  const flag = input.create_conversation_without_contact_reply;
  if (flag !== undefined && typeof flag !== "boolean") throw invalidParam("create_conversation_without_contact_reply", "create_conversation_without_contact_reply must be a boolean");
  const admin = from ? await actingAdmin(c, from.id, "from.id") : await currentAdmin(c);
  if (input.to === undefined || input.to === null) throw missingParam("to", "to is required");
  const to = await recipients(c, input.to, "to");
  if (to.length === 0) throw missingParam("to", "to needs at least one recipient");
  const others = [...(await recipients(c, input.cc, "cc")), ...(await recipients(c, input.bcc, "bcc"))];
  const created = checkCreatedAt(input.created_at, c) ?? c.now();
  const attachments = attachmentsJson(input.attachment_urls);
  const conv = await act(c, async (t, tx) => {
    const row = await insertConversation(
      t,
      tx,
      {
        created_at: created,
        delivered_as: "admin_initiated",
        message_type: messageType,
        subject,
        body: toStoredHtml(body),
        author_type: "admin",
        author_id: String(admin.id),
        attachments,
        state: flag === true ? "open" : "closed",
        read: 1,
      },
      [...to, ...others].map((r) => r.id),
    );
    if (flag === true) await emitConversation(t, tx, "conversation.admin.single.created", row);
    return row;
  });
  return { conv, owner: admin, withConversation: flag === true };
}
