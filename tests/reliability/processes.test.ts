// opencom as a real process: (1) 8 clients reading the largest pages the limits allow keep its RSS under
// 500 MB; (2) killed with SIGKILL under write load, it restarts with every acknowledged write present.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "../helpers/server.js";
import { processStore, serveProcess, stopProcess, type ProcessStore, type Served } from "../helpers/processes.js";

const opencom = [process.execPath, "--import", "tsx", "tests/helpers/cli-entry.ts"];
const token = "oc_reliability_token";
let store: ProcessStore;
let served: Served | undefined;

beforeAll(async () => {
  store = await processStore("rel");
});
afterAll(async () => {
  if (served) await stopProcess(served);
  await store?.remove();
});

const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024;

describe("opencom as a process", () => {
  it("8 clients reading the largest pages the limits allow stay under 500 MB RSS", async () => {
    served = await serveProcess(opencom, ["--token", token, ...store.args]);
    const api = (p: string, method = "GET", body?: unknown) => call(served!.url, token, p, { method, body });
    const attrs = 60;
    for (let i = 0; i < attrs; i++) expect((await api("/data_attributes", "POST", { name: `f${i}`, model: "contact", data_type: "string" })).status).toBe(200);
    const text = (n: number) => `${n}`.padEnd(255, "t");
    // contacts as large as the limits allow: every text at 255, custom attributes up to the object limit
    const custom = Object.fromEntries(Array.from({ length: attrs }, (_, i) => [`f${i}`, "c".repeat(250)]));
    const fields = ["name", "avatar", "language_override", "browser", "browser_version", "browser_language", "os", "android_app_name", "ios_app_name", "ios_device"];
    for (let batch = 0; batch < 15; batch++) {
      const rs = await Promise.all(
        Array.from({ length: 10 }, (_, j) => {
          const n = batch * 10 + j;
          return api("/contacts", "POST", {
            email: `${n}@${"d".repeat(240)}.com`,
            phone: text(n),
            ...Object.fromEntries(fields.map((f) => [f, text(n)])),
            location: { country: text(n), region: text(n), city: text(n) },
            custom_attributes: custom,
          });
        }),
      );
      for (const r of rs) expect(r.status, r.text.slice(0, 300)).toBe(200);
    }
    const pid = served.child.pid!;
    let peak = rssOf(pid);
    const sampler = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 20);
    let largest = 0;
    try {
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          for (let k = 0; k < 5; k++) {
            const list = await api("/contacts?per_page=150");
            const search = await api("/contacts/search", "POST", { query: { field: "name", operator: "~", value: "ttt" }, pagination: { per_page: 150 } });
            expect(list.body.data).toHaveLength(150);
            expect(search.body.data).toHaveLength(150);
            largest = Math.max(largest, list.text.length, search.text.length);
          }
        }),
      );
    } finally {
      clearInterval(sampler);
    }
    console.log(`peak RSS ${Math.round(peak / 1048576)} MB, largest page ${Math.round(largest / 1024)} KB`);
    expect(largest).toBeGreaterThan(2 * 1024 * 1024); // the pages really are the largest ones
    expect(peak).toBeLessThan(500 * 1024 * 1024);
  });

  it("kill -9 under write load: every acknowledged write is there after a restart", async () => {
    if (!served) served = await serveProcess(opencom, ["--token", token, ...store.args]);
    const url = served.url;
    const acknowledged: string[] = [];
    let stop = false;
    let n = 0;
    const writer = async () => {
      while (!stop) {
        const i = n++;
        try {
          const res = await call(url, token, "/contacts", { method: "POST", body: { email: `crash${i}@example.com`, name: `Crash ${i}` } });
          if (res.status === 200) acknowledged.push(res.body.id);
        } catch {
          return; // the connection died with the process: not acknowledged
        }
      }
    };
    const writers = Array.from({ length: 10 }, writer);
    await new Promise((r) => setTimeout(r, 1500));
    served.child.kill("SIGKILL");
    stop = true;
    await Promise.all(writers);
    await served.exited;
    expect(acknowledged.length).toBeGreaterThan(20);
    served = await serveProcess(opencom, ["--token", token, ...store.args]);
    const missing: string[] = [];
    for (const id of acknowledged) {
      const res = await call(served.url, token, `/contacts/${id}`);
      if (res.status !== 200) missing.push(`${id}: ${res.status}`);
    }
    expect(missing).toEqual([]);
  });
});
