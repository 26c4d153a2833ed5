// Data through the official SDK (intercom-client 7.x, Intercom-Version 2.14): content and reporting data exports
// with their downloads, the job status, custom object instances — success paths, the SDK's error classes with
// the documented status and error.list body, and workspace isolation.
import { gunzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Intercom, IntercomClient, IntercomError } from "intercom-client";
import { sdkErrorOf as sdkError } from "../helpers/sdk.js";
import { startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());


/** Polls `read` until the status is one of `want`. */
async function until<T extends { status?: string }>(read: () => Promise<T>, want: string[]): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const v = await read();
    if (want.includes(v.status!)) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`still not ${want.join("|")}`);
}

/** The SDK's download methods answer void (the file is the raw response); a download is read again the same way. */
async function downloadRows(ws: TestWorkspace, path: string) {
  const res = await fetch(`${srv.url}${path}`, { headers: { Authorization: `Bearer ${ws.token}`, Accept: "application/octet-stream" } });
  expect(res.status).toBe(200);
  return parse(gunzipSync(Buffer.from(await res.arrayBuffer())).toString("utf8"), { columns: true }) as Array<Record<string, string>>;
}

describe("content data export through the SDK", () => {
  it("creates, finds (until completed), downloads; unknown and foreign jobs are errors", async () => {
    const ws = await srv.newWorkspace("sdk content export");
    const other = await srv.newWorkspace("sdk content export other");
    const u = await ws.client.contacts.create({ role: "user", email: "exp@sdk-data.example", external_id: "exp" });
    await ws.client.messages.create({ message_type: "email", subject: "Welcome aboard", body: "Hello", template: "plain", from: { type: "admin", id: Number(ws.adminId) }, to: { type: "user", id: u.id! } });

    const created = await ws.client.dataExport.create({ created_at_after: 1_000_000_000, created_at_before: 2_000_000_000 });
    expect(created).toMatchObject({ status: "pending", download_url: "" });
    const found = await ws.client.dataExport.find({ job_identifier: created.job_identifier! });
    expect(found.job_identifier).toBe(created.job_identifier);
    const done = await until(() => ws.client.dataExport.find({ job_identifier: created.job_identifier! }), ["completed", "no_data"]);
    expect(done).toMatchObject({ status: "completed", download_url: `${srv.url}/download/content/data/${created.job_identifier}` });
    expect((await ws.client.jobs.status({ job_id: created.job_identifier! })).status).toBe("success");

    const { data, rawResponse } = await ws.client.dataExport.download({ job_identifier: created.job_identifier! }).withRawResponse();
    expect(data).toBeUndefined();
    expect(rawResponse.status).toBe(200);
    expect(rawResponse.headers.get("content-type")).toBe("application/octet-stream");
    expect((await downloadRows(ws, `/download/content/data/${created.job_identifier}`)).map((r) => r.content_title)).toEqual(["Welcome aboard"]);

    await sdkError(ws.client.dataExport.find({ job_identifier: "nope" }), IntercomError, 404, "not_found");
    await sdkError(other.client.dataExport.find({ job_identifier: created.job_identifier! }), IntercomError, 404, "not_found");
    await sdkError(other.client.dataExport.download({ job_identifier: created.job_identifier! }), IntercomError, 404, "not_found");
    await sdkError(ws.client.dataExport.download({ job_identifier: "nope" }), IntercomError, 404, "not_found");
    await sdkError(other.client.dataExport.cancel({ job_identifier: created.job_identifier! }), IntercomError, 404, "not_found");
    await sdkError(new IntercomClient({ token: "nope", baseUrl: srv.url }).dataExport.find({ job_identifier: created.job_identifier! }), IntercomError, 401, "unauthorized");
  });
});

describe("reporting data export through the SDK", () => {
  it("lists datasets, enqueues a job, follows it, downloads it; documented errors; isolated", async () => {
    const ws = await srv.newWorkspace("sdk reporting");
    const other = await srv.newWorkspace("sdk reporting other");
    const sets = await ws.client.export.listAvailableDatasetsAndAttributes();
    expect(sets.type).toBe("list");
    const conv = sets.data!.find((d) => d.id === "conversation")!;
    expect(conv).toMatchObject({ name: "Conversation", default_time_attribute_id: "conversation_started_at" });
    expect(conv.attributes).toContainEqual({ id: "conversation_id", name: "Conversation ID" });

    const u = await ws.client.contacts.create({ role: "user", email: "rep@sdk-data.example" });
    await ws.api("/_opencom/clock", { method: "PUT", body: { now: 1_700_000_000 } });
    const made = await ws.client.conversations.create({ from: { type: "user", id: u.id! }, body: "A question" });

    const job = await ws.client.export.enqueueANewReportingDataExportJob({
      dataset_id: "conversation",
      attribute_ids: ["conversation_id", "conversation_state"],
      start_time: 1_690_000_000,
      end_time: 1_710_000_000,
    });
    expect(job).toMatchObject({ status: "pending", download_url: "" });
    const id = job.job_identifier!;
    const done = await until(() => ws.client.dataExport.exportReportingData({ job_identifier: id, app_id: ws.workspaceId, client_id: "sdk" }), ["complete"]);
    expect(done).toMatchObject({ job_identifier: id, status: "complete", download_url: `${srv.url}/download/reporting_data/${id}` });
    const status = await ws.client.jobs.status({ job_id: id });
    expect(status).toMatchObject({ type: "job", id, status: "success", resource_type: "reporting_data_export" });

    const { data, rawResponse } = await ws.client.dataExport.downloadReportingDataExport({ job_identifier: id, app_id: ws.workspaceId }).withRawResponse();
    expect(data).toBeUndefined();
    expect(rawResponse.status).toBe(200);
    expect(rawResponse.headers.get("content-type")).toBe("application/octet-stream");
    expect(await downloadRows(ws, `/download/reporting_data/${id}?app_id=${ws.workspaceId}`)).toEqual([{ conversation_id: String(made.conversation_id), conversation_state: "open" }]);

    const enqueue = (over: Partial<Intercom.PostExportReportingDataEnqueueRequest>) =>
      ws.client.export.enqueueANewReportingDataExportJob({ dataset_id: "conversation", attribute_ids: ["conversation_id"], start_time: 1, end_time: 2, ...over });
    await sdkError(enqueue({ dataset_id: "imaginary" }), IntercomError, 400, "bad_request");
    expect((await sdkError(enqueue({ attribute_ids: ["non_existent"] }), IntercomError, 400, "bad_request")).message).toBe("attribute_ids invalid for conversation dataset: non_existent");
    await sdkError(other.client.dataExport.exportReportingData({ job_identifier: id, app_id: other.workspaceId, client_id: "x" }), IntercomError, 404, "not_found");
    await sdkError(other.client.dataExport.downloadReportingDataExport({ job_identifier: id, app_id: other.workspaceId }), IntercomError, 404, "not_found");
    await sdkError(other.client.jobs.status({ job_id: id }), Intercom.NotFoundError, 404, "job_not_found");
    await sdkError(ws.client.jobs.status({ job_id: "999999" }), Intercom.NotFoundError, 404, "job_not_found");
    await sdkError(new IntercomClient({ token: "nope", baseUrl: srv.url }).export.listAvailableDatasetsAndAttributes(), IntercomError, 401, "unauthorized");
  });
});

describe("custom object instances through the SDK", () => {
  it("deletes an instance by external_id (the SDK's deleteCustomObjectInstancesById); missing and foreign ones are NotFoundError", async () => {
    const ws = await srv.newWorkspace("sdk custom objects");
    const other = await srv.newWorkspace("sdk custom objects other");
    for (const w of [ws, other]) expect((await w.api("/_opencom/custom_object_types", { method: "POST", body: { identifier: "Order", name: "Order", attributes: [{ name: "order_number", data_type: "string" }] } })).status).toBe(201);
    const made = await ws.client.customObjectInstances.createCustomObjectInstances({ custom_object_type_identifier: "Order", external_id: "o-1", custom_attributes: { order_number: "N1" } });
    expect(made).toMatchObject({ type: "Order", external_id: "o-1", custom_attributes: { order_number: "N1" } });

    // another workspace's Order o-1 is not this one
    await sdkError(other.client.customObjectInstances.deleteCustomObjectInstancesById({ custom_object_type_identifier: "Order", external_id: "o-1" }), Intercom.NotFoundError, 404, "not_found");
    await sdkError(other.client.customObjectInstances.getCustomObjectInstancesById({ custom_object_type_identifier: "Order", custom_object_instance_id: made!.id! }), Intercom.NotFoundError, 404, "not_found");

    const deleted = await ws.client.customObjectInstances.deleteCustomObjectInstancesById({ custom_object_type_identifier: "Order", external_id: "o-1" });
    expect(deleted).toEqual({ object: "Order", id: made!.id, deleted: true });
    await sdkError(ws.client.customObjectInstances.getCustomObjectInstancesByExternalId({ custom_object_type_identifier: "Order", external_id: "o-1" }), Intercom.NotFoundError, 404, "not_found");
    await sdkError(ws.client.customObjectInstances.deleteCustomObjectInstancesById({ custom_object_type_identifier: "Order", external_id: "o-1" }), Intercom.NotFoundError, 404, "not_found");
    await sdkError(ws.client.customObjectInstances.deleteCustomObjectInstancesById({ custom_object_type_identifier: "Nope", external_id: "o-1" }), Intercom.NotFoundError, 404);
  });
});
