import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type TestServer } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

const post = (path: string, body: unknown, version?: string) => srv.ws.api(path, { method: "POST", body, version });

describe("articles", () => {
  it("creates, reads, updates and deletes an article through the SDK", async () => {
    const created = await srv.ws.client.articles.create({ title: "Getting started", author_id: srv.ws.adminId, body: "Welcome aboard", description: "First steps" });
    expect(created).toMatchObject({
      type: "article",
      title: "Getting started",
      description: "First steps",
      body: "<p>Welcome aboard</p>",
      author_id: srv.ws.adminId,
      state: "draft",
      url: null,
      parent_id: null,
      parent_type: null,
      parent_ids: [],
      default_locale: "en",
      workspace_id: srv.ws.workspaceId,
    });
    expect(created.id).toMatch(/^\d+$/);
    expect(created.translated_content?.en).toMatchObject({ type: "article_content", title: "Getting started", state: "draft" });
    expect(created.statistics).toMatchObject({ type: "article_statistics", views: 0 });

    const found = await srv.ws.client.articles.find({ article_id: Number(created.id) });
    expect(found).toEqual(created);

    const updated = await srv.ws.client.articles.update({ article_id: Number(created.id), state: "published", title: "Getting started fast" });
    expect(updated).toMatchObject({ id: created.id, state: "published", title: "Getting started fast", body: "<p>Welcome aboard</p>" });
    expect(updated.url).toMatch(new RegExp(`/en/articles/${created.id}-getting-started-fast$`));
    expect(updated.updated_at).toBeGreaterThanOrEqual(created.updated_at);

    const deleted = await srv.ws.client.articles.delete({ article_id: Number(created.id) });
    expect(deleted).toEqual({ id: created.id, object: "article", deleted: true });
    expectErrorList(await srv.ws.api(`/articles/${created.id}`), 404, "not_found");
    expectErrorList(await srv.ws.api(`/articles/${created.id}`, { method: "DELETE" }), 404, "not_found");
  });

  it("takes a long body (real articles are longer than a name), and refuses one past the bound naming it", async () => {
    const long = "<p>" + "Lorem ipsum dolor sit amet. ".repeat(2000) + "</p>";
    const created = await post("/articles", { title: "Long read", author_id: srv.ws.adminId, body: long });
    expect(created.status).toBe(200);
    expect((created.body.body as string).length).toBeGreaterThan(50_000);
    const read = await srv.ws.api(`/articles/${created.body.id}`);
    expect(read.body.body).toBe(created.body.body);
    const tooLong = await post("/articles", { title: "Too long", author_id: srv.ws.adminId, body: "x".repeat(300 * 1024) });
    expectErrorList(tooLong, 400);
    expect(JSON.stringify(tooLong.body.errors)).toContain("body");
  });

  it("keeps content per locale", async () => {
    const res = await post("/articles", {
      title: "Billing",
      author_id: srv.ws.adminId,
      state: "published",
      translated_content: {
        type: "article_translated_content",
        fr: { title: "Facturation", body: "Payer une facture", author_id: srv.ws.adminId, state: "published" },
        de: { title: "Rechnung", body: "Eine Rechnung bezahlen", state: "draft" },
      },
    });
    expect(res.status).toBe(200);
    const a = res.body;
    expect(a.translated_content.fr).toMatchObject({ type: "article_content", title: "Facturation", body: "<p>Payer une facture</p>", state: "published" });
    expect(a.translated_content.fr.url).toContain("/fr/articles/");
    expect(a.translated_content.de).toMatchObject({ title: "Rechnung", state: "draft", author_id: srv.ws.adminId });
    expect(a.translated_content.de.url).toBeUndefined();

    // an update of one locale leaves the others
    const up = await srv.ws.api(`/articles/${a.id}`, { method: "PUT", body: { translated_content: { de: { state: "published" }, es: { title: "Facturación" } } } });
    expect(up.status).toBe(200);
    expect(up.body.translated_content.de).toMatchObject({ title: "Rechnung", state: "published" });
    expect(up.body.translated_content.es).toMatchObject({ title: "Facturación", state: "published" });
    expect(up.body.translated_content.fr.title).toBe("Facturation");
    expect(up.body.title).toBe("Billing");
  });

  it("answers the documented errors", async () => {
    const other = await srv.newWorkspace("Other articles");
    expectErrorList(await post("/articles", { author_id: srv.ws.adminId }), 400, "parameter_not_found");
    expectErrorList(await post("/articles", { title: "x" }), 400, "parameter_not_found");
    expectErrorList(await post("/articles", { title: "x", author_id: other.adminId }), 400, "parameter_invalid");
    expectErrorList(await post("/articles", { title: "x", author_id: srv.ws.adminId, state: "live" }), 400, "parameter_invalid");
    expectErrorList(await post("/articles", { title: " ", author_id: srv.ws.adminId }), 400, "parameter_invalid");
    expectErrorList(await post("/articles", { title: "x", author_id: srv.ws.adminId, parent_id: 999999 }), 400, "parameter_invalid");
    expectErrorList(await post("/articles", { title: "x", author_id: srv.ws.adminId, translated_content: { xx: { title: "y" } } }), 400, "parameter_invalid");
    expectErrorList(await post("/articles", { title: "x", author_id: srv.ws.adminId, translated_content: { fr: { body: "no title" } } }), 400, "parameter_not_found");
    expectErrorList(await post("/articles", { title: "x".repeat(1001), author_id: srv.ws.adminId }), 400, "parameter_invalid");
    expectErrorList(await srv.ws.api("/articles/abc"), 404, "not_found");
    expectErrorList(await srv.ws.api("/articles", { token: null }), 401, "unauthorized");
    // nothing was created by the refused requests
    const list = await other.api("/articles");
    expect(list.body.total_count).toBe(0);
  });

  it("isolates workspaces", async () => {
    const a = (await post("/articles", { title: "Private", author_id: srv.ws.adminId, body: "secretword" })).body;
    const other = await srv.newWorkspace("Isolated");
    expectErrorList(await other.api(`/articles/${a.id}`), 404, "not_found");
    expectErrorList(await other.api(`/articles/${a.id}`, { method: "PUT", body: { title: "mine" } }), 404, "not_found");
    expectErrorList(await other.api(`/articles/${a.id}`, { method: "DELETE" }), 404, "not_found");
    expect((await other.api("/articles/search?phrase=secretword")).body.total_count).toBe(0);
    expect((await srv.ws.api("/articles/search?phrase=secretword")).body.total_count).toBe(1);
  });

  it("lists articles most recently updated first, paged by number and cursor", async () => {
    const ws = await srv.newWorkspace("Paging");
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await ws.api("/articles", { method: "POST", body: { title: `Paged ${i}`, author_id: ws.adminId } })).body.id);
    await ws.api(`/articles/${ids[2]}`, { method: "PUT", body: { description: "touched" } });
    const all = (await ws.api("/articles?per_page=50")).body;
    expect(all.total_count).toBe(7);
    expect(all.type).toBe("list");
    const order = all.data.map((a: any) => a.id);
    // updated_at desc, then id desc
    const sorted = [...all.data].sort((x: any, y: any) => y.updated_at - x.updated_at || Number(y.id) - Number(x.id)).map((a: any) => a.id);
    expect(order).toEqual(sorted);

    const p1 = (await ws.api("/articles?per_page=3")).body;
    expect(p1.pages).toMatchObject({ type: "pages", page: 1, per_page: 3, total_pages: 3 });
    const p2 = (await ws.api(`/articles?per_page=3&starting_after=${p1.pages.next.starting_after}`)).body;
    const p3 = (await ws.api("/articles?per_page=3&page=3")).body;
    expect([...p1.data, ...p2.data, ...p3.data].map((a: any) => a.id)).toEqual(order);
    expect(p3.pages.next).toBeUndefined();

    // the SDK walks every page
    const seen: string[] = [];
    for await (const a of await ws.client.articles.list({ per_page: 2 })) seen.push(a.id);
    expect(seen).toEqual(order);
    expectErrorList(await ws.api("/articles?per_page=0"), 400, "parameter_invalid");
    expectErrorList(await ws.api("/articles?starting_after=garbage"), 400, "parameter_invalid");
  });

  it("has the shapes of each version", async () => {
    const col = (await srv.ws.api("/help_center/collections", { method: "POST", body: { name: "Guides" }, version: "2.7" })).body;
    const sec = (await srv.ws.api("/help_center/sections", { method: "POST", body: { name: "Basics", parent_id: Number(col.id) }, version: "2.7" })).body;
    expect(sec.type).toBe("section");
    const a = (await post("/articles", { title: "In a section", author_id: srv.ws.adminId, parent_id: Number(sec.id), parent_type: "section" }, "2.7")).body;
    expect(a).toMatchObject({ parent_id: Number(sec.id), parent_type: "section", parent_ids: [Number(sec.id)] });
    expect(a.tags).toBeUndefined();
    const v214 = (await srv.ws.api(`/articles/${a.id}`, { version: "2.14" })).body;
    expect(v214).toMatchObject({ parent_id: Number(sec.id), parent_type: "collection", tags: { type: "tag.list", tags: [] } });
    const v216 = (await srv.ws.api(`/articles/${a.id}`, { version: "2.16" })).body;
    expect(v216.parent_id).toBeUndefined();
    expect(v216.parent_ids).toEqual([Number(sec.id)]);
    expect(v216.has_unpublished_changes).toBe(false);
    // 2.7: a section is not a collection
    expectErrorList(await post("/articles", { title: "x", author_id: srv.ws.adminId, parent_id: Number(sec.id), parent_type: "collection" }, "2.7"), 400, "parameter_invalid");
    // deleting the collection deletes its section; the article stands alone
    expect((await srv.ws.api(`/help_center/collections/${col.id}`, { method: "DELETE" })).body).toEqual({ id: col.id, object: "collection", deleted: true });
    const alone = (await srv.ws.api(`/articles/${a.id}`)).body;
    expect(alone).toMatchObject({ parent_id: null, parent_type: null, parent_ids: [] });
  });
});

describe("article search", () => {
  it("finds an article by a word of its body in each locale", async () => {
    const ws = await srv.newWorkspace("Search");
    const a = (
      await ws.api("/articles", {
        method: "POST",
        body: {
          title: "Refunds",
          body: "<p>How to request a <b>refund</b> for your subscription</p>",
          author_id: ws.adminId,
          state: "published",
          translated_content: {
            fr: { title: "Remboursements", body: "Demander un remboursement de votre abonnement", state: "published" },
            de: { title: "Rückerstattung", body: "Eine Rückerstattung für Ihr Abonnement beantragen", state: "draft" },
            ja: { title: "返金", body: "返金 の リクエスト", state: "published" },
          },
        },
      })
    ).body;
    await ws.api("/articles", { method: "POST", body: { title: "Shipping", body: "Parcels arrive in two days", author_id: ws.adminId, state: "published" } });
    for (const word of ["subscription", "REFUND", "abonnement", "remboursement", "rückerstattung", "beantragen", "返金"]) {
      const r = (await ws.api(`/articles/search?phrase=${encodeURIComponent(word)}`)).body;
      expect(r.total_count, word).toBe(1);
      expect(r.data.articles[0].id).toBe(a.id);
    }
    // every word must occur; order does not matter
    expect((await ws.api("/articles/search?phrase=subscription%20refund")).body.total_count).toBe(1);
    expect((await ws.api("/articles/search?phrase=subscription%20parcels")).body.total_count).toBe(0);
    expect((await ws.api("/articles/search?phrase=refun")).body.total_count).toBe(0);
    // state applies to the matching content
    expect((await ws.api("/articles/search?phrase=beantragen&state=published")).body.total_count).toBe(0);
    expect((await ws.api("/articles/search?phrase=beantragen&state=draft")).body.total_count).toBe(1);
    expect((await ws.api("/articles/search?phrase=arrive&state=all")).body.total_count).toBe(1);
    // without a phrase: every article in that state
    expect((await ws.api("/articles/search")).body.total_count).toBe(2);
    // the help center filter
    const hc = (await ws.api("/help_center/help_centers")).body.data[0];
    expect((await ws.api(`/articles/search?phrase=parcels&help_center_id=${hc.id}`)).body.total_count).toBe(1);
    expectErrorList(await ws.api("/articles/search?phrase=parcels&help_center_id=999999"), 404, "not_found");
    expectErrorList(await ws.api("/articles/search?state=live"), 400, "parameter_invalid");
    // an update reindexes
    await ws.api(`/articles/${a.id}`, { method: "PUT", body: { body: "Money back guarantee" } });
    expect((await ws.api("/articles/search?phrase=subscription")).body.total_count).toBe(0);
    expect((await ws.api("/articles/search?phrase=guarantee")).body.total_count).toBe(1);
    // a deleted article is gone from the index
    await ws.api(`/articles/${a.id}`, { method: "DELETE" });
    expect((await ws.api("/articles/search?phrase=guarantee")).body.total_count).toBe(0);
    expect((await ws.api("/articles/search?phrase=remboursement")).body.total_count).toBe(0);
  });

  it("highlights the matching words and pages through results (SDK)", async () => {
    const ws = await srv.newWorkspace("Highlights");
    for (let i = 0; i < 5; i++) {
      await ws.api("/articles", { method: "POST", body: { title: `Password reset ${i}`, description: "Account help", body: `<p>To reset your password, open settings. Step ${i}.</p>`, author_id: ws.adminId, state: "published" } });
    }
    const res = await ws.client.articles.search({ phrase: "password", highlight: true });
    expect(res.total_count).toBe(5);
    expect(res.data?.articles).toHaveLength(5);
    const h = res.data!.highlights![0];
    expect(h.article_id).toBe(res.data!.articles![0].id);
    expect(h.highlighted_title).toEqual([{ type: "highlight", text: "Password" }, { type: "plain", text: expect.stringMatching(/^ reset \d$/) }]);
    expect(h.highlighted_summary![0]).toContainEqual({ type: "highlight", text: "password" });
    const noHighlights = (await ws.api("/articles/search?phrase=password")).body;
    expect(noHighlights.data.highlights).toEqual([]);

    const p1 = (await ws.api("/articles/search?phrase=password&per_page=2")).body;
    expect(p1.pages).toMatchObject({ page: 1, per_page: 2, total_pages: 3 });
    const p2 = (await ws.api(`/articles/search?phrase=password&per_page=2&starting_after=${p1.pages.next.starting_after}`)).body;
    const p3 = (await ws.api("/articles/search?phrase=password&per_page=2&page=3")).body;
    const ids = [...p1.data.articles, ...p2.data.articles, ...p3.data.articles].map((a: any) => a.id);
    expect(new Set(ids).size).toBe(5);
    // punctuation and query syntax are only separators
    expect((await ws.api(`/articles/search?phrase=${encodeURIComponent('"password" AND (reset* OR -x)')}`)).body.total_count).toBe(0);
    expect((await ws.api(`/articles/search?phrase=${encodeURIComponent('password: "reset"!')}`)).body.total_count).toBe(5);
    expect((await ws.api(`/articles/search?phrase=${encodeURIComponent("!!!")}`)).body.total_count).toBe(0);
  });
});
