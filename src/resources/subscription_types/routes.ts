// GET /subscription_types, POST /contacts/{contact_id}/subscriptions,
// DELETE /contacts/{contact_id}/subscriptions/{subscription_id}
// (GET /contacts/{contact_id}/subscriptions: src/resources/contacts/routes.ts, through subscriptionsForContact here)
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { attachSubscription, detachSubscription, listSubscriptionTypes } from "./service.js";

export default async function routes(app: App) {
  app.get("/subscription_types", async (req) => listSubscriptionTypes(ctx(req)));

  app.post(
    "/contacts/:contact_id/subscriptions",
    {
      schema: {
        params: Type.Object({ contact_id: Type.String() }),
        body: Type.Object({ id: Type.Union([Type.String(), Type.Integer()]), consent_type: Type.String() }),
      },
    },
    async (req) => attachSubscription(ctx(req), req.params.contact_id, req.body),
  );

  app.delete(
    "/contacts/:contact_id/subscriptions/:subscription_id",
    { schema: { params: Type.Object({ contact_id: Type.String(), subscription_id: Type.String() }) } },
    async (req) => detachSubscription(ctx(req), req.params.contact_id, req.params.subscription_id),
  );
}
