import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type TestServer } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

describe("internal articles", () => {
  it("creates, reads, updates, lists and deletes internal articles (SDK)", async () => {
    const ws = await srv.newWorkspace("Internal");
    const a = await ws.client.internalArticles.createInternalArticle({ title: "Escalation policy", body: "Page the on-call engineer", owner_id: ws.adminId, author_id: ws.adminId });
    expect(a).toMatchObject({ type: "internal_article", title: "Escalation policy", body: "<p>Page the on-call engineer</p>", owner_id: ws.adminId, author_id: ws.adminId, locale: "en" });
    expect(await ws.client.internalArticles.retrieveInternalArticle({ internal_article_id: Number(a.id) })).toEqual(a);
    const up = await ws.client.internalArticles.updateInternalArticle({ internal_article_id: Number(a.id), title: "Escalation policy v2" });
    expect(up).toMatchObject({ id: a.id, title: "Escalation policy v2", body: "<p>Page the on-call engineer</p>" });
    const b = (await ws.api("/internal_articles", { body: { title: "Refund macro", body: "Use the refund macro", owner_id: ws.adminId, author_id: ws.adminId } })).body;
    const list = await ws.client.internalArticles.listInternalArticles();
    expect(list.total_count).toBe(2);
    expect(list.data?.map((x: any) => x.id)).toEqual([b.id, a.id].sort((x, y) => (x === b.id ? -1 : 1)));
    const p1 = (await ws.api("/internal_articles?per_page=1")).body;
    const p2 = (await ws.api(`/internal_articles?per_page=1&starting_after=${p1.pages.next.starting_after}`)).body;
    expect(new Set([p1.data[0].id, p2.data[0].id]).size).toBe(2);
    expect(await ws.client.internalArticles.deleteInternalArticle({ internal_article_id: Number(a.id) })).toEqual({ id: a.id, object: "internal_article", deleted: true });
    expectErrorList(await ws.api(`/internal_articles/${a.id}`), 404, "not_found");
  });

  it("searches by the words of title and body", async () => {
    const ws = await srv.newWorkspace("Internal search");
    const a = (await ws.api("/internal_articles", { body: { title: "VIP customers", body: "<p>Always <b>prioritise</b> enterprise accounts</p>", owner_id: ws.adminId, author_id: ws.adminId } })).body;
    await ws.api("/internal_articles", { body: { title: "Holidays", body: "Office closed on public holidays", owner_id: ws.adminId, author_id: ws.adminId } });
    const found = (await ws.api("/internal_articles/search?phrase=prioritise%20ENTERPRISE")).body;
    expect(found).toMatchObject({ type: "list", total_count: 1, data: { internal_articles: [{ id: a.id, type: "internal_article" }] } });
    expect((await ws.api("/internal_articles/search?phrase=holidays")).body.total_count).toBe(1);
    expect((await ws.api("/internal_articles/search?phrase=nothing")).body.total_count).toBe(0);
    expect((await ws.api("/internal_articles/search")).body.total_count).toBe(2);
    expect((await ws.client.internalArticles.searchInternalArticles({})).total_count).toBe(2);
    await ws.api(`/internal_articles/${a.id}`, { method: "PUT", body: { body: "Treat everyone the same" } });
    expect((await ws.api("/internal_articles/search?phrase=enterprise")).body.total_count).toBe(0);
    expect((await ws.api("/internal_articles/search?phrase=everyone")).body.total_count).toBe(1);
    const other = await srv.newWorkspace("Internal other");
    expect((await other.api("/internal_articles/search?phrase=everyone")).body.total_count).toBe(0);
  });

  it("answers the documented errors and isolates workspaces", async () => {
    const ws = await srv.newWorkspace("Internal errors");
    const other = await srv.newWorkspace("Internal errors other");
    const a = (await ws.api("/internal_articles", { body: { title: "T", owner_id: ws.adminId, author_id: ws.adminId } })).body;
    expectErrorList(await ws.api("/internal_articles", { body: { owner_id: ws.adminId, author_id: ws.adminId } }), 400, "parameter_not_found");
    expectErrorList(await ws.api("/internal_articles", { body: { title: "T", author_id: ws.adminId } }), 400, "parameter_not_found");
    expectErrorList(await ws.api("/internal_articles", { body: { title: "T", owner_id: other.adminId, author_id: ws.adminId } }), 400, "parameter_invalid");
    expectErrorList(await ws.api("/internal_articles", { body: { title: " ", owner_id: ws.adminId, author_id: ws.adminId } }), 400, "parameter_invalid");
    for (const method of ["GET", "DELETE"]) expectErrorList(await other.api(`/internal_articles/${a.id}`, { method }), 404, "not_found");
    expectErrorList(await other.api(`/internal_articles/${a.id}`, { method: "PUT", body: { title: "x" } }), 404, "not_found");
    expect((await ws.api(`/internal_articles/${a.id}`, { version: "2.13" })).body).toMatchObject({ id: a.id, title: "T" });
  });
});
