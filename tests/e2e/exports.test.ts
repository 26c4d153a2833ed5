// Content data export: a real background job (pending → in_progress → completed), its gzip CSV, cancel.
import { gunzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";
import { CONTENT_COLUMNS } from "../../src/resources/exports/content.js";

// steps are slowed down so that a test sees the job move (and can cancel it mid-way)
process.env.OPENCOM_JOB_STEP_DELAY_MS = "150";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

let seq = 0;
async function contact(ws: TestWorkspace) {
  const n = seq++;
  const res = await ws.api("/contacts", { body: { role: "user", external_id: `ex-${n}`, email: `ex${n}@exports.example`, name: `Ex ${n}` } });
  expect(res.status).toBe(200);
  return res.body;
}
async function sendMessage(ws: TestWorkspace, to: string, subject: string) {
  const res = await ws.api("/messages", { body: { message_type: "email", subject, body: "Hello", template: "plain", from: { type: "admin", id: String(ws.adminId) }, to: { type: "user", id: to } } });
  expect(res.status).toBe(200);
  return res.body;
}
async function waitFor(ws: TestWorkspace, id: string, statuses: string[], timeoutMs = 15_000) {
  const seen: string[] = [];
  const start = Date.now();
  for (;;) {
    const res = await ws.api(`/export/content/data/${id}`);
    expect(res.status).toBe(200);
    if (seen[seen.length - 1] !== res.body.status) seen.push(res.body.status);
    if (statuses.includes(res.body.status)) return { body: res.body, seen };
    if (Date.now() - start > timeoutMs) throw new Error(`job ${id} stuck in ${res.body.status}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
async function download(ws: TestWorkspace, id: string) {
  const res = await fetch(`${srv.url}/download/content/data/${id}`, { headers: { Authorization: `Bearer ${ws.token}`, Accept: "application/octet-stream" } });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/octet-stream");
  const csv = gunzipSync(Buffer.from(await res.arrayBuffer())).toString("utf8");
  return parse(csv, { columns: true }) as Array<Record<string, string>>;
}

describe("content data export", () => {
  it("exports the messages of the range as a gzip CSV with the documented columns", async () => {
    const ws = await srv.newWorkspace("export one");
    const clock = (now: number) => ws.api("/_opencom/clock", { method: "PUT", body: { now } });
    const a = await contact(ws);
    const b = await contact(ws);
    await clock(1600000000);
    await sendMessage(ws, a.id, "too early");
    await clock(1700000000);
    await sendMessage(ws, a.id, "Welcome");
    await sendMessage(ws, b.id, "Offer, \"quoted\"\nand multi-line");
    // a contact writes in, an admin replies: the reply is a message too
    const conv = await ws.api("/conversations", { body: { from: { type: "user", id: b.id }, body: "help" } });
    expect(conv.status).toBe(200);
    const convId = conv.body.conversation_id ?? conv.body.id;
    expect((await ws.api(`/conversations/${convId}/reply`, { body: { message_type: "comment", type: "admin", admin_id: String(ws.adminId), body: "On it" } })).status).toBe(200);
    await clock(1800000000);
    await sendMessage(ws, b.id, "too late");

    const created = await ws.client.dataExport.create({ created_at_after: 1650000000, created_at_before: 1750000000 });
    expect(created).toMatchObject({ status: "pending", download_url: "", download_expires_at: "" });
    expect(created.job_identifier).toMatch(/^[a-z0-9]{16}$/);
    const done = await waitFor(ws, created.job_identifier!, ["completed"]);
    expect(done.seen).toContain("in_progress");
    expect(done.body.download_url).toBe(`${srv.url}/download/content/data/${created.job_identifier}`);
    expect(Number(done.body.download_expires_at)).toBe(1800000000 + 2 * 24 * 3600);

    const rows = await download(ws, created.job_identifier!);
    expect(Object.keys(rows[0])).toEqual([...CONTENT_COLUMNS]);
    expect(rows).toHaveLength(3);
    expect(rows.filter((r) => r.content_type === "email").map((r) => r.content_title).sort()).toEqual(["Offer, \"quoted\"\nand multi-line", "Welcome"]);
    const welcome = rows.find((r) => r.content_title === "Welcome")!;
    expect(welcome).toMatchObject({ user_id: a.id, user_external_id: a.external_id, email: a.email, name: a.name, content_type: "email", received_at: "2023-11-14T22:13:20.000Z" });
    expect(rows.filter((r) => r.content_type === "reply")).toHaveLength(1);
    expect(rows.some((r) => r.content_title === "too early" || r.content_title === "too late")).toBe(false);
    // the job is visible in /jobs/status (2.14+) and opencom's progress
    const status = await ws.api(`/jobs/status/${created.job_identifier}`);
    expect(status.body).toMatchObject({ type: "job", id: created.job_identifier, status: "success", resource_type: "data_export" });
    expect((await ws.api(`/_opencom/jobs/${created.job_identifier}`)).body).toMatchObject({ status: "completed", processed: 3, total: 3 });
    // two days later (workspace clock) the download has expired
    await clock(1800000000 + 3 * 24 * 3600);
    expectErrorList(await ws.api(`/download/content/data/${created.job_identifier}`), 404, "not_found");
  });

  it("has one active job per workspace (429); a cancelled job never completes", async () => {
    const ws = await srv.newWorkspace("export two");
    const c = await contact(ws);
    await sendMessage(ws, c.id, "hi");
    const now = Math.floor(Date.now() / 1000);
    const first = await ws.api("/export/content/data", { body: { created_at_after: now - 3600, created_at_before: now + 3600 } });
    expect(first.status).toBe(200);
    expectErrorList(await ws.api("/export/content/data", { body: { created_at_after: now - 3600, created_at_before: now + 3600 } }), 429, "rate_limit_exceeded");
    const cancelled = await ws.client.dataExport.cancel({ job_identifier: first.body.job_identifier });
    expect(cancelled).toMatchObject({ job_identifier: first.body.job_identifier, status: "canceled", download_url: "" });
    await new Promise((r) => setTimeout(r, 800));
    expect((await ws.api(`/export/content/data/${first.body.job_identifier}`)).body.status).toBe("canceled");
    expectErrorList(await ws.api(`/download/content/data/${first.body.job_identifier}`), 404, "not_found");
    expect((await ws.api(`/jobs/status/${first.body.job_identifier}`)).body.status).toBe("failed");
    // cancelling again answers it as it is; a new job may start
    expect((await ws.api(`/export/cancel/${first.body.job_identifier}`, { method: "POST" })).body.status).toBe("canceled");
    const second = await ws.api("/export/content/data", { body: { created_at_after: now - 3600, created_at_before: now + 3600 } });
    expect(second.status).toBe(200);
    expect((await waitFor(ws, second.body.job_identifier, ["completed"])).body.status).toBe("completed");
    expect(await download(ws, second.body.job_identifier)).toHaveLength(1);
  });

  it("an empty range ends as no_data with a header-only file", async () => {
    const ws = await srv.newWorkspace("export empty");
    const job = await ws.api("/export/content/data", { body: { created_at_after: 1, created_at_before: 2 } });
    const done = await waitFor(ws, job.body.job_identifier, ["no_data", "completed"]);
    expect(done.body.status).toBe("no_data");
    expect(await download(ws, job.body.job_identifier)).toEqual([]);
  });

  it("answers the documented errors, in every version, isolated per workspace", async () => {
    const ws = await srv.newWorkspace("export errors");
    expectErrorList(await ws.api("/export/content/data", { body: { created_at_after: 10 } }), 400, "parameter_not_found");
    expectErrorList(await ws.api("/export/content/data", { body: { created_at_after: 10, created_at_before: 5 } }), 400, "parameter_invalid");
    expectErrorList(await ws.api("/export/content/data", { body: { created_at_after: "soon", created_at_before: 5 } }), 400, "parameter_invalid");
    expectErrorList(await ws.api("/export/content/data/nope"), 404, "not_found");
    expectErrorList(await ws.api("/export/cancel/nope", { method: "POST" }), 404, "not_found");
    expectErrorList(await ws.api("/download/content/data/nope"), 404, "not_found");
    expectErrorList(await ws.api("/jobs/status/nope"), 404, "job_not_found");
    for (const v of ["2.7", "2.11", "2.14", "2.16", "Unstable"]) {
      const job = await ws.api("/export/content/data", { version: v, body: { created_at_after: 1, created_at_before: 2 } });
      expect(job.status).toBe(200);
      expect(Object.keys(job.body).sort()).toEqual(["download_expires_at", "download_url", "job_identifier", "status"]);
      expect((await ws.api(`/export/content/data/${job.body.job_identifier}`, { version: v })).status).toBe(200);
      const other = await srv.newWorkspace(`other ${v}`);
      expectErrorList(await other.api(`/export/content/data/${job.body.job_identifier}`, { version: v }), 404, "not_found");
      expectErrorList(await other.api(`/export/cancel/${job.body.job_identifier}`, { method: "POST", version: v }), 404, "not_found");
      expectErrorList(await other.api(`/jobs/status/${job.body.job_identifier}`), 404, "job_not_found");
      await waitFor(ws, job.body.job_identifier, ["no_data", "completed"]);
    }
  });

  it("emits job.completed", async () => {
    const ws = await srv.newWorkspace("export hooks");
    await ws.api("/_opencom/webhooks", { body: { url: "http://127.0.0.1:9/hook", topics: ["job.completed"], version: "2.14" } });
    const job = await ws.api("/export/content/data", { body: { created_at_after: 1, created_at_before: 2 } });
    await waitFor(ws, job.body.job_identifier, ["no_data"]);
    const d = (await ws.api("/_opencom/webhooks/deliveries?topic=job.completed")).body.data;
    expect(d).toHaveLength(1);
  });

  it("a snapshot carries a finished export (its file downloads after the round trip); reset removes it", async () => {
    const ws = await srv.newWorkspace("export snapshot");
    const c = await contact(ws);
    await sendMessage(ws, c.id, "kept");
    const now = Math.floor(Date.now() / 1000);
    const job = await ws.api("/export/content/data", { body: { created_at_after: now - 3600, created_at_before: now + 3600 } });
    await waitFor(ws, job.body.job_identifier, ["completed"]);
    const snap = await ws.api("/_opencom/snapshot");
    expect(snap.status).toBe(200);
    expect((await ws.api("/_opencom/snapshot", { method: "PUT", body: snap.body })).status).toBe(200);
    expect((await download(ws, job.body.job_identifier)).map((r) => r.content_title)).toEqual(["kept"]);
    expect((await ws.api("/_opencom/reset", { method: "POST", body: {} })).status).toBe(200);
    expectErrorList(await ws.api(`/export/content/data/${job.body.job_identifier}`), 404, "not_found");
  });
});
