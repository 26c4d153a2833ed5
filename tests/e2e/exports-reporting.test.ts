// Reporting data export (2.14+) and workflow export (2.15+).
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
  it("opencom keeps no workflows: every id is Intercom's 404", async () => {
    for (const v of ["2.15", "2.16", "Unstable"]) expectErrorList(await srv.ws.api("/export/workflows/67890", { version: v }), 404, "not_found");
  });
});
