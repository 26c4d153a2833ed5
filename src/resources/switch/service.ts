// Switch: a caller is deflected from a phone call to the Messenger. Intercom texts a Messenger link to
// the number and adds the custom attributes to the user or lead with that phone. opencom sends no SMS:
// it answers the link and keeps the contact — the workspace's most recently updated contact with this
// phone, or a new lead with it — with the custom attributes merged (through the contacts service, so
// the attributes are checked and `contact.*` webhooks fire as for any create or update).
import { randomUUID } from "node:crypto";
import type { Ctx } from "../../platform/http.js";
import { ApiError, missingParam } from "../../platform/errors.js";
import { createContact, updateContact } from "../contacts/service.js";
import type { ContactRow } from "../contacts/service.js";
import type { RedirectInput } from "./schemas.js";

const E164 = /^\+[1-9][0-9]{6,14}$/;

/** "+1 (123) 456-7890" → "+11234567890"; null when it is not a phone number in E.164 format. */
export function normalisePhone(raw: string): string | null {
  const compact = raw.replace(/[\s().-]/g, "");
  return E164.test(compact) ? compact : null;
}

export interface Redirect {
  phone: string;
  url: string;
  contact: ContactRow;
}

export async function redirectPhoneCall(c: Ctx, input: RedirectInput): Promise<Redirect> {
  if (input.phone === undefined || input.phone === null || input.phone === "") throw missingParam("phone");
  const phone = typeof input.phone === "string" ? normalisePhone(input.phone) : null;
  if (!phone) throw new ApiError(400, "invalid_phone_number", "Invalid phone number", "phone");
  const existing = await c.db
    .selectFrom("contacts")
    .select("id")
    .where("workspace_id", "=", c.wsId)
    .where("phone", "=", phone)
    .orderBy("updated_at", "desc")
    .orderBy("id", "desc")
    .executeTakeFirst();
  const attrs = input.custom_attributes ?? undefined;
  const contact = existing
    ? attrs && Object.keys(attrs).length
      ? await updateContact(c, existing.id, { custom_attributes: attrs })
      : ((await c.db.selectFrom("contacts").selectAll().where("id", "=", existing.id).executeTakeFirstOrThrow()) as ContactRow)
    : await createContact(c, { role: "lead", phone, custom_attributes: attrs });
  return { phone, url: `https://via.opencom.test/msgr/${randomUUID()}`, contact };
}
