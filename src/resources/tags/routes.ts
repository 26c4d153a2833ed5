// POST /tags (create, rename, tag / untag companies, tag contacts), GET /tags, GET /tags/{tag_id},
// DELETE /tags/{tag_id}, POST /contacts/{contact_id}/tags, DELETE /contacts/{contact_id}/tags/{tag_id}
// (GET /contacts/{contact_id}/tags: src/resources/contacts/routes.ts, through tagsForContact here)
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { presentTag } from "./present.js";
import { attachTagToContact, deleteTag, detachTagFromContact, getTag, listTags, tagRequest, type TagRequest } from "./service.js";

const Id = Type.Union([Type.String(), Type.Integer()]);
const Untag = Type.Optional(Type.Union([Type.Boolean(), Type.String()]));

const TagBody = Type.Object({
  name: Type.Optional(Type.Unknown()),
  id: Type.Optional(Type.Union([Id, Type.Null()])),
  companies: Type.Optional(Type.Array(Type.Object({ id: Type.Optional(Type.String()), company_id: Type.Optional(Id), untag: Untag }))),
  users: Type.Optional(Type.Array(Type.Object({ id: Type.Optional(Type.String()), untag: Untag }))),
});

export default async function routes(app: App) {
  app.post("/tags", { schema: { body: TagBody } }, async (req) => tagRequest(ctx(req), req.body as TagRequest));

  app.get("/tags", async (req) => listTags(ctx(req)));

  app.get("/tags/:tag_id", { schema: { params: Type.Object({ tag_id: Type.String() }) } }, async (req) => presentTag(await getTag(ctx(req), req.params.tag_id)));

  app.delete("/tags/:tag_id", { schema: { params: Type.Object({ tag_id: Type.String() }) } }, async (req, reply) => {
    await deleteTag(ctx(req), req.params.tag_id);
    return reply.code(200).send();
  });

  app.post(
    "/contacts/:contact_id/tags",
    { schema: { params: Type.Object({ contact_id: Type.String() }), body: Type.Object({ id: Id }) } },
    async (req) => attachTagToContact(ctx(req), req.params.contact_id, req.body.id),
  );

  app.delete(
    "/contacts/:contact_id/tags/:tag_id",
    { schema: { params: Type.Object({ contact_id: Type.String(), tag_id: Type.String() }) } },
    async (req) => detachTagFromContact(ctx(req), req.params.contact_id, req.params.tag_id),
  );
}
