// Company notes: GET /companies/{id}/notes (2.15+), POST /companies/{id}/notes (2.16+), on the notes
// table contact notes use too (a note has one owner).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

async function company(ws: TestWorkspace, companyId: string) {
  const res = await ws.api("/companies", { body: { company_id: companyId, name: `Co ${companyId}` } });
  expect(res.status).toBe(200);
  return res.body;
}

describe("company notes", () => {
  it("adds notes to a company and lists them newest first, paged", async () => {
    const ws = await srv.newWorkspace("company notes");
    const co = await company(ws, "n1");
    const clock = (now: number) => ws.api("/_opencom/clock", { method: "PUT", body: { now } });
    for (let i = 0; i < 3; i++) {
      await clock(1700000000 + i);
      const res = await ws.api(`/companies/${co.id}/notes`, { version: "2.16", body: { body: `Note ${i}` } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ type: "note", company: { type: "company", id: co.id }, contact: null, body: "<p>Note " + i + "</p>", author: { type: "admin", id: String(ws.adminId) } });
    }
    const list = await ws.api(`/companies/${co.id}/notes?per_page=2`, { version: "2.16" });
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ type: "list", total_count: 3, pages: { type: "pages", page: 1, per_page: 2, total_pages: 2 } });
    expect(list.body.data.map((n: { body: string }) => n.body)).toEqual(["<p>Note 2</p>", "<p>Note 1</p>"]);
    const next = await ws.api(`/companies/${co.id}/notes?per_page=2&starting_after=${encodeURIComponent(list.body.pages.next.starting_after)}`, { version: "2.16" });
    expect(next.body.data.map((n: { body: string }) => n.body)).toEqual(["<p>Note 0</p>"]);
    const page2 = await ws.api(`/companies/${co.id}/notes?per_page=2&page=2`, { version: "2.16" });
    expect(page2.body.data).toHaveLength(1);
    // the company carries its newest notes (2.16+)
    const shown = await ws.api(`/companies/${co.id}`, { version: "2.16" });
    expect(shown.body.notes.type).toBe("note.list");
    expect(shown.body.notes.notes.map((n: { body: string }) => n.body)).toEqual(["<p>Note 2</p>", "<p>Note 1</p>", "<p>Note 0</p>"]);
    expect(shown.body.notes.notes[0]).toMatchObject({ type: "note", company: { type: "company", id: co.id }, author: { type: "admin" } });
    expect(shown.body.notes.notes[0].contact).toBeUndefined();
    // GET /notes/{id} finds a company note too
    const one = await ws.api(`/notes/${list.body.data[0].id}`, { version: "2.16" });
    expect(one.status).toBe(200);
    expect(one.body.company).toEqual({ type: "company", id: co.id });
  });

  it("keeps contact notes as they were, on the same table", async () => {
    const ws = await srv.newWorkspace("contact notes still");
    const co = await company(ws, "n2");
    const contact = (await ws.api("/contacts", { body: { role: "user", email: "n2@notes.example" } })).body;
    const cn = await ws.api(`/contacts/${contact.id}/notes`, { body: { body: "on the contact" } });
    expect(cn.status).toBe(200);
    expect(cn.body.contact).toEqual({ type: "contact", id: contact.id });
    expect(cn.body.company).toBeUndefined();
    await ws.api(`/companies/${co.id}/notes`, { version: "2.16", body: { body: "on the company" } });
    const contactNotes = await ws.api(`/contacts/${contact.id}/notes`);
    expect(contactNotes.body.data.map((n: { body: string }) => n.body)).toEqual(["<p>on the contact</p>"]);
    const companyNotes = await ws.api(`/companies/${co.id}/notes`, { version: "2.16" });
    expect(companyNotes.body.data.map((n: { body: string }) => n.body)).toEqual(["<p>on the company</p>"]);
    expect((await ws.api(`/contacts/${contact.id}`)).body.notes.total_count).toBe(1);
    // a deleted company takes its notes with it; the contact's stay
    const note = companyNotes.body.data[0];
    expect((await ws.api(`/companies/${co.id}`, { method: "DELETE" })).status).toBe(200);
    expectErrorList(await ws.api(`/notes/${note.id}`), 404);
    expect((await ws.api(`/contacts/${contact.id}/notes`)).body.total_count).toBe(1);
  });

  it("answers the documented errors", async () => {
    const ws = await srv.newWorkspace("company notes errors");
    const co = await company(ws, "n3");
    expectErrorList(await ws.api("/companies/nope/notes", { version: "2.16" }), 404, "company_not_found");
    expectErrorList(await ws.api("/companies/nope/notes", { version: "2.16", body: { body: "x" } }), 404, "company_not_found");
    expectErrorList(await ws.api(`/companies/${co.id}/notes`, { version: "2.16", body: { body: "x", admin_id: "123456789" } }), 404, "not_found");
    expectErrorList(await ws.api(`/companies/${co.id}/notes`, { version: "2.16", body: {} }), 400);
    expectErrorList(await ws.api(`/companies/${co.id}/notes`, { version: "2.16", body: { body: "  " } }), 400, "parameter_invalid");
    const admin = await ws.api(`/companies/${co.id}/notes`, { version: "2.16", body: { body: "by id", admin_id: String(ws.adminId) } });
    expect(admin.status).toBe(200);
  });

  it("versions: listing (2.15+) and creating (2.16+), older versions answered as the nearest", async () => {
    const ws = await srv.newWorkspace("company notes versions");
    const co = await company(ws, "n4");
    await ws.api(`/companies/${co.id}/notes`, { version: "Unstable", body: { body: "unstable" } });
    const v215 = await ws.api(`/companies/${co.id}/notes`, { version: "2.15" });
    expect(v215.status).toBe(200);
    expect(v215.body.data).toHaveLength(1);
    expect(v215.body.data[0]).toMatchObject({ type: "note", body: "<p>unstable</p>" });
    // a version that does not describe the operation answers as its nearest description (2.15 / 2.16)
    const v214 = await ws.api(`/companies/${co.id}/notes`, { version: "2.14" });
    expect(v214.status).toBe(200);
    const create215 = await ws.api(`/companies/${co.id}/notes`, { version: "2.15", body: { body: "as 2.16" } });
    expect(create215.status).toBe(200);
    expect(create215.body.company).toEqual({ type: "company", id: co.id });
  });

  it("another workspace's token gets 404", async () => {
    const ws = await srv.newWorkspace("company notes owner");
    const other = await srv.newWorkspace("company notes other");
    const co = await company(ws, "n5");
    const note = (await ws.api(`/companies/${co.id}/notes`, { version: "2.16", body: { body: "mine" } })).body;
    expectErrorList(await other.api(`/companies/${co.id}/notes`, { version: "2.16" }), 404, "company_not_found");
    expectErrorList(await other.api(`/companies/${co.id}/notes`, { version: "2.16", body: { body: "theirs" } }), 404, "company_not_found");
    expectErrorList(await other.api(`/notes/${note.id}`), 404);
  });
});
