// Folders (Unstable).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type TestServer } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

const V = "Unstable";

describe("folders", () => {
  it("creates, nests, lists, reads, updates and deletes folders; documented errors; isolation", async () => {
    const ws = await srv.newWorkspace("Folders");
    await ws.api("/_opencom/clock", { method: "PUT", body: { now: 1_700_000_000 } });
    const root = await ws.api("/folders", { method: "POST", version: V, body: { folder: { name: "Product docs", description: "Internal", emoji: "📚" } } });
    expect(root.status).toBe(200);
    expect(root.body).toEqual({ id: root.body.id, name: "Product docs", description: "Internal", emoji: "📚", parent_folder_id: null, content_count: 0, created_at: 1_700_000_000, updated_at: 1_700_000_000 });
    const child = (await ws.api("/folders", { method: "POST", version: V, body: { folder: { name: "Billing", parent_folder_id: root.body.id } } })).body;
    expect(child).toMatchObject({ parent_folder_id: root.body.id, description: null, emoji: null });
    const grandchild = (await ws.api("/folders", { method: "POST", version: V, body: { folder: { name: "Refunds", parent_folder_id: child.id } } })).body;

    expect((await ws.api(`/folders/${root.body.id}`, { version: V })).body.content_count).toBe(1);
    const all = await ws.api("/folders", { version: V });
    expect(all.body).toMatchObject({ type: "list", total_count: 3, pages: { type: "pages", page: 1, per_page: 50, total_pages: 1 } });
    expect(all.body.data.map((f: any) => f.id)).toEqual([root.body.id, child.id, grandchild.id]);
    expect((await ws.api(`/folders?parent_folder_id=${child.id}`, { version: V })).body.data.map((f: any) => f.id)).toEqual([grandchild.id]);
    const p2 = await ws.api("/folders?per_page=2&page=2", { version: V });
    expect(p2.body.data.map((f: any) => f.id)).toEqual([grandchild.id]);

    await ws.api("/_opencom/clock/advance", { method: "POST", body: { seconds: 60 } });
    const up = await ws.api(`/folders/${grandchild.id}`, { method: "PUT", version: V, body: { folder: { name: "Refund rules", parent_folder_id: null } } });
    expect(up.body).toMatchObject({ id: grandchild.id, name: "Refund rules", parent_folder_id: null, updated_at: 1_700_000_060, created_at: 1_700_000_000 });

    // a folder cannot go inside itself or a folder within it
    expectErrorList(await ws.api(`/folders/${root.body.id}`, { method: "PUT", version: V, body: { folder: { parent_folder_id: child.id } } }), 400, "parameter_invalid");
    expectErrorList(await ws.api(`/folders/${root.body.id}`, { method: "PUT", version: V, body: { folder: { parent_folder_id: root.body.id } } }), 400, "parameter_invalid");
    expectErrorList(await ws.api("/folders", { method: "POST", version: V, body: { folder: { name: "x", parent_folder_id: 999999 } } }), 400, "parameter_invalid");
    expectErrorList(await ws.api("/folders", { method: "POST", version: V, body: { folder: {} } }), 400);
    expectErrorList(await ws.api("/folders", { method: "POST", version: V, body: {} }), 400);
    expectErrorList(await ws.api("/folders/999999", { version: V }), 404, "folder_not_found");

    // isolation
    const other = await srv.newWorkspace("Other folders");
    expectErrorList(await other.api(`/folders/${root.body.id}`, { version: V }), 404, "folder_not_found");
    expectErrorList(await other.api(`/folders/${root.body.id}`, { method: "DELETE", version: V }), 404, "folder_not_found");
    expect((await other.api("/folders", { version: V })).body.total_count).toBe(0);

    // a folder that holds something is not deleted
    expectErrorList(await ws.api(`/folders/${root.body.id}`, { method: "DELETE", version: V }), 400, "folder_not_empty");
    const del = await ws.api(`/folders/${child.id}`, { method: "DELETE", version: V });
    expect(del.body).toEqual({ id: child.id, object: "folder", deleted: true });
    expect((await ws.api(`/folders/${root.body.id}`, { method: "DELETE", version: V })).status).toBe(200);
    expectErrorList(await ws.api(`/folders/${root.body.id}`, { version: V }), 404, "folder_not_found");

    // a reset empties a nested tree
    const a = (await ws.api("/folders", { method: "POST", version: V, body: { folder: { name: "A" } } })).body;
    await ws.api("/folders", { method: "POST", version: V, body: { folder: { name: "B", parent_folder_id: a.id } } });
    expect((await ws.api("/_opencom/reset", { method: "POST" })).status).toBe(200);
    expect((await ws.api("/folders", { version: V })).body.total_count).toBe(0);
  });
});
