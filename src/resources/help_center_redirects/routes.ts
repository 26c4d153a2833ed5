// GET|POST /help_center/help_centers/{help_center_id}/redirects,
// GET|DELETE /help_center/help_centers/{help_center_id}/redirects/{id} (2.16)
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { pagesObject } from "../../platform/pagination.js";
import { createRedirect, deleteRedirect, getRedirect, listRedirects } from "./service.js";
import { deletedRedirect, presentRedirect } from "./present.js";
import { RedirectBody } from "./schemas.js";

const HcParams = Type.Object({ help_center_id: Type.String() });
const Params = Type.Object({ help_center_id: Type.String(), id: Type.String() });
const ListQuery = Type.Object({ page: Type.Optional(Type.Integer()), per_page: Type.Optional(Type.Integer()) });

export default async function routes(app: App) {
  const base = "/help_center/help_centers/:help_center_id/redirects";
  app.get(base, { schema: { params: HcParams, querystring: ListQuery } }, async (req) => {
    const r = await listRedirects(ctx(req), req.params.help_center_id, req.query);
    return { type: "list", data: r.rows.map(presentRedirect), total_count: r.total, pages: pagesObject(r.page, r.perPage, r.total, null) };
  });
  app.post(base, { schema: { params: HcParams, body: RedirectBody } }, async (req) =>
    presentRedirect(await createRedirect(ctx(req), req.params.help_center_id, req.body ?? {})),
  );
  app.get(`${base}/:id`, { schema: { params: Params } }, async (req) => presentRedirect(await getRedirect(ctx(req), req.params.help_center_id, req.params.id)));
  app.delete(`${base}/:id`, { schema: { params: Params } }, async (req) => deletedRedirect(await deleteRedirect(ctx(req), req.params.help_center_id, req.params.id)));
}
