import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/app.js";
import { expectErrorList, startTestServer, type TestServer } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

describe("authentication", () => {
  it("refuses a request without a token", async () => {
    const err = expectErrorList(await srv.ws.api("/admins", { token: null }), 401, "unauthorized");
    expect(err.message).toBeTruthy();
  });
  it("refuses an unknown token", async () => {
    expectErrorList(await srv.ws.api("/admins", { token: "oc_not_a_real_token" }), 401, "unauthorized");
  });
  it("refuses a malformed Authorization header", async () => {
    expectErrorList(await srv.ws.api("/admins", { token: null, headers: { Authorization: "Basic abc" } }), 401, "unauthorized");
  });
  it("serves health without a token", async () => {
    const res = await srv.ws.api("/_opencom/health", { token: null });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("ok");
    expect(["sqlite", "postgres"]).toContain(res.body.storage.kind);
    expect(res.body.storage.version).toBeTruthy();
  });
  it("answers the developer API for the token's workspace only", async () => {
    const res = await srv.ws.api("/_opencom/workspace");
    expect(res.body.workspace_id).toBe(srv.ws.workspaceId);
    expectErrorList(await srv.ws.api("/_opencom/workspace", { token: null }), 401, "unauthorized");
  });
});

describe("authentication as Intercom accepts it", () => {
  const basic = (user: string, password = "") => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
  it("accepts HTTP Basic with the token as user name (older SDKs send it)", async () => {
    const res = await srv.ws.api("/me", { token: null, headers: { Authorization: basic(srv.ws.token) } });
    expect(res.status).toBe(200);
    expect(res.body.type).toBe("admin");
    const withPassword = await srv.ws.api("/me", { token: null, headers: { Authorization: basic(srv.ws.token, "x") } });
    expect(withPassword.status).toBe(200);
  });
  it("refuses a wrong Basic user, an empty one and other schemes with 401 unauthorized", async () => {
    for (const header of [basic("nope"), basic(""), `Basic !!!`, `Token ${srv.ws.token}`, `Bearer`, `Digest x`]) {
      const res = await srv.ws.api("/me", { token: null, headers: { Authorization: header } });
      expectErrorList(res, 401, "unauthorized");
      expect(res.headers.get("x-ratelimit-limit")).toBeNull();
    }
  });
});

describe("versions", () => {
  it("defaults to the workspace default (2.14)", async () => {
    const res = await srv.ws.api("/me", { headers: {} });
    expect(res.status).toBe(200);
  });
  it("refuses an unknown version", async () => {
    const err = expectErrorList(await srv.ws.api("/me", { version: "3.1" }), 400, "intercom_version_invalid");
    expect(err.field).toBe("Intercom-Version");
  });
  it("accepts every described version, case-insensitively for Unstable", async () => {
    for (const v of ["2.7", "2.8", "2.9", "2.10", "2.11", "2.12", "2.13", "2.14", "2.15", "2.16", "Unstable", "unstable"]) {
      const res = await srv.ws.api("/admins", { version: v });
      expect(res.status, v).toBe(200);
    }
  });
  it("accepts Preview, Intercom's current name of Unstable, with Unstable's shapes", async () => {
    const preview = await srv.ws.api("/data_attributes?model=contact", { version: "Preview" });
    const unstable = await srv.ws.api("/data_attributes?model=contact", { version: "Unstable" });
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual(unstable.body);
  });
  it("shapes the body per version: fields a version lacks are not sent", async () => {
    // admin.team_priority_level and away_status_reason_id are later additions; 2.7's admin has neither
    const v27 = await srv.ws.api(`/admins/${srv.ws.adminId}`, { version: "2.7" });
    const v214 = await srv.ws.api(`/admins/${srv.ws.adminId}`, { version: "2.14" });
    expect(v214.body).toHaveProperty("away_status_reason_id");
    expect(v27.body).not.toHaveProperty("away_status_reason_id");
    expect(v27.body.id).toBe(v214.body.id);
  });
});

describe("errors", () => {
  it("answers an unknown route with a 404 error.list", async () => {
    expectErrorList(await srv.ws.api("/definitely/not/here"), 404, "not_found");
    expectErrorList(await srv.ws.api("/admins", { method: "DELETE" }), 404);
  });
  it("answers broken JSON with 400 naming the body", async () => {
    const err = expectErrorList(await srv.ws.api(`/admins/${srv.ws.adminId}/away`, { method: "PUT", body: '{"away_mode_enabled": tr' }), 400, "parameter_invalid");
    expect(err.field).toBe("body");
  });
  it("answers a wrong content type with 400", async () => {
    const err = expectErrorList(
      await srv.ws.api(`/admins/${srv.ws.adminId}/away`, { method: "PUT", body: "away_mode_enabled=true", headers: { "Content-Type": "application/x-www-form-urlencoded" } }),
      400,
      "parameter_invalid",
    );
    expect(err.field).toBe("Content-Type");
  });
  it("answers a body over 10 MB with 400", async () => {
    const big = JSON.stringify({ away_mode_enabled: true, away_mode_reassign: false, pad: "x".repeat(10 * 1024 * 1024 + 10) });
    const err = expectErrorList(await srv.ws.api(`/admins/${srv.ws.adminId}/away`, { method: "PUT", body: big }), 400, "parameter_invalid");
    expect(err.field).toBe("body");
  });
  it("puts a request id on every response, matching the error body", async () => {
    const ok = await srv.ws.api("/me");
    expect(ok.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const bad = await srv.ws.api("/me", { token: null });
    expect(bad.headers.get("x-request-id")).toBe(bad.body.request_id);
  });
  it("hides unexpected exceptions behind a 500 server_error", async () => {
    const app = await buildApp({ store: srv.store });
    app.get("/_opencom/test-explode", { config: { public: true } }, async () => {
      throw new Error("secret internals");
    });
    const res = await app.inject({ method: "GET", url: "/_opencom/test-explode" });
    await app.close();
    expect(res.statusCode).toBe(500);
    const body = res.json();
    expect(body.type).toBe("error.list");
    expect(body.errors[0].code).toBe("server_error");
    expect(res.body).not.toContain("secret internals");
    expect(res.headers["x-request-id"]).toBe(body.request_id);
  });
});
