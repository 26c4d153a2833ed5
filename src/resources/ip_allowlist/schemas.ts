// Request shape of PUT /ip_allowlist: the route validates with it, the service is typed by it.
import { Type, type Static } from "typebox";

export const IpAllowlistBody = Type.Object({
  // `type` is accepted so that a GET's answer can be sent back as it is
  type: Type.Optional(Type.Literal("ip_allowlist")),
  enabled: Type.Optional(Type.Boolean()),
  ip_allowlist: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 1000 })),
});
export type IpAllowlistInput = Static<typeof IpAllowlistBody>;
