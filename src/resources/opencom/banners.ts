// opencom additions for banners (Intercom's teammates make them in its UI):
// POST /_opencom/banners, GET /_opencom/banners, DELETE /_opencom/banners/{banner_id}
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { presentBannerDefinition } from "../banners/present.js";
import { createBanner, deleteBanner, listBanners } from "../banners/service.js";
import { BannerBody } from "../banners/schemas.js";

export default async function bannerRoutes(app: App) {
  app.post("/_opencom/banners", { schema: { body: BannerBody } }, async (req) => presentBannerDefinition(await createBanner(ctx(req), req.body)));
  app.get("/_opencom/banners", async (req) => ({ type: "list", data: (await listBanners(ctx(req))).map(presentBannerDefinition) }));
  app.delete("/_opencom/banners/:banner_id", { schema: { params: Type.Object({ banner_id: Type.String({ maxLength: 32 }) }) } }, async (req) => ({
    ...presentBannerDefinition(await deleteBanner(ctx(req), req.params.banner_id)),
    deleted: true,
  }));
}
