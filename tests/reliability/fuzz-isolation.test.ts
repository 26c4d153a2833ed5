// Every registered route (read from the resources, so a new resource joins by being registered):
// (1) a seeded random fuzz pass — random path values, query strings and JSON bodies — never answers a 5xx
//     and every refusal is an error.list; (2) with another workspace's token, no route reveals or touches
//     this workspace's objects.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registeredRoutes, type RegisteredRoute } from "../helpers/routes.js";
import { startTestServer, type ApiResponse, type TestServer, type TestWorkspace } from "../helpers/server.js";

type Route = RegisteredRoute;

const ROUTES = registeredRoutes().filter((r) => r.path !== "/_opencom/reset"); // reset empties the workspace by design
const FUZZ_PER_ROUTE = 12;
const VERSIONS = ["2.7", "2.11", "2.14", "2.16", "Unstable"];

let srv: TestServer;
let a: TestWorkspace;
let b: TestWorkspace;
/** path parameter name → an object of workspace A it names */
const ids: Record<string, string> = {};

beforeAll(async () => {
  srv = await startTestServer();
  a = srv.ws;
  b = await srv.newWorkspace("other");
  const post = async (path: string, body: unknown) => {
    const res = await a.api(path, { method: "POST", body });
    expect(res.status, `${path}: ${res.text}`).toBe(200);
    return res.body;
  };
  const contact = await post("/contacts", { email: "secret@example.com", external_id: "secret-ext", name: "Secret" });
  const company = await post("/companies", { company_id: "secret-co", name: "Secret Co" });
  const tag = await post("/tags", { name: "secret tag" });
  await post(`/contacts/${contact.id}/tags`, { id: tag.id });
  await post(`/contacts/${contact.id}/companies`, { id: company.id });
  const note = await post(`/contacts/${contact.id}/notes`, { body: "secret note" });
  const segment = await post("/_opencom/segments", { name: "secret segment", query: { field: "name", operator: "=", value: "Secret" } });
  const attr = await post("/data_attributes", { name: "secret_attr", model: "contact", data_type: "string" });
  const visitor = await post("/_opencom/visitors", { name: "Secret visitor" });
  const admins = (await a.api("/admins")).body.admins;
  const teams = (await a.api("/teams")).body.teams;
  const subs = (await a.api("/subscription_types")).body.data;
  Object.assign(ids, {
    contact_id: contact.id,
    company_id: company.id,
    tag_id: String(tag.id),
    note_id: String(note.id),
    segment_id: segment.id,
    data_attribute_id: String(attr.id),
    subscription_id: String(subs[0].id),
    admin_id: String(admins[0].id),
    team_id: String(teams[0]?.id ?? "0"),
    external_id: "secret-ext",
    visitor_id: visitor.id,
    visitor_user_id: visitor.user_id,
  });
});
afterAll(() => srv?.close());

const fill = (path: string, values: (name: string) => string) => path.replace(/:([a-z_]+)/g, (_, name) => encodeURIComponent(values(name)));

function expectNoServerError(res: ApiResponse, what: string) {
  expect(res.status, `${what} → ${res.status} ${res.text.slice(0, 300)}`).toBeLessThan(500);
  if (res.status >= 400) expect(res.body?.type, `${what}: not an error.list: ${res.text.slice(0, 200)}`).toBe("error.list");
}

describe("fuzz: every registered route, random input", () => {
  it(`${ROUTES.length} routes × ${FUZZ_PER_ROUTE} requests: no 5xx, every refusal an error.list`, async () => {
    const value = fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.jsonValue({ maxDepth: 3 }));
    const body = (schema: any) => {
      const known = Object.keys(schema?.properties ?? {});
      return fc.oneof(
        fc.jsonValue({ maxDepth: 4 }),
        known.length ? fc.dictionary(fc.constantFrom(...known), value, { maxKeys: known.length }) : fc.constant({}),
      );
    };
    const pathValue = fc.oneof(fc.constantFrom(...Object.values(ids), "0", "-1", "1e99", "%", "null", "ünï"), fc.string({ minLength: 1, maxLength: 30 }));
    for (const route of ROUTES) {
      const cases = fc.sample(
        fc.record({ params: fc.array(pathValue, { minLength: 4, maxLength: 4 }), body: body(route.schema.body), query: fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ maxLength: 20 }), { maxKeys: 3 }), version: fc.constantFrom(...VERSIONS) }),
        { numRuns: FUZZ_PER_ROUTE, seed: 8 },
      );
      for (const k of cases) {
        let i = 0;
        const path = fill(route.path, () => k.params[i++ % 4]);
        const qs = new URLSearchParams(k.query).toString();
        const init = { method: route.method, version: k.version, ...(route.method === "GET" || route.method === "DELETE" ? {} : { body: JSON.stringify(k.body) }) };
        // fuzz writes go to the other workspace, so the isolation pass below still finds A's objects
        expectNoServerError(await b.api(qs ? `${path}?${qs}` : path, init), `${route.method} ${path}`);
      }
    }
  });
});

describe("isolation: another workspace's token over every route", () => {
  const secrets = () => [ids.contact_id, ids.company_id, ids.segment_id, ids.visitor_id, ids.visitor_user_id, "secret@example.com", "secret-ext", "secret-co", "secret tag", "secret note", "secret segment", "secret_attr"];

  it("routes naming A's objects answer 4xx, and no response names them", async () => {
    for (const route of ROUTES) {
      if (!route.path.includes(":")) continue;
      const path = fill(route.path, (name) => ids[name] ?? "0");
      const body = route.method === "GET" || route.method === "DELETE" ? undefined : { id: ids.tag_id, name: "x", body: "x", consent_type: "opt_in" };
      const res = await b.api(path, { method: route.method, body });
      expect(res.status, `${route.method} ${path} with another workspace's token: ${res.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      for (const s of secrets()) expect(res.text, `${route.method} ${path}`).not.toContain(s);
    }
  });

  it("lists, searches and lookups of B never show A's objects", async () => {
    const reads: Array<[string, string, unknown?]> = [
      ...ROUTES.filter((r) => r.method === "GET" && !r.path.includes(":")).map((r) => ["GET", r.path] as [string, string]),
      ["GET", `/visitors?user_id=${ids.visitor_user_id}`],
      ["POST", "/contacts/search", { query: { field: "email", operator: "=", value: "secret@example.com" } }],
      ["POST", "/companies/list", {}],
      ["POST", "/tags", { name: "secret tag", users: [{ id: ids.contact_id }] }],
      ["POST", "/visitors/convert", { type: "lead", visitor: { id: ids.visitor_id } }],
    ];
    for (const [method, path, body] of reads) {
      const res = await b.api(path, { method, body });
      expect(res.status, `${method} ${path}`).toBeLessThan(500);
      for (const s of secrets()) expect(res.text, `${method} ${path}`).not.toContain(s);
    }
    // and A's objects are all still there, untouched by B's requests
    expect((await a.api(`/contacts/${ids.contact_id}`)).body.email).toBe("secret@example.com");
    expect((await a.api(`/tags/${ids.tag_id}`)).status).toBe(200);
    expect((await a.api(`/companies/${ids.company_id}`)).status).toBe(200);
    expect((await a.api(`/visitors?user_id=${ids.visitor_user_id}`)).status).toBe(200);
  });
});
