// POST /articles/{article_id}/tags, DELETE /articles/{article_id}/tags/{id};
// POST /internal_articles/{internal_article_id}/tags, DELETE …/tags/{id};
// POST /content_snippets/{content_snippet_id}/tags, DELETE …/tags/{id} (2.16)
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { attachContentTag, detachContentTag, type AppliedContentTag, type ContentType } from "./content-tags-service.js";
import { ContentTagBody } from "./schemas.js";

// A removed tag has applied_at null; its applied_by is left out (the description says null, but the
// schema's applied_by, a nullable allOf of a reference, validates only as an object).
const present = (r: AppliedContentTag) => ({
  type: "tag",
  id: String(r.tag.id),
  name: r.tag.name,
  applied_at: r.applied ? r.applied.applied_at : null,
  ...(r.applied && r.applied.admin_id != null ? { applied_by: { type: "admin", id: String(r.applied.admin_id) } } : {}),
});

const ROUTES: Array<[string, string, ContentType]> = [
  ["/articles", "article_id", "article"],
  ["/internal_articles", "internal_article_id", "internal_article"],
  ["/content_snippets", "content_snippet_id", "content_snippet"],
];

export default async function routes(app: App) {
  for (const [base, param, type] of ROUTES) {
    const P = Type.Object({ [param]: Type.String() });
    const PI = Type.Object({ [param]: Type.String(), id: Type.String() });
    app.post(`${base}/:${param}/tags`, { schema: { params: P, body: ContentTagBody } }, async (req) => {
      const params = req.params as Record<string, string>;
      return present(await attachContentTag(ctx(req), type, params[param], req.body));
    });
    app.delete(`${base}/:${param}/tags/:id`, { schema: { params: PI } }, async (req) => {
      const params = req.params as Record<string, string>;
      return present(await detachContentTag(ctx(req), type, params[param], params.id));
    });
  }
}
