// GET|POST /content_snippets, GET|PUT|DELETE /content_snippets/{id}
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { createSnippet, deleteSnippet, getSnippet, listSnippets, updateSnippet } from "./service.js";
import { presentSnippet } from "./present.js";
import { SnippetBody } from "./schemas.js";

const Id = Type.Object({ id: Type.String() });

export default async function routes(app: App) {
  app.get("/content_snippets", { schema: { querystring: Type.Object({ page: Type.Optional(Type.Integer()), per_page: Type.Optional(Type.Integer()) }) } }, async (req) => {
    const r = await listSnippets(ctx(req), req.query);
    return { type: "list", data: r.rows.map(presentSnippet), total_count: r.total, page: r.page, per_page: r.perPage, total_pages: Math.ceil(r.total / r.perPage) };
  });
  app.post("/content_snippets", { schema: { body: SnippetBody } }, async (req, reply) => reply.code(201).send(presentSnippet(await createSnippet(ctx(req), req.body))));
  app.get("/content_snippets/:id", { schema: { params: Id } }, async (req) => presentSnippet(await getSnippet(ctx(req), req.params.id)));
  app.put("/content_snippets/:id", { schema: { params: Id, body: SnippetBody } }, async (req) => presentSnippet(await updateSnippet(ctx(req), req.params.id, req.body ?? {})));
  app.delete("/content_snippets/:id", { schema: { params: Id } }, async (req, reply) => {
    await deleteSnippet(ctx(req), req.params.id);
    return reply.code(204).send();
  });
}
