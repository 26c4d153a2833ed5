// Data connector rows → Intercom JSON (times as ISO 8601, header values masked).
import type { Config, DataConnectorRow, ExecutionRow } from "./service.js";
import { configOf } from "./service.js";

const iso = (s: number) => new Date(s * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
const idOrNull = (n: number | null) => (n === null ? null : String(n));

/** The list item. */
export function presentDataConnector(r: DataConnectorRow) {
  const c = configOf(r, "live");
  return {
    type: "data_connector",
    id: String(r.id),
    name: c.name,
    description: c.description,
    state: r.state,
    http_method: c.http_method,
    direct_fin_usage: c.direct_fin_usage,
    created_by_admin_id: idOrNull(r.created_by_admin_id) ?? "",
    updated_by_admin_id: idOrNull(r.updated_by_admin_id) ?? "",
    created_at: iso(r.created_at),
    updated_at: iso(r.updated_at),
    execution_results_url: `/data_connectors/${r.id}/execution_results`,
  };
}

/** The detail of one version of the connector (live by default). */
export function presentDataConnectorDetail(r: DataConnectorRow, version: "draft" | "live" = "live") {
  const c: Config = configOf(r, version);
  return {
    type: "data_connector",
    id: String(r.id),
    name: c.name,
    description: c.description,
    state: r.state,
    url: c.url,
    body: c.body,
    headers: c.headers.map((h) => ({ name: h.name, value: "****" })),
    http_method: c.http_method,
    direct_fin_usage: c.direct_fin_usage,
    audiences: c.audiences,
    execution_type: "server_side",
    configuration_response_type: c.mock_response != null ? "mock_response_type" : "test_response_type",
    data_transformation_type: "full_access",
    client_function_name: null,
    client_function_timeout_ms: null,
    data_inputs: c.data_inputs,
    response_fields: [],
    object_mappings: [],
    token_ids: c.token_ids,
    customer_authentication: c.customer_authentication,
    bypass_authentication: c.bypass_authentication,
    validate_missing_attributes: c.validate_missing_attributes,
    created_by_admin_id: idOrNull(r.created_by_admin_id),
    updated_by_admin_id: idOrNull(r.updated_by_admin_id),
    created_at: iso(r.created_at),
    updated_at: iso(r.updated_at),
    execution_results_url: `/data_connectors/${r.id}/execution_results`,
  };
}

export function presentExecution(r: ExecutionRow, bodies: boolean) {
  const base = {
    type: "data_connector.execution",
    id: String(r.id),
    data_connector_id: String(r.data_connector_id),
    success: r.success === 1,
    http_status: r.http_status,
    http_method: r.http_method,
    error_type: r.error_type,
    error_message: r.error_message,
    execution_time_ms: r.execution_time_ms,
    source_type: r.source_type,
    source_id: r.source_id,
    conversation_id: r.conversation_id,
    created_at: iso(r.created_at),
    request_url: r.request_url,
  };
  return bodies ? { ...base, request_body: r.request_body, response_body: r.response_body, raw_response_body: r.response_body } : base;
}
