// Request shape of POST /articles, PUT /articles/{id} and PUT /articles/{id}/draft: the routes validate
// with it, the service is typed by it.
import { Type, type Static } from "typebox";
import { MAX_CONTENT_BODY } from "../../platform/requests.js";

const IdValue = Type.Union([Type.String(), Type.Integer(), Type.Null()]);
/** An article's create/update body; a draft takes the same (the fields it does not use are ignored). */
export const ArticleBody = Type.Object({
  title: Type.Optional(Type.String()),
  description: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  body: Type.Optional(Type.Union([Type.String({ maxLength: MAX_CONTENT_BODY }), Type.Null()])),
  author_id: Type.Optional(IdValue),
  state: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  parent_id: Type.Optional(IdValue),
  parent_type: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  translated_content: Type.Optional(Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()])),
});
export type ArticleInput = Static<typeof ArticleBody>;

/**
 * The content fields of one locale: the top-level ones of the body, or an entry of translated_content,
 * which the schema leaves unchecked (a record of anything), so each value is read as unknown.
 */
export type ContentInput = { [K in keyof Pick<ArticleInput, "title" | "description" | "body" | "author_id" | "state">]?: unknown };
