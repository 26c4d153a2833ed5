// Request shape of POST and PUT /help_center/collections[/{id}] and /help_center/sections[/{id}]: the
// routes validate with it, the service is typed by it.
import { Type, type Static } from "typebox";

export const GroupBody = Type.Object({
  name: Type.Optional(Type.String()),
  description: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  translated_content: Type.Optional(Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()])),
  parent_id: Type.Optional(Type.Union([Type.String(), Type.Integer(), Type.Null()])),
  help_center_id: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
});
export type GroupInput = Static<typeof GroupBody>;
