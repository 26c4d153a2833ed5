// Internal article rows → Intercom JSON.
import type { InternalArticleRow } from "./service.js";

export const presentInternalArticle = (r: InternalArticleRow) => ({
  type: "internal_article",
  id: String(r.id),
  title: r.title,
  body: r.body,
  owner_id: r.owner_id,
  author_id: r.author_id,
  created_at: r.created_at,
  updated_at: r.updated_at,
  locale: r.locale,
});
