// Article drafts and versions (2.16, Unstable): stage, read, publish, version history.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

const V = "2.16";

async function published(ws: TestWorkspace, extra: Record<string, unknown> = {}) {
  const r = await ws.api("/articles", { body: { title: "Returns", body: "Send it back within 30 days", author_id: ws.adminId, state: "published", ...extra }, version: V });
  expect(r.status).toBe(200);
  return r.body;
}

describe("article drafts", () => {
  it("stages a draft without touching the live article, publishes it, and records versions", async () => {
    const ws = await srv.newWorkspace("Drafts");
    const a = await published(ws);
    expect(a).toMatchObject({ has_unpublished_changes: false, draft_updated_at: null });
    expectErrorList(await ws.api(`/articles/${a.id}/draft`, { version: V }), 404, "not_found");

    const staged = await ws.api(`/articles/${a.id}/draft`, { method: "PUT", body: { title: "Returns policy", body: "Send it back within 60 days", state: "draft" }, version: V });
    expect(staged.status).toBe(200);
    expect(staged.body).toMatchObject({ type: "article", id: a.id, title: "Returns policy", body: "<p>Send it back within 60 days</p>", state: "published", has_unpublished_changes: true });
    expect(staged.body.draft_updated_at).toEqual(expect.any(Number));
    expect(staged.body.translated_content.en).toMatchObject({ title: "Returns policy" });

    // the live article is untouched (content, state, updated_at) but knows it has changes staged
    const live = (await ws.api(`/articles/${a.id}`, { version: V })).body;
    expect(live).toMatchObject({ title: "Returns", body: "<p>Send it back within 30 days</p>", state: "published", updated_at: a.updated_at, has_unpublished_changes: true });
    // search still finds the live words only
    expect((await ws.api("/articles/search?phrase=60", { version: V })).body.total_count).toBe(0);

    expect((await ws.api(`/articles/${a.id}/draft`, { version: V })).body).toEqual(staged.body);
    // a second stage merges into the draft
    const again = (await ws.api(`/articles/${a.id}/draft`, { method: "PUT", body: { description: "How to return" }, version: V })).body;
    expect(again).toMatchObject({ title: "Returns policy", description: "How to return" });

    const pub = await ws.api(`/articles/${a.id}/draft/publish`, { method: "POST", version: V });
    expect(pub.status).toBe(200);
    expect(pub.body).toMatchObject({ id: a.id, title: "Returns policy", description: "How to return", body: "<p>Send it back within 60 days</p>", state: "published", has_unpublished_changes: false, draft_updated_at: null });
    expectErrorList(await ws.api(`/articles/${a.id}/draft`, { version: V }), 404, "not_found");
    expect((await ws.api(`/articles/${a.id}`, { version: V })).body).toMatchObject({ title: "Returns policy" });
    expect((await ws.api("/articles/search?phrase=60%20days", { version: V })).body.total_count).toBe(1);

    // nothing staged any more
    const none = expectErrorList(await ws.api(`/articles/${a.id}/draft/publish`, { method: "POST", version: V }), 422, "parameter_invalid");
    expect(none.message).toBe("Article has no draft to publish");

    // history: the original publication, then the draft's
    const versions = (await ws.api(`/articles/${a.id}/versions`, { version: V })).body;
    expect(versions).toMatchObject({ type: "list", total_count: 2, pages: { type: "pages", page: 1, per_page: 25, total_pages: 1 } });
    const [newest, first] = versions.data;
    expect(newest).toMatchObject({ type: "article_version", article_id: a.id, title: "Returns policy", description: "How to return", state: "published", created_via: "api", from_version_id: first.id, author_id: String(ws.adminId) });
    expect(first).toMatchObject({ type: "article_version", title: "Returns", state: "draft", from_version_id: null });
    expect(newest.body).toBeUndefined();
    const one = (await ws.api(`/articles/${a.id}/versions/${first.id}`, { version: V })).body;
    expect(one).toMatchObject({ type: "article_version", id: first.id, title: "Returns", body: "<p>Send it back within 30 days</p>", state: "draft" });
    expect(one.updated_at).toEqual(expect.any(Number));
    expect((await ws.api(`/articles/${a.id}/versions/${newest.id}?locale=en`, { version: V })).body).toMatchObject({ id: newest.id, state: "published" });
  });

  it("pages versions newest first", async () => {
    const ws = await srv.newWorkspace("Draft paging");
    const a = await published(ws);
    for (const n of [1, 2, 3, 4]) {
      expect((await ws.api(`/articles/${a.id}/draft`, { method: "PUT", body: { title: `Edit ${n}` }, version: V })).status).toBe(200);
      expect((await ws.api(`/articles/${a.id}/draft/publish`, { method: "POST", body: {}, version: V })).status).toBe(200);
    }
    const p1 = (await ws.api(`/articles/${a.id}/versions?per_page=2`, { version: V })).body;
    expect(p1).toMatchObject({ total_count: 5, pages: { page: 1, per_page: 2, total_pages: 3 } });
    expect(p1.data.map((v: any) => v.title)).toEqual(["Edit 4", "Edit 3"]);
    expect(p1.pages.next.starting_after).toEqual(expect.any(String));
    const p2 = (await ws.api(`/articles/${a.id}/versions?per_page=2&page=2`, { version: V })).body;
    expect(p2.data.map((v: any) => v.title)).toEqual(["Edit 2", "Edit 1"]);
    const p3 = (await ws.api(`/articles/${a.id}/versions?per_page=2&starting_after=${p2.pages.next.starting_after}`, { version: V })).body;
    expect(p3.data.map((v: any) => v.title)).toEqual(["Returns"]);
    expect(p3.pages.next).toBeUndefined();
    // each version chains to the one before
    const all = (await ws.api(`/articles/${a.id}/versions?per_page=10`, { version: V })).body.data;
    for (let i = 0; i < all.length - 1; i++) expect(all[i].from_version_id).toBe(all[i + 1].id);
    expect(all.filter((v: any) => v.state === "published").map((v: any) => v.title)).toEqual(["Edit 4"]);
    expect((await ws.api(`/articles/${a.id}/versions?locale=fr`, { version: V })).body.total_count).toBe(0);
    expectErrorList(await ws.api(`/articles/${a.id}/versions?per_page=0`, { version: V }), 400, "parameter_invalid");
  });

  it("publishes per locale on a multilingual article", async () => {
    const ws = await srv.newWorkspace("Draft locales");
    const a = await published(ws, { translated_content: { fr: { title: "Retours", body: "Renvoyez-le", author_id: ws.adminId, state: "published" } } });
    const staged = (await ws.api(`/articles/${a.id}/draft`, { method: "PUT", body: { translated_content: { fr: { title: "Politique de retour" } } }, version: V })).body;
    expect(staged.translated_content.fr).toMatchObject({ title: "Politique de retour" });
    expect(staged).toMatchObject({ title: "Returns", has_unpublished_changes: false }); // the default locale has no draft
    const missing = expectErrorList(await ws.api(`/articles/${a.id}/draft/publish`, { method: "POST", version: V }), 422, "parameter_not_found");
    expect(missing.message).toMatch(/locales must be specified/);
    const noChanges = expectErrorList(await ws.api(`/articles/${a.id}/draft/publish`, { method: "POST", body: { locales: ["en", "fr"] }, version: V }), 422, "parameter_invalid");
    expect(noChanges.message).toBe("Cannot publish a draft for locale(s) without pending changes: en");
    expectErrorList(await ws.api(`/articles/${a.id}/draft/publish`, { method: "POST", body: { locales: ["xx"] }, version: V }), 400, "parameter_invalid");
    const pub = (await ws.api(`/articles/${a.id}/draft/publish`, { method: "POST", body: { locales: ["fr"] }, version: V })).body;
    expect(pub.translated_content.fr).toMatchObject({ title: "Politique de retour", state: "published" });
    expect(pub.title).toBe("Returns");
    const fr = (await ws.api(`/articles/${a.id}/versions?locale=fr`, { version: V })).body;
    expect(fr.data.map((v: any) => [v.title, v.state])).toEqual([["Politique de retour", "published"], ["Retours", "draft"]]);
    expect((await ws.api(`/articles/${a.id}/versions?locale=en`, { version: V })).body.total_count).toBe(0);
    expectErrorList(await ws.api(`/articles/${a.id}/versions?locale=klingon`, { version: V }), 400, "parameter_invalid");
    expectErrorList(await ws.api(`/articles/${a.id}/versions/${fr.data[0].id}?locale=en`, { version: V }), 404, "not_found");
    expectErrorList(await ws.api(`/articles/${a.id}/versions/${fr.data[0].id}?locale=zz`, { version: V }), 400, "parameter_invalid");
  });

  it("answers the documented errors, isolates workspaces and settles parallel publishes", async () => {
    const ws = await srv.newWorkspace("Draft errors");
    const other = await srv.newWorkspace("Draft others");
    const draftArticle = (await ws.api("/articles", { body: { title: "Unpublished", author_id: ws.adminId }, version: V })).body;
    const err = expectErrorList(await ws.api(`/articles/${draftArticle.id}/draft`, { method: "PUT", body: { title: "x" }, version: V }), 422, "parameter_invalid");
    expect(err.message).toBe("Article must be published before a draft can be staged");
    expectErrorList(await ws.api(`/articles/999999/draft`, { method: "PUT", body: { title: "x" }, version: V }), 404, "not_found");
    expectErrorList(await ws.api(`/articles/999999/draft/publish`, { method: "POST", version: V }), 404, "not_found");
    expectErrorList(await ws.api(`/articles/999999/versions`, { version: V }), 404, "not_found");
    expectErrorList(await ws.api(`/articles/nope/versions/1`, { version: V }), 404, "not_found");

    const a = await published(ws);
    expectErrorList(await ws.api(`/articles/${a.id}/draft`, { method: "PUT", body: { title: " " }, version: V }), 400, "parameter_invalid");
    expectErrorList(await ws.api(`/articles/${a.id}/draft`, { method: "PUT", body: { author_id: 424242 }, version: V }), 400, "parameter_invalid");
    expect((await ws.api(`/articles/${a.id}/draft`, { method: "PUT", body: { title: "Parallel" }, version: V })).status).toBe(200);

    // another workspace sees none of it
    expectErrorList(await other.api(`/articles/${a.id}/draft`, { version: V }), 404, "not_found");
    expectErrorList(await other.api(`/articles/${a.id}/draft`, { method: "PUT", body: { title: "x" }, version: V }), 404, "not_found");
    expectErrorList(await other.api(`/articles/${a.id}/draft/publish`, { method: "POST", version: V }), 404, "not_found");
    expectErrorList(await other.api(`/articles/${a.id}/versions`, { version: V }), 404, "not_found");

    // ten parallel publishes of one draft: one publishes, the others find no draft
    const results = await Promise.all(Array.from({ length: 10 }, () => ws.api(`/articles/${a.id}/draft/publish`, { method: "POST", version: V })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of results.filter((r) => r.status !== 200)) expectErrorList(r, 422, "parameter_invalid");
    const versions = (await ws.api(`/articles/${a.id}/versions`, { version: V })).body;
    expect(versions.total_count).toBe(2);
    expectErrorList(await other.api(`/articles/${a.id}/versions/${versions.data[0].id}`, { version: V }), 404, "not_found");

    // deleting the article takes its drafts and versions along
    expect((await ws.api(`/articles/${a.id}/draft`, { method: "PUT", body: { title: "Doomed" }, version: V })).status).toBe(200);
    expect((await ws.api(`/articles/${a.id}`, { method: "DELETE", version: V })).status).toBe(200);
    expectErrorList(await ws.api(`/articles/${a.id}/versions`, { version: V }), 404, "not_found");
  });

  it("serves Unstable the same, and an older version the nearest description (2.16)", async () => {
    const ws = await srv.newWorkspace("Draft versions");
    const a = await published(ws);
    const u = await ws.api(`/articles/${a.id}/draft`, { method: "PUT", body: { title: "Unstable edit" }, version: "Unstable" });
    expect(u.body).toMatchObject({ title: "Unstable edit", has_unpublished_changes: true });
    const old = await ws.api(`/articles/${a.id}/draft`, { version: "2.11" });
    expect(old.status).toBe(200);
    expect(old.body).toMatchObject({ title: "Unstable edit" });
    expect((await ws.api(`/articles/${a.id}/draft/publish`, { method: "POST", version: "2.14" })).body).toMatchObject({ title: "Unstable edit" });
    expect((await ws.api(`/articles/${a.id}/versions`, { version: "2.7" })).body.total_count).toBe(2);
  });

  it("emits article.updated and article.published when a draft is published, nothing when one is staged", async () => {
    const ws = await srv.newWorkspace("Draft webhooks");
    const sub = await ws.api("/_opencom/webhooks", { body: { url: "http://127.0.0.1:9/hook", topics: ["article.updated", "article.published"], version: V } });
    expect(sub.status).toBeLessThan(300);
    const a = await published(ws);
    const deliveries = async () =>
      (await srv.store.db.selectFrom("webhook_deliveries").select(["topic"]).where("workspace_id", "=", ws.workspaceId).orderBy("id").execute()).map((d) => d.topic);
    const before = await deliveries();
    await ws.api(`/articles/${a.id}/draft`, { method: "PUT", body: { title: "Quiet" }, version: V });
    expect(await deliveries()).toEqual(before);
    await ws.api(`/articles/${a.id}/draft/publish`, { method: "POST", version: V });
    expect((await deliveries()).slice(before.length)).toEqual(["article.updated", "article.published"]);
  });
});
