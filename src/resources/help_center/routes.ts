// GET /help_center/help_centers, GET /help_center/help_centers/{id};
// GET|POST /help_center/collections, GET|PUT|DELETE /help_center/collections/{id};
// GET|POST /help_center/sections, GET|PUT|DELETE /help_center/sections/{id} (2.7–2.9)
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { listEnvelope, readNumberedPage } from "../../platform/pagination.js";
import { createGroup, deleteGroup, getGroup, getHelpCenter, listGroups, listHelpCenters, updateGroup } from "./service.js";
import { deletedObject, presentGroup, presentHelpCenter } from "./present.js";
import { GroupBody } from "./schemas.js";

const Id = Type.Object({ id: Type.String() });
const ListQuery = Type.Object({ page: Type.Optional(Type.Integer()), per_page: Type.Optional(Type.Integer()), starting_after: Type.Optional(Type.String()) });

export default async function routes(app: App) {
  // The contract names no parameters here, but the official SDK (intercom-client 7.x, helpCenters.list) sends
  // page (and per_page, "defaults to 15") and its pager asks for page 2, 3… until a page comes back empty: a
  // list that ignored `page` made `for await` over it endless. So `page`/`per_page` pick a page of the list,
  // which keeps its `{type, data}` shape. (A workspace has one help center: the rows are read whole.)
  app.get("/help_center/help_centers", { schema: { querystring: ListQuery } }, async (req) => {
    const { page, perPage } = readNumberedPage(req.query, 15);
    const rows = await listHelpCenters(ctx(req));
    return { type: "list", data: rows.slice((page - 1) * perPage, page * perPage).map(presentHelpCenter) };
  });
  app.get("/help_center/help_centers/:id", { schema: { params: Id } }, async (req) => presentHelpCenter(await getHelpCenter(ctx(req), req.params.id)));

  for (const kind of ["collection", "section"] as const) {
    const base = `/help_center/${kind}s`;
    app.get(base, { schema: { querystring: ListQuery } }, async (req) => {
      const c = ctx(req);
      const r = await listGroups(c, kind, req.query);
      return listEnvelope(r.rows.map((row) => presentGroup(c, row)), r.total, r.page, r.perPage, r.next);
    });
    app.post(base, { schema: { body: GroupBody } }, async (req) => {
      const c = ctx(req);
      return presentGroup(c, await createGroup(c, req.body, kind));
    });
    app.get(`${base}/:id`, { schema: { params: Id } }, async (req) => {
      const c = ctx(req);
      return presentGroup(c, await getGroup(c, req.params.id, kind));
    });
    app.put(`${base}/:id`, { schema: { params: Id, body: GroupBody } }, async (req) => {
      const c = ctx(req);
      return presentGroup(c, await updateGroup(c, req.params.id, req.body ?? {}, kind));
    });
    app.delete(`${base}/:id`, { schema: { params: Id } }, async (req) => deletedObject(await deleteGroup(ctx(req), req.params.id, kind), kind));
  }
}
