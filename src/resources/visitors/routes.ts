// GET /visitors, PUT /visitors, POST /visitors/convert
// (opencom's POST /_opencom/visitors: src/resources/opencom/visitors.ts)
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { presentContact } from "../contacts/present.js";
import { presentVisitor } from "./present.js";
import { convertVisitor, getVisitorByUserId, updateVisitor } from "./service.js";
import { ConvertBody, VisitorUpdateBody } from "./schemas.js";

export default async function routes(app: App) {
  app.get("/visitors", { schema: { querystring: Type.Object({ user_id: Type.String() }) } }, async (req) =>
    presentVisitor(await getVisitorByUserId(ctx(req), req.query.user_id)),
  );

  app.put(
    "/visitors",
    { schema: { body: VisitorUpdateBody } },
    async (req) => presentVisitor(await updateVisitor(ctx(req), req.body)),
  );

  app.post(
    "/visitors/convert",
    { schema: { body: ConvertBody } },
    async (req) => {
      const c = ctx(req);
      return presentContact(c, await convertVisitor(c, req.body));
    },
  );
}
