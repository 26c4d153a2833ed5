// GET|POST /help_center/help_centers/{help_center_id}/redirects,
// GET|DELETE /help_center/help_centers/{help_center_id}/redirects/{id} (2.16)
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { pagesObject } from "../../platform/pagination.js";
import { createRedirect, deleteRedirect, getRedirect, listRedirects, MAX_URL } from "./service.js";
import { deletedRedirect, presentRedirect } from "./present.js";

const HcParams = Type.Object({ help_center_id: Type.String() });
const Params = Type.Object({ help_center_id: Type.String(), id: Type.String() });
const ListQuery = Type.Object({ page: Type.Optional(Type.Integer()), per_page: Type.Optional(Type.Integer()) });
const CreateBody = Type.Object({
  from_url: Type.Optional(Type.String({ maxLength: MAX_URL })),
  locale: Type.Optional(Type.String()),
  target_type: Type.Optional(Type.String()),
  // the description has a string; a number is taken too (ids are numeric)
  target_id: Type.Optional(Type.Union([Type.String(), Type.Integer()])),
});

export default async function routes(app: App) {
  const base = "/help_center/help_centers/:help_center_id/redirects";
  app.get(base, { schema: { params: HcParams, querystring: ListQuery } }, async (req) => {
    const r = await listRedirects(ctx(req), req.params.help_center_id, req.query);
    return { type: "list", data: r.rows.map(presentRedirect), total_count: r.total, pages: pagesObject(r.page, r.perPage, r.total, null) };
  });
  app.post(base, { schema: { params: HcParams, body: CreateBody } }, async (req) =>
    presentRedirect(await createRedirect(ctx(req), req.params.help_center_id, req.body ?? {})),
  );
  app.get(`${base}/:id`, { schema: { params: Params } }, async (req) => presentRedirect(await getRedirect(ctx(req), req.params.help_center_id, req.params.id)));
  app.delete(`${base}/:id`, { schema: { params: Params } }, async (req) => deletedRedirect(await deleteRedirect(ctx(req), req.params.help_center_id, req.params.id)));
}
