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

describe("ecommerce catalog (Unstable)", () => {
  const U = "Unstable";
  const product = (id: string, extra: Record<string, unknown> = {}) => ({ id, title: `Product ${id}`, url: `https://shop.example/${id}`, ...extra });
  async function upload(ws: TestWorkspace, connectorId: string, fields: Record<string, string>, catalog?: unknown, raw?: string) {
    const form = new FormData();
    if (catalog !== undefined || raw !== undefined) form.append("catalog", new Blob([raw ?? JSON.stringify(catalog)], { type: "application/json" }), "products.json");
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    const res = await fetch(`${srv.url}/ecommerce/connectors/${connectorId}/catalog`, { method: "POST", headers: { Authorization: `Bearer ${ws.token}`, "Intercom-Version": U }, body: form });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, body: text ? JSON.parse(text) : undefined };
  }
  const products = async (ws: TestWorkspace, id: string) => (await ws.api(`/_opencom/ecommerce/connectors/${id}/products`)).body;

  it("syncs a single file, replacing the catalog by product id", async () => {
    const ws = await srv.newWorkspace("Catalog");
    const conn = (await ws.api("/_opencom/ecommerce/connectors", { body: { name: "Shop" } })).body;
    const r = await upload(ws, conn.id, {}, [product("p1", { variants: [{ id: "v1", price: 19.99 }] }), product("p2")]);
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ status: "processing", message: "Catalog received. Sync has started." });
    expect(r.body.import_job_id).toMatch(/^job_/);
    expect((await products(ws, conn.id)).data.map((p: any) => p.id)).toEqual(["p1", "p2"]);
    await upload(ws, conn.id, {}, [product("p2", { title: "Renamed" }), product("p3")]);
    const after = await products(ws, conn.id);
    expect(after.data.map((p: any) => [p.id, p.title])).toEqual([["p2", "Renamed"], ["p3", "Product p3"]]);
  });

  it("uploads in parts: a session per connector, parts in sequence (retries replace), finalize syncs them all", async () => {
    const ws = await srv.newWorkspace("Catalog parts");
    const conn = (await ws.api("/_opencom/ecommerce/connectors", { body: { name: "Shop" } })).body;
    const first = await upload(ws, conn.id, { finalize: "false" }, [product("a")]);
    expect(first.status).toBe(200);
    const job = first.body.import_job_id;
    expect(first.body).toEqual({ import_job_id: job, next_part_number: 2 });
    expectErrorList(await upload(ws, conn.id, { finalize: "false" }, [product("x")]), 409, "sync_in_progress");
    expectErrorList(await upload(ws, conn.id, {}, [product("x")]), 409, "sync_in_progress");
    expectErrorList(await upload(ws, conn.id, { finalize: "false", import_job_id: job, part_number: "3" }, [product("c")]), 422, "invalid_part_number");
    expectErrorList(await upload(ws, conn.id, { finalize: "false", import_job_id: job, part_number: "0" }, [product("c")]), 422, "invalid_part_number");
    expect((await upload(ws, conn.id, { finalize: "false", import_job_id: job, part_number: "2" }, [product("b")])).body).toEqual({ import_job_id: job, next_part_number: 3 });
    // a retry of part 2 replaces it
    expect((await upload(ws, conn.id, { finalize: "false", import_job_id: job, part_number: "2" }, [product("b2")])).body).toEqual({ import_job_id: job, next_part_number: 3 });
    expect((await products(ws, conn.id)).data).toEqual([]);
    const done = await upload(ws, conn.id, { finalize: "true", import_job_id: job });
    expect(done.status).toBe(202);
    expect(done.body.import_job_id).toBe(job);
    expect((await products(ws, conn.id)).data.map((p: any) => p.id)).toEqual(["a", "b2"]);
    expectErrorList(await upload(ws, conn.id, { finalize: "true", import_job_id: job }), 409, "upload_session_not_finalizable");
    expectErrorList(await upload(ws, conn.id, { finalize: "true", import_job_id: "job_nope" }), 404, "upload_session_not_found");
    expectErrorList(await upload(ws, conn.id, { finalize: "false", part_number: "2" }, [product("z")]), 422, "import_job_id_required");
  });

  it("answers the documented errors and isolates workspaces", async () => {
    const ws = await srv.newWorkspace("Catalog errors");
    const other = await srv.newWorkspace("Catalog errors other");
    const conn = (await ws.api("/_opencom/ecommerce/connectors", { body: { name: "Shop" } })).body;
    expectErrorList(await upload(ws, conn.id, {}), 400, "parameter_not_found");
    expectErrorList(await upload(ws, conn.id, {}, undefined, "{\"not\":\"an array\"}"), 422, "invalid_catalog_format");
    expectErrorList(await upload(ws, conn.id, {}, undefined, "not json"), 422, "invalid_catalog_format");
    expectErrorList(await upload(ws, conn.id, {}, [1, 2]), 422, "invalid_catalog_format");
    expectErrorList(await upload(ws, conn.id, {}, [{ id: "p", title: "t", url: "http://insecure.example" }]), 422, "invalid_catalog_format");
    const notFile = new FormData();
    notFile.append("catalog", "[]");
    const res = await fetch(`${srv.url}/ecommerce/connectors/${conn.id}/catalog`, { method: "POST", headers: { Authorization: `Bearer ${ws.token}` }, body: notFile });
    expect(res.status).toBe(400);
    expectErrorList(await ws.api(`/ecommerce/connectors/${conn.id}/catalog`, { body: { catalog: [] }, version: U }), 400, "parameter_not_found");
    expectErrorList(await upload(other, conn.id, {}, [product("p")]), 404, "import_source_not_found");
    expectErrorList(await upload(ws, "999999", {}, [product("p")]), 404, "import_source_not_found");
    expectErrorList(await other.api(`/_opencom/ecommerce/connectors/${conn.id}/products`), 404, "import_source_not_found");
  });
});
