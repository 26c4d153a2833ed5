// Every resource group: its routes, and what a new workspace starts with.
import type { Kysely } from "kysely";
import type { DB } from "../db/types.js";
import type { App } from "../platform/http.js";
import opencomRoutes from "./opencom/routes.js";
import type { WorkspaceRegistry } from "./opencom/service.js";
import adminsRoutes from "./admins/routes.js";
import teamsRoutes from "./teams/routes.js";
import contactsRoutes from "./contacts/routes.js";
import contactsSearchRoutes from "./contacts/search.js";
import notesRoutes from "./notes/routes.js";
import companiesRoutes from "./companies/routes.js";
import tagsRoutes from "./tags/routes.js";
import segmentsRoutes from "./segments/routes.js";
import { seedSegments } from "./segments/service.js";
import subscriptionTypesRoutes from "./subscription_types/routes.js";
import { seedSubscriptionTypes } from "./subscription_types/service.js";
import dataAttributesRoutes from "./data_attributes/routes.js";
import visitorsRoutes from "./visitors/routes.js";
import countsRoutes from "./counts/routes.js";
import snapshotRoutes from "./opencom/snapshot.js";
import conversationsRoutes from "./conversations/routes.js";
import conversationsSearchRoutes from "./conversations/search.js";
import conversationPartsRoutes from "./conversation_parts/routes.js";
import messagesRoutes from "./messages/routes.js";
import inboxTagsRoutes from "./tags/inbox-tags.js";
import helpCenterRoutes from "./help_center/routes.js";
import { seedHelpCenter } from "./help_center/service.js";
import articlesRoutes from "./articles/routes.js";
import newsRoutes from "./news/routes.js";
import aiContentRoutes from "./ai_content/routes.js";
import internalArticlesRoutes from "./internal_articles/routes.js";
import brandsRoutes from "./brands/routes.js";
import contentSnippetsRoutes from "./content_snippets/routes.js";
import { seedBrands } from "./brands/service.js";
import emailsRoutes from "./emails/routes.js";
import { seedEmailSettings } from "./emails/service.js";
import { seedNewsfeeds } from "./news/service.js";
// channels
import callsRoutes from "./calls/routes.js";
import finVoiceRoutes from "./fin_voice/routes.js";
import dataConnectorsRoutes from "./data_connectors/routes.js";
import switchRoutes from "./switch/routes.js";
import ecommerceRoutes from "./ecommerce/routes.js";
// jobs
import eventsRoutes from "./events/routes.js";
import exportsRoutes from "./exports/routes.js";
import jobsRoutes from "./jobs/routes.js";
// inbox extras
import macrosRoutes from "./macros/routes.js";
import conversationExtrasRoutes from "./conversation_extras/routes.js";
import conversationAttributesRoutes from "./conversation_attributes/routes.js";
import officeHoursRoutes from "./office_hours/routes.js";
// tickets
import ticketTypesRoutes from "./ticket_types/routes.js";
import { seedTicketStates } from "./ticket_types/service.js";
import ticketsRoutes, { actionRoutes as ticketActionRoutes } from "./tickets/routes.js";
import ticketsSearchRoutes from "./tickets/search.js";
import ticketTagsRoutes from "./tags/ticket-tags.js";
// bulk people, company search
import contactsBulkRoutes from "./contacts/bulk.js";
import companiesBulkRoutes from "./companies/bulk.js";
import companiesSearchRoutes from "./companies/search.js";
// workspace settings
import awayStatusReasonsRoutes from "./away_status_reasons/routes.js";
import { seedAwayStatusReasons } from "./away_status_reasons/service.js";
import secureModeSecretsRoutes from "./secure_mode_secrets/routes.js";
import audiencesRoutes from "./audiences/routes.js";
import activityLogRoutes from "./admins/activity-log-routes.js";
import mergeHistoryRoutes from "./contacts/merge-history.js";
import teamMetricsRoutes from "./teams/metrics.js";
// content extras
import helpCenterRedirectsRoutes from "./help_center_redirects/routes.js";
import contentTagsRoutes from "./tags/content-tags.js";
import foldersRoutes from "./folders/routes.js";
// custom objects, IP allowlist
import customObjectsRoutes from "./custom_objects/routes.js";
import customObjectTypesRoutes from "./opencom/custom-object-types.js";
import ipAllowlistRoutes, { seedIpAllowlist } from "./ip_allowlist/routes.js";
// people extras
import contactActivitiesRoutes from "./contacts/activities.js";
import mergePreviewRoutes from "./contacts/merge-preview.js";
import bannersRoutes from "./banners/routes.js";
import opencomBannersRoutes from "./opencom/banners.js";
import conversationPartUpdateRoutes from "./conversation_parts/update.js";
// fin
import finRoutes from "./fin/routes.js";
import finProceduresRoutes from "./opencom/fin-procedures.js";
import contentStatsRoutes from "./opencom/content-stats.js";
// workflows and WhatsApp messages (made through opencom's own API)
import workflowsRoutes from "./opencom/workflows.js";
import whatsappMessagesRoutes from "./opencom/whatsapp-messages.js";
// article drafts and versions, content search and bulk actions
import articleDraftsRoutes from "./articles/drafts-routes.js";
import contentRoutes from "./content/routes.js";

export type Seed = (db: Kysely<DB>, wsId: string, adminId: number) => Promise<void>;

export interface Resource {
  name: string;
  /** registers its routes; the registry is handed in for the few (opencom's reset) that walk it */
  routes: (app: App, registry: WorkspaceRegistry) => Promise<void> | void;
  /** data every new workspace starts with */
  seed?: Seed;
  /**
   * The tables this resource owns (with a workspace_id), children before parents: reset empties them
   * and snapshots export/import them, walking this registry (`ownedTables()`). A resource registered
   * later may reference an earlier one's tables, never the reverse.
   */
  tables?: ReadonlyArray<keyof DB>;
}

export const resources: Resource[] = [
  { name: "opencom", routes: opencomRoutes, tables: ["webhook_deliveries", "faults", "rate_limit_counters"] },
  { name: "admins", routes: adminsRoutes, tables: ["activity_logs"] },
  { name: "teams", routes: teamsRoutes },
  { name: "contacts", routes: contactsRoutes, tables: ["contact_merges", "contacts"] },
  { name: "contacts-search", routes: contactsSearchRoutes },
  { name: "companies", routes: companiesRoutes, tables: ["contact_companies", "company_scrolls", "company_plans", "companies"] },
  // after companies: a note may belong to a company (2.15+)
  { name: "notes", routes: notesRoutes, tables: ["notes"] },
  { name: "tags", routes: tagsRoutes, tables: ["contact_tags", "company_tags", "tags"] },
  { name: "segments", routes: segmentsRoutes, seed: seedSegments, tables: ["segments"] },
  { name: "subscription_types", routes: subscriptionTypesRoutes, seed: seedSubscriptionTypes, tables: ["contact_subscriptions", "subscription_types"] },
  { name: "data_attributes", routes: dataAttributesRoutes, tables: ["data_attributes"] },
  { name: "visitors", routes: visitorsRoutes, tables: ["visitors"] },
  { name: "counts", routes: countsRoutes },
  { name: "snapshots", routes: snapshotRoutes },
  {
    name: "conversations",
    routes: conversationsRoutes,
    tables: ["conversation_parts", "conversation_contacts", "conversation_tags", "conversation_deletions", "conversations"],
  },
  { name: "conversations-search", routes: conversationsSearchRoutes },
  { name: "conversation_parts", routes: conversationPartsRoutes },
  { name: "messages", routes: messagesRoutes },
  { name: "inbox-tags", routes: inboxTagsRoutes },
  // the help center first: its seed comes before the brands', and articles refer to its collections
  { name: "help_center", routes: helpCenterRoutes, seed: (db, wsId) => seedHelpCenter(db, wsId), tables: ["help_center_collections", "help_centers"] },
  { name: "articles", routes: articlesRoutes, tables: ["article_contents", "articles"] },
  { name: "news", routes: newsRoutes, seed: (db, wsId) => seedNewsfeeds(db, wsId), tables: ["news_item_newsfeeds", "news_items", "newsfeeds"] },
  { name: "internal_articles", routes: internalArticlesRoutes, tables: ["internal_articles"] },
  { name: "content_snippets", routes: contentSnippetsRoutes, tables: ["content_snippets"] },
  { name: "ai_content", routes: aiContentRoutes, tables: ["external_pages", "content_import_sources"] },
  // seeded after the help center (the default brand's), emails after brands
  { name: "brands", routes: brandsRoutes, seed: (db, wsId) => seedBrands(db, wsId), tables: ["brands"] },
  { name: "emails", routes: emailsRoutes, seed: (db, wsId) => seedEmailSettings(db, wsId), tables: ["email_settings"] },
  // channels
  { name: "calls", routes: callsRoutes, tables: ["calls"] },
  { name: "fin_voice", routes: finVoiceRoutes, tables: ["fin_voice_calls"] },
  { name: "data_connectors", routes: dataConnectorsRoutes, tables: ["data_connector_executions", "data_connectors"] },
  { name: "switch", routes: switchRoutes },
  { name: "ecommerce", routes: ecommerceRoutes, tables: ["ecommerce_products", "ecommerce_import_parts", "ecommerce_import_jobs", "ecommerce_connectors"] },
  // jobs
  { name: "events", routes: eventsRoutes, tables: ["data_events", "data_event_summaries"] },
  { name: "exports", routes: exportsRoutes, tables: ["job_chunks", "jobs"] },
  { name: "jobs", routes: jobsRoutes },
  // inbox extras
  { name: "macros", routes: macrosRoutes, tables: ["macros"] },
  { name: "conversation_extras", routes: conversationExtrasRoutes, tables: ["conversation_merges"] },
  { name: "conversation_attributes", routes: conversationAttributesRoutes, tables: ["conversation_attribute_options", "conversation_attributes"] },
  { name: "office_hours", routes: officeHoursRoutes, tables: ["office_hours_exceptions", "office_hours_schedules"] },
  // tickets
  { name: "ticket_types", routes: ticketTypesRoutes, seed: (db, wsId) => seedTicketStates(db, wsId), tables: ["ticket_states", "ticket_type_attributes", "ticket_types"] },
  { name: "tickets", routes: ticketsRoutes, tables: ["ticket_conversions", "ticket_conversation_links", "ticket_tags", "ticket_parts", "ticket_contacts", "tickets"] },
  { name: "ticket-tags", routes: ticketTagsRoutes },
  { name: "ticket-actions", routes: ticketActionRoutes },
  { name: "tickets-search", routes: ticketsSearchRoutes },
  // bulk people (their tasks go with their jobs), company search
  { name: "contacts-bulk", routes: contactsBulkRoutes, tables: ["bulk_tasks"] },
  { name: "companies-bulk", routes: companiesBulkRoutes },
  { name: "companies-search", routes: companiesSearchRoutes },
  // workspace settings
  { name: "away_status_reasons", routes: awayStatusReasonsRoutes, seed: (db, wsId) => seedAwayStatusReasons(db, wsId), tables: ["away_status_reasons"] },
  { name: "secure_mode_secrets", routes: secureModeSecretsRoutes, tables: ["identity_verification_secrets"] },
  { name: "audiences", routes: audiencesRoutes, tables: ["audiences"] },
  { name: "admins-activity-logs", routes: activityLogRoutes },
  { name: "contacts-merge-history", routes: mergeHistoryRoutes },
  { name: "team-metrics", routes: teamMetricsRoutes },
  // content extras
  { name: "help_center_redirects", routes: helpCenterRedirectsRoutes, tables: ["help_center_redirects"] },
  { name: "content_tags", routes: contentTagsRoutes, tables: ["content_tags"] },
  { name: "folders", routes: foldersRoutes, tables: ["folders"] },
  // custom objects, IP allowlist
  { name: "custom-object-types", routes: customObjectTypesRoutes, tables: ["custom_object_types"] },
  { name: "custom_objects", routes: customObjectsRoutes, tables: ["custom_object_references", "custom_object_instances"] },
  { name: "ip_allowlist", routes: ipAllowlistRoutes, seed: seedIpAllowlist },
  // people extras
  { name: "contact-activities", routes: contactActivitiesRoutes, tables: ["contact_activities"] },
  { name: "contacts-merge-preview", routes: mergePreviewRoutes },
  { name: "banners", routes: bannersRoutes, tables: ["banner_views", "banners"] },
  { name: "opencom-banners", routes: opencomBannersRoutes },
  { name: "conversation-part-update", routes: conversationPartUpdateRoutes, tables: ["conversation_part_states"] },
  // fin
  { name: "fin", routes: finRoutes, tables: ["fin_messages", "fin_hitl_requests", "fin_conversations", "fin_procedures"] },
  { name: "fin-procedures", routes: finProceduresRoutes },
  // article drafts and versions, content search and bulk actions
  { name: "article_drafts", routes: articleDraftsRoutes, tables: ["article_versions", "article_drafts"] },
  { name: "content", routes: contentRoutes },
  // what the Messenger records about articles and news items (POST /_opencom/content_stats)
  { name: "content-stats", routes: contentStatsRoutes, tables: ["content_stats"] },
  // workflows (exported by GET /export/workflows/{id}) and WhatsApp messages (GET /messages/whatsapp/status,
  // GET /messages/status); a message may refer to a conversation
  { name: "workflows", routes: workflowsRoutes, tables: ["workflows"] },
  { name: "whatsapp-messages", routes: whatsappMessagesRoutes, tables: ["whatsapp_messages"] },
];

/**
 * Every table a resource owns, children before parents: the resources in reverse registration order,
 * each one's tables as declared. Reset empties them in this order; snapshot export/import walks it too.
 */
export function ownedTables(): Array<keyof DB> {
  return resources
    .slice()
    .reverse()
    .flatMap((r) => r.tables ?? []);
}

export async function registerResources(app: App): Promise<void> {
  const registry: WorkspaceRegistry = { ownedTables, seedWorkspace };
  for (const r of resources) await app.register(async (scope) => r.routes(scope as App, registry));
}

export async function seedWorkspace(db: Kysely<DB>, wsId: string, adminId: number): Promise<void> {
  for (const r of resources) if (r.seed) await r.seed(db, wsId, adminId);
}
