// opencom addition for visitors (Intercom creates them from its Messenger only): POST /_opencom/visitors
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { visitorFields } from "../visitors/routes.js";
import { presentVisitor } from "../visitors/present.js";
import { createVisitor } from "../visitors/service.js";

export default async function visitorRoutes(app: App) {
  app.post("/_opencom/visitors", { schema: { body: Type.Object({ user_id: Type.Optional(Type.String()), ...visitorFields }) } }, async (req) =>
    presentVisitor(await createVisitor(ctx(req), req.body)),
  );
}
