// POST /messages
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { presentAdmin } from "../admins/present.js";
import { createConversation, resolveWriter } from "../conversations/service.js";
import { presentAdminMessage, presentUserMessage } from "../conversations/present.js";
import { createMessage, type MessageInput } from "./service.js";

const Opt = Type.Optional;
const IdValue = Type.Union([Type.String(), Type.Integer()]);
const Recipient = Type.Object({ type: Opt(Type.String()), id: Opt(IdValue), user_id: Opt(Type.String()), email: Opt(Type.String()) });
const Recipients = Type.Union([Recipient, Type.Array(Recipient)]);
const MessageBody = Type.Object({
  message_type: Opt(Type.String()),
  subject: Opt(Type.Union([Type.String(), Type.Null()])),
  body: Opt(Type.Union([Type.String(), Type.Null()])),
  template: Opt(Type.String()),
  from: Opt(Type.Object({ type: Opt(Type.String()), id: Opt(IdValue) })),
  to: Opt(Recipients),
  cc: Opt(Recipients),
  bcc: Opt(Recipients),
  created_at: Opt(Type.Integer()),
  create_conversation_without_contact_reply: Opt(Type.Boolean()),
  attachment_urls: Opt(Type.Array(Type.String())),
  referer: Opt(Type.String()),
});

export default async function routes(app: App) {
  app.post("/messages", { schema: { body: Opt(MessageBody) } }, async (req) => {
    const c = ctx(req);
    const input = (req.body ?? {}) as MessageInput;
    const m = await createMessage(c, input, (from) => createConversation(c, { ...input, from }, (id) => resolveWriter(c, id)));
    if (!m.owner) return presentUserMessage(m.conv);
    return presentAdminMessage(m.conv, presentAdmin(m.owner, c.version));
  });
}
