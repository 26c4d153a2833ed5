// GET /away_status_reasons (2.14+)
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { listAwayStatusReasons } from "./service.js";
import { presentAwayStatusReason } from "./present.js";

export default async function routes(app: App) {
  app.get("/away_status_reasons", async (req) => ({ type: "list", data: (await listAwayStatusReasons(ctx(req))).map(presentAwayStatusReason) }));
}
