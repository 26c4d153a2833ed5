// POST /companies/bulk (create or update by company_id), PUT /companies/bulk (by Intercom id),
// POST /companies/bulk/delete, GET /companies/bulk/{id} (Unstable). The job machinery is
// src/resources/jobs/bulk.ts; each item goes through the single-item service (createOrUpdateCompany,
// updateCompany, deleteCompany), so it follows its rules and emits its topics (company.created,
// company.updated, company.deleted).
import { Type } from "typebox";
import type { FastifyRequest } from "fastify";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { defineBulkKind, enqueueBulk, getBulkJob, pickFields, presentBulkJob, type Operation } from "../jobs/bulk.js";
import { createOrUpdateCompany, deleteCompany, updateCompany } from "./service.js";
import type { CompanyInput } from "./schemas.js";

/** The fields a bulk update may set (bulk_update_companies_request); a create also takes company_id. */
const UPDATE_FIELDS = {
  name: "string",
  plan: "string",
  size: "integer",
  website: "string",
  industry: "string",
  custom_attributes: "object",
  remote_created_at: "integer",
  monthly_spend: "integer",
  update_last_request_at: "boolean",
} as const;
const CREATE_FIELDS = { company_id: "string", ...UPDATE_FIELDS } as const;

export const COMPANIES_BULK = defineBulkKind({
  kind: "companies_bulk",
  noun: "companies",
  singular: "company",
  async apply(c, op: Operation, item) {
    if (op === "delete") return (await deleteCompany(c, String(item.id))).id;
    if (op === "update") return (await updateCompany(c, String(item.id), pickFields(item, UPDATE_FIELDS) as CompanyInput)).id;
    return (await createOrUpdateCompany(c, pickFields(item, CREATE_FIELDS) as CompanyInput)).id;
  },
});

const BulkBody = Type.Union([Type.Object({ companies: Type.Optional(Type.Unknown()), job: Type.Optional(Type.Unknown()) }), Type.Null()]);
const JobParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
const baseUrl = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

export default async function routes(app: App) {
  const enqueue = (op: Operation) => async (req: FastifyRequest, reply: { code: (n: number) => unknown }) => {
    const c = ctx(req);
    const job = await enqueueBulk(c, COMPANIES_BULK, op, req.body);
    reply.code(202);
    return presentBulkJob(c, COMPANIES_BULK, job, baseUrl(req));
  };
  app.post("/companies/bulk", { schema: { body: BulkBody } }, enqueue("create"));
  app.put("/companies/bulk", { schema: { body: BulkBody } }, enqueue("update"));
  app.post("/companies/bulk/delete", { schema: { body: BulkBody } }, enqueue("delete"));
  app.get("/companies/bulk/:id", { schema: { params: JobParams } }, async (req) => {
    const c = ctx(req);
    return presentBulkJob(c, COMPANIES_BULK, await getBulkJob(c, COMPANIES_BULK, req.params.id), baseUrl(req));
  });
}
