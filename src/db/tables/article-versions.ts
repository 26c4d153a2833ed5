// Table types of article drafts and versions (2.16); see src/db/types.ts.
import type { Generated } from "kysely";

/** A published article's staged, unpublished content in one locale (one per article and locale). */
export interface ArticleDraftsTable {
  id: Generated<number>;
  workspace_id: string;
  article_id: number;
  locale: string;
  title: string;
  description: string;
  body: string;
  author_id: number;
  /** the admin whose token staged it last */
  created_by_id: number | null;
  created_at: number;
  updated_at: number;
}

/** The content of one locale of an article as one publish made it live. */
export interface ArticleVersionsTable {
  id: Generated<number>;
  workspace_id: string;
  article_id: number;
  locale: string;
  title: string;
  description: string;
  body: string;
  author_id: number;
  created_by_id: number | null;
  /** "api" */
  created_via: string;
  /** the version of the same locale this one replaced, null for the first */
  from_version_id: number | null;
  created_at: number;
  updated_at: number;
}

export interface ArticleVersionsTables {
  article_drafts: ArticleDraftsTable;
  article_versions: ArticleVersionsTable;
}
