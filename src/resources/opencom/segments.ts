// opencom additions for segments (Intercom defines them in its UI only):
// POST /_opencom/segments, DELETE /_opencom/segments/{segment_id}
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { presentSegment } from "../segments/present.js";
import { createSegment, deleteSegment } from "../segments/service.js";
import { SegmentBody } from "../segments/schemas.js";

export default async function segmentRoutes(app: App) {
  app.post(
    "/_opencom/segments",
    { schema: { body: SegmentBody } },
    async (req) => presentSegment(await createSegment(ctx(req), req.body)),
  );

  app.delete("/_opencom/segments/:segment_id", { schema: { params: Type.Object({ segment_id: Type.String() }) } }, async (req) =>
    presentSegment(await deleteSegment(ctx(req), req.params.segment_id)),
  );
}
