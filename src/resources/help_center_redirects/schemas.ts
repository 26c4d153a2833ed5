// Request shape of POST …/redirects: the route validates with it, the service is typed by it.
import { Type, type Static } from "typebox";

export const MAX_URL = 2048;

export const RedirectBody = Type.Object({
  from_url: Type.Optional(Type.String({ maxLength: MAX_URL })),
  locale: Type.Optional(Type.String()),
  target_type: Type.Optional(Type.String()),
  // the description has a string; a number is taken too (ids are numeric)
  target_id: Type.Optional(Type.Union([Type.String(), Type.Integer()])),
});
export type RedirectInput = Static<typeof RedirectBody>;
