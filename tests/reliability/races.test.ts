// Races: parallel writes of one object lose nothing, races with a delete answer 404 (never a 500), a
// visitor converts once, a delete succeeds once, and a burst larger than the pool waits instead of failing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type ApiResponse, type TestServer } from "../helpers/server.js";

let srv: TestServer;
const ATTRS = 20;

beforeAll(async () => {
  srv = await startTestServer();
  for (const model of ["contact", "company"]) {
    for (let i = 0; i < ATTRS; i++) {
      const res = await srv.ws.api("/data_attributes", { method: "POST", body: { name: `${model === "contact" ? "race" : "crace"}_${i}`, model, data_type: "string" } });
      expect(res.status, res.text).toBe(200);
    }
  }
});
afterAll(() => srv?.close());

const api = (path: string, method = "GET", body?: unknown) => srv.ws.api(path, { method, body });
const statuses = (rs: ApiResponse[]) => rs.map((r) => r.status).sort();
const noServerErrors = (rs: ApiResponse[]) => expect(rs.filter((r) => r.status >= 500).map((r) => r.text)).toEqual([]);

describe("parallel partial updates lose nothing", () => {
  it("PUT /contacts/{id}: 5 rounds of 20 parallel writes of different custom attributes", async () => {
    const contact = (await api("/contacts", "POST", { email: "race@example.com" })).body;
    for (let round = 1; round <= 5; round++) {
      const rs = await Promise.all(Array.from({ length: ATTRS }, (_, i) => api(`/contacts/${contact.id}`, "PUT", { custom_attributes: { [`race_${i}`]: `r${round}` } })));
      noServerErrors(rs);
      expect(statuses(rs)).toEqual(Array(ATTRS).fill(200));
      const attrs = (await api(`/contacts/${contact.id}`)).body.custom_attributes;
      for (let i = 0; i < ATTRS; i++) expect(attrs[`race_${i}`], `race_${i} in round ${round}`).toBe(`r${round}`);
    }
  });

  it("PUT /companies/{id}: 5 rounds of 20 parallel writes", async () => {
    const company = (await api("/companies", "POST", { company_id: "race-co", name: "Race" })).body;
    for (let round = 1; round <= 5; round++) {
      const rs = await Promise.all(Array.from({ length: ATTRS }, (_, i) => api(`/companies/${company.id}`, "PUT", { custom_attributes: { [`crace_${i}`]: `r${round}` } })));
      noServerErrors(rs);
      const attrs = (await api(`/companies/${company.id}`)).body.custom_attributes;
      for (let i = 0; i < ATTRS; i++) expect(attrs[`crace_${i}`], `crace_${i} in round ${round}`).toBe(`r${round}`);
    }
  });

  it("POST /companies: 20 parallel upserts of one company_id make one company with every attribute", async () => {
    const rs = await Promise.all(Array.from({ length: ATTRS }, (_, i) => api("/companies", "POST", { company_id: "upsert-co", custom_attributes: { [`crace_${i}`]: `v${i}` } })));
    noServerErrors(rs);
    expect(new Set(rs.map((r) => r.body.id)).size).toBe(1);
    const attrs = (await api(`/companies/${rs[0].body.id}`)).body.custom_attributes;
    for (let i = 0; i < ATTRS; i++) expect(attrs[`crace_${i}`]).toBe(`v${i}`);
  });
});

describe("races with a delete answer 404, never 500", () => {
  it("a contact deleted while tags, notes and companies are attached to it", async () => {
    const tag = (await api("/tags", "POST", { name: "racing" })).body;
    const company = (await api("/companies", "POST", { company_id: "attach-co" })).body;
    const all: ApiResponse[] = [];
    for (let round = 0; round < 4; round++) {
      const contact = (await api("/contacts", "POST", { email: `doomed${round}@example.com` })).body;
      const attaches = Array.from({ length: 30 }, (_, i) =>
        i % 3 === 0
          ? api(`/contacts/${contact.id}/tags`, "POST", { id: tag.id })
          : i % 3 === 1
            ? api(`/contacts/${contact.id}/notes`, "POST", { body: `note ${i}` })
            : api(`/contacts/${contact.id}/companies`, "POST", { id: company.id }),
      );
      const rs = await Promise.all([...attaches.slice(0, 10), api(`/contacts/${contact.id}`, "DELETE"), ...attaches.slice(10)]);
      all.push(...rs);
      expect((await api(`/contacts/${contact.id}`)).status).toBe(404);
    }
    noServerErrors(all);
    expect(all.every((r) => r.status === 200 || r.status === 404)).toBe(true);
  });

  it("DELETE /tags/{id} racing attaches of the tag", async () => {
    const contacts = await Promise.all(Array.from({ length: 10 }, (_, i) => api("/contacts", "POST", { email: `tagged${i}@example.com` })));
    const all: ApiResponse[] = [];
    for (let round = 0; round < 5; round++) {
      const tag = (await api("/tags", "POST", { name: `short-lived ${round}` })).body;
      const attaches = contacts.map((c) => api(`/contacts/${c.body.id}/tags`, "POST", { id: tag.id }));
      const rs = await Promise.all([...attaches.slice(0, 5), api(`/tags/${tag.id}`, "DELETE"), ...attaches.slice(5), api("/tags", "POST", { name: `short-lived ${round}`, users: [{ id: contacts[0].body.id }] })]);
      all.push(...rs);
    }
    noServerErrors(all);
    expect(all.every((r) => r.status === 200 || r.status === 404)).toBe(true);
  });

  it("50 parallel deletes of one contact: one 200, 49 × 404", async () => {
    const contact = (await api("/contacts", "POST", { email: "once@example.com" })).body;
    const rs = await Promise.all(Array.from({ length: 50 }, () => api(`/contacts/${contact.id}`, "DELETE")));
    expect(statuses(rs)).toEqual([200, ...Array(49).fill(404)]);
  });

  it("50 parallel deletes of one tag: one 200, 49 × 404", async () => {
    const tag = (await api("/tags", "POST", { name: "delete me once" })).body;
    const rs = await Promise.all(Array.from({ length: 50 }, () => api(`/tags/${tag.id}`, "DELETE")));
    expect(rs.filter((r) => r.status < 300)).toHaveLength(1);
    expect(rs.filter((r) => r.status === 404)).toHaveLength(49);
  });
});

describe("exactly once", () => {
  it("20 parallel conversions of one visitor make one lead", async () => {
    for (const type of ["lead", "user"] as const) {
      const visitor = (await api("/_opencom/visitors", "POST", { name: `Visitor ${type}` })).body;
      const before = (await api("/contacts")).body.total_count;
      const body = { type, visitor: { id: visitor.id }, ...(type === "user" ? { user: { email: "converted@example.com" } } : {}) };
      const rs = await Promise.all(Array.from({ length: 20 }, () => api("/visitors/convert", "POST", body)));
      noServerErrors(rs);
      expect(rs.filter((r) => r.status === 200)).toHaveLength(1);
      expect(rs.filter((r) => r.status === 404)).toHaveLength(19);
      expect((await api("/contacts")).body.total_count).toBe(before + 1);
    }
  });

  it("20 parallel creates of one user email make one user (409 for the others)", async () => {
    const rs = await Promise.all(Array.from({ length: 20 }, () => api("/contacts", "POST", { email: "unique@example.com" })));
    expect(rs.filter((r) => r.status === 200)).toHaveLength(1);
    expect(rs.filter((r) => r.status === 409)).toHaveLength(19);
  });
});

describe("overload", () => {
  it("100 parallel searches (more than the pool holds) all answer", async () => {
    await Promise.all(Array.from({ length: 30 }, (_, i) => api("/contacts", "POST", { email: `search${i}@example.com`, name: `Searchable ${i}` })));
    const rs = await Promise.all(
      Array.from({ length: 100 }, (_, i) => api("/contacts/search", "POST", { query: { field: "name", operator: "~", value: `able ${i % 10}` } })),
    );
    expect(statuses(rs)).toEqual(Array(100).fill(200));
  });
});
