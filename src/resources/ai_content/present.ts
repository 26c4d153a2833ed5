// Content import source and external page rows → Intercom JSON.
import type { PageRow, SourceRow } from "./service.js";

export const presentSource = (s: SourceRow) => ({
  type: "content_import_source",
  id: s.id,
  last_synced_at: s.last_synced_at,
  sync_behavior: s.sync_behavior,
  status: s.status,
  url: s.url,
  created_at: s.created_at,
  updated_at: s.updated_at,
});

export const presentPage = (p: PageRow) => ({
  type: "external_page",
  id: String(p.id),
  title: p.title,
  html: p.html,
  url: p.url ?? "",
  ai_agent_availability: p.ai_agent_availability === 1,
  ai_copilot_availability: p.ai_copilot_availability === 1,
  ai_sales_agent_availability: false,
  fin_availability: p.ai_agent_availability === 1,
  locale: p.locale,
  source_id: p.source_id,
  external_id: p.external_id,
  created_at: p.created_at,
  updated_at: p.updated_at,
  last_ingested_at: p.last_ingested_at,
});
