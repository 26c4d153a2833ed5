// The operation table: every operation of the union of versions is either implemented or answers
// 501 not_implemented naming it — never the generic "No route" 404.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OPERATIONS, unknownRoutes } from "../../src/platform/operations.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

/** A concrete URL for a contract path: every parameter gets a value that names nothing. */
const concrete = (p: string) => p.replace(/\{[^}]+\}/g, "999999999");

describe("operation table", () => {
  it("is the union of 264 distinct operations", () => {
    expect(OPERATIONS.length).toBe(264);
    expect(new Set(OPERATIONS.map((o) => o.key)).size).toBe(264);
  });

  it("every operation is routed: implemented, or 501 not_implemented naming it", async () => {
    const unrouted: string[] = [];
    let notImplemented = 0;
    for (const op of OPERATIONS) {
      const version = op.versions[op.versions.length - 1];
      const res = await srv.ws.api(concrete(op.path), {
        method: op.method,
        version,
        body: op.method === "GET" || op.method === "DELETE" ? undefined : {},
      });
      const code = res.body?.errors?.[0]?.code;
      if (res.status === 501) {
        expect(res.body.type).toBe("error.list");
        expect(code).toBe("not_implemented");
        expect(res.body.errors[0].message).toContain(op.operationId);
        notImplemented++;
        continue;
      }
      // an implemented operation may answer 404 for the made-up id, but never the router's "No route"
      if (/^No route/.test(res.body?.errors?.[0]?.message ?? "") || res.status >= 500) unrouted.push(`${op.key} → ${res.status} ${res.text.slice(0, 120)}`);
    }
    expect(unrouted).toEqual([]);
    expect(notImplemented).toBeLessThan(OPERATIONS.length);
  });

  it("routes are registered against the table: a path outside it (and outside /_opencom/) is refused at startup", () => {
    expect(unknownRoutes(["GET /contacts/{}", "POST /_opencom/reset", "HEAD /contacts", "GET /contactz/{}", "POST /contacts/{}/frobnicate"])).toEqual([
      "GET /contactz/{}",
      "POST /contacts/{}/frobnicate",
    ]);
  });
});
