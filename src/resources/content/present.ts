// Content search hits → Intercom JSON: `{type, id, title}` for snippets, external pages and internal
// articles; an article with its contents, one per locale (of the `locales` asked for, if any).
import type { Ctx } from "../../platform/http.js";
import { contentsOf } from "../articles/service.js";
import type { SearchHit } from "./service.js";

export async function presentResults(c: Ctx, hits: SearchHit[], locales?: string[]): Promise<Array<Record<string, unknown>>> {
  const articleIds = hits.filter((h) => h.kind === "article").map((h) => h.id);
  const contents = await contentsOf(c.db, articleIds);
  return hits.map((h) => {
    if (h.kind !== "article") return { type: h.kind, id: String(h.id), title: h.title };
    return {
      type: "article",
      id: String(h.id),
      title: h.title,
      contents: contents
        .filter((x) => Number(x.article_id) === h.id && (!locales || locales.includes(x.locale)))
        .map((x) => ({ type: "article_content", id: String(x.id), title: x.title, locale: x.locale })),
    };
  });
}
