// Request shape of opencom's POST /_opencom/macros: the route validates with it, the service is typed by it.
import { Type, type Static } from "typebox";

export const MAX_MACRO_BODY = 65_536;

export const MacroBody = Type.Object({
  name: Type.Unknown(),
  body: Type.String({ maxLength: MAX_MACRO_BODY }),
  visible_to: Type.Optional(Type.String()),
  visible_to_team_ids: Type.Optional(Type.Array(Type.Union([Type.String(), Type.Integer()]), { maxItems: 100 })),
  available_on: Type.Optional(Type.Array(Type.String(), { maxItems: 2 })),
});
export type MacroInput = Static<typeof MacroBody>;
