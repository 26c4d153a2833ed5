// Contact search through the official SDK: keyset pagination with starting_after, sorting across pages,
// and contacts that leave results (merged, archived, deleted).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";
import { contactRow } from "./search-fixtures.js";

let srv: TestServer;
let W: TestWorkspace;
const rows: Array<{ id: string; name: string | null; created_at: number }> = [];
const BASE = 1700000000;

beforeAll(async () => {
  srv = await startTestServer();
  W = await srv.newWorkspace("search pages");
  // 25 contacts; several share a created_at and several share a name, so ties are broken by id
  const seeded = Array.from({ length: 25 }, (_, i) =>
    contactRow(W.workspaceId, {
      created_at: BASE + Math.floor(i / 3) * 60,
      role: i % 4 === 0 ? "lead" : "user",
      email: `person${i}@pages.test`,
      name: i % 5 === 0 ? null : ["zed", "Amy", "bea", "amy", "Carl"][i % 5],
    }),
  );
  await srv.store.db.insertInto("contacts").values(seeded).execute();
  rows.push(...seeded.map((r) => ({ id: r.id, name: r.name, created_at: r.created_at })));
});
afterAll(async () => srv?.close());

const byPages = { field: "email", operator: "$", value: "@pages.test" };

/** Every page of a search through raw HTTP; checks the envelope of each. */
async function allPages(body: Record<string, unknown>, perPage: number, version = "2.14") {
  const ids: string[] = [];
  let cursor: string | undefined;
  let page = 0;
  for (;;) {
    const res = await W.api("/contacts/search", { body: { ...body, pagination: { per_page: perPage, ...(cursor ? { starting_after: cursor } : {}) } }, version });
    expect(res.status, res.text).toBe(200);
    page++;
    expect(res.body.total_count).toBe(25);
    expect(res.body.pages).toMatchObject({ type: "pages", page, per_page: perPage, total_pages: Math.ceil(25 / perPage) });
    ids.push(...res.body.data.map((c: { id: string }) => c.id));
    cursor = res.body.pages.next?.starting_after;
    if (!cursor) break;
    expect(res.body.pages.next.per_page).toBe(perPage);
  }
  return { ids, pages: page };
}

const fold = (s: string | null) => (s === null ? null : s.toLowerCase());
const cmpBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

describe("pagination", () => {
  it("walks every match once, in the default order (created_at descending, then id)", async () => {
    const { ids, pages } = await allPages({ query: byPages }, 10);
    expect(pages).toBe(3);
    const expected = [...rows].sort((a, b) => b.created_at - a.created_at || cmpBytes(b.id, a.id)).map((r) => r.id);
    expect(ids).toEqual(expected);
  });

  it("pages a sort on a text field with NULLs and ties", async () => {
    const asc = [...rows]
      .sort((a, b) => {
        const x = fold(a.name);
        const y = fold(b.name);
        if (x === null || y === null) return (x === null ? 0 : 1) - (y === null ? 0 : 1) || cmpBytes(a.id, b.id);
        return cmpBytes(x, y) || cmpBytes(a.id, b.id);
      })
      .map((r) => r.id);
    for (const perPage of [1, 4, 7, 25]) {
      expect((await allPages({ query: byPages, sort: { field: "name", order: "ascending" } }, perPage)).ids).toEqual(asc);
    }
    expect((await allPages({ query: byPages, sort: { field: "name", order: "descending" } }, 6)).ids).toEqual([...asc].reverse());
  });

  it("pages 2.7 the same way", async () => {
    const { ids } = await allPages({ query: byPages, sort: { field: "created_at", order: "ascending" } }, 9, "2.7");
    expect(new Set(ids).size).toBe(25);
  });

  it("the official SDK iterates every page", async () => {
    const page = await W.client.contacts.search({ query: { field: "email", operator: "$", value: "@pages.test" }, pagination: { per_page: 4 } });
    expect(page.data.length).toBe(4);
    const seen: string[] = [];
    for await (const c of page) seen.push(c.id);
    expect(seen.length).toBe(25);
    expect(new Set(seen).size).toBe(25);
  });

  it("the SDK's nested query", async () => {
    const page = await W.client.contacts.search({
      query: {
        operator: "AND",
        value: [
          { field: "role", operator: "=", value: "lead" },
          { operator: "OR", value: [{ field: "name", operator: "=", value: "AMY" }, { field: "name", operator: "=", value: null }] },
        ],
      } as never,
    });
    const expected = rows.filter((_, i) => i % 4 === 0 && (i % 5 === 0 || i % 5 === 1 || i % 5 === 3)).map((r) => r.id).sort();
    expect(page.data.map((c) => c.id).sort()).toEqual(expected);
  });

  it("a cursor of another sort is refused", async () => {
    const first = await W.api("/contacts/search", { body: { query: byPages, pagination: { per_page: 2 } } });
    const cursor = first.body.pages.next.starting_after;
    const err = expectErrorList(
      await W.api("/contacts/search", { body: { query: byPages, sort: { field: "name" }, pagination: { per_page: 2, starting_after: cursor } } }),
      400,
      "parameter_invalid",
    );
    expect(err.field).toBe("starting_after");
  });
});

describe("contacts that leave results", () => {
  it("a merged lead is no longer found; the user it merged into is", async () => {
    const lead = await W.api("/contacts", { body: { role: "lead", email: "merge-me@leaving.test", name: "Lead" } });
    const user = await W.api("/contacts", { body: { role: "user", email: "merge-me@leaving.test", external_id: "leaving-1" } });
    expect(lead.status).toBe(200);
    expect(user.status).toBe(200);
    const before = await W.api("/contacts/search", { body: { query: { field: "email", operator: "=", value: "merge-me@leaving.test" } } });
    expect(before.body.data.map((c: { id: string }) => c.id).sort()).toEqual([lead.body.id, user.body.id].sort());
    const merged = await W.api("/contacts/merge", { body: { from: lead.body.id, into: user.body.id } });
    expect(merged.status).toBe(200);
    const after = await W.api("/contacts/search", { body: { query: { operator: "OR", value: [{ field: "email", operator: "=", value: "merge-me@leaving.test" }, { field: "id", operator: "=", value: lead.body.id }] } } });
    expect(after.body.data.map((c: { id: string }) => c.id)).toEqual([user.body.id]);
    expect(after.body.total_count).toBe(1);
  });

  it("archived and deleted contacts are not found; unarchived ones are again", async () => {
    const a = await W.api("/contacts", { body: { email: "archive-me@leaving.test" } });
    const d = await W.api("/contacts", { body: { email: "delete-me@leaving.test" } });
    const q = { query: { field: "email_domain", operator: "=", value: "leaving.test" } };
    const ids = async () => (await W.api("/contacts/search", { body: q })).body.data.map((c: { id: string }) => c.id);
    expect(await ids()).toEqual(expect.arrayContaining([a.body.id, d.body.id]));
    expect((await W.api(`/contacts/${a.body.id}/archive`, { method: "POST" })).status).toBe(200);
    expect((await W.api(`/contacts/${d.body.id}`, { method: "DELETE" })).status).toBe(200);
    expect(await ids()).not.toContain(a.body.id);
    expect(await ids()).not.toContain(d.body.id);
    expect((await W.api(`/contacts/${a.body.id}/unarchive`, { method: "POST" })).status).toBe(200);
    expect(await ids()).toContain(a.body.id);
  });

  it("a contact updated through the API is found by its new values", async () => {
    const created = await W.client.contacts.create({ email: "changing@leaving.test", name: "Before" });
    await W.client.contacts.update({ contact_id: created.id, name: "After Change" });
    const page = await W.client.contacts.search({ query: { field: "name", operator: "~", value: "after ch" } });
    expect(page.data.map((c) => c.id)).toEqual([created.id]);
  });
});

describe("segments with relative dates", () => {
  it("segment_id of the built-in Active segment: users seen in the last 30 days, counted from now", async () => {
    const list = await W.api("/segments");
    const active = list.body.segments.find((s: { name: string }) => s.name === "Active");
    expect(active).toBeDefined();
    const now = Math.floor(Date.now() / 1000);
    const recent = await W.api("/contacts", { body: { email: "recent@active.test", last_seen_at: now - 2 * 86400 } });
    const old = await W.api("/contacts", { body: { email: "old@active.test", last_seen_at: now - 90 * 86400 } });
    const lead = await W.api("/contacts", { body: { role: "lead", email: "lead@active.test", last_seen_at: now - 86400 } });
    expect([recent.status, old.status, lead.status]).toEqual([200, 200, 200]);
    const res = await W.api("/contacts/search", {
      body: { query: { operator: "AND", value: [{ field: "segment_id", operator: "=", value: active.id }, { field: "email_domain", operator: "=", value: "active.test" }] } },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.data.map((c: { id: string }) => c.id)).toEqual([recent.body.id]);
  });
});

describe("merge history (2.16)", () => {
  it("include_merge_history adds each user's merges", async () => {
    const lead = await W.api("/contacts", { body: { role: "lead", email: "history@merge.test" } });
    const user = await W.api("/contacts", { body: { role: "user", email: "history@merge.test" } });
    expect((await W.api("/contacts/merge", { body: { from: lead.body.id, into: user.body.id }, version: "2.16" })).status).toBe(200);
    const q = { query: { field: "email_domain", operator: "=", value: "merge.test" } };
    const res = await W.api("/contacts/search?include_merge_history=true", { body: q, version: "2.16" });
    expect(res.status, res.text).toBe(200);
    expect(res.body.data[0].merge_history).toEqual([expect.objectContaining({ type: "merge_history", source_contact_id: lead.body.id, source_contact_role: "lead" })]);
    const plain = await W.api("/contacts/search", { body: q, version: "2.16" });
    expect(plain.body.data[0].merge_history).toBeUndefined();
  });
});

describe("forged cursors in the search body", () => {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
  it("refuses cursor values of the wrong kind for every sort, on both stores, with a 400", async () => {
    const first = await W.api("/contacts/search", { body: { query: byPages, pagination: { per_page: 2 } } });
    const real = JSON.parse(Buffer.from(first.body.pages.next.starting_after, "base64url").toString()) as { p: number; k: unknown[] };
    const forged = [
      "not-a-cursor",
      b64({ p: 2, k: [1.5, real.k[1]] }), // a fraction where a bigint timestamp goes
      b64({ p: 2, k: [1e308, real.k[1]] }),
      b64({ p: 2, k: [2 ** 63, real.k[1]] }),
      b64({ p: 2, k: ["a", "b"] }),
      b64({ p: 2, k: [null, null] }),
      b64({ p: 1e308, k: real.k }),
    ];
    const sorts = [undefined, { field: "created_at", order: "ascending" }, { field: "signed_up_at", order: "descending" }, { field: "name", order: "ascending" }];
    for (const starting_after of forged) {
      for (const sort of sorts) {
        const res = await W.api("/contacts/search", { body: { query: byPages, ...(sort ? { sort } : {}), pagination: { per_page: 2, starting_after } } });
        expectErrorList(res, 400, "parameter_invalid");
      }
    }
  });
});

describe("total_count is counted once a walk", () => {
  it("later pages carry the first page's count; a new walk counts again; a forged count is refused", async () => {
    const X = await srv.newWorkspace("counted once");
    const make = (i: number) => X.api("/contacts", { body: { email: `walk${i}@count.test` } });
    for (let i = 0; i < 5; i++) expect((await make(i)).status).toBe(200);
    const search = (cursor?: string) =>
      X.api("/contacts/search", { body: { query: { field: "email", operator: "$", value: "@count.test" }, pagination: { per_page: 2, ...(cursor ? { starting_after: cursor } : {}) } } });
    const first = await search();
    expect(first.body.total_count).toBe(5);
    const list = await X.api("/contacts?per_page=2");
    expect(list.body.total_count).toBe(5);
    expect((await make(5)).status).toBe(200);
    // the walk that started at 5 still says 5 (its total_pages stays stable); it still reaches every row
    const second = await search(first.body.pages.next.starting_after);
    expect(second.body.total_count).toBe(5);
    expect(second.body.pages).toMatchObject({ page: 2, total_pages: 3 });
    const listSecond = await X.api(`/contacts?per_page=2&starting_after=${list.body.pages.next.starting_after}`);
    expect(listSecond.body.total_count).toBe(5);
    // a new walk counts again
    expect((await search()).body.total_count).toBe(6);
    expect((await X.api("/contacts?per_page=2")).body.total_count).toBe(6);
    // the count in a cursor is client input: a forged one of the wrong kind is a 400
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(first.body.pages.next.starting_after, "base64url").toString()), t: -1 })).toString("base64url");
    expectErrorList(await search(forged), 400, "parameter_invalid");
  });
});
