// Article drafts and versions → Intercom JSON: a draft is the article rendered with its staged content
// (the default locale's at the top, each staged locale in translated_content); a version is its content
// (in full) or its metadata (in lists).
import type { Ctx } from "../../platform/http.js";
import type { DraftRow, VersionRow } from "./drafts.js";
import type { ArticleRow } from "./service.js";
import { presentArticle } from "./present.js";

export async function presentDraft(c: Ctx, article: ArticleRow, drafts: DraftRow[]): Promise<Record<string, unknown>> {
  const out = await presentArticle(c, article);
  const translated = { ...(out.translated_content as Record<string, Record<string, unknown>>) };
  for (const d of drafts) {
    translated[d.locale] = {
      ...(translated[d.locale] ?? { type: "article_content", state: "published", created_at: Number(d.created_at) }),
      title: d.title,
      description: d.description,
      body: d.body,
      author_id: Number(d.author_id),
      updated_at: Number(d.updated_at),
    };
    if (d.locale === article.default_locale) Object.assign(out, { title: d.title, description: d.description, body: d.body, author_id: Number(d.author_id) });
  }
  out.translated_content = translated;
  return out;
}

function base(v: VersionRow) {
  return {
    type: "article_version",
    id: String(v.id),
    article_id: String(v.article_id),
    title: v.title,
    description: v.description,
  };
}

function meta(v: VersionRow, live: boolean) {
  return {
    author_id: String(v.author_id),
    created_by_id: v.created_by_id === null ? null : String(v.created_by_id),
    created_via: v.created_via,
    from_version_id: v.from_version_id === null ? null : String(v.from_version_id),
    state: live ? "published" : "draft",
    created_at: Number(v.created_at),
  };
}

export const presentVersionSummary = (v: VersionRow, live: boolean) => ({ ...base(v), ...meta(v, live) });

export const presentVersion = (v: VersionRow, live: boolean) => ({ ...base(v), body: v.body, ...meta(v, live), updated_at: Number(v.updated_at) });
