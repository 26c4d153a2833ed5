import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

const V = "2.16";
const FULL = {
  name: "Get Order Status",
  description: "Looks up order status",
  http_method: "get",
  url: "https://api.example.com/orders/{{order_id}}/status",
  direct_fin_usage: true,
  audiences: ["leads", "visitors"],
  headers: [{ name: "Authorization", value: "Bearer secret" }],
  data_inputs: [{ name: "order_id", type: "string", description: "The order", required: true, default_value: "" }],
  customer_authentication: true,
  bypass_authentication: false,
  validate_missing_attributes: true,
};

const execs = (ws: TestWorkspace, id: string, body: Record<string, unknown> = {}) => ws.api(`/_opencom/data_connectors/${id}/executions`, { body });

describe("data connectors", () => {
  it("creates a draft, edits it, sets it live, lists and deletes drafts only", async () => {
    const ws = await srv.newWorkspace("Connectors");
    const created = await ws.api("/data_connectors", { body: FULL, version: V });
    expect(created.status).toBe(201);
    const dc = created.body;
    expect(dc).toMatchObject({
      type: "data_connector", name: "Get Order Status", state: "draft", http_method: "get", direct_fin_usage: true, audiences: ["leads", "visitors"],
      headers: [{ name: "Authorization", value: "****" }], data_inputs: FULL.data_inputs, customer_authentication: true, validate_missing_attributes: true,
      created_by_admin_id: String(ws.adminId), execution_results_url: `/data_connectors/${dc.id}/execution_results`,
    });
    expect(dc.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const minimal = (await ws.api("/data_connectors", { body: { name: "My Connector" }, version: V })).body;
    expect(minimal).toMatchObject({ name: "My Connector", state: "draft", audiences: [], headers: [] });

    // live publishes the draft; later draft edits leave the live version as it was
    const live = (await ws.api(`/data_connectors/${dc.id}`, { method: "PATCH", body: { state: "live" }, version: V })).body;
    expect(live.state).toBe("live");
    await ws.api(`/data_connectors/${dc.id}`, { method: "PATCH", body: { name: "Order Status v2", audiences: ["users"] }, version: V });
    expect((await ws.api(`/data_connectors/${dc.id}`, { version: V })).body).toMatchObject({ name: "Get Order Status", state: "live", audiences: ["leads", "visitors"] });
    expect((await ws.api(`/data_connectors/${dc.id}?state_version=draft`, { version: V })).body).toMatchObject({ name: "Order Status v2", audiences: ["users"] });
    expect((await ws.api(`/data_connectors/${dc.id}?state_version=live`, { version: "Unstable" })).body.name).toBe("Get Order Status");

    const p1 = (await ws.api("/data_connectors?per_page=1", { version: V })).body;
    expect(p1).toMatchObject({ type: "list", pages: { type: "pages", per_page: 1 } });
    expect(p1.data[0]).toMatchObject({ type: "data_connector", execution_results_url: `/data_connectors/${p1.data[0].id}/execution_results` });
    const p2 = (await ws.api(`/data_connectors?per_page=1&starting_after=${p1.pages.next.starting_after}`, { version: V })).body;
    expect([...p1.data, ...p2.data].map((x: any) => x.id).sort()).toEqual([dc.id, minimal.id].sort());
    expect(p2.pages.next).toBeNull();

    expectErrorList(await ws.api(`/data_connectors/${dc.id}`, { method: "DELETE", version: V }), 409, "conflict");
    await ws.api(`/data_connectors/${dc.id}`, { method: "PATCH", body: { state: "draft" }, version: V });
    expect((await ws.api(`/data_connectors/${dc.id}`, { method: "DELETE", version: V })).body).toEqual({ id: dc.id, object: "data_connector", deleted: true });
    expectErrorList(await ws.api(`/data_connectors/${dc.id}`, { method: "DELETE", version: V }), 404, "data_connector_not_found");
    expectErrorList(await ws.api(`/data_connectors/${dc.id}`, { version: V }), 404, "data_connector_not_found");
  });

  it("answers the documented errors and isolates workspaces", async () => {
    const ws = await srv.newWorkspace("Connectors errors");
    const other = await srv.newWorkspace("Connectors errors other");
    const dc = (await ws.api("/data_connectors", { body: { name: "C" }, version: V })).body;
    expectErrorList(await ws.api("/data_connectors", { body: { description: "no name" }, version: V }), 422, "parameter_not_found");
    expectErrorList(await ws.api("/data_connectors", { body: { name: "x", audiences: ["admins"] }, version: V }), 422, "parameter_invalid");
    expectErrorList(await ws.api("/data_connectors", { body: { name: "x", http_method: "head" }, version: V }), 422, "parameter_invalid");
    expectErrorList(await ws.api(`/data_connectors/${dc.id}`, { method: "PATCH", body: { state: "archived" }, version: V }), 422, "parameter_invalid");
    expectErrorList(await ws.api(`/data_connectors/${dc.id}?state_version=old`, { version: V }), 400, "parameter_invalid");
    expectErrorList(await ws.api("/data_connectors?starting_after=junk", { version: V }), 400);
    expectErrorList(await ws.api("/data_connectors?per_page=51", { version: V }), 400);
    for (const method of ["GET", "DELETE"]) expectErrorList(await other.api(`/data_connectors/${dc.id}`, { method, version: V }), 404, "data_connector_not_found");
    expectErrorList(await other.api(`/data_connectors/${dc.id}`, { method: "PATCH", body: { name: "x" }, version: V }), 404, "data_connector_not_found");
    expectErrorList(await other.api(`/data_connectors/${dc.id}/execution_results`, { version: V }), 404, "data_connector_not_found");
    expect((await other.api("/data_connectors", { version: V })).body.data).toEqual([]);
  });
});

describe("data connector execution results", () => {
  it("records executions through opencom's API and reads them: time range, filters, bodies, paging", async () => {
    const ws = await srv.newWorkspace("Executions");
    const dc = (await ws.api("/data_connectors", { body: { name: "Orders", http_method: "post", url: "https://api.example.com/orders", mock_response: { order: { status: "shipped" } } }, version: V })).body;
    await ws.api(`/data_connectors/${dc.id}`, { method: "PATCH", body: { state: "live" }, version: V });
    const ok = (await execs(ws, dc.id, { http_status: 200, execution_time_ms: 150, source_type: "workflow", source_id: "5001", conversation_id: "8001", request_body: '{"id":1}' })).body;
    expect(ok).toMatchObject({ type: "data_connector.execution", data_connector_id: dc.id, success: true, http_status: 200, http_method: "post", request_url: "https://api.example.com/orders", response_body: '{"order":{"status":"shipped"}}' });
    const failed = (await execs(ws, dc.id, { error_type: "3rd_party_error", error_message: "Connection refused" })).body;
    expect(failed).toMatchObject({ success: false, error_type: "3rd_party_error", http_status: null });

    const list = (await ws.api(`/data_connectors/${dc.id}/execution_results`, { version: V })).body;
    expect(list.data.map((x: any) => x.id)).toEqual([failed.id, ok.id]);
    expect(list.data[0].response_body).toBeUndefined();
    expect((await ws.api(`/data_connectors/${dc.id}/execution_results?include_bodies=true`, { version: V })).body.data[1].request_body).toBe('{"id":1}');
    expect((await ws.api(`/data_connectors/${dc.id}/execution_results?success=false`, { version: V })).body.data.map((x: any) => x.id)).toEqual([failed.id]);
    expect((await ws.api(`/data_connectors/${dc.id}/execution_results?error_type=faraday_error`, { version: V })).body.data).toEqual([]);
    const p1 = (await ws.api(`/data_connectors/${dc.id}/execution_results?per_page=1`, { version: V })).body;
    const p2 = (await ws.api(`/data_connectors/${dc.id}/execution_results?per_page=1&starting_after=${p1.pages.next.starting_after}`, { version: V })).body;
    expect(p2.data.map((x: any) => x.id)).toEqual([ok.id]);
    expect((await ws.api(`/data_connectors/${dc.id}/execution_results/${ok.id}`, { version: V })).body).toMatchObject({ id: ok.id, request_body: '{"id":1}', raw_response_body: '{"order":{"status":"shipped"}}' });

    // the default range is the last hour of the workspace clock
    await ws.api("/_opencom/clock/advance", { body: { seconds: 7200 } });
    expect((await ws.api(`/data_connectors/${dc.id}/execution_results`, { version: V })).body.data).toEqual([]);
    expect((await ws.api(`/data_connectors/${dc.id}/execution_results?start_ts=0`, { version: V })).body.data).toHaveLength(2);

    expectErrorList(await ws.api(`/data_connectors/${dc.id}/execution_results?error_type=oops`, { version: V }), 400, "parameter_invalid");
    expectErrorList(await ws.api(`/data_connectors/${dc.id}/execution_results?start_ts=200&end_ts=100`, { version: V }), 400, "parameter_invalid");
    expectErrorList(await ws.api(`/data_connectors/${dc.id}/execution_results/999999`, { version: V }), 404, "execution_result_not_found");
    expectErrorList(await execs(ws, dc.id, { success: true, error_type: "faraday_error" }), 400, "parameter_invalid");
    const other = await srv.newWorkspace("Executions other");
    expectErrorList(await other.api(`/data_connectors/${dc.id}/execution_results/${ok.id}`, { version: V }), 404, "data_connector_not_found");
    expectErrorList(await execs(other, dc.id), 404, "data_connector_not_found");
  });
});
