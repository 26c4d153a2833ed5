import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IntercomClient } from "intercom-client";
import { expectErrorList, startTestServer, type TestServer } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

describe("admins through the official SDK", () => {
  it("reads /me with its app", async () => {
    const me = await srv.ws.client.admins.identify();
    expect(me?.type).toBe("admin");
    expect(me?.id).toBe(String(srv.ws.adminId));
    expect(me?.app?.id_code).toBe(srv.ws.workspaceId);
    expect(me?.avatar?.type).toBe("avatar");
  });

  it("lists admins and reads one", async () => {
    const list = await srv.ws.client.admins.list();
    expect(list.type).toBe("admin.list");
    expect(list.admins?.map((a) => a?.id)).toEqual([String(srv.ws.adminId)]);
    const admin = await srv.ws.client.admins.find({ admin_id: srv.ws.adminId });
    expect(admin?.email).toMatch(/@/);
    expect(admin?.team_ids).toEqual([srv.ws.teamId]);
  });

  it("sets away mode, persists it and logs the change", async () => {
    const since = Math.floor(Date.now() / 1000) - 5;
    const away = await srv.ws.client.admins.away({ admin_id: srv.ws.adminId, away_mode_enabled: true, away_mode_reassign: true });
    expect(away?.away_mode_enabled).toBe(true);
    expect(away?.away_mode_reassign).toBe(true);
    const again = await srv.ws.client.admins.find({ admin_id: srv.ws.adminId });
    expect(again?.away_mode_enabled).toBe(true);
    const back = await srv.ws.client.admins.away({ admin_id: srv.ws.adminId, away_mode_enabled: false, away_mode_reassign: false });
    expect(back?.away_mode_enabled).toBe(false);

    const logs = await srv.ws.client.admins.listAllActivityLogs({ created_at_after: String(since) });
    expect(logs.type).toBe("activity_log.list");
    const types = logs.activity_logs?.map((l) => l?.activity_type);
    expect(types).toEqual(["admin_away_mode_change", "admin_away_mode_change"]);
    expect(logs.activity_logs?.[0]?.metadata?.away_mode).toBe(false);
  });

  it("pages activity logs with cursors, each entry once", async () => {
    for (let i = 0; i < 5; i++) {
      await srv.ws.api(`/admins/${srv.ws.adminId}/away`, { method: "PUT", body: { away_mode_enabled: i % 2 === 0, away_mode_reassign: false } });
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const q = new URLSearchParams({ created_at_after: "0", per_page: "2", ...(cursor ? { starting_after: cursor } : {}) });
      const res = await srv.ws.api(`/admins/activity_logs?${q}`);
      expect(res.status).toBe(200);
      pages++;
      expect(res.body.pages.page).toBe(pages);
      seen.push(...res.body.activity_logs.map((l: { id: string }) => l.id));
      cursor = res.body.pages.next?.starting_after;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(7);
    expect(pages).toBe(4);
  });

  it("requires created_at_after for activity logs", async () => {
    const err = expectErrorList(await srv.ws.api("/admins/activity_logs"), 400, "parameter_not_found");
    expect(err.field).toBe("created_at_after");
  });

  it("sends the avatar as 2.11's object and as every other version's URL", async () => {
    const url = "https://example.com/ada.png";
    await srv.store.db.updateTable("admins").set({ avatar_url: url }).where("id", "=", srv.ws.adminId).execute();
    try {
      expect((await srv.ws.api(`/admins/${srv.ws.adminId}`, { version: "2.11" })).body.avatar).toEqual({ image_url: url });
      expect((await srv.ws.api(`/admins/${srv.ws.adminId}`, { version: "2.14" })).body.avatar).toBe(url);
      expect((await srv.ws.api("/admins", { version: "2.11" })).body.admins[0].avatar).toEqual({ image_url: url });
      expect((await srv.ws.api("/me", { version: "2.7" })).body.avatar).toEqual({ type: "avatar", image_url: url });
    } finally {
      await srv.store.db.updateTable("admins").set({ avatar_url: null }).where("id", "=", srv.ws.adminId).execute();
    }
  });

  it("answers 404 for unknown admins", async () => {
    expectErrorList(await srv.ws.api("/admins/999999"), 404, "admin_not_found");
    expectErrorList(await srv.ws.api("/admins/not-a-number"), 404, "admin_not_found");
    expectErrorList(await srv.ws.api("/admins/999999/away", { method: "PUT", body: { away_mode_enabled: true, away_mode_reassign: false } }), 404);
  });

  it("validates the away body", async () => {
    const err = expectErrorList(await srv.ws.api(`/admins/${srv.ws.adminId}/away`, { method: "PUT", body: { away_mode_enabled: "yes", away_mode_reassign: false } }), 400, "parameter_invalid");
    expect(err.field).toBe("away_mode_enabled");
  });
});

describe("teams", () => {
  it("lists and reads the bootstrap team", async () => {
    const list = await srv.ws.client.teams.list();
    expect(list.type).toBe("team.list");
    expect(list.teams?.[0]?.admin_ids).toEqual([srv.ws.adminId]);
    const team = await srv.ws.client.teams.find({ team_id: String(srv.ws.teamId) });
    expect(team.name).toBe("Support");
    expectErrorList(await srv.ws.api("/teams/424242"), 404, "team_not_found");
  });
});

describe("workspace isolation", () => {
  it("keeps two workspaces' admins and teams apart", async () => {
    const other = await srv.newWorkspace("Other");
    const mine = await srv.ws.client.admins.list();
    const theirs = await other.client.admins.list();
    const mineIds = mine.admins!.map((a) => a!.id);
    const theirIds = theirs.admins!.map((a) => a!.id);
    expect(mineIds.some((id) => theirIds.includes(id))).toBe(false);
    expectErrorList(await other.api(`/admins/${srv.ws.adminId}`), 404);
    expectErrorList(await other.api(`/admins/${srv.ws.adminId}/away`, { method: "PUT", body: { away_mode_enabled: true, away_mode_reassign: false } }), 404);
    expectErrorList(await other.api(`/teams/${srv.ws.teamId}`), 404);
    const me = await other.client.admins.identify();
    expect(me?.app?.id_code).toBe(other.workspaceId);
  });

  it("the SDK surfaces a bad token as an unauthorized error", async () => {
    const bad = new IntercomClient({ token: "nope", baseUrl: srv.url });
    await expect(bad.admins.list()).rejects.toMatchObject({ statusCode: 401 });
  });
});
