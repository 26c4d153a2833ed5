// Help center redirects (2.16).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type TestServer } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

const V = "2.16";

describe("help center redirects", () => {
  it("creates, lists (newest updated first, paged), reads and deletes redirects; documented errors; isolation", async () => {
    const ws = await srv.newWorkspace("Redirects");
    const hc = (await ws.api("/help_center/help_centers")).body.data[0];
    const base = `/help_center/help_centers/${hc.id}/redirects`;
    const article = (await ws.api("/articles", { method: "POST", body: { title: "Reset", author_id: ws.adminId, body: "How to reset", translated_content: { fr: { title: "Réinitialiser", author_id: ws.adminId, body: "Comment" } } } })).body;
    const col = (await ws.api("/help_center/collections", { method: "POST", body: { name: "Guides" } })).body;

    await ws.api("/_opencom/clock", { method: "PUT", body: { now: 1_700_000_000 } });
    const a = await ws.api(base, { method: "POST", version: V, body: { from_url: "https://help.example.test/old-reset", locale: "fr", target_type: "article", target_id: article.id } });
    expect(a.status).toBe(200);
    expect(a.body).toEqual({ id: a.body.id, type: "help_center_redirect", from_url: "https://help.example.test/old-reset", locale: "fr", help_center_id: String(hc.id), target_type: "article", target_id: String(article.id), created_at: 1_700_000_000, updated_at: 1_700_000_000 });
    // no German translation: the redirect binds the article's default locale
    await ws.api("/_opencom/clock/advance", { method: "POST", body: { seconds: 10 } });
    const b = await ws.api(base, { method: "POST", version: V, body: { from_url: "https://help.example.test/de/reset", locale: "de", target_type: "article", target_id: Number(article.id) } });
    expect(b.body.locale).toBe("en");
    await ws.api("/_opencom/clock/advance", { method: "POST", body: { seconds: 10 } });
    const c = await ws.api(base, { method: "POST", version: V, body: { from_url: "http://help.example.test/guides", locale: "en", target_type: "collection", target_id: col.id } });
    expect(c.body).toMatchObject({ target_type: "collection", target_id: String(col.id) });

    // list: most recently updated first, page-numbered
    const all = await ws.api(base, { version: V });
    expect(all.body.type).toBe("list");
    expect(all.body.total_count).toBe(3);
    expect(all.body.data.map((r: any) => r.id)).toEqual([c.body.id, b.body.id, a.body.id]);
    expect(all.body.pages).toMatchObject({ type: "pages", page: 1, per_page: 50, total_pages: 1 });
    const p2 = await ws.api(`${base}?per_page=2&page=2`, { version: V });
    expect(p2.body.data.map((r: any) => r.id)).toEqual([a.body.id]);
    expect(p2.body.pages).toMatchObject({ page: 2, per_page: 2, total_pages: 2 });
    expectErrorList(await ws.api(`${base}?per_page=251`, { version: V }), 400, "parameter_invalid");

    expect((await ws.api(`${base}/${a.body.id}`, { version: "Unstable" })).body).toEqual(a.body);

    // documented errors
    expectErrorList(await ws.api(base, { method: "POST", version: V, body: { locale: "en", target_type: "article", target_id: article.id } }), 400, "parameter_not_found");
    expectErrorList(await ws.api(base, { method: "POST", version: V, body: { from_url: "https://x.test/a", locale: "en", target_type: "page", target_id: article.id } }), 400, "parameter_invalid");
    expectErrorList(await ws.api(base, { method: "POST", version: V, body: { from_url: "https://help.example.test/old-reset", locale: "en", target_type: "article", target_id: article.id } }), 409, "resource_conflict");
    expectErrorList(await ws.api(base, { method: "POST", version: V, body: { from_url: "not a url", locale: "en", target_type: "article", target_id: article.id } }), 422, "data_invalid");
    expectErrorList(await ws.api(base, { method: "POST", version: V, body: { from_url: "https://x.test/b", locale: "en", target_type: "article", target_id: "999999" } }), 422, "data_invalid");
    expectErrorList(await ws.api(base, { method: "POST", version: V, body: { from_url: "https://x.test/c", locale: "en", target_type: "collection", target_id: article.id === col.id ? "999999" : "999998" } }), 422, "data_invalid");
    expectErrorList(await ws.api("/help_center/help_centers/999999/redirects", { version: V }), 404, "not_found");
    expectErrorList(await ws.api(`${base}/999999`, { version: V }), 404, "not_found");

    // another workspace sees none of it
    const other = await srv.newWorkspace("Other redirects");
    expectErrorList(await other.api(base, { version: V }), 404, "not_found");
    expectErrorList(await other.api(`${base}/${a.body.id}`, { version: V }), 404, "not_found");
    expectErrorList(await other.api(`${base}/${a.body.id}`, { method: "DELETE", version: V }), 404, "not_found");

    // delete: one of parallel deletes wins
    const dels = await Promise.all([1, 2, 3].map(() => ws.api(`${base}/${a.body.id}`, { method: "DELETE", version: V })));
    expect(dels.map((d) => d.status).sort()).toEqual([200, 404, 404]);
    expect(dels.find((d) => d.status === 200)!.body).toEqual({ id: a.body.id, object: "help_center_redirect", deleted: true });
    expectErrorList(await ws.api(`${base}/${a.body.id}`, { version: V }), 404, "not_found");
    // the from_url is free again
    expect((await ws.api(base, { method: "POST", version: V, body: { from_url: "https://help.example.test/old-reset", locale: "en", target_type: "article", target_id: article.id } })).status).toBe(200);

    // a reset empties them
    await ws.api("/_opencom/reset", { method: "POST" });
    const hc2 = (await ws.api("/help_center/help_centers")).body.data[0];
    expect((await ws.api(`/help_center/help_centers/${hc2.id}/redirects`, { version: V })).body.total_count).toBe(0);
  });
});
