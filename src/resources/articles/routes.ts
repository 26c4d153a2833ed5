// GET|POST /articles, GET /articles/search, GET|PUT|DELETE /articles/{id}
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { listEnvelope, pagesObject } from "../../platform/pagination.js";
import { createArticle, deleteArticle, getArticle, listArticles, searchArticles, updateArticle, type ArticleInput } from "./service.js";
import { articleHighlights, presentArticle, presentArticles } from "./present.js";
import { MAX_CONTENT_BODY } from "../../platform/requests.js";

const Id = Type.Object({ id: Type.String() });
const Page = {
  page: Type.Optional(Type.Integer()),
  per_page: Type.Optional(Type.Integer()),
  starting_after: Type.Optional(Type.String()),
};
const IdValue = Type.Union([Type.String(), Type.Integer(), Type.Null()]);
/** An article's create/update body; a draft takes the same (the fields it does not use are ignored). */
export const ArticleBody = Type.Object({
  title: Type.Optional(Type.String()),
  description: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  body: Type.Optional(Type.Union([Type.String({ maxLength: MAX_CONTENT_BODY }), Type.Null()])),
  author_id: Type.Optional(IdValue),
  state: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  parent_id: Type.Optional(IdValue),
  parent_type: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  translated_content: Type.Optional(Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()])),
});
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

  app.post("/articles", { schema: { body: ArticleBody } }, async (req) => createArticle(ctx(req), req.body as ArticleInput, presentArticle));

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

  app.put("/articles/:id", { schema: { params: Id, body: ArticleBody } }, async (req) => updateArticle(ctx(req), req.params.id, (req.body ?? {}) as ArticleInput, presentArticle));

  app.delete("/articles/:id", { schema: { params: Id } }, async (req) => ({ id: String(await deleteArticle(ctx(req), req.params.id)), object: "article", deleted: true }));
}
