// Tags on articles, internal articles and content snippets (2.16).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type TestServer } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

const V = "2.16";

describe("content tags", () => {
  it("applies and removes tags on articles, internal articles and snippets; documented errors; isolation", async () => {
    const ws = await srv.newWorkspace("Content tags");
    const article = (await ws.api("/articles", { method: "POST", body: { title: "Billing", author_id: ws.adminId } })).body;
    const internal = (await ws.api("/internal_articles", { body: { title: "Refunds", body: "x", owner_id: ws.adminId, author_id: ws.adminId } })).body;
    const snippet = (await ws.api("/content_snippets", { body: { title: "Hours" }, version: V })).body;
    const tag = (await ws.api("/tags", { method: "POST", body: { name: "Billing" } })).body;
    await ws.api("/_opencom/clock", { method: "PUT", body: { now: 1_700_000_000 } });

    for (const [base, obj, code] of [
      ["/articles", article, "article_not_found"],
      ["/internal_articles", internal, "internal_article_not_found"],
      ["/content_snippets", snippet, "content_snippet_not_found"],
    ] as const) {
      const applied = await ws.api(`${base}/${obj.id}/tags`, { method: "POST", version: V, body: { id: tag.id } });
      expect(applied.status).toBe(200);
      expect(applied.body).toEqual({ type: "tag", id: tag.id, name: "Billing", applied_at: 1_700_000_000, applied_by: { type: "admin", id: String(ws.adminId) } });
      // applying again is idempotent: the first application stays
      await ws.api("/_opencom/clock/advance", { method: "POST", body: { seconds: 5 } });
      expect((await ws.api(`${base}/${obj.id}/tags`, { method: "POST", version: "Unstable", body: { id: Number(tag.id), admin_id: String(ws.adminId) } })).body.applied_at).toBe(1_700_000_000);
      await ws.api("/_opencom/clock", { method: "PUT", body: { now: 1_700_000_000 } });

      const removed = await ws.api(`${base}/${obj.id}/tags/${tag.id}`, { method: "DELETE", version: V });
      expect(removed.body).toEqual({ type: "tag", id: tag.id, name: "Billing", applied_at: null });

      expectErrorList(await ws.api(`${base}/999999/tags`, { method: "POST", version: V, body: { id: tag.id } }), 404, code);
      expectErrorList(await ws.api(`${base}/${obj.id}/tags`, { method: "POST", version: V, body: { id: "999999" } }), 404, "tag_not_found");
      expectErrorList(await ws.api(`${base}/${obj.id}/tags/999999`, { method: "DELETE", version: V }), 404, "tag_not_found");
      expectErrorList(await ws.api(`${base}/${obj.id}/tags`, { method: "POST", version: V, body: {} }), 400);
      expectErrorList(await ws.api(`${base}/${obj.id}/tags`, { method: "POST", version: V, body: { id: tag.id, admin_id: "999999" } }), 404);

      // another workspace's token sees neither the content nor the tag
      const other = await srv.newWorkspace(`Other ${code}`);
      const otherTag = (await other.api("/tags", { method: "POST", body: { name: "Mine" } })).body;
      expectErrorList(await other.api(`${base}/${obj.id}/tags`, { method: "POST", version: V, body: { id: otherTag.id } }), 404, code);
      expectErrorList(await ws.api(`${base}/${obj.id}/tags`, { method: "POST", version: V, body: { id: otherTag.id } }), 404, "tag_not_found");
    }

    // deleting a tag removes its applications with it
    await ws.api(`/articles/${article.id}/tags`, { method: "POST", version: V, body: { id: tag.id } });
    expect((await ws.api(`/tags/${tag.id}`, { method: "DELETE" })).status).toBe(200);
    expectErrorList(await ws.api(`/articles/${article.id}/tags/${tag.id}`, { method: "DELETE", version: V }), 404, "tag_not_found");
  });
});
