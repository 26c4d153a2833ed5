// POST /contacts/bulk, PUT /contacts/bulk, POST /contacts/bulk/delete, GET /contacts/bulk/{id} (Unstable).
// The job machinery is src/resources/jobs/bulk.ts; here: how one contact item is applied, through the
// single-item services (createContact's uniqueness — a user's email / external_id, archived contacts
// included, leads exempt —, updateContact, deleteContact), so each item emits the topics its single
// request would (contact.user.created, contact.lead.created, contact.user.updated, contact.deleted, …).
import { Type } from "typebox";
import type { FastifyRequest } from "fastify";
import type { App, Ctx } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { ApiError } from "../../platform/errors.js";
import { defineBulkKind, enqueueBulk, getBulkJob, inSavepoint, pickFields, presentBulkJob, type Operation } from "../jobs/bulk.js";
import { createContact, deleteContact, updateContact } from "./service.js";
import type { ContactInput } from "./schemas.js";
import { attachContact, createOrUpdateCompany, detachContact, retrieveOneCompany } from "../companies/service.js";
import { attachTagToContact, detachTagFromContact } from "../tags/service.js";

/** The fields a bulk update may set (bulk_update_contacts_request); a create also takes the role and sign-up / last-seen times. */
const UPDATE_FIELDS = {
  external_id: "string",
  email: "string",
  name: "string",
  phone: "string",
  avatar: "string",
  owner_id: "string",
  unsubscribed_from_emails: "boolean",
  language_override: "string",
  custom_attributes: "object",
  companies: "array",
  tags: "object",
} as const;
const CREATE_FIELDS = { ...UPDATE_FIELDS, role: "string", signed_up_at: "integer", last_seen_at: "integer" } as const;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** companies: [{company_id, name?, remove?}]: created or updated by company_id and attached, or detached. */
async function applyCompanies(c: Ctx, contactId: string, companies: unknown) {
  if (!Array.isArray(companies)) return;
  if (companies.length > 100) throw new ApiError(400, "parameter_invalid", "at most 100 companies per contact", "companies");
  for (const [i, entry] of companies.entries()) {
    const companyId = isObject(entry) ? entry.company_id : undefined;
    if (typeof companyId !== "string" && typeof companyId !== "number") throw new ApiError(400, "parameter_not_found", `companies[${i}].company_id is required`, `companies[${i}].company_id`);
    const name = (entry as Record<string, unknown>).name;
    if (name !== undefined && name !== null && typeof name !== "string") throw new ApiError(400, "parameter_invalid", `companies[${i}].name must be a string`, `companies[${i}].name`);
    if ((entry as Record<string, unknown>).remove === true) {
      // detaching a company the contact is not in (or that does not exist) changes nothing
      try {
        const company = await retrieveOneCompany(c, { company_id: String(companyId) });
        await inSavepoint(c.db, () => detachContact(c, contactId, company.id));
      } catch (err) {
        if (!(err instanceof ApiError && err.status === 404)) throw err;
      }
      continue;
    }
    const company = await createOrUpdateCompany(c, { company_id: String(companyId), ...(typeof name === "string" ? { name } : {}) });
    await attachContact(c, contactId, company.id);
  }
}

/** tags: {add: [{id}], remove: [{id}]}: best effort, unknown tag ids are skipped. */
async function applyTags(c: Ctx, contactId: string, tags: unknown, allowRemove: boolean) {
  if (!isObject(tags)) return;
  const ids = (list: unknown) => (Array.isArray(list) ? list.slice(0, 100).map((t) => (isObject(t) ? t.id : undefined)).filter((id) => id !== undefined && id !== null) : []);
  const each = async (list: unknown, fn: (id: unknown) => Promise<unknown>) => {
    for (const id of ids(list)) {
      try {
        await inSavepoint(c.db, () => fn(id));
      } catch (err) {
        if (!(err instanceof ApiError)) throw err; // an unknown tag id: skipped
      }
    }
  };
  await each(tags.add, (id) => attachTagToContact(c, contactId, id));
  if (allowRemove) await each(tags.remove, (id) => detachTagFromContact(c, contactId, id));
}

export const CONTACTS_BULK = defineBulkKind({
  kind: "contacts_bulk",
  noun: "contacts",
  singular: "contact",
  async apply(c, op: Operation, item) {
    if (op === "delete") return (await deleteContact(c, String(item.id))).id;
    const { companies, tags, ...fields } = pickFields(item, op === "create" ? CREATE_FIELDS : UPDATE_FIELDS);
    const row = op === "create" ? await createContact(c, fields as ContactInput) : await updateContact(c, String(item.id), fields as ContactInput);
    await applyCompanies(c, row.id, companies);
    await applyTags(c, row.id, tags, op === "update");
    return row.id;
  },
});

const BulkBody = Type.Union([Type.Object({ contacts: Type.Optional(Type.Unknown()), job: Type.Optional(Type.Unknown()) }), Type.Null()]);
const JobParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
const baseUrl = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

export default async function routes(app: App) {
  const enqueue = (op: Operation) => async (req: FastifyRequest, reply: { code: (n: number) => unknown }) => {
    const c = ctx(req);
    const job = await enqueueBulk(c, CONTACTS_BULK, op, req.body);
    reply.code(202);
    return presentBulkJob(c, CONTACTS_BULK, job, baseUrl(req));
  };
  app.post("/contacts/bulk", { schema: { body: BulkBody } }, enqueue("create"));
  app.put("/contacts/bulk", { schema: { body: BulkBody } }, enqueue("update"));
  app.post("/contacts/bulk/delete", { schema: { body: BulkBody } }, enqueue("delete"));
  app.get("/contacts/bulk/:id", { schema: { params: JobParams } }, async (req) => {
    const c = ctx(req);
    return presentBulkJob(c, CONTACTS_BULK, await getBulkJob(c, CONTACTS_BULK, req.params.id), baseUrl(req));
  });
}
