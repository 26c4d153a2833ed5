// Admin activity log search and event types (2.16).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type TestServer } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

const V = "2.16";

describe("admin activity logs (2.16)", () => {
  it("lists the event types", async () => {
    const res = await srv.ws.api("/admins/activity_log_event_types", { version: V });
    expect(res.status).toBe(200);
    expect(res.body.type).toBe("activity_log_event_type.list");
    expect(res.body.event_types).toContain("admin_away_mode_change");
    expect(res.body.event_types).toContain("app_name_change");
    expect(res.body.event_types.length).toBe(73);
  });

  it("searches by time range and event type, page by page, per workspace", async () => {
    const me = (await srv.ws.api("/me")).body;
    const start = (await srv.ws.api("/_opencom/clock")).body.now;
    for (let i = 0; i < 5; i++) {
      await srv.ws.api(`/admins/${me.id}/away`, { method: "PUT", body: { away_mode_enabled: i % 2 === 0, away_mode_reassign: false } });
    }
    const all = await srv.ws.api("/admins/activity_logs/search", { method: "POST", version: V, body: { created_at_after: start - 1 } });
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ type: "activity_log.list", pages: { type: "pages", page: 1, per_page: 20, total_pages: 1, next: null } });
    expect(all.body.activity_logs.length).toBe(5);
    expect(all.body.activity_logs[0]).toMatchObject({ activity_type: "admin_away_mode_change", performed_by: { type: "admin", id: String(me.id) } });

    const p1 = (await srv.ws.api("/admins/activity_logs/search", { method: "POST", version: V, body: { created_at_after: start - 1, per_page: 2 } })).body;
    expect(p1.pages).toMatchObject({ page: 1, per_page: 2, total_pages: 3, next: { per_page: 2 } });
    const p3 = (await srv.ws.api("/admins/activity_logs/search", { method: "POST", version: V, body: { created_at_after: start - 1, per_page: 2, page: 3 } })).body;
    expect(p3.activity_logs.length).toBe(1);
    expect(p3.pages.next).toBeNull();
    const ids = [...p1.activity_logs, ...p3.activity_logs].map((l: any) => l.id);
    expect(new Set(ids).size).toBe(3);

    const other = (await srv.ws.api("/admins/activity_logs/search", { method: "POST", version: V, body: { created_at_after: start - 1, event_types: ["app_name_change"] } })).body;
    expect(other.activity_logs).toEqual([]);
    const before = (await srv.ws.api("/admins/activity_logs/search", { method: "POST", version: V, body: { created_at_after: 0, created_at_before: start - 10 } })).body;
    expect(before.activity_logs).toEqual([]);

    const ws2 = await srv.newWorkspace("Other logs");
    expect((await ws2.api("/admins/activity_logs/search", { method: "POST", version: V, body: { created_at_after: 0 } })).body.activity_logs).toEqual([]);
  });

  it("refuses a search without created_at_after or with a bad page size", async () => {
    expectErrorList(await srv.ws.api("/admins/activity_logs/search", { method: "POST", version: V, body: {} }), 400);
    expectErrorList(await srv.ws.api("/admins/activity_logs/search", { method: "POST", version: V, body: { created_at_after: 0, per_page: 251 } }), 400);
    expectErrorList(await srv.ws.api("/admins/activity_logs/search", { method: "POST", version: V, body: { created_at_after: "yesterday" } }), 400);
  });
});
