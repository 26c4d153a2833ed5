// Request shapes of POST /conversations/{id}/parts and POST /conversations/redact: the routes validate
// with them, the service is typed by them (the rules, with Intercom's messages, are the service's).
import { Type, type Static } from "typebox";

const Opt = Type.Optional;
const IdValue = Type.Union([Type.String(), Type.Integer()]);

export const ManageBody = Type.Object({ message_type: Opt(Type.String()), type: Opt(Type.String()), admin_id: Opt(IdValue), assignee_id: Opt(IdValue), body: Opt(Type.Union([Type.String(), Type.Null()])), snoozed_until: Opt(Type.Integer()) });
export type ManageInput = Static<typeof ManageBody>;

export const RedactBody = Type.Object({ type: Opt(Type.String()), conversation_id: Opt(IdValue), conversation_part_id: Opt(IdValue), source_id: Opt(IdValue) });
export type RedactInput = Static<typeof RedactBody>;
