// Request shape of opencom's POST /_opencom/banners (src/resources/opencom/banners.ts): the route
// validates with it, the service is typed by it.
import { Type, type Static } from "typebox";
import { Nullable } from "../../platform/schema.js";

export const BannerActionBody = Type.Object({
  type: Type.String({ maxLength: 32 }),
  label: Nullable(Type.String()),
  target: Nullable(Type.String({ maxLength: 2048 })),
  reaction_set: Type.Optional(Type.Array(Type.Object({ index: Type.Optional(Type.Integer()), unicode_emoticon: Type.Optional(Type.String({ maxLength: 16 })) }), { maxItems: 10 })),
  tour_id: Nullable(Type.String()),
  tour_url: Nullable(Type.String({ maxLength: 2048 })),
});
export type BannerAction = Static<typeof BannerActionBody>;

export const BannerBody = Type.Object({
  title: Nullable(Type.String()),
  body: Nullable(Type.String({ maxLength: 65_536 })),
  style: Type.Optional(Type.String({ maxLength: 16 })),
  position: Type.Optional(Type.String({ maxLength: 16 })),
  show_dismiss_button: Type.Optional(Type.Boolean()),
  action: Nullable(BannerActionBody),
  target_role: Nullable(Type.String({ maxLength: 8 })),
  target_contact_id: Nullable(Type.String({ maxLength: 64 })),
});
export type BannerInput = Static<typeof BannerBody>;
