// POST /tags (create, rename, tag / untag companies, tag contacts), GET /tags, GET /tags/{tag_id},
// DELETE /tags/{tag_id}, GET /contacts/{contact_id}/tags, POST /contacts/{contact_id}/tags,
// DELETE /contacts/{contact_id}/tags/{tag_id}
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { getContactRow } from "../contacts/service.js";
import { presentTag, tagList } from "./present.js";
import { attachTagToContact, deleteTag, detachTagFromContact, getTag, listTags, tagRequest, tagsForContact } from "./service.js";
import { TagBody } from "./schemas.js";

const Id = Type.Union([Type.String(), Type.Integer()]);

export default async function routes(app: App) {
  app.post("/tags", { schema: { body: TagBody } }, async (req) => presentTag(await tagRequest(ctx(req), req.body)));

  app.get("/tags", async (req) => {
    const c = ctx(req);
    return tagList((await listTags(c)).map((t) => presentTag(t, undefined, c.version)));
  });

  app.get("/tags/:tag_id", { schema: { params: Type.Object({ tag_id: Type.String() }) } }, async (req) => presentTag(await getTag(ctx(req), req.params.tag_id)));

  app.delete("/tags/:tag_id", { schema: { params: Type.Object({ tag_id: Type.String() }) } }, async (req, reply) => {
    await deleteTag(ctx(req), req.params.tag_id);
    return reply.code(200).send();
  });

  app.post(
    "/contacts/:contact_id/tags",
    { schema: { params: Type.Object({ contact_id: Type.String() }), body: Type.Object({ id: Id }) } },
    async (req) => {
      const c = ctx(req);
      const { tag, applied } = await attachTagToContact(c, req.params.contact_id, req.body.id);
      return presentTag(tag, applied, c.version);
    },
  );

  app.delete(
    "/contacts/:contact_id/tags/:tag_id",
    { schema: { params: Type.Object({ contact_id: Type.String(), tag_id: Type.String() }) } },
    async (req) => {
      const c = ctx(req);
      const { tag, applied } = await detachTagFromContact(c, req.params.contact_id, req.params.tag_id);
      return presentTag(tag, applied, c.version);
    },
  );

  // the contact must exist here (404 User Not Found)
  app.get("/contacts/:contact_id/tags", { schema: { params: Type.Object({ contact_id: Type.String() }) } }, async (req) => {
    const c = ctx(req);
    const rows = await tagsForContact(c, (await getContactRow(c, req.params.contact_id)).id);
    return tagList(rows.map((r) => presentTag(r, r, c.version)));
  });
}
