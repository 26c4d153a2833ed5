// GET /content/search, POST /content/bulk_actions (2.16, Unstable)
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { presentArticle } from "../articles/present.js";
import { runBulkAction } from "./bulk.js";
import { BulkBody } from "./schemas.js";
import { presentResults } from "./present.js";
import { parseSearch, searchContent } from "./service.js";

// list parameters come comma-separated or repeated (style form, explode false): a string or strings
const Many = Type.Optional(Type.Union([Type.String(), Type.Array(Type.String(), { maxItems: 100 })]));
const One = Type.Optional(Type.String());
const SearchQuery = Type.Object({
  query: One,
  page: One,
  per_page: One,
  states: Many,
  locales: Many,
  tag_ids: Many,
  tag_operator: One,
  any_tag_ids: Many,
  folder_ids: Many,
  folder_entity_type: One,
  content_types: Many,
  copilot_state: One,
  fin_service_state: One,
  fin_sales_state: One,
  created_by_ids: Many,
  last_updated_by_ids: Many,
  created_at_after: One,
  created_at_before: One,
  updated_at_after: One,
  updated_at_before: One,
});

export default async function routes(app: App) {
  app.get("/content/search", { schema: { querystring: SearchQuery } }, async (req) => {
    const c = ctx(req);
    const q = parseSearch(req.query);
    const r = await searchContent(c, q);
    const totalPages = Math.ceil(r.total / q.perPage);
    const link = (page: number) => {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(req.query as Record<string, string | string[] | undefined>)) {
        if (k === "page" || v === undefined) continue;
        for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
      }
      params.set("page", String(page));
      params.set("per_page", String(q.perPage));
      return `${req.protocol}://${req.host}/content/search?${params}`;
    };
    return {
      type: "list",
      total_count: r.total,
      pages: {
        type: "pages",
        page: q.page,
        per_page: q.perPage,
        total_pages: totalPages,
        next: q.page < totalPages ? link(q.page + 1) : null,
        prev: q.page > 1 ? link(Math.min(q.page - 1, Math.max(totalPages, 1))) : null,
      },
      data: await presentResults(c, r.hits, q.locales),
    };
  });

  app.post("/content/bulk_actions", { schema: { body: BulkBody } }, async (req, reply) => {
    const out = await runBulkAction(ctx(req), req.body, presentArticle);
    return reply.code(202).send(out);
  });
}
