// Data connectors: HTTP requests that workflows and Fin make to outside APIs. A connector is created as a
// draft; its configuration is edited as the draft and snapshotted when set `live` (GET answers the live
// snapshot by default, `state_version=draft` the working one). Only a draft may be deleted.
// Execution results: opencom runs no workflows and calls no outside API, so executions are recorded
// through opencom's own API (`POST /_opencom/data_connectors/{id}/executions`), as Intercom records one
// each time a workflow or Fin invokes the connector; the Intercom API reads them.
import type { Selectable } from "kysely";
import type { DataConnectorExecutionsTable, DataConnectorsTable } from "../../db/tables/channels.js";
import type { Ctx } from "../../platform/http.js";
import { ApiError, invalidParam, notFound } from "../../platform/errors.js";
import { parseNumericId } from "../../platform/ids.js";
import { parseJson } from "../../platform/json.js";
import { keysetPage, readPageRequest, type SortKey } from "../../platform/pagination.js";
import { lockedRow } from "../../platform/writes.js";
import { ERROR_TYPES, type ConfigInput, type NewExecution } from "./schemas.js";

export type DataConnectorRow = Selectable<DataConnectorsTable>;
export type ExecutionRow = Selectable<DataConnectorExecutionsTable>;

export const HTTP_METHODS = ["get", "post", "put", "delete", "patch"] as const;
export const AUDIENCES = ["leads", "users", "visitors"] as const;
export const INPUT_TYPES = ["string", "integer", "decimal", "boolean"] as const;

/** The configuration a connector keeps (the draft, and the live snapshot). */
export interface Config {
  name: string;
  description: string | null;
  http_method: string;
  url: string | null;
  body: string;
  direct_fin_usage: boolean;
  audiences: string[];
  headers: Array<{ name: string; value: string }>;
  data_inputs: Array<{ name: string; type: string; description: string | null; required: boolean; default_value: string }>;
  customer_authentication: boolean;
  bypass_authentication: boolean;
  validate_missing_attributes: boolean | null;
  mock_response: unknown;
  token_ids: string[];
}

const unprocessable = (code: string, message: string, field?: string) => new ApiError(422, code, message, field);
export const connectorNotFound = () => notFound("Data connector not found", "data_connector_not_found");

function readConfig(input: ConfigInput, base: Config): Config {
  const out: Config = { ...base };
  const str = (f: keyof Config, nullable = false) => {
    const v = input[f];
    if (v === undefined) return;
    if (v === null && nullable) return void ((out as any)[f] = null);
    if (typeof v !== "string") throw unprocessable("parameter_invalid", `${f} must be a string`, f);
    (out as any)[f] = v;
  };
  const bool = (f: keyof Config) => {
    const v = input[f];
    if (v === undefined) return;
    if (typeof v !== "boolean") throw unprocessable("parameter_invalid", `${f} must be a boolean`, f);
    (out as any)[f] = v;
  };
  str("name");
  if (input.name !== undefined && out.name.trim() === "") throw unprocessable("parameter_not_found", "Name is required", "name");
  str("description", true);
  str("url", true);
  str("body");
  for (const f of ["direct_fin_usage", "customer_authentication", "bypass_authentication", "validate_missing_attributes"] as const) bool(f);
  if (input.http_method !== undefined) {
    if (!(HTTP_METHODS as readonly unknown[]).includes(input.http_method)) throw unprocessable("parameter_invalid", "Http Method isn't an option", "http_method");
    out.http_method = input.http_method as string;
  }
  if (input.audiences !== undefined) {
    const a = input.audiences;
    if (!Array.isArray(a) || a.some((x) => !(AUDIENCES as readonly unknown[]).includes(x))) throw unprocessable("parameter_invalid", `Invalid audiences. Must be a subset of: ${AUDIENCES.join(", ")}`, "audiences");
    out.audiences = [...new Set(a as string[])];
  }
  if (input.headers !== undefined) {
    const h = input.headers;
    if (!Array.isArray(h) || h.some((x) => !x || typeof x !== "object" || typeof x.name !== "string" || x.name === "" || typeof (x.value ?? "") !== "string"))
      throw unprocessable("parameter_invalid", "headers must be a list of {name, value}", "headers");
    out.headers = (h as Array<{ name: string; value?: string }>).map((x) => ({ name: x.name, value: x.value ?? "" }));
  }
  if (input.data_inputs !== undefined) {
    const d = input.data_inputs;
    if (!Array.isArray(d)) throw unprocessable("parameter_invalid", "data_inputs must be a list", "data_inputs");
    out.data_inputs = d.map((x: any) => {
      if (!x || typeof x !== "object" || typeof x.name !== "string" || x.name === "") throw unprocessable("parameter_invalid", "every data input needs a name", "data_inputs");
      const type = x.type ?? "string";
      if (!(INPUT_TYPES as readonly unknown[]).includes(type)) throw unprocessable("parameter_invalid", `data input type must be one of ${INPUT_TYPES.join(", ")}`, "data_inputs");
      return { name: x.name, type, description: typeof x.description === "string" ? x.description : null, required: x.required === true, default_value: typeof x.default_value === "string" ? x.default_value : "" };
    });
  }
  if (input.token_ids !== undefined) {
    if (!Array.isArray(input.token_ids) || input.token_ids.some((x) => typeof x !== "string")) throw unprocessable("parameter_invalid", "token_ids must be a list of strings", "token_ids");
    out.token_ids = input.token_ids as string[];
  }
  if (input.mock_response !== undefined) {
    if (input.mock_response !== null && (typeof input.mock_response !== "object" || Array.isArray(input.mock_response))) throw unprocessable("parameter_invalid", "mock_response must be an object", "mock_response");
    out.mock_response = input.mock_response;
  }
  return out;
}

const EMPTY: Config = {
  name: "", description: null, http_method: "get", url: null, body: "", direct_fin_usage: false, audiences: [], headers: [], data_inputs: [],
  customer_authentication: false, bypass_authentication: false, validate_missing_attributes: null, mock_response: null, token_ids: [],
};

export const configOf = (r: DataConnectorRow, version: "draft" | "live" = "draft"): Config =>
  parseJson<Config>(version === "live" && r.live_config !== null ? r.live_config : r.config, EMPTY);

export async function createDataConnector(c: Ctx, input: ConfigInput): Promise<DataConnectorRow> {
  if (input.name === undefined || input.name === null || (typeof input.name === "string" && input.name.trim() === "")) throw unprocessable("parameter_not_found", "Name is required", "name");
  const config = readConfig(input, EMPTY);
  const now = c.now();
  const row = { workspace_id: c.wsId, state: "draft", config: JSON.stringify(config), live_config: null, created_by_admin_id: c.ws.token_admin_id, updated_by_admin_id: c.ws.token_admin_id, created_at: now, updated_at: now };
  const { id } = await c.db.insertInto("data_connectors").values(row).returning("id").executeTakeFirstOrThrow();
  return { ...row, id: Number(id) };
}

export async function getDataConnector(c: Ctx, rawId: unknown): Promise<DataConnectorRow> {
  const id = parseNumericId(rawId);
  const row = id === null ? undefined : await c.db.selectFrom("data_connectors").selectAll().where("workspace_id", "=", c.wsId).where("id", "=", id).executeTakeFirst();
  if (!row) throw connectorNotFound();
  return row;
}

export function readStateVersion(v: unknown): "draft" | "live" {
  if (v === undefined || v === "live") return "live";
  if (v === "draft") return "draft";
  throw invalidParam("state_version", "Invalid state_version. Must be one of: live, draft");
}

/** A partial update of the draft, merged under the row's lock; `state: live` publishes the draft. */
export async function updateDataConnector(c: Ctx, rawId: unknown, input: ConfigInput): Promise<DataConnectorRow> {
  const current = await getDataConnector(c, rawId);
  if (input.state !== undefined && input.state !== "draft" && input.state !== "live") throw unprocessable("parameter_invalid", "Invalid state. Must be one of: draft, live", "state");
  return c.db.transaction().execute(async (tx) => {
    const row = await lockedRow({ ...c, db: tx }, "data_connectors", current.id);
    if (!row) throw connectorNotFound();
    const config = JSON.stringify(readConfig(input, configOf(row)));
    const state = (input.state as string | undefined) ?? row.state;
    const set = {
      config,
      state,
      live_config: input.state === "live" ? config : row.live_config,
      updated_by_admin_id: c.ws.token_admin_id ?? row.updated_by_admin_id,
      updated_at: c.now(),
    };
    await tx.updateTable("data_connectors").set(set).where("id", "=", row.id).execute();
    return { ...row, ...set };
  });
}

/** Only a draft may be deleted (409 otherwise); the delete is decided by the row it removes. */
export async function deleteDataConnector(c: Ctx, rawId: unknown): Promise<number> {
  const row = await getDataConnector(c, rawId);
  if (row.state !== "draft") throw new ApiError(409, "conflict", "Data connector must be in draft state to be deleted");
  const res = await c.db.deleteFrom("data_connectors").where("workspace_id", "=", c.wsId).where("id", "=", row.id).where("state", "=", "draft").executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) {
    const still = await c.db.selectFrom("data_connectors").select("id").where("id", "=", row.id).executeTakeFirst();
    if (still) throw new ApiError(409, "conflict", "Data connector must be in draft state to be deleted");
    throw connectorNotFound();
  }
  return row.id;
}

const BY_UPDATED: SortKey<DataConnectorRow>[] = [
  { col: "updated_at", kind: "integer", dir: "desc", get: (r) => r.updated_at },
  { col: "id", kind: "integer", dir: "desc", get: (r) => r.id },
];

export async function listDataConnectors(c: Ctx, q: { per_page?: number; starting_after?: string }) {
  const req = readPageRequest(q, { defaultPerPage: 20, maxPerPage: 50 });
  const r = await keysetPage(c.db.selectFrom("data_connectors").selectAll().where("workspace_id", "=", c.wsId), BY_UPDATED, req);
  return { ...r, perPage: req.perPage };
}

// ---------------------------------------------------------------- execution results

/** Records one invocation of the connector's live configuration (its draft if it never went live). */
export async function recordExecution(c: Ctx, rawId: unknown, e: NewExecution): Promise<ExecutionRow> {
  const connector = await getDataConnector(c, rawId);
  const config = configOf(connector, "live");
  const success = e.success ?? (e.error_type == null && (e.http_status == null || (e.http_status >= 200 && e.http_status < 300)));
  if (success && e.error_type != null) throw invalidParam("error_type", "a successful execution has no error_type");
  const row = {
    workspace_id: c.wsId,
    data_connector_id: connector.id,
    success: success ? 1 : 0,
    http_status: e.http_status ?? null,
    http_method: config.http_method,
    error_type: e.error_type ?? null,
    error_message: e.error_message ?? null,
    execution_time_ms: e.execution_time_ms ?? null,
    source_type: e.source_type ?? null,
    source_id: e.source_id ?? null,
    conversation_id: e.conversation_id ?? null,
    request_url: config.url,
    request_body: e.request_body ?? (config.body === "" ? null : config.body),
    // a connector with a mock response answers it
    response_body: e.response_body ?? (config.mock_response != null ? JSON.stringify(config.mock_response) : null),
    created_at: c.now(),
  };
  const { id } = await c.db.insertInto("data_connector_executions").values(row).returning("id").executeTakeFirstOrThrow();
  return { ...row, id: Number(id) };
}

export interface ExecutionQuery {
  per_page?: number;
  starting_after?: string;
  success?: string;
  error_type?: string;
  start_ts?: number;
  end_ts?: number;
}

const NEWEST: SortKey<ExecutionRow>[] = [
  { col: "created_at", kind: "integer", dir: "desc", get: (r) => r.created_at },
  { col: "id", kind: "integer", dir: "desc", get: (r) => r.id },
];

/** A connector's executions in a time range (default: the last hour), newest first. */
export async function listExecutions(c: Ctx, rawId: unknown, q: ExecutionQuery) {
  const connector = await getDataConnector(c, rawId);
  if (q.error_type !== undefined && !(ERROR_TYPES as readonly string[]).includes(q.error_type)) throw invalidParam("error_type", `Invalid error_type. Must be one of: ${ERROR_TYPES.join(", ")}`);
  if (q.success !== undefined && q.success !== "true" && q.success !== "false") throw invalidParam("success", "Invalid success. Must be one of: true, false");
  const now = c.now();
  const end = q.end_ts ?? now;
  const start = q.start_ts ?? end - 3600;
  if (start > end) throw invalidParam("start_ts", "Invalid timestamp: start_ts must be before end_ts");
  const req = readPageRequest(q, { defaultPerPage: 10, maxPerPage: 30 });
  let base = c.db
    .selectFrom("data_connector_executions")
    .selectAll()
    .where("workspace_id", "=", c.wsId)
    .where("data_connector_id", "=", connector.id)
    .where("created_at", ">=", start)
    .where("created_at", "<=", end);
  if (q.success !== undefined) base = base.where("success", "=", q.success === "true" ? 1 : 0);
  if (q.error_type !== undefined) base = base.where("error_type", "=", q.error_type);
  const r = await keysetPage(base, NEWEST, req);
  return { ...r, perPage: req.perPage };
}

export async function getExecution(c: Ctx, rawConnectorId: unknown, rawId: unknown): Promise<ExecutionRow> {
  const connector = await getDataConnector(c, rawConnectorId);
  const id = parseNumericId(rawId);
  const row = id === null ? undefined : await c.db.selectFrom("data_connector_executions").selectAll().where("data_connector_id", "=", connector.id).where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("Execution result not found", "execution_result_not_found");
  return row;
}
