// Table types of the content area (see src/db/types.ts: DB extends every area's tables).
import type { Generated } from "kysely";
import type { Bool, Json } from "../types.js";

export interface HelpCentersTable {
  id: Generated<number>;
  workspace_id: string;
  identifier: string;
  display_name: string;
  website_turned_on: Bool;
  custom_domain: string | null;
  created_at: number;
  updated_at: number;
}

/** Collections, nested by parent_id; depth 0 is a top-level collection, depth 1 a 2.7–2.9 section. */
export interface HelpCenterCollectionsTable {
  id: Generated<number>;
  workspace_id: string;
  help_center_id: number;
  parent_id: number | null;
  depth: number;
  name: string;
  description: string | null;
  /** {locale: {name, description}} for the locales other than the default */
  translated_content: Json;
  icon: string | null;
  order_index: number;
  created_at: number;
  updated_at: number;
}

export interface ArticlesTable {
  id: Generated<number>;
  workspace_id: string;
  parent_id: number | null;
  default_locale: string;
  /** the state of the default locale's content */
  state: string;
  author_id: number;
  views: number;
  conversions: number;
  created_at: number;
  updated_at: number;
}

/** An article's content in one locale. */
export interface ArticleContentsTable {
  id: Generated<number>;
  workspace_id: string;
  article_id: number;
  locale: string;
  title: string;
  description: string;
  body: string;
  author_id: number;
  state: string;
  /** the normalised words of title, description and body: what the full-text index holds */
  search_text: string;
  created_at: number;
  updated_at: number;
}

export interface NewsfeedsTable {
  id: Generated<number>;
  workspace_id: string;
  name: string;
  created_at: number;
  updated_at: number;
}

export interface NewsItemsTable {
  id: Generated<number>;
  workspace_id: string;
  title: string;
  body: string;
  sender_id: number;
  /** draft | live */
  state: string;
  /** JSON array of label names */
  labels: Json;
  /** JSON array of emoji (null entries allowed) */
  reactions: Json;
  cover_image_url: string | null;
  deliver_silently: Bool;
  created_at: number;
  updated_at: number;
}

export interface NewsItemNewsfeedsTable {
  workspace_id: string;
  news_item_id: number;
  newsfeed_id: number;
  published_at: number;
}

export interface ContentImportSourcesTable {
  id: Generated<number>;
  workspace_id: string;
  url: string;
  /** api | automated | manual */
  sync_behavior: string;
  /** active | deactivated */
  status: string;
  last_synced_at: number;
  created_at: number;
  updated_at: number;
}

/** One page per (source_id, external_id): a unique index. */
export interface ExternalPagesTable {
  id: Generated<number>;
  workspace_id: string;
  source_id: number;
  external_id: string;
  title: string;
  html: string;
  url: string | null;
  locale: string;
  ai_agent_availability: Bool;
  ai_copilot_availability: Bool;
  created_at: number;
  updated_at: number;
  last_ingested_at: number;
}

export interface InternalArticlesTable {
  id: Generated<number>;
  workspace_id: string;
  title: string;
  body: string;
  owner_id: number;
  author_id: number;
  locale: string;
  /** the normalised words of title and body: what the full-text index holds */
  search_text: string;
  created_at: number;
  updated_at: number;
}

export interface BrandsTable {
  /** the default brand's id is the workspace id */
  id: string;
  workspace_id: string;
  name: string;
  is_default: Bool;
  help_center_id: number | null;
  created_at: number;
  updated_at: number;
}

export interface EmailSettingsTable {
  id: Generated<number>;
  workspace_id: string;
  email: string;
  verified: Bool;
  brand_id: string | null;
  forwarding_enabled: Bool;
  forwarded_email_last_received_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface ContentSnippetsTable {
  id: Generated<number>;
  workspace_id: string;
  title: string;
  locale: string;
  /** JSON array of content blocks, as given */
  json_blocks: Json;
  body_markdown: string;
  /** JSON array of audience ids */
  audience_ids: Json;
  ai_chatbot_availability: Bool;
  ai_copilot_availability: Bool;
  ai_sales_agent_availability: Bool;
  created_at: number;
  updated_at: number;
}

export interface ContentTables {
  content_snippets: ContentSnippetsTable;
  brands: BrandsTable;
  email_settings: EmailSettingsTable;
  internal_articles: InternalArticlesTable;
  content_import_sources: ContentImportSourcesTable;
  external_pages: ExternalPagesTable;
  newsfeeds: NewsfeedsTable;
  news_items: NewsItemsTable;
  news_item_newsfeeds: NewsItemNewsfeedsTable;
  help_centers: HelpCentersTable;
  help_center_collections: HelpCenterCollectionsTable;
  articles: ArticlesTable;
  article_contents: ArticleContentsTable;
}
