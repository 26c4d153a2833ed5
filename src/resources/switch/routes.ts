// POST /phone_call_redirects (Switch): deflect a phone call to the Messenger.
import { Type, type Static } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { Nullable } from "../../platform/schema.js";
import { redirectPhoneCall } from "./service.js";

const Body = Type.Union([
  Type.Object({
    // the type is checked by the service: a phone that is not a number in E.164 format is Intercom's invalid_phone_number
    phone: Type.Optional(Type.Unknown()),
    custom_attributes: Nullable(Type.Record(Type.String(), Type.Unknown())),
  }),
  Type.Null(),
]);

export default async function routes(app: App) {
  app.post("/phone_call_redirects", { schema: { body: Body } }, async (req) => {
    const r = await redirectPhoneCall(ctx(req), (req.body ?? {}) as NonNullable<Static<typeof Body>>);
    return { type: "phone_call_redirect", phone: r.phone, url: r.url };
  });
}
