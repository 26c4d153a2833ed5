// POST /export/content/data, GET /export/content/data/{job_identifier}, POST /export/cancel/{job_identifier},
// GET /download/content/data/{job_identifier}
import { Type } from "typebox";
import type { FastifyRequest } from "fastify";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { cancelExport, createContentExport, exportFile, getExport } from "./service.js";
import { presentContentExport } from "./present.js";
import { CONTENT_EXPORT } from "./content.js";

const JobParams = Type.Object({ job_identifier: Type.String({ maxLength: 64 }) });
const Time = Type.Union([Type.Integer(), Type.String({ maxLength: 20 })]);

export const baseUrl = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

export default async function routes(app: App) {
  app.post("/export/content/data", { schema: { body: Type.Object({ created_at_after: Type.Optional(Time), created_at_before: Type.Optional(Time) }) } }, async (req) =>
    presentContentExport(await createContentExport(ctx(req), req.body ?? {}), baseUrl(req)),
  );
  app.get("/export/content/data/:job_identifier", { schema: { params: JobParams } }, async (req) =>
    presentContentExport(await getExport(ctx(req), req.params.job_identifier, [CONTENT_EXPORT]), baseUrl(req)),
  );
  app.post("/export/cancel/:job_identifier", { schema: { params: JobParams } }, async (req) =>
    presentContentExport(await cancelExport(ctx(req), req.params.job_identifier, [CONTENT_EXPORT]), baseUrl(req)),
  );
  // the file: gzip-compressed CSV (Intercom asks for Accept: application/octet-stream; any Accept is served)
  app.get("/download/content/data/:job_identifier", { schema: { params: JobParams } }, async (req, reply) => {
    const { job, stream } = await exportFile(ctx(req), req.params.job_identifier, [CONTENT_EXPORT]);
    reply.header("Content-Type", "application/octet-stream");
    reply.header("Content-Disposition", `attachment; filename="${job.identifier}.csv.gz"`);
    return reply.send(stream);
  });
}
