// Table types of the content extras (help center redirects, …); see src/db/types.ts.
import type { Generated } from "kysely";

/** A URL redirect of a help center to one of its articles or collections. */
export interface HelpCenterRedirectsTable {
  id: Generated<number>;
  workspace_id: string;
  help_center_id: number;
  from_url: string;
  locale: string;
  /** "article" | "collection" */
  target_type: string;
  target_id: number;
  created_at: number;
  updated_at: number;
}

export interface ContentExtrasTables {
  help_center_redirects: HelpCenterRedirectsTable;
  content_tags: ContentTagsTable;
  folders: FoldersTable;
  content_stats: ContentStatsTable;
}

/** A tag applied to an article, internal article or content snippet (2.16). */
export interface ContentTagsTable {
  workspace_id: string;
  /** "article" | "internal_article" | "content_snippet" */
  content_type: string;
  content_id: number;
  tag_id: number;
  admin_id: number | null;
  applied_at: number;
}

/** A folder (Unstable); parent_folder_id null at the root. */
export interface FoldersTable {
  id: Generated<number>;
  workspace_id: string;
  name: string;
  description: string | null;
  emoji: string | null;
  parent_folder_id: number | null;
  created_at: number;
  updated_at: number;
}

/** A content statistic the Messenger recorded (POST /_opencom/content_stats). */
export interface ContentStatsTable {
  id: Generated<number>;
  workspace_id: string;
  /** "article" | "news_item" */
  content_type: string;
  content_id: number;
  /** article: view | conversion | reaction; news item: receipt | open | click | reaction */
  stat_type: string;
  contact_id: string;
  /** the reaction (stat_type "reaction" only): happy | neutral | sad on articles, one of the item's emoji on news items */
  reaction: string | null;
  created_at: number;
}
