// GET|POST /conversations/attributes, GET|PUT|DELETE /conversations/attributes/{id},
// POST /conversations/attributes/{id}/options, PUT|DELETE /conversations/attributes/{id}/options/{option_id} (2.16)
import { Type } from "typebox";
import type { App, Ctx } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import {
  addOption,
  archiveAttribute,
  archiveOption,
  createAttribute,
  getAttribute,
  listAttributes,
  optionsOf,
  updateAttribute,
  updateOption,
  type AttributeRow,
} from "./service.js";
import { presentAttribute } from "./present.js";
import { CreateAttributeBody, OptionBody, UpdateAttributeBody } from "./schemas.js";

const Opt = Type.Optional;
const Id = Type.Object({ id: Type.String() });
const OptionId = Type.Object({ id: Type.String(), option_id: Type.String({ maxLength: 64 }) });

async function present(c: Ctx, row: AttributeRow) {
  const options = row.data_type === "list" ? ((await optionsOf(c, [Number(row.id)])).get(Number(row.id)) ?? []) : [];
  return presentAttribute(row, options);
}

export default async function routes(app: App) {
  app.get("/conversations/attributes", { schema: { querystring: Type.Object({ include_archived: Opt(Type.Boolean()) }) } }, async (req) => {
    const c = ctx(req);
    const rows = await listAttributes(c, req.query.include_archived === true);
    const options = await optionsOf(c, rows.filter((r) => r.data_type === "list").map((r) => Number(r.id)));
    return { type: "list", data: rows.map((r) => presentAttribute(r, options.get(Number(r.id)) ?? [])) };
  });
  app.post(
    "/conversations/attributes",
    { schema: { body: CreateAttributeBody } },
    async (req) => {
      const c = ctx(req);
      return present(c, await createAttribute(c, req.body));
    },
  );
  app.get("/conversations/attributes/:id", { schema: { params: Id } }, async (req) => {
    const c = ctx(req);
    return present(c, await getAttribute(c, req.params.id));
  });
  app.put("/conversations/attributes/:id", { schema: { params: Id, body: Opt(UpdateAttributeBody) } }, async (req) => {
    const c = ctx(req);
    return present(c, await updateAttribute(c, req.params.id, req.body ?? {}));
  });
  app.delete("/conversations/attributes/:id", { schema: { params: Id } }, async (req) => {
    const c = ctx(req);
    return present(c, await archiveAttribute(c, req.params.id));
  });
  app.post("/conversations/attributes/:id/options", { schema: { params: Id, body: OptionBody } }, async (req) => {
    const c = ctx(req);
    return present(c, await addOption(c, req.params.id, req.body));
  });
  app.put("/conversations/attributes/:id/options/:option_id", { schema: { params: OptionId, body: OptionBody } }, async (req) => {
    const c = ctx(req);
    return present(c, await updateOption(c, req.params.id, req.params.option_id, req.body));
  });
  app.delete("/conversations/attributes/:id/options/:option_id", { schema: { params: OptionId } }, async (req) => {
    const c = ctx(req);
    return present(c, await archiveOption(c, req.params.id, req.params.option_id));
  });
}
