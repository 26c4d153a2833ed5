// Request shape of POST /articles|internal_articles|content_snippets/{id}/tags: the routes validate with
// it, the service is typed by it.
import { Type, type Static } from "typebox";

export const ContentTagBody = Type.Object({
  // the description has strings; numbers are taken too (ids are numeric)
  id: Type.Union([Type.String(), Type.Integer()]),
  admin_id: Type.Optional(Type.Union([Type.String(), Type.Integer(), Type.Null()])),
});
export type ContentTagInput = Static<typeof ContentTagBody>;
