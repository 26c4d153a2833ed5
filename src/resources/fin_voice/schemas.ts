// Request shape of POST /fin_voice/register: the route validates with it, the service is typed by it.
import { Type, type Static } from "typebox";

// types are checked by the service (missing phone_number / call_id is the documented 400)
export const RegisterFields = Type.Object({
  phone_number: Type.Optional(Type.Unknown()),
  call_id: Type.Optional(Type.Unknown()),
  source: Type.Optional(Type.Unknown()),
  data: Type.Optional(Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()])),
});
export type RegisterInput = Static<typeof RegisterFields>;
export const RegisterBody = Type.Union([RegisterFields, Type.Null()]);
