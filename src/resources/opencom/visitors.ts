// opencom addition for visitors (Intercom creates them from its Messenger only): POST /_opencom/visitors
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { VisitorBody } from "../visitors/schemas.js";
import { presentVisitor } from "../visitors/present.js";
import { createVisitor } from "../visitors/service.js";

export default async function visitorRoutes(app: App) {
  app.post("/_opencom/visitors", { schema: { body: VisitorBody } }, async (req) =>
    presentVisitor(await createVisitor(ctx(req), req.body)),
  );
}
