// IP allowlist (2.14+): stored per workspace and, when on, enforced on every Intercom route the
// workspace's token calls. Requests come from two loopback addresses (127.0.0.1 and 127.0.0.2, both
// on `lo`), so one can shut the other out.
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type ApiResponse, type TestServer, type TestWorkspace } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

/** A request to the server from `localAddress`. */
function from(localAddress: string, ws: TestWorkspace, path: string, init: { method?: string; body?: unknown; version?: string } = {}): Promise<ApiResponse> {
  const url = new URL(srv.url + path);
  const body = init.body === undefined ? undefined : JSON.stringify(init.body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: init.method ?? "GET",
        localAddress,
        headers: {
          Authorization: `Bearer ${ws.token}`,
          Accept: "application/json",
          "Intercom-Version": init.version ?? "2.16",
          ...(body ? { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) } : {}),
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (text += d));
        res.on("end", () => {
          let parsed: unknown;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            parsed = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: new Headers(), body: parsed, text });
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}
const one = (ws: TestWorkspace, path: string, init?: Parameters<typeof from>[3]) => from("127.0.0.1", ws, path, init);
const two = (ws: TestWorkspace, path: string, init?: Parameters<typeof from>[3]) => from("127.0.0.2", ws, path, init);

describe("GET|PUT /ip_allowlist", () => {
  it("starts off and empty; stores what is put; validates entries", async () => {
    const ws = await srv.newWorkspace("Allowlist");
    expect((await ws.api("/ip_allowlist", { version: "2.14" })).body).toEqual({ type: "ip_allowlist", enabled: false, ip_allowlist: [] });
    const put = await ws.api("/ip_allowlist", { method: "PUT", version: "2.15", body: { enabled: false, ip_allowlist: ["192.168.1.0/24", "10.0.0.1"] } });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ type: "ip_allowlist", enabled: false, ip_allowlist: ["192.168.1.0/24", "10.0.0.1"] });
    // a partial update keeps the list
    expect((await ws.api("/ip_allowlist", { method: "PUT", version: "2.16", body: { enabled: false } })).body.ip_allowlist).toEqual(["192.168.1.0/24", "10.0.0.1"]);
    for (const bad of ["10.0.0.256", "10.0.0.0/33", "fe80::1", "example.com", "10.0.0.1/", ""]) {
      const err = expectErrorList(await ws.api("/ip_allowlist", { method: "PUT", version: "2.16", body: { ip_allowlist: ["10.0.0.1", bad] } }), 400, "parameter_invalid");
      expect(err.field).toBe("ip_allowlist");
    }
    expectErrorList(await ws.api("/ip_allowlist", { method: "PUT", version: "2.16", body: { enabled: "yes" } }), 400);
    // the list is the workspace's
    expect((await srv.ws.api("/ip_allowlist", { version: "2.16" })).body.ip_allowlist).toEqual([]);
  });

  it("refuses a change that would lock the caller out (422), and writes nothing", async () => {
    const ws = await srv.newWorkspace("Lockout");
    const err = expectErrorList(await one(ws, "/ip_allowlist", { method: "PUT", body: { enabled: true, ip_allowlist: ["10.0.0.1"] } }), 422, "parameter_invalid");
    expect(err.message).toBe("Your IP (127.0.0.1) is not on the allowlist. Saving would lock you out of this workspace.");
    expect((await one(ws, "/ip_allowlist")).body).toEqual({ type: "ip_allowlist", enabled: false, ip_allowlist: [] });
    // on with an empty list lets every address in: no lockout
    expect((await one(ws, "/ip_allowlist", { method: "PUT", body: { enabled: true, ip_allowlist: [] } })).status).toBe(200);
    expect((await two(ws, "/admins")).status).toBe(200);
  });

  it("when on, answers 403 to an address outside the list, on every Intercom route; a range that includes it lets it in", async () => {
    const ws = await srv.newWorkspace("Enforced");
    // 127.0.0.2 allows only itself
    const put = await two(ws, "/ip_allowlist", { method: "PUT", body: { enabled: true, ip_allowlist: ["127.0.0.2"] } });
    expect(put.status).toBe(200);
    expect((await two(ws, "/admins")).status).toBe(200);
    for (const [path, version] of [["/admins", "2.16"], ["/contacts", "2.7"], ["/ip_allowlist", "2.14"]] as const) {
      const refused = expectErrorList(await one(ws, path, { version }), 403, "forbidden");
      expect(refused.message).toBe("Your IP address is not on the allowlist for API access");
    }
    expectErrorList(await one(ws, "/ip_allowlist", { method: "PUT", body: { enabled: false } }), 403, "forbidden");
    // another workspace is not affected
    expect((await one(srv.ws, "/admins")).status).toBe(200);
    // a bad token is still a 401 first
    expectErrorList(await srv.ws.api("/admins", { token: "oc_nope" }), 401, "unauthorized");
    // opencom's own routes stay usable (the toolkit is not Intercom's API)
    expect((await one(ws, "/_opencom/workspace")).status).toBe(200);

    // a CIDR range including 127.0.0.1
    expect((await two(ws, "/ip_allowlist", { method: "PUT", body: { ip_allowlist: ["127.0.0.0/30"] } })).status).toBe(200);
    expect((await one(ws, "/admins")).status).toBe(200);
    expect((await one(ws, "/ip_allowlist")).body).toEqual({ type: "ip_allowlist", enabled: true, ip_allowlist: ["127.0.0.0/30"] });
    // 127.0.0.1 narrows it to itself: 127.0.0.2 is out
    expect((await one(ws, "/ip_allowlist", { method: "PUT", body: { ip_allowlist: ["127.0.0.1/32"] } })).status).toBe(200);
    expectErrorList(await two(ws, "/admins"), 403, "forbidden");
    // turned off: everyone again
    expect((await one(ws, "/ip_allowlist", { method: "PUT", body: { enabled: false } })).status).toBe(200);
    expect((await two(ws, "/admins")).status).toBe(200);
  });

  it("a workspace shut out can still use opencom's toolkit: DELETE /_opencom/ip_allowlist and reset clear the allowlist", async () => {
    const ws = await srv.newWorkspace("Way out");
    expect((await two(ws, "/ip_allowlist", { method: "PUT", body: { enabled: true, ip_allowlist: ["127.0.0.2"] } })).status).toBe(200);
    expectErrorList(await one(ws, "/admins"), 403, "forbidden");
    const cleared = await one(ws, "/_opencom/ip_allowlist", { method: "DELETE" });
    expect(cleared.body).toEqual({ type: "ip_allowlist", enabled: false, ip_allowlist: [] });
    expect((await one(ws, "/admins")).status).toBe(200);

    expect((await two(ws, "/ip_allowlist", { method: "PUT", body: { enabled: true, ip_allowlist: ["127.0.0.2"] } })).status).toBe(200);
    expectErrorList(await one(ws, "/admins"), 403, "forbidden");
    expect((await one(ws, "/_opencom/reset", { method: "POST", body: {} })).status).toBe(200);
    expect((await one(ws, "/ip_allowlist")).body).toEqual({ type: "ip_allowlist", enabled: false, ip_allowlist: [] });
  });

  it("through the official SDK", async () => {
    const ws = await srv.newWorkspace("SDK allowlist");
    const client = ws.client as any;
    expect(await client.ipAllowlist.getIpAllowlist()).toMatchObject({ enabled: false, ip_allowlist: [] });
    expect(await client.ipAllowlist.updateIpAllowlist({ enabled: true, ip_allowlist: ["127.0.0.1", "10.0.0.0/8"] })).toMatchObject({ enabled: true, ip_allowlist: ["127.0.0.1", "10.0.0.0/8"] });
  });
});
