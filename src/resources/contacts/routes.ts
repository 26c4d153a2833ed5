// POST /contacts, GET /contacts, GET /contacts/{contact_id}, PUT /contacts/{contact_id}, DELETE /contacts/{contact_id},
// GET /contacts/find_by_external_id/{external_id}, POST /contacts/merge,
// POST /contacts/{contact_id}/archive, POST /contacts/{contact_id}/unarchive, POST /contacts/{contact_id}/block,
// GET /companies/{company_id}/contacts
// (POST /contacts/search: src/resources/contacts/search.ts; /contacts/{id}/B lives in the folder of B)
import { Type, type TSchema } from "typebox";
import type { App, Ctx } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { listEnvelope, MAX_PER_PAGE, readPageRequest } from "../../platform/pagination.js";
import { since } from "../../platform/since.js";
import { contactReference, findPresentedContact, presentContact, presentContacts, presentNewContact, type ContactJson } from "./present.js";
import type { ContactRow } from "./service.js";
import {
  contactGone,
  createContact,
  deleteContact,
  findContactRow,
  findUserByExternalId,
  getContactRow,
  listContacts,
  listCompanyContacts,
  mergeContacts,
  mergeHistory,
  setContactFlag,
  updateContact,
} from "./service.js";
import { getCompanyRow } from "../companies/service.js";
import { ContactBody, MergeBody } from "./schemas.js";

const ContactParams = Type.Object({ contact_id: Type.String() });
const WithHistory = Type.Object({ include_merge_history: Type.Optional(Type.Boolean()) });

/** Presents one contact, with its merge history when a 2.16+ client asks for it. */
async function present(c: Ctx, row: ContactRow, withHistory?: boolean): Promise<ContactJson> {
  return withMergeHistory(c, row, await presentContact(c, row), withHistory);
}

/** A presented contact with its merge history when a 2.16+ client asks for it. */
async function withMergeHistory(c: Ctx, row: ContactRow, json: ContactJson, withHistory?: boolean): Promise<ContactJson> {
  if (withHistory && since(c.version, "mergeHistory")) {
    json.merge_history = (await mergeHistory(c, row.id)).map((m) => ({ type: "merge_history", ...m }));
  }
  return json;
}

export default async function routes(app: App) {
  app.post("/contacts", { schema: { body: ContactBody } }, async (req) => {
    const c = ctx(req);
    return presentNewContact(c, await createContact(c, req.body));
  });

  app.get(
    "/contacts",
    {
      config: { largePages: true },
      schema: {
        querystring: Type.Object({ per_page: Type.Optional(Type.Integer()), starting_after: Type.Optional(Type.String()), page: Type.Optional(Type.Integer({ minimum: 1 })) }),
      },
    },
    async (req) => {
      const c = ctx(req);
      const page = readPageRequest(req.query);
      const result = await listContacts(c, page);
      return listEnvelope(await presentContacts(c, result.rows), result.total, result.page, page.perPage, result.next);
    },
  );

  app.get("/contacts/find_by_external_id/:external_id", { schema: { params: Type.Object({ external_id: Type.String() }) } }, async (req) => {
    const c = ctx(req);
    return presentContact(c, await findUserByExternalId(c, req.params.external_id));
  });

  app.post(
    "/contacts/merge",
    {
      schema: {
        querystring: WithHistory,
        body: MergeBody,
      },
    },
    async (req) => {
      const c = ctx(req);
      return present(c, await mergeContacts(c, req.body), req.query.include_merge_history);
    },
  );

  app.get("/contacts/:contact_id", { schema: { params: ContactParams, querystring: WithHistory } }, async (req, reply) => {
    const c = ctx(req);
    const found = await findPresentedContact(c, req.params.contact_id);
    if (!found) {
      const gone = await contactGone(c, req.params.contact_id);
      if (gone.link) reply.header("Link", gone.link);
      throw gone;
    }
    return withMergeHistory(c, found.row, found.json, req.query.include_merge_history);
  });

  app.put("/contacts/:contact_id", { schema: { params: ContactParams, body: ContactBody } }, async (req) => {
    const c = ctx(req);
    return presentContact(c, await updateContact(c, req.params.contact_id, req.body));
  });

  app.delete("/contacts/:contact_id", { schema: { params: ContactParams } }, async (req) => {
    const row = await deleteContact(ctx(req), req.params.contact_id);
    return { ...contactReference(row), deleted: true };
  });

  app.post("/contacts/:contact_id/archive", { schema: { params: ContactParams } }, async (req) => {
    const row = await setContactFlag(ctx(req), req.params.contact_id, "archived", true);
    return { ...contactReference(row), archived: true };
  });

  app.post("/contacts/:contact_id/unarchive", { schema: { params: ContactParams } }, async (req) => {
    const row = await setContactFlag(ctx(req), req.params.contact_id, "archived", false);
    return { ...contactReference(row), archived: false };
  });

  app.post("/contacts/:contact_id/block", { schema: { params: ContactParams } }, async (req) => {
    const row = await setContactFlag(ctx(req), req.params.contact_id, "blocked", true);
    return { ...contactReference(row), blocked: true };
  });

  app.get(
    "/companies/:company_id/contacts",
    { schema: { params: Type.Object({ company_id: Type.String() }), querystring: Type.Object({ per_page: Type.Optional(Type.Integer()), starting_after: Type.Optional(Type.String()) }) } },
    async (req) => {
      const c = ctx(req);
      const page = readPageRequest(req.query, { maxPerPage: MAX_PER_PAGE });
      const company = await getCompanyRow(c, req.params.company_id);
      const result = await listCompanyContacts(c, company.id, page);
      return listEnvelope(await presentContacts(c, result.rows), result.total, result.page, page.perPage, result.next);
    },
  );
}
