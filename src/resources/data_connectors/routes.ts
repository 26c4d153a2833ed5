// GET|POST /data_connectors, GET|PATCH|DELETE /data_connectors/{id},
// GET /data_connectors/{data_connector_id}/execution_results[/{id}],
// and opencom's record of an invocation: POST /_opencom/data_connectors/{data_connector_id}/executions.
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { ConfigBody, NewExecutionBody } from "./schemas.js";
import { presentDataConnector, presentDataConnectorDetail, presentExecution } from "./present.js";
import {
  createDataConnector, deleteDataConnector, getDataConnector, getExecution, listDataConnectors, listExecutions,
  readStateVersion, recordExecution, updateDataConnector,
} from "./service.js";

const Id = Type.Object({ id: Type.String({ maxLength: 40 }) });
const ConnectorId = Type.Object({ data_connector_id: Type.String({ maxLength: 40 }) });
const Cursor = Type.Optional(Type.String({ maxLength: 500 }));
const ExecQuery = Type.Object({
  per_page: Type.Optional(Type.Integer()),
  starting_after: Cursor,
  success: Type.Optional(Type.String({ maxLength: 10 })),
  error_type: Type.Optional(Type.String({ maxLength: 100 })),
  start_ts: Type.Optional(Type.Integer({ minimum: 0 })),
  end_ts: Type.Optional(Type.Integer({ minimum: 0 })),
  include_bodies: Type.Optional(Type.Union([Type.Literal("true"), Type.Literal("false")])),
});

const pages = (perPage: number, next: string | null) => ({ type: "pages", per_page: perPage, next: next ? { starting_after: next } : null });

export default async function routes(app: App) {
  app.get("/data_connectors", { schema: { querystring: Type.Object({ per_page: Type.Optional(Type.Integer()), starting_after: Cursor }) } }, async (req) => {
    const r = await listDataConnectors(ctx(req), req.query);
    return { type: "list", data: r.rows.map(presentDataConnector), pages: pages(r.perPage, r.next) };
  });
  app.post("/data_connectors", { schema: { body: ConfigBody } }, async (req, reply) =>
    reply.code(201).send(presentDataConnectorDetail(await createDataConnector(ctx(req), req.body), "draft")),
  );
  app.get("/data_connectors/:id", { schema: { params: Id, querystring: Type.Object({ state_version: Type.Optional(Type.String({ maxLength: 20 })) }) } }, async (req) => {
    const version = readStateVersion(req.query.state_version);
    return presentDataConnectorDetail(await getDataConnector(ctx(req), req.params.id), version);
  });
  app.patch("/data_connectors/:id", { schema: { params: Id, body: ConfigBody } }, async (req) =>
    presentDataConnectorDetail(await updateDataConnector(ctx(req), req.params.id, req.body ?? {}), "draft"),
  );
  app.delete("/data_connectors/:id", { schema: { params: Id } }, async (req) => ({ id: String(await deleteDataConnector(ctx(req), req.params.id)), object: "data_connector", deleted: true }));
  app.get("/data_connectors/:data_connector_id/execution_results", { schema: { params: ConnectorId, querystring: ExecQuery } }, async (req) => {
    const r = await listExecutions(ctx(req), req.params.data_connector_id, req.query);
    const bodies = req.query.include_bodies === "true";
    return { type: "list", data: r.rows.map((x) => presentExecution(x, bodies)), pages: pages(r.perPage, r.next) };
  });
  app.get("/data_connectors/:data_connector_id/execution_results/:id", { schema: { params: Type.Object({ data_connector_id: Type.String({ maxLength: 40 }), id: Type.String({ maxLength: 40 }) }) } }, async (req) =>
    presentExecution(await getExecution(ctx(req), req.params.data_connector_id, req.params.id), true),
  );

  app.post("/_opencom/data_connectors/:data_connector_id/executions", { schema: { params: ConnectorId, body: NewExecutionBody } }, async (req, reply) =>
    reply.code(201).send(presentExecution(await recordExecution(ctx(req), req.params.data_connector_id, req.body), true)),
  );
}
