// GET|PUT /articles/{id}/draft, POST /articles/{id}/draft/publish, GET /articles/{article_id}/versions,
// GET /articles/{article_id}/versions/{id} (2.16, Unstable)
import { Type, type Static } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { pagesObject } from "../../platform/pagination.js";
import { getDraft, getVersion, listVersions, publishDraft, stageDraft } from "./drafts.js";
import { presentDraft, presentVersion, presentVersionSummary } from "./drafts-present.js";
import { presentArticle } from "./present.js";
import { ArticleBody } from "./schemas.js";

const Id = Type.Object({ id: Type.String() });
// update_article_request: the fields a draft does not take (state, parent, availability …) are accepted and ignored
const DraftBody = ArticleBody;
const PublishBody = Type.Union([Type.Object({ locales: Type.Optional(Type.Union([Type.Array(Type.String(), { maxItems: 64 }), Type.Null()])) }), Type.Null()]);
const VersionsParams = Type.Object({ article_id: Type.String() });
const VersionsQuery = Type.Object({
  page: Type.Optional(Type.Integer()),
  per_page: Type.Optional(Type.Integer()),
  starting_after: Type.Optional(Type.String()),
  locale: Type.Optional(Type.String()),
});
const VersionParams = Type.Object({ article_id: Type.String(), id: Type.String() });
const VersionQuery = Type.Object({ locale: Type.Optional(Type.String()) });

export default async function routes(app: App) {
  app.get("/articles/:id/draft", { schema: { params: Id } }, async (req) => {
    const c = ctx(req);
    const { article, drafts } = await getDraft(c, req.params.id);
    return presentDraft(c, article, drafts);
  });

  app.put("/articles/:id/draft", { schema: { params: Id, body: DraftBody } }, async (req) => {
    const c = ctx(req);
    const { article, drafts } = await stageDraft(c, req.params.id, req.body ?? {});
    return presentDraft(c, article, drafts);
  });

  app.post("/articles/:id/draft/publish", { schema: { params: Id, body: Type.Optional(PublishBody) } }, async (req) =>
    publishDraft(ctx(req), req.params.id, req.body as Static<typeof PublishBody> | undefined, presentArticle),
  );

  app.get("/articles/:article_id/versions", { schema: { params: VersionsParams, querystring: VersionsQuery } }, async (req) => {
    const r = await listVersions(ctx(req), req.params.article_id, req.query);
    return { type: "list", pages: pagesObject(r.page, r.perPage, r.total, r.next), total_count: r.total, data: r.rows.map((v) => presentVersionSummary(v, r.live.has(Number(v.id)))) };
  });

  app.get("/articles/:article_id/versions/:id", { schema: { params: VersionParams, querystring: VersionQuery } }, async (req) => {
    const { row, live } = await getVersion(ctx(req), req.params.article_id, req.params.id, req.query.locale);
    return presentVersion(row, live);
  });
}
