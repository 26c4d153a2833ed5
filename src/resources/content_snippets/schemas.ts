// Request shape of POST /content_snippets and PUT /content_snippets/{id}: the routes validate with it, the
// service is typed by it (it checks the rest with the documented 422s: a non-blank title of at most
// MAX_TITLE characters, at most MAX_BLOCKS blocks, a supported locale, at most 100 audience ids).
import { Type, type Static } from "typebox";

export const SnippetBody = Type.Object({
  title: Type.Optional(Type.String()),
  json_blocks: Type.Optional(Type.Array(Type.Unknown())),
  body_markdown: Type.Optional(Type.String()),
  locale: Type.Optional(Type.String()),
  audience_ids: Type.Optional(Type.Array(Type.Integer())),
  ai_chatbot_availability: Type.Optional(Type.Boolean()),
  ai_copilot_availability: Type.Optional(Type.Boolean()),
  ai_sales_agent_availability: Type.Optional(Type.Boolean()),
});
export type SnippetInput = Static<typeof SnippetBody>;
