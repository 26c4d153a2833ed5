// Request shape of POST /internal_articles and PUT /internal_articles/{id}: the routes validate with it,
// the service is typed by it.
import { Type, type Static } from "typebox";
import { MAX_CONTENT_BODY } from "../../platform/requests.js";

const IdValue = Type.Union([Type.Integer(), Type.String(), Type.Null()]);
export const InternalArticleBody = Type.Object({
  title: Type.Optional(Type.String()),
  body: Type.Optional(Type.Union([Type.String({ maxLength: MAX_CONTENT_BODY }), Type.Null()])),
  owner_id: Type.Optional(IdValue),
  author_id: Type.Optional(IdValue),
});
export type InternalArticleInput = Static<typeof InternalArticleBody>;
