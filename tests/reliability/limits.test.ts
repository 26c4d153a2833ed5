// Bounded input: long text, deep JSON and huge values are refused with a 400 naming the field (never a
// 500, never stored); bodies in Latin-1 are read as such; links opening a window get rel=noopener.
// (The memory bound of the largest pages: memory.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, expectErrorList, type TestServer } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(() => srv?.close());

const api = (path: string, method = "GET", body?: unknown, headers?: Record<string, string>) => srv.ws.api(path, { method, body, headers });
const long = "x".repeat(2700);
/** A search query nested n deep, as JSON text (built without recursion). */
const deep = (n: number): string => '{"operator":"AND","value":['.repeat(n) + '{"field":"name","operator":"=","value":"x"}' + "]}".repeat(n);

describe("text limits", () => {
  it("2.7 KB names, emails, ids and phones are a 400 naming the field, on every indexed column", async () => {
    const cases: Array<[string, string, Record<string, unknown>, string]> = [
      ["/contacts", "POST", { name: long, email: "a@example.com" }, "name"],
      ["/contacts", "POST", { email: `${long}@example.com` }, "email"],
      ["/contacts", "POST", { external_id: long }, "external_id"],
      ["/contacts", "POST", { email: "b@example.com", phone: long }, "phone"],
      ["/companies", "POST", { company_id: long }, "company_id"],
      ["/companies", "POST", { company_id: "ok", name: long }, "name"],
      ["/tags", "POST", { name: long }, "name"],
      ["/_opencom/visitors", "POST", { user_id: long }, "user_id"],
    ];
    for (const [path, method, body, field] of cases) {
      const err = expectErrorList(await api(path, method, body), 400);
      expect(err.field, `${method} ${path} ${field}`).toBe(field);
    }
    expect((await api("/contacts")).body.total_count).toBe(0);
    expect((await api("/companies")).body.total_count ?? 0).toBe(0);
  });

  it("multi-megabyte values anywhere are refused before they are stored", async () => {
    await api("/data_attributes", "POST", { name: "big", model: "contact", data_type: "string" });
    const huge = "y".repeat(5 * 1024 * 1024);
    for (const body of [{ email: "c@example.com", name: huge }, { email: "d@example.com", custom_attributes: { big: huge } }, { email: "e@example.com", custom_attributes: { big: "z".repeat(300) } }]) {
      expectErrorList(await api("/contacts", "POST", body), 400);
    }
    expect((await api("/contacts")).body.total_count).toBe(0);
  });
});

describe("nesting", () => {
  it("a search nested 5,000 deep and a segment 3,000 deep are a 400", async () => {
    expectErrorList(await api("/contacts/search", "POST", `{"query":${deep(5000)}}`), 400);
    expectErrorList(await api("/_opencom/segments", "POST", `{"name":"deep","query":${deep(3000)}}`), 400);
    const raw = '{"query":' + "[".repeat(100_000) + "]".repeat(100_000) + "}";
    expectErrorList(await api("/contacts/search", "POST", raw), 400);
  });
});

describe("encodings and HTML", () => {
  it("a Latin-1 body is read as Latin-1; an unknown charset is refused", async () => {
    const body = Buffer.from(JSON.stringify({ email: "jose@example.com", name: "José Müller" }), "latin1");
    const res = await fetch(`${srv.url}/contacts`, {
      method: "POST",
      headers: { Authorization: `Bearer ${srv.ws.token}`, "Content-Type": "application/json; charset=latin1" },
      body,
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { name: string }).name).toBe("José Müller");
    const err = expectErrorList(await api("/contacts", "POST", JSON.stringify({ email: "k@example.com" }), { "Content-Type": "application/json; charset=koi8-r" }), 400);
    expect(err.field).toBe("Content-Type");
  });

  it("links that open a new window get rel=noopener noreferrer", async () => {
    const contact = (await api("/contacts", "POST", { email: "links@example.com" })).body;
    const note = (await api(`/contacts/${contact.id}/notes`, "POST", { body: '<p><a href="https://example.com" target="_blank" rel="opener">x</a></p>' })).body;
    expect(note.body).toContain('rel="noopener noreferrer"');
    expect(note.body).not.toContain('rel="opener"');
  });
});
