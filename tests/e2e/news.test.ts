import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type TestServer } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

describe("news", () => {
  it("every workspace has its newsfeeds (SDK)", async () => {
    const feeds = await srv.ws.client.news.feeds.list();
    expect(feeds.data?.map((f: any) => f.name)).toEqual(["Messenger", "Web"]);
    const feed = feeds.data![0] as any;
    expect(feed).toMatchObject({ type: "newsfeed", id: expect.stringMatching(/^\d+$/) });
    expect(await srv.ws.client.news.feeds.find({ newsfeed_id: feed.id })).toEqual(feed);
    const other = await srv.newWorkspace("Other news");
    expectErrorList(await other.api(`/news/newsfeeds/${feed.id}`), 404, "not_found");
    expectErrorList(await other.api(`/news/newsfeeds/${feed.id}/items`), 404, "not_found");
  });

  it("creates, reads, updates, publishes and deletes news items", async () => {
    const feeds = (await srv.ws.api("/news/newsfeeds")).body.data;
    const [messenger, web] = feeds.map((f: any) => Number(f.id));
    const item = await srv.ws.client.news.items.create({
      title: "We have news",
      body: "<p>Hello there</p>",
      sender_id: srv.ws.adminId,
      labels: ["Product", "Update"],
      reactions: ["👍", "🎉"],
      deliver_silently: true,
      newsfeed_assignments: [{ newsfeed_id: messenger, published_at: 1_600_000_000 }],
    });
    expect(item).toMatchObject({
      type: "news-item",
      title: "We have news",
      body: "<p>Hello there</p>",
      sender_id: srv.ws.adminId,
      state: "draft",
      labels: ["Product", "Update"],
      reactions: ["👍", "🎉"],
      deliver_silently: true,
      newsfeed_assignments: [{ newsfeed_id: messenger, published_at: 1_600_000_000 }],
      workspace_id: srv.ws.workspaceId,
    });
    expect(await srv.ws.client.news.items.find({ news_item_id: Number(item.id) })).toEqual(item);
    // a draft is not on the feed
    expect((await srv.ws.api(`/news/newsfeeds/${messenger}/items`)).body.total_count).toBe(0);
    const live = await srv.ws.client.news.items.update({ news_item_id: Number(item.id), body: { title: "We have news", sender_id: srv.ws.adminId, state: "live" } });
    expect(live).toMatchObject({ state: "live", labels: ["Product", "Update"], newsfeed_assignments: [{ newsfeed_id: messenger }] });
    const onFeed = await srv.ws.client.news.feeds.listItems({ newsfeed_id: String(messenger) });
    expect(onFeed.data?.map((i: any) => i.id)).toEqual([item.id]);
    expect((await srv.ws.api(`/news/newsfeeds/${web}/items`)).body.total_count).toBe(0);
    // scheduled in the future: not live yet
    const later = (await srv.ws.api("/news/news_items", { body: { title: "Soon", sender_id: srv.ws.adminId, state: "live", newsfeed_assignments: [{ newsfeed_id: web, published_at: 4_000_000_000 }] } })).body;
    expect((await srv.ws.api(`/news/newsfeeds/${web}/items`)).body.total_count).toBe(0);
    // assignments are replaced by an update that carries them
    const moved = (await srv.ws.api(`/news/news_items/${later.id}`, { method: "PUT", body: { newsfeed_assignments: [{ newsfeed_id: web }, { newsfeed_id: messenger }] } })).body;
    expect(moved.newsfeed_assignments.map((a: any) => a.newsfeed_id)).toEqual([messenger, web]);
    expect((await srv.ws.api(`/news/newsfeeds/${web}/items`)).body.data.map((i: any) => i.id)).toEqual([later.id]);
    expect((await srv.ws.api(`/news/newsfeeds/${messenger}/items`)).body.data.map((i: any) => i.id)).toEqual([later.id, item.id]);

    const all = (await srv.ws.api("/news/news_items?per_page=1")).body;
    expect(all).toMatchObject({ type: "list", total_count: 2, pages: { page: 1, per_page: 1, total_pages: 2 } });
    const page2 = (await srv.ws.api(`/news/news_items?per_page=1&starting_after=${all.pages.next.starting_after}`)).body;
    expect([all.data[0].id, page2.data[0].id]).toEqual([later.id, item.id]);

    expect(await srv.ws.client.news.items.delete({ news_item_id: Number(item.id) })).toEqual({ id: item.id, object: "news-item", deleted: true });
    expectErrorList(await srv.ws.api(`/news/news_items/${item.id}`), 404, "not_found");
    expect((await srv.ws.api(`/news/newsfeeds/${messenger}/items`)).body.data.map((i: any) => i.id)).toEqual([later.id]);
  });

  it("answers the documented errors and isolates workspaces", async () => {
    const other = await srv.newWorkspace("News isolation");
    const mine = (await srv.ws.api("/news/news_items", { body: { title: "Mine", sender_id: srv.ws.adminId } })).body;
    expectErrorList(await other.api(`/news/news_items/${mine.id}`), 404, "not_found");
    expectErrorList(await other.api(`/news/news_items/${mine.id}`, { method: "PUT", body: { title: "x" } }), 404, "not_found");
    expectErrorList(await other.api(`/news/news_items/${mine.id}`, { method: "DELETE" }), 404, "not_found");
    expect((await other.api("/news/news_items")).body.total_count).toBe(0);
    const feedOfOther = (await other.api("/news/newsfeeds")).body.data[0].id;
    expectErrorList(await srv.ws.api("/news/news_items", { body: { sender_id: srv.ws.adminId } }), 400, "parameter_not_found");
    expectErrorList(await srv.ws.api("/news/news_items", { body: { title: "x" } }), 400, "parameter_not_found");
    expectErrorList(await srv.ws.api("/news/news_items", { body: { title: "x", sender_id: other.adminId } }), 400, "parameter_invalid");
    expectErrorList(await srv.ws.api("/news/news_items", { body: { title: "x", sender_id: srv.ws.adminId, state: "published" } }), 400, "parameter_invalid");
    expectErrorList(await srv.ws.api("/news/news_items", { body: { title: "x", sender_id: srv.ws.adminId, newsfeed_assignments: [{ newsfeed_id: Number(feedOfOther) }] } }), 400, "parameter_invalid");
    expectErrorList(await srv.ws.api("/news/news_items", { body: { title: "x", sender_id: srv.ws.adminId, labels: Array(21).fill("l") } }), 400, "parameter_invalid");
    expectErrorList(await srv.ws.api("/news/news_items/abc"), 404, "not_found");
    // 2.7 has the same shapes
    const v27 = await srv.ws.api(`/news/news_items/${mine.id}`, { version: "2.7" });
    expect(v27.body).toMatchObject({ type: "news-item", id: mine.id });
  });
});
