// Request shapes of opencom's POST /_opencom/whatsapp_messages and PUT /_opencom/whatsapp_messages/{message_id}:
// the routes validate with them, the service is typed by them.
import { Type, type Static } from "typebox";

export const WHATSAPP_STATUSES = ["sent", "delivered", "read", "failed"] as const;
export type WhatsappStatus = (typeof WHATSAPP_STATUSES)[number];

const Status = Type.Union(WHATSAPP_STATUSES.map((s) => Type.Literal(s)));
const ErrorBody = Type.Object(
  { message: Type.String({ minLength: 1, maxLength: 1000 }), details: Type.Optional(Type.String({ maxLength: 10_000 })) },
  { additionalProperties: false },
);

export const NewWhatsappMessageBody = Type.Object(
  {
    conversation_id: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Integer(), Type.Null()])),
    template_name: Type.String({ minLength: 1, maxLength: 255 }),
    type: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    status: Type.Optional(Status),
    error: Type.Optional(Type.Union([ErrorBody, Type.Null()])),
    ruleset_id: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 255 }), Type.Integer({ minimum: 0 }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type NewWhatsappMessage = Static<typeof NewWhatsappMessageBody>;

export const WhatsappStatusBody = Type.Object(
  { status: Status, error: Type.Optional(Type.Union([ErrorBody, Type.Null()])) },
  { additionalProperties: false },
);
export type WhatsappStatusInput = Static<typeof WhatsappStatusBody>;
