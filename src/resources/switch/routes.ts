// POST /phone_call_redirects (Switch): deflect a phone call to the Messenger.
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { redirectPhoneCall } from "./service.js";
import { RedirectBody } from "./schemas.js";

export default async function routes(app: App) {
  app.post("/phone_call_redirects", { schema: { body: RedirectBody } }, async (req) => {
    const r = await redirectPhoneCall(ctx(req), req.body ?? {});
    return { type: "phone_call_redirect", phone: r.phone, url: r.url };
  });
}
