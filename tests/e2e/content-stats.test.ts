// Content statistics the Messenger records (POST /_opencom/content_stats) on both stores: a news item's
// stats notified as content_stat.news_item (signature-checked, at a real receiver), an article's views,
// conversions and reactions in its `statistics` (no topic: Intercom has none for articles), one reaction
// per contact, the errors, workspace isolation, reset and snapshot.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";
import { startReceiver, type Receiver } from "../helpers/receiver.js";
import { subscribed } from "../helpers/webhook-topics.js";

let srv: TestServer;
let rx: Receiver;
beforeAll(async () => {
  srv = await startTestServer();
  rx = await startReceiver();
});
afterAll(async () => {
  await rx?.close();
  await srv?.close();
});

const stat = (ws: TestWorkspace, body: Record<string, unknown>) => ws.api("/_opencom/content_stats", { body });
const contact = async (ws: TestWorkspace, email: string) => (await ws.api("/contacts", { body: { role: "user", email } })).body.id as string;

async function newsItem(ws: TestWorkspace, state = "live") {
  const r = await ws.api("/news/news_items", { body: { title: "New dashboard", body: "<p>Fresh</p>", sender_id: ws.adminId, state, reactions: ["🎉", "👍"] } });
  expect(r.status).toBe(200);
  return r.body;
}
async function article(ws: TestWorkspace, state = "published") {
  const r = await ws.api("/articles", { body: { title: "Reset your password", body: "<p>Open Settings.</p>", author_id: ws.adminId, state } });
  expect(r.status).toBe(200);
  return r.body;
}

describe("content stats", () => {
  it("a news item's stats are recorded and notified as content_stat.news_item", async () => {
    const { ws, next, none } = await subscribed(srv, rx, "Content stats news", ["content_stat.news_item"], "2.14");
    await ws.api("/_opencom/clock", { method: "PUT", body: { now: 1_700_000_000 } });
    const item = await newsItem(ws);
    const ada = await contact(ws, "ada@stats.example");

    const receipt = await stat(ws, { content_type: "news_item", content_id: item.id, stat_type: "receipt", contact_id: ada });
    expect(receipt.status).toBe(200);
    expect(receipt.body).toEqual({
      type: "content_stat.news_item",
      id: expect.any(String),
      content_type: "news_item",
      content_id: String(item.id),
      content_title: "New dashboard",
      stat_type: "receipt",
      contact_id: ada,
      created_at: 1_700_000_000,
    });
    let [n] = await next(1);
    expect(n.json.topic).toBe("content_stat.news_item");
    expect(n.json.data.item).toEqual(receipt.body);

    // a reaction: one of the item's own emoji, one per contact (a second replaces the first)
    const r1 = await stat(ws, { content_type: "news_item", content_id: Number(item.id), stat_type: "reaction", contact_id: ada, reaction: "🎉" });
    expect(r1.body).toMatchObject({ stat_type: "reaction", reaction: "🎉" });
    [n] = await next(1);
    expect(n.json.data.item).toEqual(r1.body);
    await ws.api("/_opencom/clock/advance", { body: { seconds: 5 } });
    const r2 = await stat(ws, { content_type: "news_item", content_id: item.id, stat_type: "reaction", contact_id: ada, reaction: "👍" });
    expect(r2.body).toMatchObject({ id: r1.body.id, reaction: "👍", created_at: 1_700_000_005 });
    [n] = await next(1);
    expect(n.json.data.item.reaction).toBe("👍");
    expectErrorList(await stat(ws, { content_type: "news_item", content_id: item.id, stat_type: "reaction", contact_id: ada, reaction: "😡" }), 400, "parameter_invalid");

    // opens and clicks are rows of their own
    for (const t of ["open", "click", "click"]) expect((await stat(ws, { content_type: "news_item", content_id: item.id, stat_type: t, contact_id: ada })).status).toBe(200);
    // deliveries of one worker pass go out concurrently, so they may arrive in any order
    const three = await next(3);
    expect(three.map((x) => x.json.data.item.stat_type).sort()).toEqual(["click", "click", "open"]);
    expect(new Set(three.map((x) => x.json.data.item.id)).size).toBe(3);

    // refused: nothing recorded, nothing notified
    const draft = await newsItem(ws, "draft");
    expectErrorList(await stat(ws, { content_type: "news_item", content_id: draft.id, stat_type: "receipt", contact_id: ada }), 400, "parameter_invalid");
    expectErrorList(await stat(ws, { content_type: "news_item", content_id: item.id, stat_type: "view", contact_id: ada }), 400, "parameter_invalid");
    expectErrorList(await stat(ws, { content_type: "survey", content_id: item.id, stat_type: "receipt", contact_id: ada }), 400, "parameter_invalid");
    expectErrorList(await stat(ws, { content_type: "news_item", content_id: item.id, stat_type: "receipt", contact_id: ada, reaction: "🎉" }), 400, "parameter_invalid");
    expectErrorList(await stat(ws, { content_type: "news_item", content_id: item.id, stat_type: "reaction", contact_id: ada }), 400, "parameter_invalid");
    expectErrorList(await stat(ws, { content_type: "news_item", content_id: "999999", stat_type: "receipt", contact_id: ada }), 404, "not_found");
    expectErrorList(await stat(ws, { content_type: "news_item", content_id: item.id, stat_type: "receipt", contact_id: "nobody" }), 404, "not_found");
    expectErrorList(await stat(ws, { content_type: "news_item", content_id: item.id, stat_type: "receipt" }), 400);
    // another workspace's item and contact are not found
    const other = await srv.newWorkspace("Content stats other");
    const theirs = await contact(other, "them@stats.example");
    expectErrorList(await stat(other, { content_type: "news_item", content_id: item.id, stat_type: "receipt", contact_id: theirs }), 404, "not_found");
    expectErrorList(await stat(ws, { content_type: "news_item", content_id: item.id, stat_type: "receipt", contact_id: theirs }), 404, "not_found");
    await none();
  });

  it("an article's views, conversions and reactions show in its statistics (no topic)", async () => {
    const { ws, none } = await subscribed(srv, rx, "Content stats articles", ["content_stat.news_item", "article.updated"], "2.14");
    const a = await article(ws);
    const [ada, bob, cy] = await Promise.all([contact(ws, "ada@a.example"), contact(ws, "bob@a.example"), contact(ws, "cy@a.example")]);
    const stats = async () => (await ws.api(`/articles/${a.id}`)).body.statistics;
    expect(await stats()).toEqual({ type: "article_statistics", views: 0, conversions: 0, reactions: 0, happy_reaction_percentage: 0, neutral_reaction_percentage: 0, sad_reaction_percentage: 0 });

    for (const who of [ada, bob, ada]) expect((await stat(ws, { content_type: "article", content_id: a.id, stat_type: "view", contact_id: who })).status).toBe(200);
    const conv = await stat(ws, { content_type: "article", content_id: a.id, stat_type: "conversion", contact_id: bob });
    expect(conv.body).toMatchObject({ type: "content_stat.article", content_type: "article", content_id: String(a.id), content_title: "Reset your password", stat_type: "conversion", contact_id: bob });
    await stat(ws, { content_type: "article", content_id: a.id, stat_type: "reaction", contact_id: ada, reaction: "happy" });
    await stat(ws, { content_type: "article", content_id: a.id, stat_type: "reaction", contact_id: bob, reaction: "happy" });
    await stat(ws, { content_type: "article", content_id: a.id, stat_type: "reaction", contact_id: cy, reaction: "happy" });
    // cy changes their mind: still one reaction of theirs
    await stat(ws, { content_type: "article", content_id: a.id, stat_type: "reaction", contact_id: cy, reaction: "sad" });
    expect(await stats()).toEqual({ type: "article_statistics", views: 3, conversions: 1, reactions: 3, happy_reaction_percentage: 66.7, neutral_reaction_percentage: 0, sad_reaction_percentage: 33.3 });
    expectErrorList(await stat(ws, { content_type: "article", content_id: a.id, stat_type: "reaction", contact_id: ada, reaction: "🎉" }), 400, "parameter_invalid");
    expectErrorList(await stat(ws, { content_type: "article", content_id: a.id, stat_type: "click", contact_id: ada }), 400, "parameter_invalid");
    const draft = await article(ws, "draft");
    expectErrorList(await stat(ws, { content_type: "article", content_id: draft.id, stat_type: "view", contact_id: ada }), 400, "parameter_invalid");
    // 20 concurrent reactions of one contact: one reaction
    await Promise.all(Array.from({ length: 20 }, (_, i) => stat(ws, { content_type: "article", content_id: a.id, stat_type: "reaction", contact_id: ada, reaction: i % 2 ? "neutral" : "sad" })));
    expect((await stats()).reactions).toBe(3);
    // not notified (Intercom has no content stat topic for articles), and the article is not "updated"
    await none();

    // reset empties the stats, a snapshot brings them back
    const snap = (await ws.api("/_opencom/snapshot")).body;
    expect((await ws.api("/_opencom/reset", { method: "POST" })).status).toBe(200);
    expect((await ws.api("/_opencom/snapshot", { method: "PUT", body: snap })).status).toBeLessThan(300);
    expect(await stats()).toMatchObject({ views: 3, conversions: 1, reactions: 3 });
    const restored = (await ws.api("/_opencom/snapshot")).body;
    expect(JSON.stringify(restored)).toContain("content_stats");
  });
});
