// GET|POST /news/news_items, GET|PUT|DELETE /news/news_items/{id}, GET /news/newsfeeds,
// GET /news/newsfeeds/{id}, GET /news/newsfeeds/{id}/items
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { listEnvelope } from "../../platform/pagination.js";
import { createNewsItem, deleteNewsItem, getNewsItem, getNewsfeed, listNewsItems, listNewsfeeds, updateNewsItem } from "./service.js";
import { presentNewsItem, presentNewsItems, presentNewsfeed } from "./present.js";
import { NewsItemBody } from "./schemas.js";

const Id = Type.Object({ id: Type.String() });
const ListQuery = Type.Object({ page: Type.Optional(Type.Integer()), per_page: Type.Optional(Type.Integer()), starting_after: Type.Optional(Type.String()) });

export default async function routes(app: App) {
  app.get("/news/news_items", { schema: { querystring: ListQuery } }, async (req) => {
    const c = ctx(req);
    const r = await listNewsItems(c, req.query);
    return listEnvelope(await presentNewsItems(c, r.rows), r.total, r.page, r.perPage, r.next);
  });
  app.post("/news/news_items", { schema: { body: NewsItemBody } }, async (req) => {
    const c = ctx(req);
    return presentNewsItem(c, await createNewsItem(c, req.body));
  });
  app.get("/news/news_items/:id", { schema: { params: Id } }, async (req) => {
    const c = ctx(req);
    return presentNewsItem(c, await getNewsItem(c, req.params.id));
  });
  app.put("/news/news_items/:id", { schema: { params: Id, body: NewsItemBody } }, async (req) => {
    const c = ctx(req);
    return presentNewsItem(c, await updateNewsItem(c, req.params.id, req.body ?? {}));
  });
  app.delete("/news/news_items/:id", { schema: { params: Id } }, async (req) => ({ id: String(await deleteNewsItem(ctx(req), req.params.id)), object: "news-item", deleted: true }));

  app.get("/news/newsfeeds", async (req) => {
    const feeds = (await listNewsfeeds(ctx(req))).map(presentNewsfeed);
    return listEnvelope(feeds, feeds.length, 1, Math.max(feeds.length, 1), null);
  });
  app.get("/news/newsfeeds/:id", { schema: { params: Id } }, async (req) => presentNewsfeed(await getNewsfeed(ctx(req), req.params.id)));
  app.get("/news/newsfeeds/:id/items", { schema: { params: Id, querystring: ListQuery } }, async (req) => {
    const c = ctx(req);
    const feed = await getNewsfeed(c, req.params.id);
    const r = await listNewsItems(c, req.query, feed.id);
    return listEnvelope(await presentNewsItems(c, r.rows), r.total, r.page, r.perPage, r.next);
  });
}
