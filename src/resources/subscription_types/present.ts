// Subscription type rows → Intercom JSON.
import type { SubscriptionTypeRow } from "./service.js";

export function presentSubscriptionType(s: SubscriptionTypeRow) {
  const translation = { name: s.name, description: s.description, locale: s.locale };
  return {
    type: "subscription",
    id: String(s.id),
    state: s.state,
    default_translation: translation,
    translations: [translation],
    consent_type: s.consent_type,
    content_types: JSON.parse(s.content_types) as string[],
  };
}

/** The `{type: "list", data}` body of GET /subscription_types and GET /contacts/{id}/subscriptions. */
export const subscriptionTypeList = (rows: SubscriptionTypeRow[]) => ({ type: "list" as const, data: rows.map(presentSubscriptionType) });
