// GET|POST /articles, GET /articles/search, GET|PUT|DELETE /articles/{id}
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { listEnvelope, pagesObject } from "../../platform/pagination.js";
import { createArticle, deleteArticle, getArticle, listArticles, searchArticles, updateArticle } from "./service.js";
import { articleHighlights, presentArticle, presentArticles } from "./present.js";
import { ArticleBody } from "./schemas.js";

const Id = Type.Object({ id: Type.String() });
const Page = {
  page: Type.Optional(Type.Integer()),
  per_page: Type.Optional(Type.Integer()),
  starting_after: Type.Optional(Type.String()),
};
const SearchQuery = Type.Object({
  phrase: Type.Optional(Type.String()),
  state: Type.Optional(Type.String()),
  help_center_id: Type.Optional(Type.Integer()),
  highlight: Type.Optional(Type.Boolean()),
  ...Page,
});

export default async function routes(app: App) {
  app.get("/articles", { schema: { querystring: Type.Object(Page) } }, async (req) => {
    const c = ctx(req);
    const r = await listArticles(c, req.query);
    return listEnvelope(await presentArticles(c, r.rows), r.total, r.page, r.perPage, r.next);
  });

  app.post("/articles", { schema: { body: ArticleBody } }, async (req) => createArticle(ctx(req), req.body, presentArticle));

  app.get("/articles/search", { schema: { querystring: SearchQuery } }, async (req) => {
    const c = ctx(req);
    const r = await searchArticles(c, req.query);
    return {
      type: "list",
      total_count: r.total,
      data: {
        articles: await presentArticles(c, r.rows),
        highlights: req.query.highlight && r.terms.length ? await articleHighlights(c, r.rows, r.terms) : [],
      },
      pages: pagesObject(r.page, r.perPage, r.total, r.next),
    };
  });

  app.get("/articles/:id", { schema: { params: Id } }, async (req) => {
    const c = ctx(req);
    return presentArticle(c, await getArticle(c, req.params.id));
  });

  app.put("/articles/:id", { schema: { params: Id, body: ArticleBody } }, async (req) => updateArticle(ctx(req), req.params.id, req.body ?? {}, presentArticle));

  app.delete("/articles/:id", { schema: { params: Id } }, async (req) => ({ id: String(await deleteArticle(ctx(req), req.params.id)), object: "article", deleted: true }));
}
