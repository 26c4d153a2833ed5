// opencom additions for banners (Intercom's teammates make them in its UI):
// POST /_opencom/banners, GET /_opencom/banners, DELETE /_opencom/banners/{banner_id}
import { Type, type Static } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { Nullable } from "../../platform/schema.js";
import { presentBannerDefinition } from "../banners/present.js";
import { createBanner, deleteBanner, listBanners } from "../banners/service.js";

const Action = Type.Object({
  type: Type.String({ maxLength: 32 }),
  label: Nullable(Type.String()),
  target: Nullable(Type.String({ maxLength: 2048 })),
  reaction_set: Type.Optional(Type.Array(Type.Object({ index: Type.Optional(Type.Integer()), unicode_emoticon: Type.Optional(Type.String({ maxLength: 16 })) }), { maxItems: 10 })),
  tour_id: Nullable(Type.String()),
  tour_url: Nullable(Type.String({ maxLength: 2048 })),
});

const Body = Type.Object({
  title: Nullable(Type.String()),
  body: Nullable(Type.String({ maxLength: 65_536 })),
  style: Type.Optional(Type.String({ maxLength: 16 })),
  position: Type.Optional(Type.String({ maxLength: 16 })),
  show_dismiss_button: Type.Optional(Type.Boolean()),
  action: Nullable(Action),
  target_role: Nullable(Type.String({ maxLength: 8 })),
  target_contact_id: Nullable(Type.String({ maxLength: 64 })),
});

export default async function bannerRoutes(app: App) {
  app.post("/_opencom/banners", { schema: { body: Body } }, async (req) => presentBannerDefinition(await createBanner(ctx(req), req.body as Static<typeof Body>)));
  app.get("/_opencom/banners", async (req) => ({ type: "list", data: (await listBanners(ctx(req))).map(presentBannerDefinition) }));
  app.delete("/_opencom/banners/:banner_id", { schema: { params: Type.Object({ banner_id: Type.String({ maxLength: 32 }) }) } }, async (req) => ({
    ...presentBannerDefinition(await deleteBanner(ctx(req), req.params.banner_id)),
    deleted: true,
  }));
}
