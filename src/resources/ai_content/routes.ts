// GET|POST /ai/content_import_sources, GET|PUT|DELETE /ai/content_import_sources/{id},
// GET|POST /ai/external_pages, GET|PUT|DELETE /ai/external_pages/{id}
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { pageLinks } from "../../platform/pagination.js";
import { createSource, deletePage, deleteSource, getPage, getSource, listPages, listSources, updatePage, updateSource, upsertPage } from "./service.js";
import { presentPage, presentSource } from "./present.js";
import { PageBody, SourceBody } from "./schemas.js";

const Id = Type.Object({ id: Type.String() });
const ListQuery = Type.Object({ page: Type.Optional(Type.Integer()), per_page: Type.Optional(Type.Integer()) });

export default async function routes(app: App) {
  app.get("/ai/content_import_sources", { schema: { querystring: ListQuery } }, async (req) => {
    const r = await listSources(ctx(req), req.query);
    return { type: "list", data: r.rows.map(presentSource), total_count: r.total, pages: pageLinks("/ai/content_import_sources", r.page, r.perPage, r.total) };
  });
  app.post("/ai/content_import_sources", { schema: { body: SourceBody } }, async (req) => presentSource(await createSource(ctx(req), req.body)));
  app.get("/ai/content_import_sources/:id", { schema: { params: Id } }, async (req) => presentSource(await getSource(ctx(req), req.params.id)));
  app.put("/ai/content_import_sources/:id", { schema: { params: Id, body: SourceBody } }, async (req) =>
    presentSource(await updateSource(ctx(req), req.params.id, req.body ?? {})),
  );
  app.delete("/ai/content_import_sources/:id", { schema: { params: Id } }, async (req, reply) => {
    await deleteSource(ctx(req), req.params.id);
    return reply.code(204).send();
  });

  app.get("/ai/external_pages", { schema: { querystring: ListQuery } }, async (req) => {
    const r = await listPages(ctx(req), req.query);
    return { type: "list", data: r.rows.map(presentPage), total_count: r.total, pages: pageLinks("/ai/external_pages", r.page, r.perPage, r.total) };
  });
  app.post("/ai/external_pages", { schema: { body: PageBody } }, async (req) => presentPage(await upsertPage(ctx(req), req.body)));
  app.get("/ai/external_pages/:id", { schema: { params: Id } }, async (req) => presentPage(await getPage(ctx(req), req.params.id)));
  app.put("/ai/external_pages/:id", { schema: { params: Id, body: PageBody } }, async (req) => presentPage(await updatePage(ctx(req), req.params.id, req.body ?? {})));
  app.delete("/ai/external_pages/:id", { schema: { params: Id } }, async (req) => presentPage(await deletePage(ctx(req), req.params.id)));
}
