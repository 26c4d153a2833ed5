// The performance rules that can be checked without a benchmark: start-up time, the token cache's bound,
// and statements reused across requests.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { performance } from "node:perf_hooks";
import { buildApp } from "../../src/app.js";
import { openStore, STATISTICS_CHECK_MS } from "../../src/db/connection.js";
import { hashToken, invalidateWorkspace, newToken, storeToken, TOKEN_CACHE_MS } from "../../src/platform/auth.js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { createWorkspace } from "../../src/bootstrap.js";
import { dropPgSchema } from "../../src/db/connection.js";
import { startTestServer, TEST_DATABASE_URL, usingPostgres, type TestServer } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => {
  await srv?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("start-up", () => {
  it("builds the app and listens quickly on a fresh store (validators compile on first use)", async () => {
    const store = await openStore({ dataDir: ":memory:" });
    try {
      const started = performance.now();
      const app = await buildApp({ store });
      await app.listen({ host: "127.0.0.1", port: 0 });
      const ms = performance.now() - started;
      await app.close();
      // the target is < 1 s on an idle 2-core machine; the bound leaves room for a loaded CI runner
      expect(ms).toBeLessThan(4000);
    } finally {
      await store.close();
    }
  });
});

describe("token → workspace cache", () => {
  it("never caches an unknown token: a token stored after a 401 works at once", async () => {
    const token = newToken();
    expect((await srv.ws.api("/me", { token })).status).toBe(401);
    await storeToken(srv.store.db, srv.ws.workspaceId, srv.ws.adminId, token);
    expect((await srv.ws.api("/me", { token })).status).toBe(200);
  });

  it("sees a revoked token within TOKEN_CACHE_MS", async () => {
    const token = newToken();
    await storeToken(srv.store.db, srv.ws.workspaceId, srv.ws.adminId, token);
    expect((await srv.ws.api("/me", { token })).status).toBe(200);
    // revoked by another process sharing the database: this one may serve it from memory for a while
    await srv.store.db.deleteFrom("access_tokens").where("token_hash", "=", hashToken(token)).execute();
    await sleep(TOKEN_CACHE_MS + 100);
    expect((await srv.ws.api("/me", { token })).status).toBe(401);
    expect((await srv.ws.api("/me")).status).toBe(200); // the workspace's other tokens still work
  });

  it("sees a changed workspace row at once after invalidateWorkspace", async () => {
    const other = await srv.newWorkspace("Cached");
    const before = await other.api("/contacts", { method: "POST", body: { email: "cache@example.com", owner_id: Number(other.adminId) } });
    expect(before.status).toBe(200);
    expect(typeof before.body.owner_id).toBe("number"); // default version 2.14: a number
    await srv.store.db.updateTable("workspaces").set({ default_version: "2.16" }).where("id", "=", other.workspaceId).execute();
    invalidateWorkspace(other.workspaceId);
    const after = await other.api(`/contacts/${before.body.id}`);
    expect(after.body.owner_id).toBe(String(other.adminId)); // 2.16: a string
  });
});

describe("workspace row cache", () => {
  it("sees a change to the workspace row written through the store at once, in and out of a transaction", async () => {
    const other = await srv.newWorkspace("Watched");
    const created = await other.api("/contacts", { method: "POST", body: { email: "watch@example.com", owner_id: Number(other.adminId) } });
    expect(typeof created.body.owner_id).toBe("number"); // default version 2.14: a number
    // the row is cached by now (the token was used); a write through the store moves its generation
    await srv.store.db.updateTable("workspaces").set({ default_version: "2.16" }).where("id", "=", other.workspaceId).execute();
    expect((await other.api(`/contacts/${created.body.id}`)).body.owner_id).toBe(String(other.adminId));
    await srv.store.db.transaction().execute(async (tx) => {
      await tx.updateTable("workspaces").set({ default_version: "2.14" }).where("id", "=", other.workspaceId).execute();
    });
    expect(typeof (await other.api(`/contacts/${created.body.id}`)).body.owner_id).toBe("number");
  });

  it("reads a workspace changed by another process (another connection) within TOKEN_CACHE_MS", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "opencom-wscache-"));
    const schema = `t_${randomBytes(6).toString("hex")}`;
    const options = usingPostgres ? { databaseUrl: TEST_DATABASE_URL, pgSchema: schema, poolSize: 2 } : { dataDir: dir };
    const store = await openStore(options);
    const elsewhere = await openStore({ ...options, migrate: false });
    const app = await buildApp({ store });
    try {
      const ws = await createWorkspace(store.db, { name: "Elsewhere" });
      const me = async () => JSON.parse((await app.inject({ method: "GET", url: "/_opencom/workspace", headers: { authorization: `Bearer ${ws.token}` } })).body);
      expect((await me()).default_version).not.toBe("2.16");
      await elsewhere.db.updateTable("workspaces").set({ default_version: "2.16" }).where("id", "=", ws.workspaceId).execute();
      await sleep(TOKEN_CACHE_MS + 100);
      expect((await me()).default_version).toBe("2.16");
    } finally {
      await app.close();
      await elsewhere.close();
      await store.close();
      if (usingPostgres) await dropPgSchema(TEST_DATABASE_URL, schema);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("statements", () => {
  it("answers the same read many times with the same body (reused statements keep no state)", async () => {
    const created = await srv.ws.api("/contacts", { method: "POST", body: { email: "same@example.com", name: "Same" } });
    const first = await srv.ws.api(`/contacts/${created.body.id}`);
    for (let i = 0; i < 20; i++) {
      const again = await srv.ws.api(`/contacts/${created.body.id}`);
      expect(again.body).toEqual(first.body);
    }
    expect((await srv.ws.api("/contacts/0000000000000000000000ff")).status).toBe(404);
  });
});

// PostgreSQL only: SQLite's statistics follow a tenfold change (PRAGMA optimize) or the minute's ANALYZE,
// which a test cannot time without racing the start-up analysis.
if (usingPostgres) {
  describe("planner statistics", () => {
    it("are refreshed for a table that grew, within a few checks, without a restart or autovacuum", async () => {
      // (this machine's PostgreSQL runs without autovacuum)
      const ws = await srv.newWorkspace("Statistics");
      for (let i = 0; i < 120; i += 20) {
        await Promise.all(Array.from({ length: 20 }, (_, j) => ws.api("/contacts", { method: "POST", body: { email: `stats${i + j}@example.com` } })));
      }
      const rowsSeen = async (): Promise<number> => {
        const r = await sql<{ n: number | null }>`select c.reltuples::int as n from pg_class c join pg_namespace s on s.oid = c.relnamespace where s.nspname = current_schema() and c.relname = 'contacts'`.execute(srv.store.db);
        return Number(r.rows[0]?.n ?? 0);
      };
      const deadline = Date.now() + 4 * STATISTICS_CHECK_MS;
      while ((await rowsSeen()) < 120 && Date.now() < deadline) await sleep(250);
      expect(await rowsSeen()).toBeGreaterThanOrEqual(120);
    });
  });
}
