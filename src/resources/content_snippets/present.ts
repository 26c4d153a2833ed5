// Content snippet rows → Intercom JSON.
import type { SnippetRow } from "./service.js";

export const presentSnippet = (s: SnippetRow) => ({
  type: "content_snippet",
  id: String(s.id),
  title: s.title,
  locale: s.locale,
  json_blocks: JSON.parse(s.json_blocks),
  body_markdown: s.body_markdown,
  chatbot_availability: s.ai_chatbot_availability,
  copilot_availability: s.ai_copilot_availability,
  ai_chatbot_availability: s.ai_chatbot_availability === 1,
  ai_copilot_availability: s.ai_copilot_availability === 1,
  ai_sales_agent_availability: s.ai_sales_agent_availability === 1,
  created_at: s.created_at,
  updated_at: s.updated_at,
  audience_ids: JSON.parse(s.audience_ids),
});
