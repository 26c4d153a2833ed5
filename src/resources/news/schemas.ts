// Request shape of POST /news/news_items and PUT /news/news_items/{id}: the routes validate with it, the
// service is typed by it.
import { Type, type Static } from "typebox";
import { MAX_CONTENT_BODY } from "../../platform/requests.js";

export const NewsItemBody = Type.Object({
  title: Type.Optional(Type.String()),
  body: Type.Optional(Type.Union([Type.String({ maxLength: MAX_CONTENT_BODY }), Type.Null()])),
  sender_id: Type.Optional(Type.Union([Type.Integer(), Type.String()])),
  state: Type.Optional(Type.String()),
  deliver_silently: Type.Optional(Type.Boolean()),
  labels: Type.Optional(Type.Array(Type.Union([Type.String(), Type.Null()]))),
  reactions: Type.Optional(Type.Array(Type.Union([Type.String(), Type.Null()]))),
  newsfeed_assignments: Type.Optional(
    Type.Array(Type.Object({ newsfeed_id: Type.Union([Type.Integer(), Type.String()]), published_at: Type.Optional(Type.Union([Type.Integer(), Type.Null()])) })),
  ),
});
export type NewsItemInput = Static<typeof NewsItemBody>;
