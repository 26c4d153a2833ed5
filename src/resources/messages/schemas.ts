// Request shape of POST /messages: the route validates with it, the service is typed by it.
import { Type, type Static } from "typebox";

const Opt = Type.Optional;
const IdValue = Type.Union([Type.String(), Type.Integer()]);
const Recipient = Type.Object({ type: Opt(Type.String()), id: Opt(IdValue), user_id: Opt(Type.String()), email: Opt(Type.String()) });
const Recipients = Type.Union([Recipient, Type.Array(Recipient)]);
export const MessageBody = Type.Object({
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
export type MessageInput = Static<typeof MessageBody>;
/** Who a message is from (an admin, or a contact in older versions' form). */
export type MessageFrom = NonNullable<MessageInput["from"]>;
