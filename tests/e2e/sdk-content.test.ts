// Content through the official SDK (intercom-client 7.x, Intercom-Version 2.14): Fin's external pages, news items,
// help centers and their collections, articles and internal articles — success paths, the SDK's pagers, its
// error classes with the documented status and error.list body, and workspace isolation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Intercom, IntercomClient, IntercomError } from "intercom-client";
import { sdkErrorOf as sdkError } from "../helpers/sdk.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());


describe("Fin's external pages through the SDK", () => {
  it("lists a workspace's pages (its own only); a missing page is NotFoundError", async () => {
    const ws = await srv.newWorkspace("sdk pages");
    const other = await srv.newWorkspace("sdk pages other");
    const src = await ws.client.aiContent.createContentImportSource({ url: "https://help.example.com" });
    expect(src).toMatchObject({ type: "content_import_source", url: "https://help.example.com", status: "active" });
    const empty = await ws.client.aiContent.listExternalPages();
    expect(empty).toMatchObject({ type: "list", total_count: 0, data: [] });

    // the SDK types source_id as a number
    const a = await ws.client.aiContent.createExternalPage({ title: "Returns", html: "<p>30 days</p>", url: "https://help.example.com/returns", source_id: Number(src.id), external_id: "returns" });
    const b = await ws.client.aiContent.createExternalPage({ title: "Shipping", html: "<p>2 days</p>", url: "https://help.example.com/shipping", source_id: Number(src.id), external_id: "shipping" });
    expect(a).toMatchObject({ type: "external_page", title: "Returns", external_id: "returns", source_id: Number(src.id) });
    const list = await ws.client.aiContent.listExternalPages();
    expect(list.type).toBe("list");
    expect(list.total_count).toBe(2);
    expect(list.data!.map((p) => p.id).sort()).toEqual([a.id, b.id].sort());
    expect(list.data!.find((p) => p.id === a.id)).toEqual(a);

    const up = await ws.client.aiContent.updateExternalPage({ page_id: a.id, title: "Returns policy", html: "<p>60 days</p>", url: "https://help.example.com/returns", source_id: Number(src.id) });
    expect(up).toMatchObject({ id: a.id, title: "Returns policy", external_id: "returns" });

    expect((await other.client.aiContent.listExternalPages()).data).toEqual([]);
    await sdkError(other.client.aiContent.getExternalPage({ page_id: a.id }), IntercomError, 404, "not_found");
    await sdkError(ws.client.aiContent.getExternalPage({ page_id: "999999" }), IntercomError, 404, "not_found");
    await sdkError(other.client.aiContent.getContentImportSource({ source_id: String(src.id) }), IntercomError, 404, "not_found");
    await sdkError(new IntercomClient({ token: "nope", baseUrl: srv.url }).aiContent.listExternalPages(), Intercom.UnauthorizedError, 401, "unauthorized");
  });
});

describe("news items through the SDK", () => {
  it("lists every item, drafts and live ones; a missing item is NotFoundError; isolated", async () => {
    const ws = await srv.newWorkspace("sdk news");
    const other = await srv.newWorkspace("sdk news other");
    const feeds = await ws.client.news.feeds.list();
    const messenger = Number(feeds.data![0]!.id);
    const draft = await ws.client.news.items.create({ title: "Coming soon", sender_id: ws.adminId, state: "draft" });
    const live = await ws.client.news.items.create({
      title: "Shipped",
      body: "<p>It is out</p>",
      sender_id: ws.adminId,
      state: "live",
      newsfeed_assignments: [{ newsfeed_id: messenger, published_at: 1_700_000_000 }],
    });
    const list = await ws.client.news.items.list();
    expect(list).toMatchObject({ type: "list", total_count: 2 });
    expect(list.data!.map((x) => (x as Intercom.NewsItem).id).sort()).toEqual([draft.id, live.id].sort());
    expect(list.data!.find((x) => (x as Intercom.NewsItem).id === live.id)).toEqual(live);
    // only the live one is on the feed
    const onFeed = await ws.client.news.feeds.listItems({ newsfeed_id: String(messenger) });
    expect(onFeed.data!.map((x) => (x as Intercom.NewsItem).id)).toEqual([live.id]);

    expect((await other.client.news.items.list()).data).toEqual([]);
    await sdkError(other.client.news.items.find({ news_item_id: Number(live.id) }), Intercom.NotFoundError, 404, "not_found");
    await sdkError(ws.client.news.items.find({ news_item_id: 999999 }), Intercom.NotFoundError, 404, "not_found");
    await sdkError(other.client.news.items.delete({ news_item_id: Number(draft.id) }), Intercom.NotFoundError, 404, "not_found");
    await sdkError(ws.client.news.feeds.find({ newsfeed_id: "999999" }), IntercomError, 404, "not_found");
    await sdkError(new IntercomClient({ token: "nope", baseUrl: srv.url }).news.items.list(), Intercom.UnauthorizedError, 401, "unauthorized");
  });
});

describe("help center and articles through the SDK", () => {
  it("pages help centers and collections with the SDK's pager; missing ones are NotFoundError; isolated", async () => {
    const ws = await srv.newWorkspace("sdk help center");
    const other = await srv.newWorkspace("sdk help center other");
    // the SDK walks help centers by page number until a page comes back empty
    const centers = await ws.client.helpCenters.list({ per_page: 1 });
    expect(centers.data).toHaveLength(1);
    const hc = centers.data[0];
    expect(hc).toMatchObject({ workspace_id: ws.workspaceId });
    expect(centers.hasNextPage()).toBe(true);
    await centers.getNextPage();
    expect(centers.data).toEqual([]);
    expect(centers.hasNextPage()).toBe(false);
    const all: Intercom.HelpCenter[] = [];
    for await (const h of await ws.client.helpCenters.list()) all.push(h);
    expect(all).toEqual([hc]);
    expect((await other.client.helpCenters.list()).data.map((h) => h.id)).not.toContain(hc.id);
    const ids: string[] = [];
    for (const name of ["One", "Two", "Three"]) ids.push((await ws.client.helpCenters.collections.create({ name, help_center_id: Number(hc.id) })).id);
    const page = await ws.client.helpCenters.collections.list({ per_page: 2 });
    expect(page.data).toHaveLength(2);
    expect(page.hasNextPage()).toBe(true);
    const seen = page.data.map((c) => c.id);
    await page.getNextPage();
    seen.push(...page.data.map((c) => c.id));
    // (this pager, too, stops at the first empty page)
    expect(page.hasNextPage()).toBe(true);
    await page.getNextPage();
    expect(page.data).toEqual([]);
    expect(page.hasNextPage()).toBe(false);
    expect(seen.sort()).toEqual([...ids].sort());

    for await (const c of await other.client.helpCenters.collections.list()) expect(ids).not.toContain(c.id);
    await sdkError(other.client.helpCenters.find({ help_center_id: Number(hc.id) }), Intercom.NotFoundError, 404, "not_found");
    await sdkError(other.client.helpCenters.collections.find({ collection_id: Number(ids[0]) }), Intercom.NotFoundError, 404, "not_found");
    await sdkError(other.client.helpCenters.collections.update({ collection_id: Number(ids[0]), name: "mine" }), Intercom.NotFoundError, 404, "not_found");
    await sdkError(other.client.helpCenters.collections.delete({ collection_id: Number(ids[0]) }), Intercom.NotFoundError, 404, "not_found");
    await sdkError(ws.client.helpCenters.collections.create({ name: "" }), Intercom.BadRequestError, 400);
  });

  it("articles and internal articles: missing and foreign ones are NotFoundError, bad input BadRequestError", async () => {
    const ws = await srv.newWorkspace("sdk articles");
    const other = await srv.newWorkspace("sdk articles other");
    const art = await ws.client.articles.create({ title: "Reset your password", author_id: ws.adminId, body: "Click forgot password", state: "published" });
    expect(art).toMatchObject({ type: "article", title: "Reset your password", state: "published" });
    await sdkError(other.client.articles.find({ article_id: Number(art.id) }), Intercom.NotFoundError, 404, "not_found");
    await sdkError(other.client.articles.update({ article_id: Number(art.id), title: "mine" }), Intercom.NotFoundError, 404, "not_found");
    await sdkError(other.client.articles.delete({ article_id: Number(art.id) }), Intercom.NotFoundError, 404, "not_found");
    await sdkError(ws.client.articles.create({ title: "No author", author_id: 999999 }), IntercomError, 400);
    expect((await other.client.articles.search({ phrase: "password" })).data?.articles ?? []).toEqual([]);
    expect((await ws.client.articles.search({ phrase: "password" })).data?.articles?.map((a) => a.id)).toEqual([art.id]);

    const ia = await ws.client.internalArticles.createInternalArticle({ title: "On call", body: "Page them", owner_id: ws.adminId, author_id: ws.adminId });
    await sdkError(other.client.internalArticles.retrieveInternalArticle({ internal_article_id: Number(ia.id) }), Intercom.NotFoundError, 404, "not_found");
    await sdkError(other.client.internalArticles.updateInternalArticle({ internal_article_id: Number(ia.id), title: "mine" }), Intercom.NotFoundError, 404, "not_found");
    await sdkError(other.client.internalArticles.deleteInternalArticle({ internal_article_id: Number(ia.id) }), Intercom.NotFoundError, 404, "not_found");
    expect((await other.client.internalArticles.listInternalArticles()).data ?? []).toEqual([]);
  });
});
