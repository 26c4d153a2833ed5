import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newAdminRow } from "../../src/resources/admins/service.js";
import { expectErrorList, startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

let seq = 0;
async function newContact(ws: TestWorkspace): Promise<string> {
  const res = await ws.api("/contacts", { method: "POST", body: { email: `notes${seq++}@notes.example` } });
  expect(res.status).toBe(200);
  return res.body.id;
}

async function addAdmin(ws: TestWorkspace, name: string): Promise<number> {
  const row = await srv.store.db
    .insertInto("admins")
    .values(
      newAdminRow(ws.workspaceId, {
        name,
        email: `${name.toLowerCase().replace(/\W/g, "")}${seq++}@team.example`,
        job_title: "Support",
        created_at: Math.floor(Date.now() / 1000),
      }),
    )
    .returning("id")
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

describe("creating and reading notes", () => {
  it("adds an admin's note to a contact through the SDK and reads it back", async () => {
    const contactId = await newContact(srv.ws);
    const author = await addAdmin(srv.ws, "Nora Notes");
    const note = await srv.ws.client.notes.create({ contact_id: contactId, body: "Hello", admin_id: String(author) });
    expect(note.type).toBe("note");
    expect(note.id).toMatch(/^\d+$/);
    expect(note.body).toBe("<p>Hello</p>");
    expect(note.contact).toEqual({ type: "contact", id: contactId });
    expect(note.author).toMatchObject({ type: "admin", id: String(author), name: "Nora Notes" });
    expect(Math.abs(note.created_at - Date.now() / 1000)).toBeLessThan(10);

    const found = await srv.ws.client.notes.find({ note_id: Number(note.id) });
    expect(found).toEqual(note);
    // the contact's summary lists it
    const contact = (await srv.ws.api(`/contacts/${contactId}`)).body;
    expect(contact.notes).toMatchObject({ total_count: 1, has_more: false, data: [{ type: "note", id: note.id, url: `/notes/${note.id}` }] });
  });

  it("stores bodies as sanitised HTML", async () => {
    const contactId = await newContact(srv.ws);
    const plain = await srv.ws.api(`/contacts/${contactId}/notes`, { method: "POST", body: { body: "first line\nsecond line: 1 < 2?" } });
    expect(plain.body.body).toBe("<p>first line<br>second line: 1 &lt; 2?</p>");
    const paragraphs = await srv.ws.api(`/contacts/${contactId}/notes`, { method: "POST", body: { body: "one\n\ntwo & three" } });
    expect(paragraphs.body.body).toBe("<p>one</p><p>two &amp; three</p>");
    const html = await srv.ws.api(`/contacts/${contactId}/notes`, { method: "POST", body: { body: '<p onclick="x()">Hi <script>alert(1)</script><a href="javascript:evil()">link</a></p>' } });
    expect(html.body.body).toBe("<p>Hi <a>link</a></p>");
    expect((await srv.ws.api(`/notes/${html.body.id}`)).body.body).toBe("<p>Hi <a>link</a></p>");
  });

  it("is written by the token's admin when no admin_id is given", async () => {
    const contactId = await newContact(srv.ws);
    const note = (await srv.ws.api(`/contacts/${contactId}/notes`, { method: "POST", body: { body: "mine" } })).body;
    expect(note.author.id).toBe(String(srv.ws.adminId));
    const numeric = (await srv.ws.api(`/contacts/${contactId}/notes`, { method: "POST", body: { body: "numeric id", admin_id: srv.ws.adminId } })).body;
    expect(numeric.author.id).toBe(String(srv.ws.adminId));
  });

  it("answers the documented errors and leaves nothing behind", async () => {
    const contactId = await newContact(srv.ws);
    const other = await srv.newWorkspace("Other admins");
    const cases: Array<[string, unknown, number, string, string | undefined]> = [
      [`/contacts/${contactId}/notes`, { body: "x", admin_id: "999999" }, 404, "not_found", "Resource Not Found"],
      [`/contacts/${contactId}/notes`, { body: "x", admin_id: String(other.adminId) }, 404, "not_found", "Resource Not Found"],
      [`/contacts/${contactId}/notes`, { body: "x", admin_id: "not-a-number" }, 404, "not_found", "Resource Not Found"],
      ["/contacts/000000000000000000000000/notes", { body: "x" }, 404, "not_found", "User Not Found"],
      [`/contacts/${contactId}/notes`, {}, 400, "parameter_not_found", undefined],
      [`/contacts/${contactId}/notes`, { body: "   " }, 400, "parameter_invalid", undefined],
      [`/contacts/${contactId}/notes`, { body: 12 }, 400, "parameter_invalid", undefined],
    ];
    for (const [path, body, status, code, message] of cases) {
      const err = expectErrorList(await srv.ws.api(path, { method: "POST", body }), status, code);
      if (message) expect(err.message).toBe(message);
    }
    await expect(srv.ws.client.notes.create({ contact_id: contactId, body: "x", admin_id: "999999" })).rejects.toMatchObject({ statusCode: 404 });
    const rows = await srv.store.db.selectFrom("notes").select("id").where("contact_id", "=", contactId).execute();
    expect(rows).toEqual([]);

    for (const id of ["999999", "abc", "0"]) {
      const err = expectErrorList(await srv.ws.api(`/notes/${id}`), 404, "not_found");
      expect(err.message).toBe("Resource Not Found");
    }
    expectErrorList(await srv.ws.api("/contacts/000000000000000000000000/notes"), 404, "not_found");
  });
});

describe("a contact's notes", () => {
  it("lists newest first with cursors, each note exactly once", async () => {
    const contactId = await newContact(srv.ws);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await srv.ws.api(`/contacts/${contactId}/notes`, { method: "POST", body: { body: `note ${i}` } })).body.id);
    // spread them over time: older notes get earlier timestamps
    for (let i = 0; i < ids.length; i++) {
      await srv.store.db.updateTable("notes").set({ created_at: 1_700_000_000 + Math.floor(i / 2) }).where("id", "=", Number(ids[i])).execute();
    }
    const newestFirst = [...ids].reverse();
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const q = new URLSearchParams({ per_page: "3", ...(cursor ? { starting_after: cursor } : {}) });
      const res = await srv.ws.api(`/contacts/${contactId}/notes?${q}`);
      expect(res.status).toBe(200);
      pages++;
      expect(res.body.type).toBe("list");
      expect(res.body.total_count).toBe(7);
      expect(res.body.pages).toMatchObject({ type: "pages", page: pages, per_page: 3, total_pages: 3 });
      seen.push(...res.body.data.map((n: { id: string }) => n.id));
      cursor = res.body.pages.next?.starting_after;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(newestFirst);

    // the SDK walks page numbers until a page is empty
    const viaSdk: string[] = [];
    for await (const n of await srv.ws.client.notes.list({ contact_id: contactId, per_page: 2 })) viaSdk.push(n.id);
    expect(viaSdk).toEqual(newestFirst);
    const page2 = await srv.ws.api(`/contacts/${contactId}/notes?page=2&per_page=3`);
    expect(page2.body.data.map((n: { id: string }) => n.id)).toEqual(newestFirst.slice(3, 6));
    expect(page2.body.pages.page).toBe(2);
    const beyond = await srv.ws.api(`/contacts/${contactId}/notes?page=9&per_page=3`);
    expect(beyond.body.data).toEqual([]);
    expectErrorList(await srv.ws.api(`/contacts/${contactId}/notes?page=0`), 400, "parameter_invalid");

    const old = await srv.ws.api(`/contacts/${contactId}/notes`, { version: "2.7" });
    expect(old.status).toBe(200);
    expect(old.body.data).toHaveLength(7);
    expect((await srv.ws.api(`/notes/${ids[0]}`, { version: "2.7" })).body.id).toBe(ids[0]);
    expect((await srv.ws.api(`/contacts/${contactId}/notes`, { method: "POST", body: { body: "v2.7" }, version: "2.7" })).status).toBe(200);
  });

  it("answers an empty list for a contact without notes", async () => {
    const contactId = await newContact(srv.ws);
    const res = await srv.ws.api(`/contacts/${contactId}/notes`);
    expect(res.body).toEqual({ type: "list", data: [], total_count: 0, pages: { type: "pages", page: 1, per_page: 50, total_pages: 0 } });
  });
});

describe("workspace isolation", () => {
  it("keeps notes to their workspace", async () => {
    const contactId = await newContact(srv.ws);
    const note = (await srv.ws.api(`/contacts/${contactId}/notes`, { method: "POST", body: { body: "private" } })).body;
    const other = await srv.newWorkspace("Snoop");
    expectErrorList(await other.api(`/notes/${note.id}`), 404, "not_found");
    expectErrorList(await other.api(`/contacts/${contactId}/notes`), 404, "not_found");
    expectErrorList(await other.api(`/contacts/${contactId}/notes`, { method: "POST", body: { body: "intrusion" } }), 404, "not_found");
    const mine = (await srv.ws.api(`/contacts/${contactId}/notes`)).body;
    expect(mine.data.map((n: { body: string }) => n.body)).toEqual(["<p>private</p>"]);
  });
});
