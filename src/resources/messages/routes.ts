// POST /messages
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { presentAdmin } from "../admins/present.js";
import { createConversation, resolveWriter } from "../conversations/service.js";
import { presentAdminMessage, presentUserMessage } from "../conversations/present.js";
import { createMessage, type MessageInput } from "./service.js";

const Any = Type.Optional(Type.Unknown());
const keys = ["message_type", "subject", "body", "template", "from", "to", "cc", "bcc", "created_at", "create_conversation_without_contact_reply", "attachment_urls", "referer"] as const;

export default async function routes(app: App) {
  app.post("/messages", { schema: { body: Type.Optional(Type.Object(Object.fromEntries(keys.map((k) => [k, Any])))) } }, async (req) => {
    const c = ctx(req);
    const input = (req.body ?? {}) as MessageInput;
    const m = await createMessage(c, input, (from) => createConversation(c, { ...input, from }, (id) => resolveWriter(c, id)));
    if (!m.owner) return presentUserMessage(m.conv);
    return presentAdminMessage(m.conv, presentAdmin(m.owner, c.version), m.withConversation);
  });
}
