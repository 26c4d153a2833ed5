// Several stateless opencom processes on one database (PostgreSQL for a fleet; SQLite in WAL mode for
// processes on one machine), started at the same moment: they migrate and bootstrap once, share tokens
// and data, and enforce uniqueness together.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../src/db/connection.js";
import { createWorkspace, ensureBootstrap } from "../../src/bootstrap.js";
import { isUniqueViolation } from "../../src/platform/db-errors.js";
import { call } from "../helpers/server.js";
import { processStore, serveProcess, stopProcess, type ProcessStore, type Served } from "../helpers/processes.js";

const SERVERS = 3;
const token = "oc_fleet_token";
/** the CLI from its sources, one process each */
const opencom = [process.execPath, "--import", "tsx", "tests/helpers/cli-entry.ts"];
let store: ProcessStore;
const served: Served[] = [];
const urls: string[] = [];
let reader: Store;

beforeAll(async () => {
  store = await processStore("mp");
  // every process migrates and bootstraps at the same moment, as a fleet started together would
  served.push(...(await Promise.all(Array.from({ length: SERVERS }, () => serveProcess(opencom, ["--token", token, ...store.args])))));
  urls.push(...served.map((s) => s.url));
  reader = await store.open();
}, 90_000);

afterAll(async () => {
  await Promise.all(served.map(stopProcess));
  await reader?.close();
  await store?.remove();
});

/** A call as a well-behaved client makes it: a 503 (the store busy under load) is retried after its
 * Retry-After, a few times; every other answer is final. */
async function patientCall(url: string, tok: string, path: string, init: Parameters<typeof call>[3] = {}) {
  for (let attempt = 0; ; attempt++) {
    const res = await call(url, tok, path, init);
    if (res.status !== 503 || attempt === 5) return res;
    expect(res.headers.get("retry-after")).toBeTruthy();
    await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
  }
}

describe("a fleet of opencom processes on one database", () => {
  it("bootstraps one workspace and accepts its token on every server", async () => {
    const ids = await Promise.all(urls.map(async (u) => (await call(u, token, "/me")).body.app.id_code));
    expect(new Set(ids).size).toBe(1);
    const ws = await reader.db.selectFrom("workspaces").select("id").execute();
    expect(ws).toHaveLength(1);
  });

  it("lets one workspace only be the bootstrap one: a second claim rolls back whole", async () => {
    const [before] = await reader.db.selectFrom("opencom_settings").select("value").where("key", "=", "bootstrap_workspace").execute();
    // what a process that lost the race at start does: its claim fails on the primary key…
    await expect(createWorkspace(reader.db, { bootstrap: true })).rejects.toSatisfy(isUniqueViolation);
    // …leaves nothing behind, and it then joins the winner
    expect(await reader.db.selectFrom("workspaces").select("id").execute()).toEqual([{ id: before.value }]);
    expect((await ensureBootstrap(reader.db, token)).workspaceId).toBe(before.value);
  });

  it("keeps a user's email unique across servers under concurrent creates", async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => patientCall(urls[i % SERVERS], token, "/contacts", { body: { role: "user", email: "Same.Person@fleet.test" } })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200), String(statuses)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409), String(statuses)).toHaveLength(11);
    const winner = results.find((r) => r.status === 200)!.body.id;
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.errors[0].message).toContain(winner);
    for (const u of urls) expect((await call(u, token, "/contacts")).body.total_count).toBe(1);
  });

  it("creates a company once when servers race on the same company_id", async () => {
    const results = await Promise.all(
      Array.from({ length: 9 }, (_, i) => patientCall(urls[i % SERVERS], token, "/companies", { body: { company_id: "fleet-co", name: `Fleet ${i}` } })),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
  });

  it("sees a write of one server from every other at once (no process-local state)", async () => {
    const created = await call(urls[0], token, "/tags", { body: { name: "fleet-tag" } });
    expect(created.status).toBe(200);
    for (const u of urls.slice(1)) expect((await call(u, token, `/tags/${created.body.id}`)).body.name).toBe("fleet-tag");
    await call(urls[1], token, `/admins/${(await call(urls[1], token, "/me")).body.id}/away`, { method: "PUT", body: { away_mode_enabled: true, away_mode_reassign: false } });
    const me = (await call(urls[2], token, "/me")).body;
    expect((await call(urls[2], token, `/admins/${me.id}`)).body.away_mode_enabled).toBe(true);
  });
});
