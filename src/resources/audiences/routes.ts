// GET|POST /audiences, GET|PUT|DELETE /audiences/{id} (2.16)
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { createAudience, deleteAudience, getAudience, listAudiences, updateAudience } from "./service.js";
import { presentAudience } from "./present.js";
import { AudienceBody } from "./schemas.js";

const Id = Type.Object({ id: Type.String({ maxLength: 64 }) });

export default async function routes(app: App) {
  app.get("/audiences", { schema: { querystring: Type.Object({ page: Type.Optional(Type.Integer()), per_page: Type.Optional(Type.Integer()) }) } }, async (req) => {
    const r = await listAudiences(ctx(req), req.query);
    return { type: "list", data: r.rows.map(presentAudience), total_count: r.total, page: r.page, per_page: r.perPage, total_pages: Math.ceil(r.total / r.perPage) };
  });
  app.post("/audiences", { schema: { body: AudienceBody } }, async (req, reply) => reply.code(201).send(presentAudience(await createAudience(ctx(req), req.body ?? {}))));
  app.get("/audiences/:id", { schema: { params: Id } }, async (req) => presentAudience(await getAudience(ctx(req), req.params.id)));
  app.put("/audiences/:id", { schema: { params: Id, body: AudienceBody } }, async (req) => presentAudience(await updateAudience(ctx(req), req.params.id, req.body ?? {})));
  app.delete("/audiences/:id", { schema: { params: Id } }, async (req, reply) => {
    await deleteAudience(ctx(req), req.params.id);
    return reply.code(204).send();
  });
}
