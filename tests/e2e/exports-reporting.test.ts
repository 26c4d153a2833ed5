// Reporting data export (2.14+) and workflow export (2.15+; workflows made through /_opencom/workflows).
import { gunzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

async function waitComplete(ws: TestWorkspace, id: string) {
  for (let i = 0; i < 300; i++) {
    const res = await ws.api(`/export/reporting_data/${id}?app_id=${ws.workspaceId}&client_id=x`);
    expect(res.status).toBe(200);
    if (res.body.status === "complete") return res.body;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("reporting export did not complete");
}

describe("reporting data export", () => {
  it("lists datasets, exports the chosen attributes of a dataset over a time range", async () => {
    const ws = await srv.newWorkspace("reporting");
    const sets = await ws.api("/export/reporting_data/get_datasets");
    expect(sets.body.type).toBe("list");
    const conv = sets.body.data.find((d: any) => d.id === "conversation");
    expect(conv).toMatchObject({ name: "Conversation", default_time_attribute_id: "conversation_started_at" });
    expect(conv.attributes).toContainEqual({ id: "conversation_id", name: "Conversation ID" });

    const contact = (await ws.api("/contacts", { body: { role: "user", email: "rep@reporting.example" } })).body;
    await ws.api("/_opencom/clock", { method: "PUT", body: { now: 1700000000 } });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(String((await ws.api("/conversations", { body: { from: { type: "user", id: contact.id }, body: `q${i}` } })).body.conversation_id));
    await ws.api("/_opencom/clock", { method: "PUT", body: { now: 1800000000 } });
    await ws.api("/conversations", { body: { from: { type: "user", id: contact.id }, body: "later" } });

    const job = await ws.api("/export/reporting_data/enqueue", { body: { dataset_id: "conversation", attribute_ids: ["conversation_id", "conversation_state", "conversation_started_at"], start_time: 1690000000, end_time: 1710000000 } });
    expect(job.status).toBe(200);
    expect(job.body).toMatchObject({ status: "pending", download_url: "" });
    const done = await waitComplete(ws, job.body.job_identifier);
    expect(done.download_url).toBe(`${srv.url}/download/reporting_data/${job.body.job_identifier}`);
    // through the SDK too
    expect(await ws.client.dataExport.exportReportingData({ job_identifier: job.body.job_identifier, app_id: ws.workspaceId, client_id: "c" })).toMatchObject({ status: "complete" });
    expect((await ws.api(`/jobs/status/${job.body.job_identifier}`)).body).toMatchObject({ status: "success", resource_type: "reporting_data_export" });

    const res = await fetch(`${srv.url}/download/reporting_data/${job.body.job_identifier}?app_id=${ws.workspaceId}`, { headers: { Authorization: `Bearer ${ws.token}`, Accept: "application/octet-stream" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/octet-stream");
    const rows = parse(gunzipSync(Buffer.from(await res.arrayBuffer())).toString("utf8"), { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => r.conversation_id).sort()).toEqual(ids.sort());
    expect(Object.keys(rows[0])).toEqual(["conversation_id", "conversation_state", "conversation_started_at"]);
    expect(rows[0]).toMatchObject({ conversation_state: "open", conversation_started_at: "2023-11-14T22:13:20.000Z" });
  });

  it("answers the documented errors and the 5-job limit", async () => {
    const ws = await srv.newWorkspace("reporting errors");
    const enqueue = (body: unknown) => ws.api("/export/reporting_data/enqueue", { body });
    const ok = { dataset_id: "conversation", attribute_ids: ["conversation_id"], start_time: 1, end_time: 2 };
    expectErrorList(await enqueue({ ...ok, dataset_id: undefined }), 400, "bad_request");
    expectErrorList(await enqueue({ ...ok, dataset_id: "imaginary" }), 400, "bad_request");
    expectErrorList(await enqueue({ ...ok, attribute_ids: undefined }), 400, "bad_request");
    expectErrorList(await enqueue({ ...ok, attribute_ids: "conversation_id" }), 400, "bad_request");
    expectErrorList(await enqueue({ ...ok, attribute_ids: [] }), 400, "bad_request");
    const invalid = await enqueue({ ...ok, attribute_ids: ["non_existent"] });
    expectErrorList(invalid, 400, "bad_request");
    expect(invalid.body.errors[0].message).toBe("attribute_ids invalid for conversation dataset: non_existent");
    expectErrorList(await enqueue({ ...ok, start_time: undefined }), 400, "parameter_not_found");
    expectErrorList(await ws.api("/export/reporting_data/job1"), 404, "not_found");
    expectErrorList(await ws.api("/download/reporting_data/job1"), 404, "not_found");
    // a content export's id is not a reporting export's
    const content = await ws.api("/export/content/data", { body: { created_at_after: 1, created_at_before: 2 } });
    expectErrorList(await ws.api(`/export/reporting_data/${content.body.job_identifier}`), 404, "not_found");
    // isolation
    const job = await enqueue(ok);
    const other = await srv.newWorkspace("reporting other");
    expectErrorList(await other.api(`/export/reporting_data/${job.body.job_identifier}`), 404, "not_found");
    expectErrorList(await other.api(`/download/reporting_data/${job.body.job_identifier}`), 404, "not_found");
    // 5 pending at most: enqueue concurrently, the limit holds
    const burst = await Promise.all(Array.from({ length: 10 }, () => enqueue(ok)));
    for (const r of burst) expect([200, 429]).toContain(r.status);
    const limited = burst.find((r) => r.status === 429);
    if (limited) expectErrorList(limited, 429, "rate_limit_exceeded");
    for (const v of ["2.14", "2.15", "2.16", "Unstable"]) expect((await ws.api("/export/reporting_data/get_datasets", { version: v })).status).toBe(200);
  });
});

describe("workflow export", () => {
  const body = {
    title: "My Workflow",
    description: "A workflow that handles customer inquiries",
    trigger_type: "inbound_conversation",
    state: "live",
    target_channels: ["chat"],
    preferred_devices: ["desktop", "mobile"],
    targeting: { predicates: [{ attribute: "role", comparison: "eq", value: "user" }] },
    snapshot: { steps: [{ type: "send_message", body: "Hi" }] },
    attributes: [{ name: "priority", type: "string" }],
    embedded_rules: [{ id: "r1", actions: [] }],
  };

  it("exports a workflow made through /_opencom/workflows, stamped with the workspace clock", async () => {
    const ws = await srv.newWorkspace("workflows");
    await ws.api("/_opencom/clock", { method: "PUT", body: { now: 1750000000 } });
    const made = await ws.api("/_opencom/workflows", { body });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ type: "workflow", ...body, created_at: "2025-06-15T15:06:40Z", updated_at: "2025-06-15T15:06:40Z" });
    await ws.api("/_opencom/clock/advance", { body: { seconds: 3600 } });
    for (const v of ["2.15", "2.16", "Unstable"]) {
      const r = await ws.api(`/export/workflows/${made.body.id}`, { version: v });
      expect(r.status).toBe(200);
      expect(r.body).toEqual({
        export_version: "1.0",
        exported_at: "2025-06-15T16:06:40Z",
        app_id: parseInt(ws.workspaceId, 36),
        workflow: { id: made.body.id, ...body, created_at: "2025-06-15T15:06:40Z", updated_at: "2025-06-15T15:06:40Z" },
      });
    }
    // the defaults: a draft on no channel, no targeting or snapshot
    const bare = (await ws.api("/_opencom/workflows", { body: { title: "Bare", trigger_type: "outbound" } })).body;
    const r = await ws.api(`/export/workflows/${bare.id}`, { version: "2.16" });
    expect(r.body.workflow).toMatchObject({ title: "Bare", description: null, state: "draft", target_channels: [], preferred_devices: [], targeting: null, snapshot: null, attributes: [], embedded_rules: [] });
    const list = await ws.api("/_opencom/workflows");
    expect(list.body.data.map((w: any) => w.id)).toEqual([made.body.id, bare.id]);
  });

  it("refuses bad workflows naming the field; unknown ids and other workspaces' are 404", async () => {
    const ws = await srv.newWorkspace("workflows errors");
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ trigger_type: "x" }, "title"],
      [{ title: "T" }, "trigger_type"],
      [{ title: "  ", trigger_type: "x" }, "title"],
      [{ title: "T", trigger_type: "x", state: "archived" }, "state"],
      [{ title: "T", trigger_type: "x", target_channels: Array.from({ length: 21 }, (_, i) => `c${i}`) }, "target_channels"],
      [{ title: "T", trigger_type: "x", targeting: "everyone" }, "targeting"],
      [{ title: "T", trigger_type: "x", snapshot: { steps: Array.from({ length: 40 }, () => "x".repeat(10_000)) } }, "snapshot"],
      [{ title: "T", trigger_type: "x", attributes: [1] }, "attributes"],
      [{ title: "T", trigger_type: "x", workflow_id: "1" }, "workflow_id"],
    ];
    for (const [b, field] of bad) {
      const e = expectErrorList(await ws.api("/_opencom/workflows", { body: b }), 400);
      expect(e.field ?? e.message).toContain(field);
    }
    expect((await ws.api("/_opencom/workflows")).body.data).toEqual([]);

    const w = (await ws.api("/_opencom/workflows", { body }).then((r) => r.body));
    const other = await srv.newWorkspace("workflows other");
    expect(expectErrorList(await other.api(`/export/workflows/${w.id}`, { version: "2.16" }), 404, "not_found").message).toBe("Workflow not found");
    expectErrorList(await other.api(`/_opencom/workflows/${w.id}`, { method: "DELETE" }), 404, "not_found");
    expect((await other.api("/_opencom/workflows")).body.data).toEqual([]);
    for (const id of ["999999", "abc"]) expectErrorList(await ws.api(`/export/workflows/${id}`, { version: "2.16" }), 404, "not_found");

    expect((await ws.api(`/_opencom/workflows/${w.id}`, { method: "DELETE" })).body).toEqual({ type: "workflow", id: w.id, deleted: true });
    expectErrorList(await ws.api(`/_opencom/workflows/${w.id}`, { method: "DELETE" }), 404, "not_found");
    expectErrorList(await ws.api(`/export/workflows/${w.id}`, { version: "2.16" }), 404, "not_found");
  });

  it("snapshots carry workflows; reset empties them", async () => {
    const ws = await srv.newWorkspace("workflows reset");
    const w = (await ws.api("/_opencom/workflows", { body })).body;
    const snap = (await ws.api("/_opencom/snapshot")).body;
    expect((await ws.api("/_opencom/reset", { method: "POST", body: {} })).status).toBe(200);
    expect((await ws.api("/_opencom/workflows")).body.data).toEqual([]);
    expectErrorList(await ws.api(`/export/workflows/${w.id}`, { version: "2.16" }), 404, "not_found");
    expect((await ws.api("/_opencom/snapshot", { method: "PUT", body: snap })).status).toBe(200);
    expect((await ws.api(`/export/workflows/${w.id}`, { version: "2.16" })).body.workflow).toEqual({ ...w, type: undefined });
  });
});
