// A job interrupted by kill -9 completes after a restart, each row written exactly once (both stores).
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
