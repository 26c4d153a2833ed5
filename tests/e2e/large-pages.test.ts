// The large-pages gate (LARGE_PAGES in src/app.ts) on both stores: clients that leave while their page
// waits for its turn give their place back. Before the fix, a request whose client had gone by the time it
// entered never left (its response's "close" had fired already): after two, contact lists and searches
// waited for ever (found by bench:http, whose autocannon runs end with requests in flight).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { newContactRow } from "../../src/resources/contacts/service.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
  const rows = Array.from({ length: 300 }, (_, i) => newContactRow(srv.ws.workspaceId, { email: `page${i}@example.com`, name: `Page ${i}`, created_at: 1_700_000_000 + i }));
  for (let i = 0; i < rows.length; i += 100) await srv.store.db.insertInto("contacts").values(rows.slice(i, i + 100)).execute();
});
afterAll(async () => {
  await srv?.close();
});

const requests = [
  { path: "/contacts?per_page=150", init: { method: "GET" } },
  { path: "/contacts/search", init: { method: "POST", body: JSON.stringify({ query: { field: "name", operator: "~", value: "Page" }, pagination: { per_page: 150 } }) } },
];

function send(path: string, init: RequestInit, signal: AbortSignal) {
  return fetch(srv.url + path, {
    ...init,
    signal,
    headers: { Authorization: `Bearer ${srv.ws.token}`, "Content-Type": "application/json", Accept: "application/json" },
  });
}

describe("large pages", () => {
  it("clients that leave while waiting for their turn give their place back", async () => {
    for (let round = 0; round < 6; round++) {
      for (const r of requests) {
        // many clients ask for the largest pages and leave after a few milliseconds, most of them still queued
        const leaving = Array.from({ length: 16 }, (_, i) => {
          const ctl = new AbortController();
          setTimeout(() => ctl.abort(), 1 + (i % 8));
          return send(r.path, r.init, ctl.signal).then((res) => res.arrayBuffer(), () => undefined);
        });
        await Promise.allSettled(leaving);
        // the next client is answered (not left waiting behind places nobody gives back)
        const res = await send(r.path, r.init, AbortSignal.timeout(15_000));
        expect(res.status).toBe(200);
        expect(((await res.json()) as { data: unknown[] }).data).toHaveLength(150);
      }
    }
  });
});
