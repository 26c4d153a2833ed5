// POST /export/content/data, GET /export/content/data/{job_identifier}, POST /export/cancel/{job_identifier},
// GET /download/content/data/{job_identifier}; reporting data (2.14+): GET /export/reporting_data/get_datasets,
// POST /export/reporting_data/enqueue, GET /export/reporting_data/{job_identifier}, GET /download/reporting_data/{job_identifier};
// GET /export/workflows/{id} (2.15+)
import { Type } from "typebox";
import type { FastifyRequest } from "fastify";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { cancelExport, createContentExport, enqueueReportingExport, exportFile, getExport, getReportingExport } from "./service.js";
import { presentContentExport, presentDatasets, presentReportingExport } from "./present.js";
import { DATASETS, REPORTING_EXPORT } from "./reporting.js";
import { getWorkflow } from "../workflows/service.js";
import { presentWorkflowExport } from "../workflows/present.js";
import { CONTENT_EXPORT } from "./content.js";
import { ContentExportBody, ReportingExportBody } from "./schemas.js";

const JobParams = Type.Object({ job_identifier: Type.String({ maxLength: 64 }) });

export const baseUrl = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

export default async function routes(app: App) {
  app.post("/export/content/data", { schema: { body: ContentExportBody } }, async (req) =>
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

  app.get("/export/reporting_data/get_datasets", async () => presentDatasets(DATASETS));
  app.post(
    "/export/reporting_data/enqueue",
    {
      schema: {
        body: ReportingExportBody,
      },
    },
    async (req) => presentReportingExport(await enqueueReportingExport(ctx(req), req.body ?? {}), baseUrl(req)),
  );
  // the contract lists app_id and client_id as required query parameters; the workspace comes from the
  // token, so they are accepted and not needed (the SDK's method sends them when given)
  const ReportingQuery = Type.Object({ app_id: Type.Optional(Type.String({ maxLength: 255 })), client_id: Type.Optional(Type.String({ maxLength: 255 })), job_identifier: Type.Optional(Type.String({ maxLength: 64 })) });
  app.get("/export/reporting_data/:job_identifier", { schema: { params: JobParams, querystring: ReportingQuery } }, async (req) =>
    presentReportingExport(await getReportingExport(ctx(req), req.params.job_identifier), baseUrl(req)),
  );
  app.get("/download/reporting_data/:job_identifier", { schema: { params: JobParams, querystring: ReportingQuery } }, async (req, reply) => {
    const c = ctx(req);
    await getReportingExport(c, req.params.job_identifier);
    const { job, stream } = await exportFile(c, req.params.job_identifier, [REPORTING_EXPORT]);
    reply.header("Content-Type", "application/octet-stream");
    reply.header("Content-Disposition", `attachment; filename="${job.identifier}.csv.gz"`);
    return reply.send(stream);
  });

  // the export document of one of the workspace's workflows (opencom's own POST /_opencom/workflows makes
  // them); an unknown id, or another workspace's, is Intercom's 404 "Workflow not found"
  app.get("/export/workflows/:id", { schema: { params: Type.Object({ id: Type.String({ maxLength: 64 }) }) } }, async (req) => {
    const c = ctx(req);
    return presentWorkflowExport(await getWorkflow(c, req.params.id), c.wsId, c.now());
  });
}
