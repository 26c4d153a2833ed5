// GET /segments, GET /segments/{segment_id}, GET /contacts/{contact_id}/segments,
// GET /companies/{company_id}/segments
// (opencom's POST /_opencom/segments, DELETE /_opencom/segments/{segment_id}: src/resources/opencom/segments.ts)
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { getCompanyRow } from "../companies/service.js";
import { getContactRow } from "../contacts/service.js";
import { presentSegment, segmentDataList } from "./present.js";
import { getSegment, listSegments, segmentsForCompany, segmentsForContact } from "./service.js";

const Params = Type.Object({ segment_id: Type.String() });

export default async function routes(app: App) {
  app.get("/segments", { schema: { querystring: Type.Object({ include_count: Type.Optional(Type.Boolean()) }) } }, async (req) => {
    const segments = await listSegments(ctx(req), req.query.include_count === true);
    return { type: "segment.list", segments: segments.map((s) => presentSegment(s.row, s.count)) };
  });

  app.get("/segments/:segment_id", { schema: { params: Params } }, async (req) => presentSegment(await getSegment(ctx(req), req.params.segment_id)));

  // the contact must exist here (404 User Not Found)
  app.get("/contacts/:contact_id/segments", { schema: { params: Type.Object({ contact_id: Type.String() }) } }, async (req) => {
    const c = ctx(req);
    return segmentDataList(await segmentsForContact(c, (await getContactRow(c, req.params.contact_id)).id));
  });

  app.get("/companies/:company_id/segments", { schema: { params: Type.Object({ company_id: Type.String() }) } }, async (req) => {
    const c = ctx(req);
    const company = await getCompanyRow(c, req.params.company_id);
    const list = segmentDataList(await segmentsForCompany(c, company.id));
    return { ...list, total_count: list.data.length }; // 2.11 requires the count
  });
}
