// Request shape of POST /phone_call_redirects: the route validates with it, the service is typed by it.
import { Type, type Static } from "typebox";
import { Nullable } from "../../platform/schema.js";

export const RedirectFields = Type.Object({
  // the type is checked by the service: a phone that is not a number in E.164 format is Intercom's invalid_phone_number
  phone: Type.Optional(Type.Unknown()),
  custom_attributes: Nullable(Type.Record(Type.String(), Type.Unknown())),
});
export type RedirectInput = Static<typeof RedirectFields>;
export const RedirectBody = Type.Union([RedirectFields, Type.Null()]);
