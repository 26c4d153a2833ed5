// GET /subscription_types, GET /contacts/{contact_id}/subscriptions, POST /contacts/{contact_id}/subscriptions,
// DELETE /contacts/{contact_id}/subscriptions/{subscription_id}
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { getContactRow } from "../contacts/service.js";
import { presentSubscriptionType, subscriptionTypeList } from "./present.js";
import { attachSubscription, detachSubscription, listSubscriptionTypes, subscriptionsForContact } from "./service.js";
import { AttachSubscriptionBody } from "./schemas.js";

const ContactParams = Type.Object({ contact_id: Type.String() });

export default async function routes(app: App) {
  app.get("/subscription_types", async (req) => subscriptionTypeList(await listSubscriptionTypes(ctx(req))));

  // the contact must exist here (404 User Not Found)
  app.get("/contacts/:contact_id/subscriptions", { schema: { params: ContactParams } }, async (req) => {
    const c = ctx(req);
    return subscriptionTypeList(await subscriptionsForContact(c, (await getContactRow(c, req.params.contact_id)).id));
  });

  app.post(
    "/contacts/:contact_id/subscriptions",
    {
      schema: {
        params: ContactParams,
        body: AttachSubscriptionBody,
      },
    },
    async (req) => presentSubscriptionType(await attachSubscription(ctx(req), req.params.contact_id, req.body)),
  );

  app.delete(
    "/contacts/:contact_id/subscriptions/:subscription_id",
    { schema: { params: Type.Object({ contact_id: Type.String(), subscription_id: Type.String() }) } },
    async (req) => presentSubscriptionType(await detachSubscription(ctx(req), req.params.contact_id, req.params.subscription_id)),
  );
}
