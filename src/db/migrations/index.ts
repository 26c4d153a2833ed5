// Every migration, in order. Names sort lexically; add new ones at the end, never edit a released one.
import type { MigrationFactory } from "../schema-helpers.js";
import { foundation } from "./0001_foundation.js";
import { people } from "./0002_people.js";
import { companies } from "./0003_companies.js";
import { visitors } from "./0004_visitors.js";
import { searchIndexes } from "./0005_search_indexes.js";
import { contactMerges } from "./0006_contact_merges.js";
import { settings } from "./0007_settings.js";
import { trigramSearch } from "./0008_trigram_search.js";
import { toolkit } from "./0012_toolkit.js";
import { inbox } from "./0020_inbox.js";
import { content } from "./0030_content.js";
import { news } from "./0031_news.js";
import { aiContent } from "./0032_ai_content.js";
import { internalArticles } from "./0033_internal_articles.js";
import { brandsEmails } from "./0034_brands_emails.js";
import { contentSnippets } from "./0035_content_snippets.js";
import { ticketTypes } from "./0040_tickets.js";
import { ticketsCore } from "./0041_tickets_core.js";
import { ticketLinks } from "./0042_ticket_links.js";
import { ticketConversions } from "./0043_ticket_conversions.js";
import { macros } from "./0045_macros.js";
import { conversationAttributes } from "./0046_conversation_attributes.js";
import { officeHours } from "./0047_office_hours.js";
import { conversationMerges } from "./0048_conversation_merges.js";
import { helpCenterRedirects } from "./0050_help_center_redirects.js";
import { contentTags } from "./0051_content_tags.js";
import { folders } from "./0052_folders.js";
import { events } from "./0055_events.js";
import { jobs } from "./0056_jobs.js";
import { workspaceSettings } from "./0060_settings.js";
import { audiences } from "./0061_audiences.js";
import { channels } from "./0065_channels.js";
import { dataConnectors } from "./0066_data_connectors.js";
import { ecommerce } from "./0067_ecommerce.js";
import { customObjects } from "./0068_custom_objects.js";
import { ipAllowlistTeamLevels } from "./0069_ip_allowlist_team_levels.js";
import { fin } from "./0070_fin.js";
import { articleDrafts } from "./0072_article_drafts.js";
import { contentSearch } from "./0073_content_search.js";
import { bulkPeople } from "./0074_bulk_people.js";
import { peopleExtras } from "./0076_people_extras.js";
import { conversationPartStates } from "./0077_conversation_part_states.js";
import { contentStats } from "./0200_content_stats.js";
import { ticketJobsToJobs } from "./0201_ticket_jobs_to_jobs.js";
import { workflowsWhatsapp } from "./0210_workflows_whatsapp.js";
import { conversationTeammates } from "./0211_conversation_teammates.js";

export const migrations: Record<string, MigrationFactory> = {
  "0001_foundation": foundation,
  "0002_people": people,
  "0003_companies": companies,
  "0004_visitors": visitors,
  "0005_search_indexes": searchIndexes,
  "0006_contact_merges": contactMerges,
  "0007_settings": settings,
  "0008_trigram_search": trigramSearch,
  "0012_toolkit": toolkit,
  "0020_inbox": inbox,
  "0030_content": content,
  "0031_news": news,
  "0032_ai_content": aiContent,
  "0033_internal_articles": internalArticles,
  "0034_brands_emails": brandsEmails,
  "0035_content_snippets": contentSnippets,
  "0040_tickets": ticketTypes,
  "0041_tickets_core": ticketsCore,
  "0042_ticket_links": ticketLinks,
  "0043_ticket_conversions": ticketConversions,
  "0045_macros": macros,
  "0046_conversation_attributes": conversationAttributes,
  "0047_office_hours": officeHours,
  "0048_conversation_merges": conversationMerges,
  "0050_help_center_redirects": helpCenterRedirects,
  "0051_content_tags": contentTags,
  "0052_folders": folders,
  "0055_events": events,
  "0056_jobs": jobs,
  "0060_settings": workspaceSettings,
  "0061_audiences": audiences,
  "0065_channels": channels,
  "0066_data_connectors": dataConnectors,
  "0067_ecommerce": ecommerce,
  "0068_custom_objects": customObjects,
  "0069_ip_allowlist_team_levels": ipAllowlistTeamLevels,
  "0070_fin": fin,
  "0072_article_drafts": articleDrafts,
  "0073_content_search": contentSearch,
  "0074_bulk_people": bulkPeople,
  "0076_people_extras": peopleExtras,
  "0077_conversation_part_states": conversationPartStates,
  "0200_content_stats": contentStats,
  "0201_ticket_jobs_to_jobs": ticketJobsToJobs,
  "0210_workflows_whatsapp": workflowsWhatsapp,
  "0211_conversation_teammates": conversationTeammates,
};
