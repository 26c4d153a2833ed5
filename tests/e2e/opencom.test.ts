// opencom's own API under /_opencom/: health, workspace, reset.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KEPT_TABLES } from "../../src/resources/opencom/service.js";
import { ownedTables } from "../../src/resources/index.js";
import { expectErrorList, startTestServer, type TestServer } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

describe("POST /_opencom/reset", () => {
  it("empties the token's workspace, keeps admins, teams and tokens, and seeds it again", async () => {
    const other = await srv.newWorkspace("Untouched");
    const theirs = await other.api("/contacts", { body: { role: "user", email: "keep@example.com" } });
    expect(theirs.status).toBe(200);

    const seededSegments = (await srv.ws.api("/segments")).body.segments.length;
    const seededSubs = (await srv.ws.api("/subscription_types")).body.data.length;
    const contact = (await srv.ws.api("/contacts", { body: { role: "user", email: "gone@example.com" } })).body;
    await srv.ws.api(`/contacts/${contact.id}/notes`, { body: { body: "note" } });
    await srv.ws.api("/companies", { body: { company_id: "c1", name: "C1" } });
    await srv.ws.api("/tags", { body: { name: "vip" } });
    await srv.ws.api("/data_attributes", { body: { name: "plan", model: "contact", data_type: "string" } });
    await srv.ws.api(`/admins/${srv.ws.adminId}/away`, { method: "PUT", body: { away_mode_enabled: true, away_mode_reassign: false } });

    const res = await srv.ws.api("/_opencom/reset", { method: "POST" });
    expect(res.status).toBe(200);
    expect(res.body.workspace_id).toBe(srv.ws.workspaceId);
    expect(res.body.deleted.contacts).toBe(1);
    expect(res.body.deleted.notes).toBe(1);

    expect((await srv.ws.api("/contacts")).body.total_count).toBe(0);
    expectErrorList(await srv.ws.api(`/contacts/${contact.id}`), 404);
    expect((await srv.ws.api("/companies")).body.data).toHaveLength(0);
    expect((await srv.ws.api("/tags")).body.data).toHaveLength(0);
    const attrs = (await srv.ws.api("/data_attributes")).body.data as Array<{ name: string; custom: boolean }>;
    expect(attrs.some((a) => a.custom)).toBe(false);
    expect((await srv.ws.api("/segments")).body.segments).toHaveLength(seededSegments);
    expect((await srv.ws.api("/subscription_types")).body.data).toHaveLength(seededSubs);
    const admin = (await srv.ws.api(`/admins/${srv.ws.adminId}`)).body;
    expect(admin.away_mode_enabled).toBe(false);
    expect((await srv.ws.api("/teams")).body.teams).toHaveLength(1);

    // the other workspace is untouched; the same email can be used again here
    expect((await other.api(`/contacts/${theirs.body.id}`)).status).toBe(200);
    expect((await srv.ws.api("/contacts", { body: { role: "user", email: "gone@example.com" } })).status).toBe(200);
  });

  it("accepts an empty JSON body and needs a token", async () => {
    const res = await srv.ws.api("/_opencom/reset", { method: "POST", body: "", headers: { "Content-Type": "application/json" } });
    expect(res.status).toBe(200);
    expectErrorList(await srv.ws.api("/_opencom/reset", { method: "POST", token: null }), 401, "unauthorized");
  });

  it("knows every table that holds workspace data", async () => {
    // on PostgreSQL, only this server's schema (other test servers share the database)
    const schema = srv.store.kind === "postgres" ? (await sql<{ s: string }>`select current_schema() as s`.execute(srv.store.db)).rows[0].s : undefined;
    const tables = (await srv.store.db.introspection.getTables()).filter((t) => schema === undefined || t.schema === schema);
    const withWorkspace = tables.filter((t) => t.columns.some((c) => c.name === "workspace_id")).map((t) => t.name);
    const owned = ownedTables();
    const classified = new Set<string>([...KEPT_TABLES, ...owned]);
    expect(withWorkspace.filter((t) => !classified.has(t))).toEqual([]);
    // each table has one owner, and none is both kept and emptied
    expect(new Set(owned).size).toBe(owned.length);
    expect(owned.filter((t) => (KEPT_TABLES as readonly string[]).includes(t))).toEqual([]);
  });
});
