// GET /segments, GET /segments/{segment_id}
// opencom additions: POST /_opencom/segments, DELETE /_opencom/segments/{segment_id}
// (GET /contacts/{contact_id}/segments and GET /companies/{company_id}/segments: their resources' routes,
// through segmentsForContact / segmentsForCompany here)
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { presentSegment } from "./present.js";
import { createSegment, deleteSegment, getSegment, listSegments } from "./service.js";

const Params = Type.Object({ segment_id: Type.String() });

export default async function routes(app: App) {
  app.get("/segments", { schema: { querystring: Type.Object({ include_count: Type.Optional(Type.Boolean()) }) } }, async (req) => {
    const segments = await listSegments(ctx(req), req.query.include_count === true);
    return { type: "segment.list", segments: segments.map((s) => presentSegment(s.row, s.count)) };
  });

  app.get("/segments/:segment_id", { schema: { params: Params } }, async (req) => presentSegment(await getSegment(ctx(req), req.params.segment_id)));

  app.post(
    "/_opencom/segments",
    { schema: { body: Type.Object({ name: Type.Unknown(), person_type: Type.Optional(Type.String()), query: Type.Optional(Type.Unknown()) }) } },
    async (req) => presentSegment(await createSegment(ctx(req), req.body)),
  );

  app.delete("/_opencom/segments/:segment_id", { schema: { params: Params } }, async (req) => presentSegment(await deleteSegment(ctx(req), req.params.segment_id)));
}
