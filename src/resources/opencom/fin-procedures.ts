// opencom's own API for Fin: procedures (what POST /fin/procedures/{id}/run runs) and a read of a Fin
// conversation (its status, messages with their sources, rating and paused step).
//   POST /_opencom/fin/procedures, GET /_opencom/fin/procedures, GET|PUT|DELETE /_opencom/fin/procedures/{id},
//   GET /_opencom/fin/conversations/{conversation_id}
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { ProcedureCreateBody, ProcedureUpdateBody } from "../fin/schemas.js";
import { presentFinConversation, presentProcedure } from "../fin/present.js";
import { createProcedure, deleteProcedure, getFinConversation, getProcedure, listProcedures, updateProcedure } from "../fin/service.js";

const Str = Type.String({ maxLength: 255 });
const Id = Type.Object({ id: Type.String({ maxLength: 40 }) });

export default async function routes(app: App) {
  app.post("/_opencom/fin/procedures", { schema: { body: ProcedureCreateBody } }, async (req) => presentProcedure(await createProcedure(ctx(req), req.body)));
  app.get("/_opencom/fin/procedures", async (req) => ({ type: "list", data: (await listProcedures(ctx(req))).map(presentProcedure) }));
  app.get("/_opencom/fin/procedures/:id", { schema: { params: Id } }, async (req) => presentProcedure(await getProcedure(ctx(req), req.params.id)));
  app.put("/_opencom/fin/procedures/:id", { schema: { params: Id, body: ProcedureUpdateBody } }, async (req) => presentProcedure(await updateProcedure(ctx(req), req.params.id, req.body)));
  app.delete("/_opencom/fin/procedures/:id", { schema: { params: Id } }, async (req) => ({ type: "fin_procedure", id: String(await deleteProcedure(ctx(req), req.params.id)), deleted: true }));
  app.get("/_opencom/fin/conversations/:conversation_id", { schema: { params: Type.Object({ conversation_id: Str }) } }, async (req) =>
    presentFinConversation(await getFinConversation(ctx(req), req.params.conversation_id)),
  );
}
