// Audiences (2.16): lifecycle, validation, paging, isolation. (intercom-client 7.x has no audiences
// methods, so plain HTTP only.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type TestServer } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

const V = "2.16";
const vip = { name: "VIP Customers", predicates: [{ attribute: "company.name", type: "string", comparison: "contains", value: "Acme" }], role_predicates: [{ attribute: "role", type: "role", comparison: "eq", value: "user" }] };

describe("audiences", () => {
  it("create, get, update (only given fields), delete", async () => {
    for (const version of [V, "Unstable"]) {
      const created = await srv.ws.api("/audiences", { method: "POST", version, body: vip });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({ type: "audience", id: expect.stringMatching(/^\d+$/), ...vip, created_at: expect.any(Number), updated_at: expect.any(Number) });
      const id = created.body.id;
      expect((await srv.ws.api(`/audiences/${id}`, { version })).body).toEqual(created.body);

      const renamed = await srv.ws.api(`/audiences/${id}`, { method: "PUT", version, body: { name: "Enterprise Accounts" } });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({ name: "Enterprise Accounts", predicates: vip.predicates, role_predicates: vip.role_predicates });
      const repred = await srv.ws.api(`/audiences/${id}`, { method: "PUT", version, body: { predicates: [{ attribute: "custom_attributes.plan", type: "string", comparison: "eq", value: "enterprise" }] } });
      expect(repred.body.name).toBe("Enterprise Accounts");
      expect(repred.body.predicates).toEqual([{ attribute: "custom_attributes.plan", type: "string", comparison: "eq", value: "enterprise" }]);

      const del = await srv.ws.api(`/audiences/${id}`, { method: "DELETE", version });
      expect(del.status).toBe(204);
      expectErrorList(await srv.ws.api(`/audiences/${id}`, { version }), 404, "not_found");
      expectErrorList(await srv.ws.api(`/audiences/${id}`, { method: "DELETE", version }), 404, "not_found");
      expectErrorList(await srv.ws.api(`/audiences/${id}`, { method: "PUT", version, body: { name: "x" } }), 404, "not_found");
    }
  });

  it("a name is required and not blank (422); junk is a 400", async () => {
    expectErrorList(await srv.ws.api("/audiences", { method: "POST", version: V, body: { predicates: [] } }), 422, "validation_error");
    expectErrorList(await srv.ws.api("/audiences", { method: "POST", version: V, body: { name: "  " } }), 422, "validation_error");
    const a = (await srv.ws.api("/audiences", { method: "POST", version: V, body: { name: "Blank test" } })).body;
    expect(a.predicates).toEqual([]);
    expectErrorList(await srv.ws.api(`/audiences/${a.id}`, { method: "PUT", version: V, body: { name: "" } }), 422, "validation_error");
    expectErrorList(await srv.ws.api("/audiences", { method: "POST", version: V, body: { name: "x", predicates: "nope" } }), 400);
    expectErrorList(await srv.ws.api("/audiences/abc", { version: V }), 404, "not_found");
  });

  it("lists page by page (at most 50) and per workspace", async () => {
    const ws = await srv.newWorkspace("Audience paging");
    for (let i = 1; i <= 7; i++) await ws.api("/audiences", { method: "POST", version: V, body: { name: `A${i}` } });
    const p1 = (await ws.api("/audiences?per_page=3", { version: V })).body;
    expect(p1).toMatchObject({ type: "list", total_count: 7, page: 1, per_page: 3, total_pages: 3 });
    expect(p1.data.map((a: any) => a.name)).toEqual(["A1", "A2", "A3"]);
    const p3 = (await ws.api("/audiences?per_page=3&page=3", { version: V })).body;
    expect(p3.data.map((a: any) => a.name)).toEqual(["A7"]);
    expect((await ws.api("/audiences", { version: V })).body).toMatchObject({ per_page: 50, total_count: 7 });
    expectErrorList(await ws.api("/audiences?per_page=51", { version: V }), 400);
    expectErrorList(await ws.api("/audiences?page=0", { version: V }), 400);

    const first = p1.data[0].id;
    expectErrorList(await srv.ws.api(`/audiences/${first}`, { version: V }), 404, "not_found");
    expectErrorList(await srv.ws.api(`/audiences/${first}`, { method: "DELETE", version: V }), 404, "not_found");
    expect((await srv.ws.api("/audiences", { version: V })).body.data.map((a: any) => a.name)).not.toContain("A1");
  });

  it("concurrent updates of different fields both land", async () => {
    const a = (await srv.ws.api("/audiences", { method: "POST", version: V, body: { name: "Race" } })).body;
    await Promise.all([
      srv.ws.api(`/audiences/${a.id}`, { method: "PUT", version: V, body: { name: "Raced" } }),
      srv.ws.api(`/audiences/${a.id}`, { method: "PUT", version: V, body: { role_predicates: [{ attribute: "role", type: "role", comparison: "eq", value: "lead" }] } }),
    ]);
    const got = (await srv.ws.api(`/audiences/${a.id}`, { version: V })).body;
    expect(got.name).toBe("Raced");
    expect(got.role_predicates[0].value).toBe("lead");
  });
});
