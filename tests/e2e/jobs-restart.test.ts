// A job interrupted by kill -9 completes after a restart, each row written exactly once (both stores):
// an export, a bulk contacts job (each contact created once), and a POST /tickets/enqueue job that was
// still waiting when the process died (its ticket is made after the restart).
import { gunzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "../helpers/server.js";
import { processStore, serveProcess, stopProcess, type ProcessStore, type Served } from "../helpers/processes.js";

const opencom = [process.execPath, "--import", "tsx", "tests/helpers/cli-entry.ts"];
const token = "oc_jobs_restart_token";
let store: ProcessStore;
let served: Served | undefined;

beforeAll(async () => {
  // small, slow steps and a short lease: the kill lands mid-job and the restart takes it over quickly
  process.env.OPENCOM_JOB_STEP_DELAY_MS = "250";
  process.env.OPENCOM_JOB_LEASE_MS = "1000";
  process.env.OPENCOM_EXPORT_BATCH = "3";
  process.env.OPENCOM_BULK_BATCH = "3";
  store = await processStore("jobs");
}, 90_000);

afterAll(async () => {
  if (served && served.child.exitCode === null) served.child.kill("SIGKILL");
  await store?.remove();
});

describe("kill -9 during an export", () => {
  it("resumes after restart and writes every message once", async () => {
    served = await serveProcess(opencom, ["--token", token, ...store.args]);
    const api = (p: string, init?: Parameters<typeof call>[3]) => call(served!.url, token, p, init);
    const me = (await api("/me")).body;
    const contact = (await api("/contacts", { body: { role: "user", email: "restart@jobs.example" } })).body;
    for (let i = 0; i < 20; i++) {
      const res = await api("/messages", { body: { message_type: "email", subject: `m${i}`, body: "Hi", template: "plain", from: { type: "admin", id: String(me.id) }, to: { type: "user", id: contact.id } } });
      expect(res.status).toBe(200);
    }
    const now = Math.floor(Date.now() / 1000);
    const job = (await api("/export/content/data", { body: { created_at_after: now - 3600, created_at_before: now + 3600 } })).body;
    // wait until it has made progress, then kill the process
    for (;;) {
      const p = (await api(`/_opencom/jobs/${job.job_identifier}`)).body;
      if (p.processed >= 3) {
        expect(p.status).toBe("in_progress");
        expect(p.total).toBe(20);
        break;
      }
      await new Promise((r) => setTimeout(r, 30));
    }
    served.child.kill("SIGKILL");
    await served.exited;

    served = await serveProcess(opencom, ["--token", token, ...store.args]);
    let status = "";
    const seen: number[] = [];
    for (let i = 0; i < 300 && status !== "completed"; i++) {
      const p = (await api(`/_opencom/jobs/${job.job_identifier}`)).body;
      status = p.status;
      seen.push(p.processed);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe("completed");
    expect(new Set(seen).size).toBeGreaterThan(1); // progress moved after the restart
    const res = await fetch(`${served.url}/download/content/data/${job.job_identifier}`, { headers: { Authorization: `Bearer ${token}`, Accept: "application/octet-stream" } });
    const rows = parse(gunzipSync(Buffer.from(await res.arrayBuffer())).toString("utf8"), { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(20);
    expect(new Set(rows.map((r) => r.receipt_id)).size).toBe(20);
    expect(rows.map((r) => r.content_title).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `m${i}`).sort());
    expect(await stopProcess(served)).toBe(0);
  }, 90_000);
});

describe("kill -9 during a bulk contacts job, with a ticket job waiting behind it", () => {
  it("both complete after restart: every contact created once, the ticket made", async () => {
    served = await serveProcess(opencom, ["--token", token, ...store.args]);
    const api = (p: string, init?: Parameters<typeof call>[3]) => call(served!.url, token, p, init);
    const U = "Unstable";
    const type = (await api("/ticket_types", { body: { name: "Restart" } })).body;
    const owner = (await api("/contacts", { body: { role: "user", email: "owner@restart.example" } })).body;
    const emails = Array.from({ length: 30 }, (_, i) => `bulk${i}@restart.example`);
    const bulk = await api("/contacts/bulk", { version: U, body: { contacts: emails.map((email, i) => ({ role: "user", email, name: `Bulk ${i}` })) } });
    expect(bulk.status).toBe(202);
    // the worker takes one job at a time: the ticket job waits behind the bulk job
    const ticketJob = (await api("/tickets/enqueue", { version: "2.14", body: { ticket_type_id: type.id, contacts: [{ id: owner.id }], ticket_attributes: { _default_title_: "after restart" } } })).body;
    expect(ticketJob).toMatchObject({ type: "job", status: "pending", resource_type: "ticket", resource_id: null });
    expect(ticketJob.id).toMatch(/^\d+$/);
    for (;;) {
      const p = (await api(`/_opencom/jobs/${bulk.body.id}`)).body;
      if (p.processed >= 6) {
        expect(p.status).toBe("in_progress");
        expect(p.processed).toBeLessThan(30);
        break;
      }
      await new Promise((r) => setTimeout(r, 30));
    }
    expect((await api(`/jobs/status/${ticketJob.id}`)).body.status).toBe("pending");
    served.child.kill("SIGKILL");
    await served.exited;

    served = await serveProcess(opencom, ["--token", token, ...store.args]);
    let state = "";
    let ticketStatus: any = {};
    for (let i = 0; i < 400 && (state !== "completed" || ticketStatus.status !== "success"); i++) {
      state = (await api(`/contacts/bulk/${bulk.body.id}`, { version: U })).body.state;
      ticketStatus = (await api(`/jobs/status/${ticketJob.id}`)).body;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(state).toBe("completed");
    // every item applied once: 30 results, 30 distinct contacts, each email once
    const tasks = (await api(`/_opencom/jobs/${bulk.body.id}`)).body.tasks;
    const results = tasks.flatMap((t: any) => t.results);
    expect(results.map((r: any) => r.index)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(results.every((r: any) => r.status === "success")).toBe(true);
    expect(new Set(results.map((r: any) => r.id)).size).toBe(30);
    for (const email of emails) {
      const found = await api("/contacts/search", { version: U, body: { query: { field: "email", operator: "=", value: email } } });
      expect(found.body.total_count, email).toBe(1);
    }
    // the ticket job completed after the restart, naming its ticket
    expect(ticketStatus).toMatchObject({ type: "job", id: ticketJob.id, status: "success", resource_type: "ticket", resource_id: expect.stringMatching(/^\d+$/) });
    expect(ticketStatus.resource_url).toMatch(new RegExp(`/tickets/${ticketStatus.resource_id}$`));
    const ticket = (await api(`/tickets/${ticketStatus.resource_id}`)).body;
    expect(ticket).toMatchObject({ type: "ticket", ticket_attributes: { _default_title_: "after restart" } });
    expect(await stopProcess(served)).toBe(0);
  }, 90_000);
});
