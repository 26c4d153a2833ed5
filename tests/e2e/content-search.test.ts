// Content search and bulk actions (2.16, Unstable): GET /content/search, POST /content/bulk_actions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

const V = "2.16";

async function ok(ws: TestWorkspace, path: string, body: unknown, method = "POST") {
  const r = await ws.api(path, { method, body, version: V });
  if (r.status >= 300) throw new Error(`${path}: ${r.status} ${r.text}`);
  return r.body;
}

const tick = (ws: TestWorkspace, seconds = 10) => ok(ws, "/_opencom/clock/advance", { seconds });

/** One item of each kind, each mentioning "billing", created 10 s apart (oldest first). */
async function seedContent(ws: TestWorkspace) {
  await ok(ws, "/_opencom/clock", { now: 1_700_000_000 }, "PUT");
  const article = await ok(ws, "/articles", {
    title: "Billing FAQ",
    body: "How billing works",
    author_id: ws.adminId,
    state: "published",
    translated_content: { fr: { title: "Facturation", body: "La facturation billing", author_id: ws.adminId, state: "draft" } },
  });
  await tick(ws);
  const internal = await ok(ws, "/internal_articles", { title: "Internal billing SOP", body: "Refund steps", owner_id: ws.adminId, author_id: ws.adminId });
  await tick(ws);
  const snippet = await ok(ws, "/content_snippets", { title: "Billing hours", body_markdown: "We answer **billing** questions 9-5" });
  await tick(ws);
  const source = await ok(ws, "/ai/content_import_sources", { url: "https://docs.example.com", sync_behavior: "api" });
  const page = await ok(ws, "/ai/external_pages", { title: "Invoices", html: "<p>Your billing <b>invoice</b> explained</p>", locale: "en", source_id: source.id, external_id: "inv" });
  await tick(ws);
  const unrelated = await ok(ws, "/content_snippets", { title: "Shipping", body_markdown: "Parcels leave daily" });
  return { article, internal, snippet, page, unrelated };
}

const search = async (ws: TestWorkspace, qs: string, version = V) => {
  const r = await ws.api(`/content/search${qs}`, { version });
  if (r.status !== 200) throw new Error(`search ${qs}: ${r.status} ${r.text}`);
  return r.body;
};
const kinds = (b: any) => b.data.map((x: any) => `${x.type}:${x.id}`);

describe("content search", () => {
  it("finds every kind of content by a word, newest first, articles with their contents per locale", async () => {
    const ws = await srv.newWorkspace("Content search");
    const s = await seedContent(ws);
    const all = await search(ws, "?query=billing");
    expect(all).toMatchObject({ type: "list", total_count: 4, pages: { type: "pages", page: 1, per_page: 10, total_pages: 1, next: null, prev: null } });
    expect(kinds(all)).toEqual([`external_content:${s.page.id}`, `content_snippet:${s.snippet.id}`, `internal_article:${s.internal.id}`, `article:${s.article.id}`]);
    expect(all.data[0]).toEqual({ type: "external_content", id: String(s.page.id), title: "Invoices" });
    const art = all.data[3];
    expect(art).toMatchObject({ type: "article", id: s.article.id, title: "Billing FAQ" });
    expect(art.contents.map((x: any) => [x.type, x.locale, x.title])).toEqual([["article_content", "en", "Billing FAQ"], ["article_content", "fr", "Facturation"]]);

    // every word must occur; whole words; case-insensitive; HTML and Markdown bodies searched
    expect(kinds(await search(ws, "?query=INVOICE%20billing"))).toEqual([`external_content:${s.page.id}`]);
    expect(kinds(await search(ws, "?query=refund"))).toEqual([`internal_article:${s.internal.id}`]);
    expect((await search(ws, "?query=bill")).total_count).toBe(0);
    expect((await search(ws, "?query=%21%21")).total_count).toBe(0);
    // without a query: the most recent content
    expect((await search(ws, "")).data[0]).toMatchObject({ type: "content_snippet", id: String(s.unrelated.id), title: "Shipping" });
    expect((await search(ws, "")).total_count).toBe(5);
  });

  it("filters by content type, state, locale, tags, dates, availability and author", async () => {
    const ws = await srv.newWorkspace("Content filters");
    const s = await seedContent(ws);
    expect(kinds(await search(ws, "?query=billing&content_types=snippet,article"))).toEqual([`content_snippet:${s.snippet.id}`, `article:${s.article.id}`]);
    expect(kinds(await search(ws, "?query=billing&content_types=internal_article&content_types=external_content"))).toEqual([`external_content:${s.page.id}`, `internal_article:${s.internal.id}`]);
    expect((await search(ws, "?content_types=file_source_content")).total_count).toBe(0);
    // the French content is a draft: "facturation" is found only among drafts
    expect(kinds(await search(ws, "?query=facturation&states=draft"))).toEqual([`article:${s.article.id}`]);
    expect((await search(ws, "?query=facturation&states=published")).total_count).toBe(0);
    expect(kinds(await search(ws, "?query=billing&states=draft"))).toEqual([`article:${s.article.id}`]);
    const fr = await search(ws, "?query=billing&locales=fr");
    expect(kinds(fr)).toEqual([`article:${s.article.id}`]);
    expect(fr.data[0].contents.map((x: any) => x.locale)).toEqual(["fr"]);
    // tags
    const tag = await ok(ws, "/tags", { name: "Finance" });
    await ok(ws, `/articles/${s.article.id}/tags`, { id: tag.id });
    await ok(ws, `/content_snippets/${s.snippet.id}/tags`, { id: tag.id });
    expect(kinds(await search(ws, `?query=billing&tag_ids=${tag.id}&tag_operator=IN`))).toEqual([`content_snippet:${s.snippet.id}`, `article:${s.article.id}`]);
    expect(kinds(await search(ws, `?query=billing&any_tag_ids=${tag.id},999999`))).toEqual([`content_snippet:${s.snippet.id}`, `article:${s.article.id}`]);
    expect(kinds(await search(ws, `?query=billing&tag_ids=${tag.id}&tag_operator=NIN`))).toEqual([`external_content:${s.page.id}`, `internal_article:${s.internal.id}`]);
    // dates (inclusive)
    expect(kinds(await search(ws, "?query=billing&created_at_after=1700000010&created_at_before=1700000020"))).toEqual([`content_snippet:${s.snippet.id}`, `internal_article:${s.internal.id}`]);
    expect((await search(ws, "?query=billing&updated_at_after=1700000031")).total_count).toBe(0);
    // availability: snippets and external pages carry the flags
    expect(kinds(await search(ws, "?query=billing&copilot_state=on"))).toEqual([`external_content:${s.page.id}`, `content_snippet:${s.snippet.id}`]);
    expect(kinds(await search(ws, "?query=billing&fin_sales_state=off"))).toEqual([`content_snippet:${s.snippet.id}`]);
    // author: articles and internal articles record one
    expect(kinds(await search(ws, `?query=billing&created_by_ids=${ws.adminId}`))).toEqual([`internal_article:${s.internal.id}`, `article:${s.article.id}`]);
    expect((await search(ws, "?query=billing&created_by_ids=1")).total_count).toBe(0);
    // folders: opencom's content is in none
    expect((await search(ws, "?folder_ids=1&folder_entity_type=folder")).total_count).toBe(0);
  });

  it("pages with links, and answers 422 for bad parameters", async () => {
    const ws = await srv.newWorkspace("Content paging");
    await ok(ws, "/_opencom/clock", { now: 1_700_000_000 }, "PUT");
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.unshift(String((await ok(ws, "/content_snippets", { title: `Note ${i}`, body_markdown: "paging words" })).id));
      await tick(ws);
    }
    const p1 = await search(ws, "?query=paging&per_page=2");
    expect(p1.pages).toMatchObject({ page: 1, per_page: 2, total_pages: 3, prev: null });
    expect(p1.pages.next).toMatch(/\/content\/search\?query=paging&per_page=2&page=2$/);
    const p2 = await search(ws, p1.pages.next.replace(/^.*\/content\/search/, ""));
    expect(p2.pages.prev).toMatch(/page=1/);
    const p3 = await search(ws, "?query=paging&per_page=2&page=3");
    expect(p3.pages.next).toBeNull();
    expect([...p1.data, ...p2.data, ...p3.data].map((x: any) => x.id)).toEqual(ids);
    expect((await search(ws, "?query=paging&page=9")).data).toEqual([]);
    expect((await search(ws, "?query=paging&page=9")).total_count).toBe(5);

    expectErrorList(await ws.api("/content/search?per_page=51", { version: V }), 422, "parameter_invalid");
    expectErrorList(await ws.api("/content/search?page=0", { version: V }), 422, "parameter_invalid");
    expectErrorList(await ws.api("/content/search?states=archived", { version: V }), 422, "parameter_invalid");
    expectErrorList(await ws.api("/content/search?content_types=video", { version: V }), 422, "parameter_invalid");
    expectErrorList(await ws.api("/content/search?copilot_state=maybe", { version: V }), 422, "parameter_invalid");
    expectErrorList(await ws.api("/content/search?folder_ids=1", { version: V }), 422, "parameter_invalid");
    expectErrorList(await ws.api("/content/search?tag_ids=x", { version: V }), 422, "parameter_invalid");
    expectErrorList(await ws.api(`/content/search?query=${"a".repeat(501)}`, { version: V }), 422, "parameter_invalid");
  });

  it("isolates workspaces and serves Unstable and older versions alike", async () => {
    const ws = await srv.newWorkspace("Content mine");
    const other = await srv.newWorkspace("Content theirs");
    await seedContent(ws);
    expect((await search(other, "?query=billing")).total_count).toBe(0);
    expect((await search(ws, "?query=billing", "Unstable")).total_count).toBe(4);
    expect((await search(ws, "?query=billing", "2.10")).total_count).toBe(4);
  });
});

describe("content bulk actions", () => {
  const bulk = (ws: TestWorkspace, body: unknown, version = V) => ws.api("/content/bulk_actions", { body, version });
  const accepted = async (ws: TestWorkspace, body: unknown) => {
    const r = await bulk(ws, body);
    if (r.status !== 202) throw new Error(`bulk: ${r.status} ${r.text}`);
    expect(r.body).toEqual({ type: "content_bulk_action", status: "queued" });
  };
  const contentId = async (ws: TestWorkspace, articleId: string, locale = "en") => {
    const b = await search(ws, "?query=billing&content_types=article");
    return b.data.find((x: any) => x.id === articleId).contents.find((x: any) => x.locale === locale).id;
  };

  it("publishes and unpublishes article contents, sets availability and audiences, updates tags and deletes", async () => {
    const ws = await srv.newWorkspace("Bulk");
    const s = await seedContent(ws);
    const en = await contentId(ws, s.article.id, "en");
    const fr = await contentId(ws, s.article.id, "fr");

    await accepted(ws, { action: "publish", content_ids: [{ type: "article_content", id: fr }, { type: "content_snippet", id: String(s.snippet.id) }] });
    expect((await ws.api(`/articles/${s.article.id}`, { version: V })).body.translated_content.fr.state).toBe("published");
    await accepted(ws, { action: "unpublish", content_ids: [{ type: "article_content", id: en }] });
    expect((await ws.api(`/articles/${s.article.id}`, { version: V })).body.state).toBe("draft");

    await accepted(ws, { action: "set_availability", content_ids: [{ type: "content_snippet", id: String(s.snippet.id) }, { type: "external_content", id: String(s.page.id) }], availability: { copilot: false, sales_agent: true } });
    expect((await ws.api(`/content_snippets/${s.snippet.id}`, { version: V })).body).toMatchObject({ ai_copilot_availability: false, ai_sales_agent_availability: true, ai_chatbot_availability: true });
    expect((await ws.api(`/ai/external_pages/${s.page.id}`, { version: V })).body).toMatchObject({ ai_copilot_availability: false });

    await accepted(ws, { action: "set_audience", content_ids: [{ type: "content_snippet", id: String(s.snippet.id) }], audience: { add_segment_ids: [100, 200] } });
    await accepted(ws, { action: "set_audience", content_ids: [{ type: "content_snippet", id: String(s.snippet.id) }], audience: { remove_segment_ids: [100], add_segment_ids: [300] } });
    expect((await ws.api(`/content_snippets/${s.snippet.id}`, { version: V })).body.audience_ids).toEqual([200, 300]);

    const t1 = await ok(ws, "/tags", { name: "One" });
    const t2 = await ok(ws, "/tags", { name: "Two" });
    await accepted(ws, {
      action: "update_tags",
      content_ids: [{ type: "article", id: s.article.id }, { type: "internal_article", id: String(s.internal.id) }, { type: "article_content", id: en }],
      tags: { add_tag_ids: [Number(t1.id), Number(t2.id)] },
    });
    expect((await search(ws, `?tag_ids=${t2.id}`)).total_count).toBe(2);
    await accepted(ws, { action: "update_tags", content_ids: [{ type: "article", id: s.article.id }], tags: { remove_tag_ids: [Number(t2.id)] } });
    expect(kinds(await search(ws, `?tag_ids=${t2.id}`))).toEqual([`internal_article:${s.internal.id}`]);

    // delete: a translation, a snippet, an internal article; external pages are not deleted this way; unknown ids skipped
    await accepted(ws, {
      action: "delete",
      content_ids: [
        { type: "article_content", id: fr },
        { type: "content_snippet", id: String(s.snippet.id) },
        { type: "internal_article", id: String(s.internal.id) },
        { type: "external_content", id: String(s.page.id) },
        { type: "content_snippet", id: "999999" },
      ],
    });
    expect(Object.keys((await ws.api(`/articles/${s.article.id}`, { version: V })).body.translated_content)).toEqual(["type", "en"]);
    expectErrorList(await ws.api(`/content_snippets/${s.snippet.id}`, { version: V }), 404);
    expectErrorList(await ws.api(`/internal_articles/${s.internal.id}`, { version: V }), 404);
    expect((await ws.api(`/ai/external_pages/${s.page.id}`, { version: V })).status).toBe(200);
    await accepted(ws, { action: "delete", content_ids: [{ type: "article_content", id: en }] });
    expectErrorList(await ws.api(`/articles/${s.article.id}`, { version: V }), 404);
  });

  it("answers 422 for invalid requests, 400 over 1,000 items, and touches no other workspace", async () => {
    const ws = await srv.newWorkspace("Bulk errors");
    const other = await srv.newWorkspace("Bulk others");
    const s = await seedContent(ws);
    const item = [{ type: "content_snippet", id: String(s.snippet.id) }];
    for (const body of [
      { action: "archive", content_ids: item },
      { action: "delete" },
      { action: "delete", content_ids: [] },
      { action: "delete", content_ids: ["x"] },
      { action: "set_availability", content_ids: item },
      { action: "set_availability", content_ids: item, availability: { copilot: "yes" } },
      { action: "set_audience", content_ids: item, audience: {} },
      { action: "update_tags", content_ids: item, tags: {} },
      { action: "update_tags", content_ids: item, tags: { add_tag_ids: [999999] } },
      { action: "update_tags", content_ids: item, tags: { add_tag_ids: Array.from({ length: 60 }, (_, i) => i + 1), remove_tag_ids: Array.from({ length: 60 }, (_, i) => i + 100) } },
    ]) {
      expectErrorList(await bulk(ws, body), 422, "parameter_invalid");
    }
    const tooMany = expectErrorList(await bulk(ws, { action: "delete", content_ids: Array.from({ length: 1001 }, (_, i) => ({ type: "content_snippet", id: String(i) })) }), 400, "parameter_invalid");
    expect(tooMany.message).toMatch(/content_ids/);

    // another workspace's ids are skipped
    const r = await bulk(other, { action: "delete", content_ids: item });
    expect(r.status).toBe(202);
    expect((await ws.api(`/content_snippets/${s.snippet.id}`, { version: V })).status).toBe(200);
    // Unstable and an older version (nearest: 2.16) alike
    expect((await bulk(ws, { action: "delete", content_ids: item }, "Unstable")).status).toBe(202);
    expectErrorList(await ws.api(`/content_snippets/${s.snippet.id}`, { version: V }), 404);
    expect((await bulk(ws, { action: "delete", content_ids: [{ type: "internal_article", id: String(s.internal.id) }] }, "2.12")).status).toBe(202);
    expectErrorList(await ws.api(`/internal_articles/${s.internal.id}`, { version: V }), 404);
  });
});
