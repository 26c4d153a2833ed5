// intercom-client 7.x, `client.unstable.*` (Intercom-Version: Unstable): articles, help center and its
// collections, internal articles, news items and newsfeeds, AI content (import sources and external
// pages). Every method at least once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Intercom } from "intercom-client";
import { startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";
import { sdkError, unstableClient } from "../helpers/sdk.js";

let srv: TestServer;
let ws: TestWorkspace;
let sdk: ReturnType<typeof unstableClient>;
beforeAll(async () => {
  srv = await startTestServer();
  ws = await srv.newWorkspace("SDK unstable content");
  sdk = unstableClient(srv, ws);
});
afterAll(async () => srv?.close());

const U = Intercom.unstable;

describe("SDK unstable: help center, collections, articles", () => {
  it("reads help centers; creates, reads, lists, updates and deletes collections", async () => {
    const centers: any = await sdk.helpCenter.listHelpCenters();
    expect(centers.type).toBe("list");
    expect(centers.data).toHaveLength(1);
    const hc = centers.data[0];
    expect(await sdk.helpCenter.retrieveHelpCenter({ id: Number(hc.id) })).toMatchObject({ id: hc.id, identifier: hc.identifier });
    await sdkError(sdk.helpCenter.retrieveHelpCenter({ id: 999999 }), 404, undefined, U.NotFoundError);

    const col: any = await sdk.helpCenter.createCollection({ name: "Thanks for everything", description: "All of it" });
    expect(col).toMatchObject({ id: expect.any(String), name: "Thanks for everything", description: "All of it", help_center_id: Number(hc.id) });
    const sub: any = await sdk.helpCenter.createCollection({ name: "Sub", parent_id: col.id });
    expect(sub.parent_id).toBe(col.id);
    expect(await sdk.helpCenter.retrieveCollection({ id: Number(col.id) })).toMatchObject({ id: col.id, name: "Thanks for everything" });
    expect(await sdk.helpCenter.updateCollection({ id: Number(col.id), name: "Update collection name" })).toMatchObject({ id: col.id, name: "Update collection name" });
    const list: any = await sdk.helpCenter.listAllCollections();
    expect(list).toMatchObject({ type: "list", total_count: 2 });
    expect(list.data.map((x: any) => x.id).sort()).toEqual([col.id, sub.id].sort());
    expect(await sdk.helpCenter.deleteCollection({ id: Number(sub.id) })).toMatchObject({ id: sub.id, object: "collection", deleted: true });
    await sdkError(sdk.helpCenter.retrieveCollection({ id: Number(sub.id) }), 404, undefined, U.NotFoundError);
    await sdkError(sdk.helpCenter.createCollection({ name: "" }), 400, undefined, U.BadRequestError);
  });

  it("creates, reads, lists, searches and deletes articles", async () => {
    const col: any = await sdk.helpCenter.createCollection({ name: "Guides" });
    const a: any = await sdk.articles.createArticle({ title: "Getting started", body: "<p>Start here with a widget</p>", author_id: ws.adminId, state: "published", parent_id: Number(col.id), parent_type: "collection" });
    expect(a).toMatchObject({ type: "article", title: "Getting started", state: "published", author_id: ws.adminId, parent_ids: [Number(col.id)] });
    const draft: any = await sdk.articles.createArticle({ title: "Draft notes", author_id: ws.adminId });
    expect(draft.state).toBe("draft");

    expect(await sdk.articles.retrieveArticle({ id: Number(a.id) })).toMatchObject({ id: a.id, title: "Getting started" });
    const list: any = await sdk.articles.listArticles();
    expect(list).toMatchObject({ type: "list", total_count: 2 });
    expect(list.data.map((x: any) => x.id).sort()).toEqual([a.id, draft.id].sort());

    const found: any = await sdk.articles.searchArticles({ phrase: "widget", state: "published", highlight: true });
    expect(found).toMatchObject({ type: "list", total_count: 1, data: { articles: [{ id: a.id }] } });
    expect(found.data.highlights.length).toBe(1);

    expect(await sdk.articles.deleteArticle({ id: Number(draft.id) })).toMatchObject({ id: draft.id, object: "article", deleted: true });
    await sdkError(sdk.articles.retrieveArticle({ id: Number(draft.id) }), 404, undefined, U.NotFoundError);
    await sdkError(sdk.articles.createArticle({ title: "No author" }), 400, undefined, U.BadRequestError);
  });
});

describe("SDK unstable: internal articles", () => {
  it("creates, reads, lists, updates, searches and deletes internal articles", async () => {
    const a: any = await sdk.internalArticles.createInternalArticle({ title: "Thanks for everything", body: "Body of the Article", author_id: ws.adminId, owner_id: ws.adminId });
    expect(a).toMatchObject({ type: "internal_article", title: "Thanks for everything", author_id: ws.adminId, owner_id: ws.adminId });
    expect(await sdk.internalArticles.retrieveInternalArticle({ id: Number(a.id) })).toMatchObject({ id: a.id, title: "Thanks for everything" });
    const up: any = await sdk.internalArticles.updateInternalArticle({ id: Number(a.id), title: "Christmas is here!", body: "<p>New gifts in store for the jolly season</p>" });
    expect(up).toMatchObject({ id: a.id, title: "Christmas is here!", body: "<p>New gifts in store for the jolly season</p>" });
    const list: any = await sdk.internalArticles.listInternalArticles();
    expect(list).toMatchObject({ type: "list", total_count: 1, data: [{ id: a.id }] });
    const found: any = await sdk.internalArticles.searchInternalArticles({});
    expect(found).toMatchObject({ type: "list", total_count: 1, data: { internal_articles: [{ id: a.id }] } });
    expect(await sdk.internalArticles.deleteInternalArticle({ id: Number(a.id) })).toMatchObject({ id: a.id, object: "internal_article", deleted: true });
    await sdkError(sdk.internalArticles.retrieveInternalArticle({ id: Number(a.id) }), 404, undefined, U.NotFoundError);
    await sdkError(sdk.internalArticles.createInternalArticle({ title: "x", body: "y", author_id: 999999, owner_id: ws.adminId }), 400, undefined);
  });
});

describe("SDK unstable: news", () => {
  it("creates, reads, lists, updates and deletes news items; lists newsfeeds and their live items", async () => {
    const feeds: any = await sdk.news.listNewsfeeds();
    expect(feeds.type).toBe("list");
    expect(feeds.data.length).toBeGreaterThan(0);
    const feed = feeds.data[0];
    expect(await sdk.news.retrieveNewsfeed({ id: feed.id })).toMatchObject({ type: "newsfeed", id: feed.id, name: feed.name });
    await sdkError(sdk.news.retrieveNewsfeed({ id: "999999" }), 404);

    const item: any = await sdk.news.createNewsItem({
      title: "Halloween is here!",
      body: "<p>New costumes in store for this spooky season</p>",
      sender_id: ws.adminId,
      state: "live",
      deliver_silently: true,
      labels: ["Product", "Update"],
      reactions: ["😆", "😅"],
      newsfeed_assignments: [{ newsfeed_id: Number(feed.id), published_at: 1_664_638_214 }],
    });
    expect(item).toMatchObject({ type: "news-item", title: "Halloween is here!", state: "live", sender_id: ws.adminId, labels: ["Product", "Update"], newsfeed_assignments: [{ newsfeed_id: Number(feed.id) }] });
    const draft: any = await sdk.news.createNewsItem({ title: "Draft", sender_id: ws.adminId });
    expect(draft.state).toBe("draft");

    expect(await sdk.news.retrieveNewsItem({ id: Number(item.id) })).toMatchObject({ id: item.id, title: "Halloween is here!" });
    const up: any = await sdk.news.updateNewsItem({ id: Number(item.id), body: { title: "Christmas is here!", body: "<p>New gifts in store for the jolly season</p>", sender_id: ws.adminId, reactions: ["😝", "😂"] } });
    expect(up).toMatchObject({ id: item.id, title: "Christmas is here!", reactions: ["😝", "😂"] });

    const all: any = await sdk.news.listNewsItems();
    expect(all).toMatchObject({ type: "list", total_count: 2 });
    const live: any = await sdk.news.listLiveNewsfeedItems({ id: feed.id });
    expect(live).toMatchObject({ type: "list", total_count: 1, data: [{ id: item.id }] });

    expect(await sdk.news.deleteNewsItem({ id: Number(draft.id) })).toMatchObject({ id: draft.id, object: "news-item", deleted: true });
    await sdkError(sdk.news.retrieveNewsItem({ id: Number(draft.id) }), 404, undefined, U.NotFoundError);
    await sdkError(sdk.news.createNewsItem({ title: "No sender" } as any), 400);
  });
});

describe("SDK unstable: AI content", () => {
  it("manages content import sources and their external pages", async () => {
    const src: any = await sdk.aiContent.createContentImportSource({ url: "https://www.example.com" });
    expect(src).toMatchObject({ type: "content_import_source", url: "https://www.example.com", status: "active", sync_behavior: "api" });
    expect(await sdk.aiContent.getContentImportSource({ id: String(src.id) })).toMatchObject({ id: src.id });
    const upSrc: any = await sdk.aiContent.updateContentImportSource({ id: String(src.id), sync_behavior: "api", url: "https://docs.example.com", status: "deactivated" });
    expect(upSrc).toMatchObject({ id: src.id, url: "https://docs.example.com", status: "deactivated" });
    const sources: any = await sdk.aiContent.listContentImportSources();
    expect(sources).toMatchObject({ type: "list", total_count: 1, data: [{ id: src.id }] });

    const page: any = await sdk.aiContent.createExternalPage({ title: "Test", html: "<html><body><h1>Test</h1></body></html>", url: "https://docs.example.com/test", source_id: Number(src.id), external_id: "abc1234" });
    expect(page).toMatchObject({ type: "external_page", title: "Test", source_id: Number(src.id), external_id: "abc1234" });
    // the same source and external id: updated, not duplicated
    const same: any = await sdk.aiContent.createExternalPage({ title: "Test again", html: "<p>x</p>", url: "https://docs.example.com/test", source_id: Number(src.id), external_id: "abc1234" });
    expect(same).toMatchObject({ id: page.id, title: "Test again" });
    expect(await sdk.aiContent.getExternalPage({ id: String(page.id) })).toMatchObject({ id: page.id, title: "Test again" });
    const upPage: any = await sdk.aiContent.updateExternalPage({ id: String(page.id), title: "Updated", html: "<p>y</p>", url: "https://docs.example.com/test", source_id: Number(src.id), external_id: "abc1234" });
    expect(upPage).toMatchObject({ id: page.id, title: "Updated" });
    const pages: any = await sdk.aiContent.listExternalPages();
    expect(pages).toMatchObject({ type: "list", total_count: 1, data: [{ id: page.id }] });
    expect(await sdk.aiContent.deleteExternalPage({ id: String(page.id) })).toMatchObject({ id: page.id });
    await sdkError(sdk.aiContent.getExternalPage({ id: String(page.id) }), 404);

    await sdk.aiContent.deleteContentImportSource({ id: String(src.id) });
    await sdkError(sdk.aiContent.getContentImportSource({ id: String(src.id) }), 404);
    await sdkError(sdk.aiContent.createContentImportSource({ url: "not a url" }), 400, undefined);
  });
});
