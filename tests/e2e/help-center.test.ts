import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type TestServer } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

describe("help centers", () => {
  it("every workspace starts with one help center (SDK)", async () => {
    const page = await srv.ws.client.helpCenters.list();
    const all = page.data;
    expect(all).toHaveLength(1);
    const hc = all[0];
    expect(hc).toMatchObject({ workspace_id: srv.ws.workspaceId, identifier: srv.ws.workspaceId, display_name: "Test workspace Help Center", website_turned_on: true });
    expect(hc.url).toBe(`https://intercom.help/${srv.ws.workspaceId}`);
    expect(await srv.ws.client.helpCenters.find({ help_center_id: Number(hc.id) })).toEqual(hc);
    const v27 = await srv.ws.api(`/help_center/help_centers/${hc.id}`, { version: "2.7" });
    expect(v27.body.id).toBe(hc.id);
    const other = await srv.newWorkspace("Other HC");
    expectErrorList(await other.api(`/help_center/help_centers/${hc.id}`), 404, "not_found");
    expectErrorList(await srv.ws.api("/help_center/help_centers/nope"), 404, "not_found");
    // a reset seeds it again
    expect((await other.api("/_opencom/reset", { method: "POST" })).status).toBe(200);
    expect((await other.api("/help_center/help_centers")).body.data).toHaveLength(1);
  });
});

describe("collections", () => {
  it("creates, nests, reads, updates and deletes collections (SDK, 2.14)", async () => {
    const ws = await srv.newWorkspace("Collections");
    const top = await ws.client.helpCenters.collections.create({
      name: "Getting started",
      description: "First steps",
      translated_content: { type: "group_translated_content", fr: { type: "group_content", name: "Premiers pas", description: "Débuter" } } as any,
    });
    expect(top).not.toHaveProperty("type");
    expect(top).toMatchObject({ name: "Getting started", description: "First steps", parent_id: null, default_locale: "en", workspace_id: ws.workspaceId });
    expect(top.translated_content).toMatchObject({ en: { name: "Getting started" }, fr: { name: "Premiers pas", description: "Débuter" } });
    const child = (await ws.api("/help_center/collections", { method: "POST", body: { name: "Accounts", parent_id: top.id } })).body;
    expect(child.parent_id).toBe(top.id);
    const grandchild = (await ws.api("/help_center/collections", { method: "POST", body: { name: "Passwords", parent_id: child.id } })).body;
    expect(grandchild.parent_id).toBe(child.id);
    // three levels at most
    expectErrorList(await ws.api("/help_center/collections", { method: "POST", body: { name: "Too deep", parent_id: grandchild.id } }), 400, "parameter_invalid");
    expectErrorList(await ws.api("/help_center/collections", { method: "POST", body: { name: "Orphan", parent_id: "999999" } }), 404, "not_found");
    expectErrorList(await ws.api("/help_center/collections", { method: "POST", body: { description: "no name" } }), 400);
    expectErrorList(await ws.api("/help_center/collections", { method: "POST", body: { name: "x", help_center_id: 999999 } }), 404, "not_found");

    expect(await ws.client.helpCenters.collections.find({ collection_id: Number(child.id) })).toMatchObject({ id: child.id, name: "Accounts" });
    const renamed = await ws.client.helpCenters.collections.update({ collection_id: Number(top.id), name: "Start here" });
    expect(renamed).toMatchObject({ name: "Start here", description: "First steps" });
    expect(renamed.translated_content).toMatchObject({ fr: { name: "Premiers pas" } });
    // moving: never inside itself
    expectErrorList(await ws.api(`/help_center/collections/${top.id}`, { method: "PUT", body: { parent_id: grandchild.id } }), 400, "parameter_invalid");
    const moved = (await ws.api(`/help_center/collections/${grandchild.id}`, { method: "PUT", body: { parent_id: null } })).body;
    expect(moved.parent_id).toBeNull();

    const seen: string[] = [];
    for await (const c of await ws.client.helpCenters.collections.list({ per_page: 2 })) seen.push(c.id);
    expect(seen).toEqual([top.id, child.id, grandchild.id]);

    const article = (await ws.api("/articles", { method: "POST", body: { title: "Reset it", author_id: ws.adminId, parent_id: Number(child.id), parent_type: "collection" } })).body;
    expect(article).toMatchObject({ parent_id: Number(child.id), parent_type: "collection" });
    expect(await ws.client.helpCenters.collections.delete({ collection_id: Number(top.id) })).toEqual({ id: top.id, object: "collection", deleted: true });
    // its sub-collection went with it; the article stands alone; the moved one stays
    expectErrorList(await ws.api(`/help_center/collections/${child.id}`), 404, "not_found");
    expect((await ws.api(`/articles/${article.id}`)).body.parent_id).toBeNull();
    expect((await ws.api(`/help_center/collections/${grandchild.id}`)).status).toBe(200);
    expectErrorList(await ws.api(`/help_center/collections/${top.id}`, { method: "DELETE" }), 404, "not_found");
    const other = await srv.newWorkspace("Other collections");
    expectErrorList(await other.api(`/help_center/collections/${grandchild.id}`), 404, "not_found");
    expectErrorList(await other.api(`/help_center/collections/${grandchild.id}`, { method: "PUT", body: { name: "x" } }), 404, "not_found");
  });

  it("has sections under collections in 2.7–2.9, and sees them as collections later", async () => {
    const ws = await srv.newWorkspace("Sections");
    const v = "2.7";
    const col = (await ws.api("/help_center/collections", { method: "POST", body: { name: "Guides" }, version: v })).body;
    expect(col.type).toBe("collection");
    expect(col.parent_id).toBeUndefined();
    const sec = (await ws.api("/help_center/sections", { method: "POST", body: { name: "Basics", parent_id: Number(col.id) }, version: v })).body;
    expect(sec).toMatchObject({ type: "section", name: "Basics", parent_id: Number(col.id) });
    expectErrorList(await ws.api("/help_center/sections", { method: "POST", body: { name: "Nested", parent_id: Number(sec.id) }, version: v }), 404, "not_found");
    // 2.7 lists: collections are the top level, sections the level below
    expect((await ws.api("/help_center/collections", { version: v })).body.data.map((c: any) => c.id)).toEqual([col.id]);
    expect((await ws.api("/help_center/sections", { version: v })).body.data.map((c: any) => c.id)).toEqual([sec.id]);
    expectErrorList(await ws.api(`/help_center/collections/${sec.id}`, { version: v }), 404, "not_found");
    expectErrorList(await ws.api(`/help_center/sections/${col.id}`, { version: v }), 404, "not_found");
    expect((await ws.api(`/help_center/sections/${sec.id}`, { version: v })).body).toMatchObject({ type: "section", id: sec.id, name: "Basics", parent_id: Number(col.id) });
    const up = (await ws.api(`/help_center/sections/${sec.id}`, { method: "PUT", body: { name: "Basics 2" }, version: "2.9" })).body;
    expect(up).toMatchObject({ type: "section", name: "Basics 2" });
    // 2.14 sees every level as a collection
    const later = (await ws.api("/help_center/collections", { version: "2.14" })).body;
    expect(later.data.map((c: any) => [c.id, c.parent_id])).toEqual([[col.id, null], [sec.id, col.id]]);
    // an operation 2.14 does not describe answers as its last description does (2.9: sections), as every
    // operation outside its versions does (describedVersion, src/platform/operations.ts)
    expect((await ws.api("/help_center/sections", { version: "2.14" })).body.data.map((c: any) => [c.type, c.id])).toEqual([["section", sec.id]]);
    expect((await ws.api(`/help_center/sections/${sec.id}`, { method: "DELETE", version: v })).body).toEqual({ id: sec.id, object: "section", deleted: true });
    expect((await ws.api("/help_center/sections", { version: v })).body.total_count).toBe(0);
  });
});
