// Subscription types and contacts' explicit subscription preferences.
import type { Ctx } from "../../platform/http.js";
import { subscriptionTypeList } from "./present.js";

/**
 * The list body of GET /contacts/{contact_id}/subscriptions: the subscription types the contact has an
 * explicit preference for (opted out of an opt-out type, opted in to an opt-in type).
 * The caller has already checked that the contact exists in the workspace.
 */
export async function subscriptionsForContact(c: Ctx, contactId: string) {
  const rows = await c.db
    .selectFrom("contact_subscriptions")
    .innerJoin("subscription_types", "subscription_types.id", "contact_subscriptions.subscription_type_id")
    .selectAll("subscription_types")
    .where("contact_subscriptions.workspace_id", "=", c.wsId)
    .where("contact_subscriptions.contact_id", "=", contactId)
    .orderBy("subscription_types.id")
    .execute();
  return subscriptionTypeList(rows);
}
