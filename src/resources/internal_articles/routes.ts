// GET|POST /internal_articles, GET /internal_articles/search, GET|PUT|DELETE /internal_articles/{id}
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { listEnvelope, pagesObject } from "../../platform/pagination.js";
import { presentInternalArticle } from "./present.js";
import { createInternalArticle, deleteInternalArticle, getInternalArticle, listInternalArticles, updateInternalArticle } from "./service.js";
import { InternalArticleBody } from "./schemas.js";

const Id = Type.Object({ id: Type.String() });
const Page = { page: Type.Optional(Type.Integer()), per_page: Type.Optional(Type.Integer()), starting_after: Type.Optional(Type.String()) };

export default async function routes(app: App) {
  app.get("/internal_articles", { schema: { querystring: Type.Object(Page) } }, async (req) => {
    const r = await listInternalArticles(ctx(req), req.query);
    return listEnvelope(r.rows.map(presentInternalArticle), r.total, r.page, r.perPage, r.next);
  });
  app.post("/internal_articles", { schema: { body: InternalArticleBody } }, async (req) => presentInternalArticle(await createInternalArticle(ctx(req), req.body)));
  app.get("/internal_articles/search", { schema: { querystring: Type.Object({ phrase: Type.Optional(Type.String()), folder_id: Type.Optional(Type.String()), ...Page }) } }, async (req) => {
    const r = await listInternalArticles(ctx(req), req.query, true);
    return { type: "list", total_count: r.total, data: { internal_articles: r.rows.map(presentInternalArticle) }, pages: pagesObject(r.page, r.perPage, r.total, r.next) };
  });
  app.get("/internal_articles/:id", { schema: { params: Id } }, async (req) => presentInternalArticle(await getInternalArticle(ctx(req), req.params.id)));
  app.put("/internal_articles/:id", { schema: { params: Id, body: InternalArticleBody } }, async (req) =>
    presentInternalArticle(await updateInternalArticle(ctx(req), req.params.id, req.body ?? {})),
  );
  app.delete("/internal_articles/:id", { schema: { params: Id } }, async (req) => ({ id: String(await deleteInternalArticle(ctx(req), req.params.id)), object: "internal_article", deleted: true }));
}
