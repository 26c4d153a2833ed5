// Request shape of POST /audiences and PUT /audiences/{id}: the routes validate with it, the service is
// typed by it.
import { Type, type Static } from "typebox";

export const AudiencePredicate = Type.Object({
  attribute: Type.Optional(Type.String({ maxLength: 255 })),
  type: Type.Optional(Type.String({ maxLength: 64 })),
  comparison: Type.Optional(Type.String({ maxLength: 64 })),
  value: Type.Optional(Type.String({ maxLength: 255 })),
});
const Predicates = Type.Array(AudiencePredicate, { maxItems: 100 });
export const AudienceBody = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 255 })),
  predicates: Type.Optional(Predicates),
  role_predicates: Type.Optional(Predicates),
});
export type AudienceInput = Static<typeof AudienceBody>;
