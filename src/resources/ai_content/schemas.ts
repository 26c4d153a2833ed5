// Request shapes of POST|PUT /ai/content_import_sources and POST|PUT /ai/external_pages: the routes validate
// with them, the service is typed by them (it checks the values: sync_behavior and status are one of a
// list, urls are absolute http(s), texts are bounded).
import { Type, type Static } from "typebox";
import { MAX_CONTENT_BODY } from "../../platform/requests.js";

export const SourceBody = Type.Object({ url: Type.Optional(Type.String()), sync_behavior: Type.Optional(Type.String()), status: Type.Optional(Type.String()) });
export type SourceInput = Static<typeof SourceBody>;

export const PageBody = Type.Object({
  title: Type.Optional(Type.String()),
  html: Type.Optional(Type.String({ maxLength: MAX_CONTENT_BODY })),
  url: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  ai_agent_availability: Type.Optional(Type.Boolean()),
  ai_copilot_availability: Type.Optional(Type.Boolean()),
  fin_availability: Type.Optional(Type.Boolean()),
  locale: Type.Optional(Type.String()),
  source_id: Type.Optional(Type.Union([Type.Integer(), Type.String()])),
  external_id: Type.Optional(Type.Union([Type.String(), Type.Integer()])),
});
export type PageInput = Static<typeof PageBody>;
