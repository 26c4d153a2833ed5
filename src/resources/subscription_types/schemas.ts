// Request shape of POST /contacts/{id}/subscriptions: the route validates with it, the service is typed by it.
import { Type, type Static } from "typebox";

export const AttachSubscriptionBody = Type.Object({ id: Type.Union([Type.String(), Type.Integer()]), consent_type: Type.String() });
export type AttachSubscriptionInput = Static<typeof AttachSubscriptionBody>;
