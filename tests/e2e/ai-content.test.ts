import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type TestServer } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

const V = "2.14";

describe("content import sources", () => {
  it("creates, reads, updates, lists and deletes sources (SDK)", async () => {
    const ws = await srv.newWorkspace("Sources");
    const src = await ws.client.aiContent.createContentImportSource({ url: "https://docs.example.com" } as any);
    expect(src).toMatchObject({ type: "content_import_source", url: "https://docs.example.com", sync_behavior: "api", status: "active" });
    expect(typeof src.id).toBe("number");
    expect(await ws.client.aiContent.getContentImportSource({ source_id: String(src.id) })).toEqual(src);
    const up = await ws.client.aiContent.updateContentImportSource({ source_id: String(src.id), sync_behavior: "manual", url: "https://docs.example.com/v2", status: "deactivated" } as any);
    expect(up).toMatchObject({ sync_behavior: "manual", url: "https://docs.example.com/v2", status: "deactivated" });
    const list = await ws.client.aiContent.listContentImportSources();
    expect(list).toMatchObject({ type: "list", total_count: 1, pages: { type: "pages", page: 1, total_pages: 1 } });
    await ws.client.aiContent.deleteContentImportSource({ source_id: String(src.id) });
    expectErrorList(await ws.api(`/ai/content_import_sources/${src.id}`, { version: V }), 404, "not_found");

    expectErrorList(await ws.api("/ai/content_import_sources", { body: { sync_behavior: "api" }, version: V }), 400, "parameter_not_found");
    expectErrorList(await ws.api("/ai/content_import_sources", { body: { sync_behavior: "api", url: "ftp://x" }, version: V }), 400, "parameter_invalid");
    expectErrorList(await ws.api("/ai/content_import_sources", { body: { sync_behavior: "magic", url: "https://x.example" }, version: V }), 400, "parameter_invalid");
  });
});

describe("external pages", () => {
  it("upserts by external_id, updates, deletes, and goes with its source", async () => {
    const ws = await srv.newWorkspace("Pages");
    const src = (await ws.api("/ai/content_import_sources", { body: { sync_behavior: "api", url: "https://help.example.com" }, version: V })).body;
    const page = await ws.client.aiContent.createExternalPage({ title: "Returns", html: "<p>Send it back within 30 days</p>", url: "https://help.example.com/returns", source_id: src.id, external_id: "returns" } as any);
    expect(page).toMatchObject({ type: "external_page", title: "Returns", source_id: src.id, external_id: "returns", locale: "en", ai_agent_availability: true, ai_copilot_availability: true });
    // the same external_id updates the page
    const again = (await ws.api("/ai/external_pages", { body: { title: "Returns policy", html: "<p>60 days</p>", locale: "en", source_id: src.id, external_id: "returns" }, version: V })).body;
    expect(again).toMatchObject({ id: page.id, title: "Returns policy", html: "<p>60 days</p>", created_at: page.created_at, url: "https://help.example.com/returns" });
    expect((await ws.api("/ai/external_pages", { version: V })).body.total_count).toBe(1);

    const got = await ws.client.aiContent.getExternalPage({ page_id: page.id });
    expect(got.title).toBe("Returns policy");
    const up = await ws.client.aiContent.updateExternalPage({ page_id: page.id, title: "Returns (updated)", html: "<p>90 days</p>", url: "https://help.example.com/r", source_id: src.id } as any);
    expect(up).toMatchObject({ id: page.id, title: "Returns (updated)", external_id: "returns" });
    const other = (await ws.api("/ai/external_pages", { body: { title: "Other", html: "x", locale: "en", source_id: src.id, external_id: "other" }, version: V })).body;
    expectErrorList(await ws.api(`/ai/external_pages/${other.id}`, { method: "PUT", body: { external_id: "returns" }, version: V }), 409, "conflict");

    const deleted = await ws.client.aiContent.deleteExternalPage({ page_id: other.id });
    expect(deleted).toMatchObject({ id: other.id, type: "external_page" });
    expectErrorList(await ws.api(`/ai/external_pages/${other.id}`, { version: V }), 404, "not_found");

    // deleting the source deletes its pages
    expect((await ws.api(`/ai/content_import_sources/${src.id}`, { method: "DELETE", version: V })).status).toBe(204);
    expectErrorList(await ws.api(`/ai/external_pages/${page.id}`, { version: V }), 404, "not_found");
    expect((await ws.api("/ai/external_pages", { version: V })).body.total_count).toBe(0);
  });

  it("200 concurrent upserts of one external_id leave exactly one page", async () => {
    const ws = await srv.newWorkspace("Races");
    const src = (await ws.api("/ai/content_import_sources", { body: { sync_behavior: "api", url: "https://race.example.com" }, version: V })).body;
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => ws.api("/ai/external_pages", { body: { title: `Title ${i}`, html: `<p>${i}</p>`, locale: "en", source_id: src.id, external_id: "same" }, version: V })),
    );
    expect(results.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    const list = (await ws.api("/ai/external_pages", { version: V })).body;
    expect(list.total_count).toBe(1);
    expect(list.data[0].title).toMatch(/^Title \d+$/);
  });

  it("answers the documented errors and isolates workspaces", async () => {
    const ws = await srv.newWorkspace("Page errors");
    const other = await srv.newWorkspace("Page others");
    const src = (await ws.api("/ai/content_import_sources", { body: { sync_behavior: "api", url: "https://e.example.com" }, version: V })).body;
    const page = (await ws.api("/ai/external_pages", { body: { title: "T", html: "h", locale: "en", source_id: src.id, external_id: "1" }, version: V })).body;
    for (const [path, method] of [[`/ai/external_pages/${page.id}`, "GET"], [`/ai/external_pages/${page.id}`, "DELETE"], [`/ai/content_import_sources/${src.id}`, "GET"], [`/ai/content_import_sources/${src.id}`, "DELETE"]]) {
      expectErrorList(await other.api(path, { method, version: V }), 404, "not_found");
    }
    expectErrorList(await other.api("/ai/external_pages", { body: { title: "T", html: "h", locale: "en", source_id: src.id, external_id: "2" }, version: V }), 404, "not_found");
    expectErrorList(await ws.api("/ai/external_pages", { body: { html: "h", locale: "en", source_id: src.id, external_id: "2" }, version: V }), 400, "parameter_not_found");
    expectErrorList(await ws.api("/ai/external_pages", { body: { title: "T", html: "h", locale: "fr", source_id: src.id, external_id: "2" }, version: V }), 400, "parameter_invalid");
    expectErrorList(await ws.api("/ai/external_pages", { body: { title: "T", html: "h", locale: "en", source_id: src.id }, version: V }), 400, "parameter_not_found");
    expect((await ws.api(`/ai/external_pages/${page.id}`, { version: V })).status).toBe(200);
  });
});
