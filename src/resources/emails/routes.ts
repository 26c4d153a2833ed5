// GET /emails, GET /emails/{id}
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { getEmailSetting, listEmailSettings } from "./service.js";
import { presentEmailSetting } from "./present.js";

export default async function routes(app: App) {
  app.get("/emails", async (req) => ({ type: "list", data: (await listEmailSettings(ctx(req))).map(presentEmailSetting) }));
  app.get("/emails/:id", { schema: { params: Type.Object({ id: Type.String() }) } }, async (req) => presentEmailSetting(await getEmailSetting(ctx(req), req.params.id)));
}
