// POST|GET /_opencom/custom_object_types, DELETE /_opencom/custom_object_types/{identifier}: the custom
// object types of the token's workspace (Intercom defines them in its UI). Deleting a type deletes its
// instances.
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { createType, deleteType, listTypes } from "../custom_objects/service.js";
import { presentType } from "../custom_objects/present.js";
import { TypeBody } from "../custom_objects/schemas.js";

export default async function routes(app: App) {
  app.post("/_opencom/custom_object_types", { schema: { body: TypeBody } }, async (req, reply) => {
    return reply.code(201).send(presentType(await createType(ctx(req), req.body)));
  });
  app.get("/_opencom/custom_object_types", async (req) => ({ type: "list", data: (await listTypes(ctx(req))).map(presentType) }));
  app.delete("/_opencom/custom_object_types/:identifier", { schema: { params: Type.Object({ identifier: Type.String({ maxLength: 64 }) }) } }, async (req) => {
    const t = await deleteType(ctx(req), req.params.identifier);
    return { type: "custom_object_type", identifier: t.identifier, deleted: true };
  });
}
