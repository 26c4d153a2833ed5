// Table types for Kysely. One schema for SQLite and PostgreSQL:
// booleans are stored as integers 0/1, timestamps as unix seconds, JSON as text.
import type { Generated } from "kysely";
import type { ToolkitTables } from "./tables/toolkit.js";
import type { InboxTables } from "./tables/inbox.js";
import type { ContentTables } from "./tables/content.js";
import type { ContentExtrasTables } from "./tables/content-extras.js";
import type { DataTables } from "./tables/data.js";
import type { ChannelsTables } from "./tables/channels.js";
import type { JobsTables } from "./tables/jobs.js";
import type { InboxExtrasTables } from "./tables/inbox-extras.js";
import type { TicketsTables } from "./tables/tickets.js";
import type { SettingsTables } from "./tables/settings.js";
import type { CustomObjectsTables } from "./tables/custom-objects.js";
import type { PeopleExtrasTables } from "./tables/people-extras.js";
import type { FinTables } from "./tables/fin.js";
import type { ArticleVersionsTables } from "./tables/article-versions.js";
import type { BulkTables } from "./tables/bulk.js";
import type { OutboundTables } from "./tables/outbound.js";

export type Bool = number; // 0 | 1
export type Json = string; // JSON text

export interface WorkspacesTable {
  id: string;
  name: string;
  region: string;
  timezone: string;
  default_version: string;
  created_at: number;
  /** toolkit: webhook signing key (X-Hub-Signature) */
  client_secret: string | null;
  /** toolkit: the workspace clock = clock_frozen_at ?? real time + clock_offset */
  clock_offset: number;
  clock_frozen_at: number | null;
  /** toolkit: bumped on every clock change (a process's own change wins over a cached row) */
  clock_version: number;
  /** toolkit: null = no rate limit */
  rate_limit_per_minute: number | null;
  /** toolkit: how many faults the workspace has (the request path looks them up only when > 0) */
  faults_active: number;
  /** IP allowlist (2.14+): enforced on Intercom routes when 1 and the list is not empty */
  ip_allowlist_enabled: number;
  /** JSON array of IPv4 addresses / CIDR ranges, or null */
  ip_allowlist: string | null;
}

export interface AccessTokensTable {
  id: Generated<number>;
  workspace_id: string;
  token_hash: string;
  /** the admin the token acts as (GET /me) */
  admin_id: number | null;
  name: string | null;
  created_at: number;
}

export interface AdminsTable {
  id: Generated<number>;
  workspace_id: string;
  name: string;
  email: string;
  job_title: string | null;
  away_mode_enabled: Bool;
  away_mode_reassign: Bool;
  away_status_reason_id: number | null;
  has_inbox_seat: Bool;
  email_verified: Bool;
  avatar_url: string | null;
  created_at: number;
}

export interface TeamsTable {
  id: Generated<number>;
  workspace_id: string;
  name: string;
  assignment_limit: number | null;
  distribution_method: string | null;
  created_at: number;
}

export interface TeamAdminsTable {
  workspace_id: string;
  team_id: number;
  admin_id: number;
  /** primary | secondary (PUT /teams/{id}) */
  priority_level: Generated<string>;
}

export interface ActivityLogsTable {
  id: Generated<number>;
  workspace_id: string;
  admin_id: number;
  activity_type: string;
  activity_description: string | null;
  metadata: Json | null;
  ip: string | null;
  created_at: number;
}

export interface ContactsTable {
  id: string;
  workspace_id: string;
  role: string; // user | lead
  external_id: string | null;
  email: string | null;
  phone: string | null;
  name: string | null;
  avatar: string | null;
  owner_id: number | null;
  has_hard_bounced: Bool;
  marked_email_as_spam: Bool;
  unsubscribed_from_emails: Bool;
  archived: Bool;
  blocked: Bool;
  created_at: number;
  updated_at: number;
  signed_up_at: number | null;
  last_seen_at: number | null;
  last_replied_at: number | null;
  last_contacted_at: number | null;
  last_email_opened_at: number | null;
  last_email_clicked_at: number | null;
  language_override: string | null;
  browser: string | null;
  browser_version: string | null;
  browser_language: string | null;
  os: string | null;
  android_app_name: string | null;
  android_app_version: string | null;
  android_device: string | null;
  android_os_version: string | null;
  android_sdk_version: string | null;
  android_last_seen_at: number | null;
  ios_app_name: string | null;
  ios_app_version: string | null;
  ios_device: string | null;
  ios_os_version: string | null;
  ios_sdk_version: string | null;
  ios_last_seen_at: number | null;
  location_country: string | null;
  location_region: string | null;
  location_city: string | null;
  social_profiles: Json | null;
  custom_attributes: Json;
}

export interface CompaniesTable {
  id: string;
  workspace_id: string;
  company_id: string;
  name: string | null;
  plan: string | null;
  size: number | null;
  website: string | null;
  industry: string | null;
  monthly_spend: number | null;
  session_count: number;
  user_count: number;
  remote_created_at: number | null;
  last_request_at: number | null;
  custom_attributes: Json;
  created_at: number;
  updated_at: number;
}

export interface ContactCompaniesTable {
  workspace_id: string;
  contact_id: string;
  company_id: string; // companies.id
  created_at: number;
}

export interface TagsTable {
  id: Generated<number>;
  workspace_id: string;
  name: string;
  created_at: number;
}

export interface ContactTagsTable {
  workspace_id: string;
  contact_id: string;
  tag_id: number;
  admin_id: number | null;
  created_at: number;
}

export interface CompanyTagsTable {
  workspace_id: string;
  company_id: string; // companies.id
  tag_id: number;
  admin_id: number | null;
  created_at: number;
}

export interface NotesTable {
  id: Generated<number>;
  workspace_id: string;
  /** a note belongs to a contact or (2.15+) to a company, never both (migration 0074) */
  contact_id: string | null;
  company_id: string | null;
  admin_id: number | null;
  body: string;
  created_at: number;
}

export interface SegmentsTable {
  id: string;
  workspace_id: string;
  name: string;
  person_type: string; // user | lead | contact
  query: Json | null; // stored search query (src/search) or null for built-ins
  created_at: number;
  updated_at: number;
}

export interface SubscriptionTypesTable {
  id: Generated<number>;
  workspace_id: string;
  state: string; // live | draft | archived
  name: string;
  description: string;
  locale: string;
  consent_type: string; // opt_out | opt_in
  content_types: Json; // ["email"] | ["sms_message"]
  created_at: number;
}

export interface ContactSubscriptionsTable {
  workspace_id: string;
  contact_id: string;
  subscription_type_id: number;
  consent_type: string; // opt_in | opt_out
  created_at: number;
}

export interface DataAttributesTable {
  id: Generated<number>;
  workspace_id: string;
  model: string; // contact | company
  name: string;
  full_name: string;
  label: string;
  description: string | null;
  data_type: string; // string | integer | float | boolean | date
  options: Json | null;
  api_writable: Bool;
  ui_writable: Bool;
  messenger_writable: Bool;
  custom: Bool;
  archived: Bool;
  admin_id: number | null;
  created_at: number;
  updated_at: number;
}

export interface VisitorsTable {
  id: string;
  workspace_id: string;
  user_id: string;
  email: string | null;
  phone: string | null;
  name: string | null;
  pseudonym: string | null;
  avatar: string | null;
  owner_id: number | null;
  unsubscribed_from_emails: Bool;
  marked_email_as_spam: Bool;
  has_hard_bounced: Bool;
  do_not_track: Bool | null;
  session_count: number;
  signed_up_at: number | null;
  last_request_at: number | null;
  location_data: Json | null;
  referrer: string | null;
  utm_campaign: string | null;
  utm_content: string | null;
  utm_medium: string | null;
  utm_source: string | null;
  utm_term: string | null;
  custom_attributes: Json;
  created_at: number;
  updated_at: number;
}

export interface OpencomSettingsTable {
  key: string;
  value: string;
}

export interface DB extends ToolkitTables, InboxTables, ContentTables, DataTables, ChannelsTables, JobsTables, InboxExtrasTables, TicketsTables, SettingsTables, ContentExtrasTables, CustomObjectsTables, PeopleExtrasTables, FinTables, ArticleVersionsTables, BulkTables, OutboundTables {
  opencom_settings: OpencomSettingsTable;
  workspaces: WorkspacesTable;
  access_tokens: AccessTokensTable;
  admins: AdminsTable;
  teams: TeamsTable;
  team_admins: TeamAdminsTable;
  activity_logs: ActivityLogsTable;
  contacts: ContactsTable;
  companies: CompaniesTable;
  contact_companies: ContactCompaniesTable;
  tags: TagsTable;
  contact_tags: ContactTagsTable;
  company_tags: CompanyTagsTable;
  notes: NotesTable;
  segments: SegmentsTable;
  subscription_types: SubscriptionTypesTable;
  contact_subscriptions: ContactSubscriptionsTable;
  data_attributes: DataAttributesTable;
  visitors: VisitorsTable;
  contact_merges: { source_id: string; workspace_id: string; target_id: string; source_role: string; merged_at: number };
  company_plans: { id: Generated<number>; workspace_id: string; name: string; created_at: number };
  company_scrolls: { workspace_id: string; scroll_param: string; last_id: string | null; expires_at: number; created_at: number };
}

