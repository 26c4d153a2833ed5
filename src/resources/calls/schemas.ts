// Request shape of opencom's POST /_opencom/calls (its phone line): the route validates with it, the
// service is typed by it.
import { Type, type Static } from "typebox";

const Seconds = Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]);
const Text = (max = 255) => Type.Union([Type.String({ maxLength: max }), Type.Null()]);
export const NewCallBody = Type.Object(
  {
    direction: Type.Optional(Type.Union([Type.Literal("inbound"), Type.Literal("outbound")])),
    state: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    call_type: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    phone: Type.Optional(Text(20)),
    admin_id: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Integer(), Type.Null()])),
    contact_id: Type.Optional(Text(40)),
    conversation_id: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Integer(), Type.Null()])),
    initiated_at: Type.Optional(Seconds),
    answered_at: Type.Optional(Seconds),
    ended_at: Type.Optional(Seconds),
    ended_reason: Type.Optional(Text(100)),
    queue_time: Type.Optional(Seconds),
    hold_time: Type.Optional(Seconds),
    recording_url: Type.Optional(Type.Union([Type.String({ maxLength: 2048, pattern: "^https?://" }), Type.Null()])),
    transcript: Type.Optional(
      Type.Union([
        Type.Array(Type.Object({ offset: Type.Integer({ minimum: 0 }), speaker: Type.String({ minLength: 1, maxLength: 100 }), text: Type.String({ maxLength: 10_000 }) }, { additionalProperties: false }), { maxItems: 1000 }),
        Type.Null(),
      ]),
    ),
    // Fin Voice: the external call id a provider registered (POST /fin_voice/register); the call matches it
    external_call_id: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
    fin_summary: Type.Optional(Type.String({ maxLength: 10_000 })),
    fin_intent: Type.Optional(Type.Array(Type.Object({}, { additionalProperties: true }), { maxItems: 100 })),
  },
  { additionalProperties: false },
);
/** A call as the service records it: the body but the Fin Voice fields, which the route hands to fin_voice. */
export type NewCall = Omit<Static<typeof NewCallBody>, "external_call_id" | "fin_summary" | "fin_intent">;
