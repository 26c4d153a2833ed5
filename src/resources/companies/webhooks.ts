// What a company's changes emit (company.created / updated / deleted, company.contact.attached / detached):
// the company as the API presents it, written to the webhook outbox in the transaction of the change.
import type { Ctx } from "../../platform/http.js";
import { emitWebhook } from "../../platform/webhooks.js";
import { presentContact } from "../contacts/present.js";
import type { ContactRow } from "../contacts/service.js";
import { presentCompany } from "./present.js";
import type { CompanyRow } from "./service.js";

export async function emitCompany(t: Ctx, topic: "company.created" | "company.updated", row: CompanyRow): Promise<void> {
  const item = (await presentCompany(t, row)) as Record<string, unknown>;
  await emitWebhook(t.db, t.wsId, { topic, schema: "company", item });
}

/** company.deleted carries the identifying fields only (Intercom's *.deleted topics send a minimal payload). */
export async function emitCompanyDeleted(t: Ctx, row: CompanyRow): Promise<void> {
  await emitWebhook(t.db, t.wsId, { topic: "company.deleted", schema: "company", item: { type: "company", id: row.id, company_id: row.company_id } });
}

/**
 * company.contact.attached / detached: Intercom's topic table names the objects "Company, Contact"
 * without a sample; the item carries both (`company`, `contact`, as receivers of it read them), typed
 * `contact_company` like its sibling `contact_tag`, each member shaped by its own schema.
 */
export async function emitCompanyContact(t: Ctx, topic: "company.contact.attached" | "company.contact.detached", company: CompanyRow, contact: ContactRow): Promise<void> {
  const item = {
    type: "contact_company",
    created_at: t.now(),
    company: await presentCompany(t, company),
    contact: await presentContact(t, contact),
  };
  await emitWebhook(t.db, t.wsId, { topic, schema: "contact_company", item });
}
