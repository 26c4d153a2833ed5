// GET|POST /secure_mode_secrets, DELETE /secure_mode_secrets/{id} (Unstable)
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { createSecret, deleteSecret, listSecrets } from "./service.js";
import { presentSecret } from "./present.js";
import { SecretBody } from "./schemas.js";

export default async function routes(app: App) {
  app.get("/secure_mode_secrets", async (req) => ({ type: "list", data: (await listSecrets(ctx(req))).map((s) => presentSecret(s)) }));
  app.post("/secure_mode_secrets", { schema: { body: SecretBody } }, async (req, reply) => reply.code(201).send(presentSecret(await createSecret(ctx(req), req.body ?? {}), true)));
  app.delete("/secure_mode_secrets/:id", { schema: { params: Type.Object({ id: Type.String({ maxLength: 64 }) }) } }, async (req, reply) => {
    await deleteSecret(ctx(req), req.params.id);
    return reply.code(204).send();
  });
}
