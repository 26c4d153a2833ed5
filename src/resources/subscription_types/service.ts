// Subscription types and contacts' explicit subscription preferences.
//
// - A contact_subscriptions row is a contact's explicit choice: opted out of an opt-out type, or opted
//   in to an opt-in type. Attaching records it, detaching removes it (back to the type's default).
// - Attaching to an opt-out type opts the contact out, to an opt-in type opts in, as the contract
//   describes: the effect is the type's own. The consent_type sent must be opt_in or opt_out, but a value
//   that is not the type's own is accepted (leniency, as Intercom: the official SDK's integration suite
//   attaches the workspace's first type, whatever its kind, with consent_type "opt_in", and passes).
// - Attaching twice keeps one choice; detaching a type the contact has no choice for answers the type
//   all the same (both idempotent).
// - Only live types can be attached.
// - A choice that changes emits contact.subscribed or contact.unsubscribed (item: the contact, with its
//   opted-in / opted-out lists after the change), in the transaction of the change.
import type { Kysely } from "kysely";
import type { DB } from "../../db/types.js";
import type { AttachSubscriptionInput } from "./schemas.js";
import type { Ctx } from "../../platform/http.js";
import { invalidParam, notFound } from "../../platform/errors.js";
import { nowSeconds, parseNumericId } from "../../platform/ids.js";
import { getContactRow } from "../contacts/service.js";
import { emitContact } from "../contacts/webhooks.js";
import { inTransaction } from "../../platform/writes.js";
import type { Selectable } from "kysely";
import type { SubscriptionTypesTable } from "../../db/types.js";

export type SubscriptionTypeRow = Selectable<SubscriptionTypesTable>;

export const CONSENT_TYPES = ["opt_in", "opt_out"] as const;

const subscriptionNotFound = () => notFound("Resource Not Found", "not_found");

export async function listSubscriptionTypes(c: Ctx): Promise<SubscriptionTypeRow[]> {
  return c.db.selectFrom("subscription_types").selectAll().where("workspace_id", "=", c.wsId).orderBy("id").execute();
}

async function getSubscriptionType(c: Ctx, rawId: unknown): Promise<SubscriptionTypeRow> {
  const id = parseNumericId(rawId);
  const row = id === null ? undefined : await c.db.selectFrom("subscription_types").selectAll().where("workspace_id", "=", c.wsId).where("id", "=", id).executeTakeFirst();
  if (!row) throw subscriptionNotFound();
  return row;
}

/** POST /contacts/{contact_id}/subscriptions: records the contact's choice for a subscription type. */
export async function attachSubscription(c: Ctx, contactId: string, input: AttachSubscriptionInput): Promise<SubscriptionTypeRow> {
  const contact = await getContactRow(c, contactId);
  const type = await getSubscriptionType(c, input.id);
  if (!(CONSENT_TYPES as readonly string[]).includes(input.consent_type)) {
    throw invalidParam("consent_type", "consent_type must be opt_in or opt_out");
  }
  if (type.state !== "live") throw invalidParam("id", `Subscription type ${type.id} is ${type.state}; only live subscription types can be attached`);
  await inTransaction(c, async (t) => {
    const res = await t.db
      .insertInto("contact_subscriptions")
      .values({ workspace_id: t.wsId, contact_id: contact.id, subscription_type_id: type.id, consent_type: type.consent_type, created_at: t.now() })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    // a new choice: opted in to an opt-in type, or out of an opt-out type
    if (Number(res.numInsertedOrUpdatedRows ?? 0) > 0) await emitContact(t, type.consent_type === "opt_in" ? "contact.subscribed" : "contact.unsubscribed", contact);
  });
  return type;
}

/** DELETE /contacts/{contact_id}/subscriptions/{subscription_id}: removes the contact's choice. */
export async function detachSubscription(c: Ctx, contactId: string, rawTypeId: string): Promise<SubscriptionTypeRow> {
  const contact = await getContactRow(c, contactId);
  const type = await getSubscriptionType(c, rawTypeId);
  await inTransaction(c, async (t) => {
    const res = await t.db
      .deleteFrom("contact_subscriptions")
      .where("workspace_id", "=", t.wsId)
      .where("contact_id", "=", contact.id)
      .where("subscription_type_id", "=", type.id)
      .executeTakeFirst();
    // the choice removed: back to the type's default (out of an opt-in type, in to an opt-out type)
    if (Number(res.numDeletedRows) > 0) await emitContact(t, type.consent_type === "opt_in" ? "contact.unsubscribed" : "contact.subscribed", contact);
  });
  return type;
}

/**
 * GET /contacts/{contact_id}/subscriptions: the subscription types the contact has an explicit choice
 * for. The caller has already checked that the contact exists in the workspace.
 */
export async function subscriptionsForContact(c: Ctx, contactId: string): Promise<SubscriptionTypeRow[]> {
  return c.db
    .selectFrom("contact_subscriptions")
    .innerJoin("subscription_types", "subscription_types.id", "contact_subscriptions.subscription_type_id")
    .selectAll("subscription_types")
    .where("contact_subscriptions.workspace_id", "=", c.wsId)
    .where("contact_subscriptions.contact_id", "=", contactId)
    .orderBy("subscription_types.id")
    .execute();
}

/** The subscription types every workspace starts with: two email types (opt-out, opt-in) and an SMS one. */
export async function seedSubscriptionTypes(db: Kysely<DB>, wsId: string): Promise<void> {
  const now = nowSeconds();
  const types: Array<[string, string, string, string]> = [
    ["Newsletters", "News about the product, a few times a month", "opt_out", "email"],
    ["Beta program", "Invitations to try features before they ship", "opt_in", "email"],
    ["SMS updates", "Short updates about your account by text message", "opt_in", "sms_message"],
  ];
  await db
    .insertInto("subscription_types")
    .values(types.map(([name, description, consent_type, content]) => ({ workspace_id: wsId, state: "live", name, description, locale: "en", consent_type, content_types: JSON.stringify([content]), created_at: now })))
    .execute();
}
