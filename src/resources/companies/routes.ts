// POST /companies                                   create or update by company_id
// GET /companies                                    by company_id or name (that company), by tag_id / segment_id (a list)
// GET /companies/scroll                             the scroll: every company once, one open scroll per workspace
// POST /companies/list                              companies with contacts, by last_request_at (page, per_page, order)
// GET /companies/{company_id}                       one company
// PUT /companies/{company_id}                       update
// DELETE /companies/{company_id}                    delete
// GET /contacts/{contact_id}/companies              a contact's companies (page numbers)
// POST /contacts/{contact_id}/companies             attach a contact (body: the company's id)
// DELETE /contacts/{contact_id}/companies/{company_id}   detach a contact
//
// Numbered lists (GET /companies, POST /companies/list) take page / per_page (default 15) and also
// accept the cursor of their pages.next as starting_after. GET /companies/scroll also takes per_page
// (an opencom extension, default 50).
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { invalidParam } from "../../platform/errors.js";
import { listEnvelope, readNumberedPage, readPageRequest } from "../../platform/pagination.js";
import { presentCompanies, presentCompany } from "./present.js";
import {
  attachContact,
  createOrUpdateCompany,
  DEFAULT_SCROLL_PER_PAGE,
  deleteCompany,
  detachContact,
  getCompanyRow,
  listCompanies,
  listContactCompanies,
  DEFAULT_COMPANY_PER_PAGE,
  retrieveOneCompany,
  scrollCompanies,
  updateCompany,
  type NumberedResult,
} from "./service.js";
import type { Ctx } from "../../platform/http.js";
import { since } from "../../platform/since.js";
import { CompanyBody } from "./schemas.js";

const CompanyParams = Type.Object({ company_id: Type.String() });
const PageQuery = {
  page: Type.Optional(Type.Integer()),
  per_page: Type.Optional(Type.Integer()),
  starting_after: Type.Optional(Type.String()),
};

async function numberedList(c: Ctx, r: NumberedResult) {
  return listEnvelope(await presentCompanies(c, r.rows), r.total, r.page, r.perPage, r.next);
}

export default async function routes(app: App) {
  app.post("/companies", { schema: { body: Type.Union([CompanyBody, Type.Null()]) } }, async (req) => {
    const c = ctx(req);
    return presentCompany(c, await createOrUpdateCompany(c, req.body ?? {}));
  });

  app.get(
    "/companies",
    {
      schema: {
        querystring: Type.Object({
          company_id: Type.Optional(Type.String()),
          name: Type.Optional(Type.String()),
          tag_id: Type.Optional(Type.String()),
          segment_id: Type.Optional(Type.String()),
          ...PageQuery,
        }),
      },
    },
    async (req) => {
      const c = ctx(req);
      const q = req.query;
      const page = readNumberedPage(q, DEFAULT_COMPANY_PER_PAGE);
      if (q.company_id !== undefined || q.name !== undefined) {
        const row = await retrieveOneCompany(c, { company_id: q.company_id, name: q.name });
        return listEnvelope(await presentCompanies(c, [row]), 1, 1, page.perPage, null);
      }
      return numberedList(c, await listCompanies(c, { tag_id: q.tag_id, segment_id: q.segment_id }, "desc", page));
    },
  );

  app.get(
    "/companies/scroll",
    { schema: { querystring: Type.Object({ scroll_param: Type.Optional(Type.String()), per_page: Type.Optional(Type.Integer()) }) } },
    async (req) => {
      const c = ctx(req);
      const perPage = readPageRequest(req.query, { defaultPerPage: DEFAULT_SCROLL_PER_PAGE }).perPage;
      const result = await scrollCompanies(c, req.query.scroll_param, perPage);
      return {
        type: "list",
        data: await presentCompanies(c, result.rows),
        // a scroll has no pages; 2.11's schema does not let pages be null, so it is left out there
        ...(since(c.version, "scrollWithoutPages") ? {} : { pages: null }),
        total_count: null,
        ...(result.scrollParam ? { scroll_param: result.scrollParam } : {}),
      };
    },
  );

  app.post(
    "/companies/list",
    {
      schema: {
        querystring: Type.Object({ ...PageQuery, order: Type.Optional(Type.String()) }),
        body: Type.Optional(Type.Union([Type.Object({ ...PageQuery, order: Type.Optional(Type.String()) }), Type.Null()])),
      },
    },
    async (req) => {
      const c = ctx(req);
      // the query string is where Intercom documents them; a JSON body is accepted too
      const q = { ...(req.body ?? {}), ...req.query };
      const order = q.order === undefined || q.order === "" ? "desc" : q.order.toLowerCase();
      if (order !== "asc" && order !== "desc") throw invalidParam("order", "order must be asc or desc");
      return numberedList(c, await listCompanies(c, { withContactsOnly: true }, order, readNumberedPage(q, DEFAULT_COMPANY_PER_PAGE)));
    },
  );

  app.get("/companies/:company_id", { schema: { params: CompanyParams } }, async (req) => {
    const c = ctx(req);
    return presentCompany(c, await getCompanyRow(c, req.params.company_id));
  });

  app.put("/companies/:company_id", { schema: { params: CompanyParams, body: Type.Union([CompanyBody, Type.Null()]) } }, async (req) => {
    const c = ctx(req);
    return presentCompany(c, await updateCompany(c, req.params.company_id, req.body ?? {}));
  });

  app.delete("/companies/:company_id", { schema: { params: CompanyParams } }, async (req) => {
    const row = await deleteCompany(ctx(req), req.params.company_id);
    return { id: row.id, object: "company", deleted: true };
  });


  app.post(
    "/contacts/:contact_id/companies",
    {
      schema: {
        params: Type.Object({ contact_id: Type.String() }),
        // Leniency for the real client: the contract names the company's Intercom id `id`, but intercom-client
        // 7.x's Unstable namespace (`unstable.companies.attachContactToACompany`) renames it `company_id`, its
        // path parameter being `id` too, and sends `{"company_id": "<Intercom id>"}`; `id` wins when both are sent.
        body: Type.Optional(Type.Union([Type.Object({ id: Type.Optional(Type.Union([Type.String(), Type.Null()])), company_id: Type.Optional(Type.Union([Type.String(), Type.Null()])) }), Type.Null()])),
      },
    },
    async (req) => {
      const c = ctx(req);
      return presentCompany(c, await attachContact(c, req.params.contact_id, req.body?.id ?? req.body?.company_id));
    },
  );

  app.delete(
    "/contacts/:contact_id/companies/:company_id",
    { schema: { params: Type.Object({ contact_id: Type.String(), company_id: Type.String() }) } },
    async (req) => {
      const c = ctx(req);
      return presentCompany(c, await detachContact(c, req.params.contact_id, req.params.company_id));
    },
  );

  app.get(
    "/contacts/:contact_id/companies",
    { schema: { params: Type.Object({ contact_id: Type.String() }), querystring: Type.Object({ page: Type.Optional(Type.Integer()), per_page: Type.Optional(Type.Integer()) }) } },
    async (req) => {
      const c = ctx(req);
      const result = await listContactCompanies(c, req.params.contact_id, req.query);
      return {
        type: "list",
        companies: await presentCompanies(c, result.rows),
        total_count: result.total,
        pages: result.pages,
      };
    },
  );
}
