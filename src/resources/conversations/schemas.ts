// Request shapes of POST /conversations, PUT /conversations/{id}, POST /conversations/{id}/reply and
// POST|DELETE /conversations/{id}/customers: the routes validate with them, the service is typed by them
// (types are checked here; the rules, with Intercom's messages, by the service).
import { Type, type Static } from "typebox";

const Opt = Type.Optional;
const IdValue = Type.Union([Type.String(), Type.Integer()]);
const Text = Type.Union([Type.String(), Type.Null()]);
const Who = Type.Object({ type: Opt(Type.String()), id: Opt(IdValue) });
const Customer = Type.Object({ intercom_user_id: Opt(Type.String()), user_id: Opt(Type.String()), email: Opt(Type.String()) });

export const CreateConversationBody = Type.Object({ from: Opt(Who), body: Opt(Text), subject: Opt(Text), attachment_urls: Opt(Type.Array(Type.String())), created_at: Opt(Type.Integer()) });
export type CreateInput = Static<typeof CreateConversationBody>;

export const UpdateConversationBody = Type.Object({ read: Opt(Type.Boolean()), title: Opt(Text), custom_attributes: Opt(Type.Record(Type.String(), Type.Unknown())), company_id: Opt(Type.String()) });
export type UpdateInput = Static<typeof UpdateConversationBody>;

export const ReplyBody = Type.Object({
  message_type: Opt(Type.String()),
  type: Opt(Type.String()),
  body: Opt(Text),
  admin_id: Opt(IdValue),
  intercom_user_id: Opt(Type.String()),
  user_id: Opt(Type.String()),
  email: Opt(Type.String()),
  created_at: Opt(Type.Integer()),
  attachment_urls: Opt(Type.Array(Type.String())),
  attachment_files: Opt(Type.Array(Type.Object({}))),
  reply_options: Opt(Type.Array(Type.Object({ text: Opt(Type.String()), uuid: Opt(Type.String()) }))),
  skip_notifications: Opt(Type.Boolean()),
});
export type ReplyInput = Static<typeof ReplyBody>;

/** POST /conversations/{id}/customers and DELETE /conversations/{id}/customers/{contact_id}. */
export const CustomerBody = Type.Object({ admin_id: Opt(IdValue), customer: Opt(Customer) });
export type CustomerInput = Static<typeof CustomerBody>;
