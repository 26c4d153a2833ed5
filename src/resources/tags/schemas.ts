// Request shapes of POST /tags and POST /articles|internal_articles|content_snippets/{id}/tags: the
// routes validate with them, the services are typed by them.
import { Type, type Static } from "typebox";

const Id = Type.Union([Type.String(), Type.Integer()]);
const Untag = Type.Optional(Type.Union([Type.Boolean(), Type.String()]));

/** POST /tags in any of its forms: create or find by name, rename (id), tag / untag companies or users. */
export const TagBody = Type.Object({
  name: Type.Optional(Type.Unknown()),
  id: Type.Optional(Type.Union([Id, Type.Null()])),
  companies: Type.Optional(Type.Array(Type.Object({ id: Type.Optional(Type.String()), company_id: Type.Optional(Id), untag: Untag }))),
  users: Type.Optional(Type.Array(Type.Object({ id: Type.Optional(Type.String()), untag: Untag }))),
});
export type TagRequest = Static<typeof TagBody>;
export type CompanyRef = NonNullable<TagRequest["companies"]>[number];
export type UserRef = NonNullable<TagRequest["users"]>[number];

export const ContentTagBody = Type.Object({
  // the description has strings; numbers are taken too (ids are numeric)
  id: Type.Union([Type.String(), Type.Integer()]),
  admin_id: Type.Optional(Type.Union([Type.String(), Type.Integer(), Type.Null()])),
});
export type ContentTagInput = Static<typeof ContentTagBody>;
