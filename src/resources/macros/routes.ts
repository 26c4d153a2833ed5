// GET /macros, GET /macros/{id} (2.16); opencom's own POST /_opencom/macros, DELETE /_opencom/macros/{id}
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { createMacro, deleteMacro, getMacro, listMacros } from "./service.js";
import { presentMacro } from "./present.js";
import { MacroBody } from "./schemas.js";

const Opt = Type.Optional;

export default async function routes(app: App) {
  app.get(
    "/macros",
    { schema: { querystring: Type.Object({ per_page: Opt(Type.Integer()), starting_after: Opt(Type.String()), updated_since: Opt(Type.Integer()) }) } },
    async (req) => {
      const r = await listMacros(ctx(req), req.query);
      return { type: "list", data: r.rows.map(presentMacro), pages: { type: "pages", per_page: r.perPage, next: r.next ? { starting_after: r.next } : null } };
    },
  );
  app.get("/macros/:id", { schema: { params: Type.Object({ id: Type.String() }) } }, async (req) => presentMacro(await getMacro(ctx(req), req.params.id)));

  app.post(
    "/_opencom/macros",
    {
      schema: {
        body: MacroBody,
      },
    },
    async (req) => presentMacro(await createMacro(ctx(req), req.body)),
  );
  app.delete("/_opencom/macros/:macro_id", { schema: { params: Type.Object({ macro_id: Type.String() }) } }, async (req, reply) => {
    await deleteMacro(ctx(req), req.params.macro_id);
    return reply.code(204).send();
  });
}
