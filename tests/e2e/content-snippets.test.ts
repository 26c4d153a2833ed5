import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type TestServer } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

const V = "2.16";

describe("content snippets", () => {
  it("creates, reads, updates, lists and deletes snippets", async () => {
    const ws = await srv.newWorkspace("Snippets");
    const created = await ws.api("/content_snippets", { body: { title: "Opening hours", body_markdown: "We are open **9–5**", json_blocks: [{ type: "paragraph", text: "We are open 9–5" }] }, version: V });
    expect(created.status).toBe(201);
    const s = created.body;
    expect(s).toMatchObject({ type: "content_snippet", title: "Opening hours", locale: "en", body_markdown: "We are open **9–5**", json_blocks: [{ type: "paragraph", text: "We are open 9–5" }], ai_chatbot_availability: true, ai_copilot_availability: true, ai_sales_agent_availability: false, audience_ids: [] });
    expect((await ws.api(`/content_snippets/${s.id}`, { version: V })).body).toEqual(s);
    const up = (await ws.api(`/content_snippets/${s.id}`, { method: "PUT", body: { title: "Hours", ai_copilot_availability: false }, version: V })).body;
    expect(up).toMatchObject({ id: s.id, title: "Hours", body_markdown: "We are open **9–5**", ai_copilot_availability: false });
    const s2 = (await ws.api("/content_snippets", { body: { title: "Second" }, version: V })).body;
    const list = (await ws.api("/content_snippets?per_page=1", { version: V })).body;
    expect(list).toMatchObject({ type: "list", total_count: 2, page: 1, per_page: 1, total_pages: 2, data: [{ id: s2.id }] });
    expect((await ws.api("/content_snippets?per_page=1&page=2", { version: V })).body.data.map((x: any) => x.id)).toEqual([s.id]);
    expect((await ws.api(`/content_snippets/${s.id}`, { method: "DELETE", version: V })).status).toBe(204);
    expectErrorList(await ws.api(`/content_snippets/${s.id}`, { version: V }), 404, "not_found");
    expectErrorList(await ws.api(`/content_snippets/${s.id}`, { method: "DELETE", version: V }), 404, "not_found");
  });

  it("answers the documented errors and isolates workspaces", async () => {
    const ws = await srv.newWorkspace("Snippet errors");
    const other = await srv.newWorkspace("Snippet others");
    const s = (await ws.api("/content_snippets", { body: { title: "Mine" }, version: V })).body;
    expectErrorList(await ws.api("/content_snippets", { body: { body_markdown: "no title" }, version: V }), 422);
    expectErrorList(await ws.api("/content_snippets", { body: { title: " " }, version: V }), 422);
    expectErrorList(await ws.api("/content_snippets", { body: { title: "x", locale: "xx" }, version: V }), 422);
    expectErrorList(await ws.api("/content_snippets", { body: { title: "x", json_blocks: [1, 2] }, version: V }), 422);
    for (const method of ["GET", "DELETE"]) expectErrorList(await other.api(`/content_snippets/${s.id}`, { method, version: V }), 404, "not_found");
    expectErrorList(await other.api(`/content_snippets/${s.id}`, { method: "PUT", body: { title: "x" }, version: V }), 404, "not_found");
    expect((await other.api("/content_snippets", { version: V })).body.total_count).toBe(0);
  });
});
