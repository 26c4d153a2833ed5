// Request shape of POST /companies and PUT /companies/{id}: the routes validate with it, the service is
// typed by it and refuses any other field with it.
import { Type, type Static } from "typebox";
import { Nullable } from "../../platform/schema.js";

/** The fields of a company write (null clears a field); unknown fields are refused by the service (Intercom's 400 bad_request). */
export const CompanyBody = Type.Object({
  company_id: Type.Optional(Type.String()),
  name: Nullable(Type.String()),
  plan: Nullable(Type.String()),
  size: Nullable(Type.Union([Type.Integer(), Type.String()])),
  website: Nullable(Type.String()),
  industry: Nullable(Type.String()),
  monthly_spend: Nullable(Type.Number()),
  remote_created_at: Nullable(Type.Integer()),
  custom_attributes: Nullable(Type.Record(Type.String(), Type.Unknown())),
  update_last_request_at: Type.Optional(Type.Boolean()),
});
export type CompanyInput = Static<typeof CompanyBody>;
