// The body of every POST /{model}/search: a query of the search language, cursor pagination, a sort.
import { Type, type Static } from "typebox";

export const SearchRequestBody = Type.Object({
  query: Type.Unknown(),
  pagination: Type.Optional(
    Type.Union([
      Type.Null(),
      Type.Object({
        per_page: Type.Optional(Type.Integer()),
        starting_after: Type.Optional(Type.Union([Type.String(), Type.Null()])),
      }),
    ]),
  ),
  sort: Type.Optional(Type.Unknown()),
});
export type SearchRequest = Static<typeof SearchRequestBody>;
