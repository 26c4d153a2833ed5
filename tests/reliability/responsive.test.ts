// Responsiveness under heavy queries: while 300 contains-searches run at once over many contacts, every
// one of them answers (none fails on a busy pool) and, on SQLite, GET /_opencom/health answers within 100 ms.
// The suite seeds RELIABILITY_CONTACTS contacts (20,000 by default, to stay fast on CI);
// `npm run bench:responsive` runs the same proof at the full 100,000.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { newContactRow } from "../../src/resources/contacts/service.js";
import { createWorkspace } from "../../src/bootstrap.js";
import { call } from "../helpers/server.js";
import { processStore, serveProcess, stopProcess, type ProcessStore, type Served } from "../helpers/processes.js";

const CONTACTS = Number(process.env.RELIABILITY_CONTACTS ?? 20_000);
const SEARCHES = 300;
const HEALTH_BOUND_MS = 100;
/** 300 concurrent searches (contains on name; contains on email or ends-with on name), as a script for `node -e`. */
const LOAD_GENERATOR = `
const n = Number(process.env.SEARCHES);
const hex = (x, w) => x.toString(16).padStart(w, "0").slice(-w);
const query = (i) => i % 2
  ? { field: "name", operator: "~", value: hex(i * 4099, 4) }
  : { operator: "OR", value: [{ field: "email", operator: "~", value: hex(i * 7919, 3) }, { field: "name", operator: "$", value: hex(i * 31, 3) }] };
const results = await Promise.all(Array.from({ length: n }, async (_, i) => {
  const res = await fetch(process.env.URL + "/contacts/search", {
    method: "POST",
    headers: { Authorization: "Bearer " + process.env.TOKEN, "Content-Type": "application/json" },
    body: JSON.stringify({ query: query(i) }),
  });
  const text = await res.text();
  let total = -1;
  try { total = JSON.parse(text).total_count; } catch {}
  return { status: res.status, total, text: res.status === 200 ? "" : text.slice(0, 200) };
}));
process.stdout.write(JSON.stringify(results));
`;

const opencom = [process.execPath, "--import", "tsx", "tests/helpers/cli-entry.ts"];
let store: ProcessStore;
let served: Served;
let token: string;

// the server runs as a process of its own (as in production): the load generator here does not share its event loop
beforeAll(async () => {
  store = await processStore("resp");
  const seeding = await store.open();
  const ws = await createWorkspace(seeding.db, { name: "responsive" });
  token = ws.token;
  const srv = { store: seeding, ws };
  const now = Math.floor(Date.now() / 1000) - CONTACTS;
  const batch = 200;
  for (let start = 0; start < CONTACTS; start += batch) {
    const rows = Array.from({ length: Math.min(batch, CONTACTS - start) }, (_, j) => {
      const word = randomBytes(5).toString("hex");
      return newContactRow(ws.workspaceId, { created_at: now + start + j, name: `Person ${word}`, email: `${word}@example.com`, role: j % 3 ? "user" : "lead" });
    });
    await srv.store.db.insertInto("contacts").values(rows).execute();
  }
  // what the store's periodic statistics refresh (SQLite) or autovacuum (PostgreSQL) does, now
  await sql.raw(srv.store.kind === "sqlite" ? "analyze" : "analyze contacts").execute(srv.store.db);
  await seeding.close();
  served = await serveProcess(opencom, store.args);
}, 600_000);
afterAll(async () => {
  if (served) await stopProcess(served);
  await store?.remove();
});

describe(`${SEARCHES} concurrent contains-searches over ${CONTACTS} contacts`, () => {
  it("all answer, and health answers within 100 ms meanwhile", async () => {
    // the 300 searches come from a process of their own, so that measuring health here shares no event loop with them
    const started = performance.now();
    const load = spawn(process.execPath, ["--input-type=module", "-e", LOAD_GENERATOR], {
      env: { ...process.env, URL: served.url, TOKEN: token, SEARCHES: String(SEARCHES) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    load.stdout!.on("data", (d) => (out += d));
    const finished = new Promise<void>((resolve) => load.on("exit", () => resolve()));
    let done = false;
    void finished.then(() => (done = true));
    await new Promise((r) => setTimeout(r, 100)); // the searches are under way
    const latencies: number[] = [];
    while (!done) {
      const t = performance.now();
      const res = await fetch(`${served.url}/_opencom/health`);
      await res.text();
      if (!done) latencies.push(performance.now() - t);
      expect(res.status).toBe(200);
      await new Promise((r) => setTimeout(r, 10));
    }
    const results = JSON.parse(out) as Array<{ status: number; total: number; text: string }>;
    const elapsed = performance.now() - started;
    const failed = results.filter((r) => r.status !== 200).map((r) => `${r.status} ${r.text.slice(0, 200)}`);
    expect(failed).toEqual([]);
    expect(results).toHaveLength(SEARCHES);
    expect(results.some((r) => r.total > 0)).toBe(true);
    latencies.sort((a, b) => a - b);
    const worst = latencies[latencies.length - 1];
    console.log("slowest health checks (ms):", latencies.slice(-5).map((l) => Math.round(l)).join(", "));
    console.log(`${SEARCHES} searches over ${CONTACTS} contacts in ${Math.round(elapsed)} ms; health: ${latencies.length} checks, median ${latencies[latencies.length >> 1]?.toFixed(1)} ms, worst ${worst?.toFixed(1)} ms`);
    expect(latencies.length).toBeGreaterThan(5);
    // On SQLite (whose queries run on the server's own thread) the 95th percentile must answer within the
    // bound; the worst single check is printed, not failed: on a machine shared with other jobs whole
    // processes stall for a moment regardless of opencom. On PostgreSQL the proof is that no search fails.
    const p95 = latencies[Math.floor(latencies.length * 0.95)];
    console.log(`health p95 ${p95?.toFixed(1)} ms (bound ${HEALTH_BOUND_MS} ms)`);
    if (store.args[0] === "--data") expect(p95).toBeLessThan(HEALTH_BOUND_MS);
  });
});
