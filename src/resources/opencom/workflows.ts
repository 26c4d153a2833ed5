// POST|GET /_opencom/workflows, DELETE /_opencom/workflows/{id}: the workflows of the token's workspace
// (Intercom builds them in its UI; its API exports one, GET /export/workflows/{id}).
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { createWorkflow, deleteWorkflow, listWorkflows } from "../workflows/service.js";
import { presentWorkflow } from "../workflows/present.js";
import { WorkflowBody } from "../workflows/schemas.js";

export default async function routes(app: App) {
  app.post("/_opencom/workflows", { schema: { body: WorkflowBody } }, async (req, reply) => {
    return reply.code(201).send({ type: "workflow", ...presentWorkflow(await createWorkflow(ctx(req), req.body)) });
  });
  app.get("/_opencom/workflows", async (req) => ({ type: "list", data: (await listWorkflows(ctx(req))).map((w) => ({ type: "workflow", ...presentWorkflow(w) })) }));
  app.delete("/_opencom/workflows/:id", { schema: { params: Type.Object({ id: Type.String({ maxLength: 64 }) }) } }, async (req) => {
    const id = await deleteWorkflow(ctx(req), req.params.id);
    return { type: "workflow", id: String(id), deleted: true };
  });
}
