// GET /contacts/{id}/banners, POST /contacts/{id}/banners/{view_id}/dismiss (2.16+)
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { bannersForContact, dismissBanner } from "./service.js";
import { presentBanner, presentDismiss } from "./present.js";

export default async function routes(app: App) {
  app.get("/contacts/:contact_id/banners", { schema: { params: Type.Object({ contact_id: Type.String({ maxLength: 64 }) }) } }, async (req) => {
    const rows = await bannersForContact(ctx(req), req.params.contact_id);
    return { type: "list", data: rows.map((r) => presentBanner(r.banner, r.view)) };
  });
  app.post(
    "/contacts/:contact_id/banners/:view_id/dismiss",
    { schema: { params: Type.Object({ contact_id: Type.String({ maxLength: 64 }), view_id: Type.String({ maxLength: 32 }) }) } },
    async (req) => presentDismiss(await dismissBanner(ctx(req), req.params.contact_id, req.params.view_id)),
  );
}
