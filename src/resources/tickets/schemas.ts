// Request shapes of the tickets routes (POST /tickets and /tickets/enqueue, PUT /tickets/{id}, POST
// /tickets/{id}/reply, POST /tickets/{ticket_id}/change_type, POST /tickets/{ticket_id}/linked_conversations,
// POST /conversations/{id}/convert): the routes validate with them, the service is typed by them.
import { Type, type Static } from "typebox";

const StrOrInt = Type.Union([Type.String({ maxLength: 64 }), Type.Integer()]);
const Opt = Type.Optional;
const ContactRef = Type.Object({ id: Opt(Type.String()), external_id: Opt(Type.String()), email: Opt(Type.String()) });
// Ticket attribute values are typed by the ticket type (checked in the service); texts up to 64 KB.
const Attributes = Type.Record(Type.String({ maxLength: 255 }), Type.Unknown(), { maxProperties: 100 });
/** POST /tickets and POST /tickets/enqueue. */
export const CreateTicketBody = Type.Object({
  ticket_type_id: Opt(StrOrInt),
  contacts: Opt(Type.Array(ContactRef, { maxItems: 10 })),
  company_id: Opt(Type.String()),
  created_at: Opt(Type.Integer()),
  ticket_attributes: Opt(Attributes),
  assignment: Opt(Type.Object({ admin_assignee_id: Opt(StrOrInt), team_assignee_id: Opt(StrOrInt) })),
  conversation_to_link_id: Opt(Type.String()),
  // intercom-client 7.x sends it (CreateTicketRequest.skip_notifications); opencom sends no notifications
  skip_notifications: Opt(Type.Boolean()),
});
export type CreateTicketInput = Static<typeof CreateTicketBody>;

/** PUT /tickets/{id}: `state` is 2.9–2.11's (the state's category), `assignment` 2.9–2.13's. */
export const UpdateTicketBody = Type.Object({
  ticket_attributes: Opt(Attributes),
  ticket_state_id: Opt(StrOrInt),
  state: Opt(Type.String()),
  company_id: Opt(Type.Union([Type.String(), Type.Null()])),
  open: Opt(Type.Boolean()),
  is_shared: Opt(Type.Boolean()),
  snoozed_until: Opt(Type.Integer()),
  admin_id: Opt(StrOrInt),
  assignee_id: Opt(StrOrInt),
  assignment: Opt(Type.Object({ admin_id: Opt(StrOrInt), assignee_id: Opt(StrOrInt) })),
});
export type UpdateTicketInput = Static<typeof UpdateTicketBody>;

/** POST /tickets/{id}/reply. */
export const ReplyBody = Type.Object({
  message_type: Opt(Type.String()),
  type: Opt(Type.String()),
  body: Opt(Type.String({ maxLength: 65_536 })),
  admin_id: Opt(StrOrInt),
  intercom_user_id: Opt(Type.String()),
  user_id: Opt(Type.String()),
  email: Opt(Type.String()),
  attachment_urls: Opt(Type.Array(Type.String({ maxLength: 2048 }), { maxItems: 10 })),
  created_at: Opt(Type.Integer()),
  reply_options: Opt(Type.Array(Type.Unknown(), { maxItems: 10 })),
  skip_notifications: Opt(Type.Boolean()),
  cross_post: Opt(Type.Boolean()),
});
export type TicketReplyInput = Static<typeof ReplyBody>;

/** POST /tickets/{ticket_id}/change_type (2.16). */
export const ChangeTypeBody = Type.Object({ ticket_type_id: Opt(StrOrInt), ticket_state_id: Opt(StrOrInt), ticket_attributes: Opt(Attributes) });
export type ChangeTypeInput = Static<typeof ChangeTypeBody>;

/** POST /tickets/{ticket_id}/linked_conversations. */
export const LinkBody = Type.Object({ conversation_id: Opt(StrOrInt) });

/** POST /conversations/{id}/convert (2.10+). */
export const ConvertBody = Type.Object({ ticket_type_id: Opt(StrOrInt), attributes: Opt(Attributes) });
export type ConvertInput = Static<typeof ConvertBody>;
