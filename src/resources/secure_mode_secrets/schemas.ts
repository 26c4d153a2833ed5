// Request shape of POST /secure_mode_secrets: the route validates with it, the service is typed by it.
import { Type, type Static } from "typebox";

export const SecretBody = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 255 })),
  supports_android: Type.Optional(Type.Boolean()),
  supports_ios: Type.Optional(Type.Boolean()),
  supports_web: Type.Optional(Type.Boolean()),
});
export type SecretInput = Static<typeof SecretBody>;
