// Team metrics (2.16): open, idle and snoozed conversations per admin of a team.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

const V = "2.16";
let seq = 0;

async function assignedConversation(ws: TestWorkspace): Promise<string> {
  const contact = (await ws.api("/contacts", { method: "POST", body: { role: "user", email: `metrics${seq++}@example.com` } })).body;
  const conv = await ws.api("/conversations", { method: "POST", body: { from: { type: "user", id: contact.id }, body: "Help" } });
  expect(conv.status).toBe(200);
  const id = conv.body.conversation_id as string;
  const a = await ws.api(`/conversations/${id}/parts`, { method: "POST", body: { message_type: "assignment", type: "admin", admin_id: String(ws.adminId), assignee_id: String(ws.adminId) } });
  expect(a.status).toBe(200);
  return id;
}

describe("GET /teams/{id}/metrics", () => {
  it("counts each team admin's open, idle and snoozed conversations on the workspace clock", async () => {
    const ws = await srv.newWorkspace("Metrics");
    const url = `/teams/${ws.teamId}/metrics`;
    const empty = await ws.api(url, { version: V });
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ type: "team_metric.list", data: [{ type: "team_metric", admin_id: String(ws.adminId), open: 0, idle: 0, snoozed: 0 }] });

    await ws.api("/_opencom/clock", { method: "PUT", body: { now: 1_800_000_000 } });
    const ids = [await assignedConversation(ws), await assignedConversation(ws), await assignedConversation(ws)];
    await ws.api(`/conversations/${ids[2]}/parts`, { method: "POST", body: { message_type: "snoozed", admin_id: String(ws.adminId), snoozed_until: 1_800_100_000 } });
    expect((await ws.api(url, { version: V })).body.data[0]).toEqual({ type: "team_metric", admin_id: String(ws.adminId), open: 2, idle: 0, snoozed: 1 });

    // an hour later both open ones wait past the default 30 minutes; a threshold of 2 hours: none idle
    await ws.api("/_opencom/clock/advance", { method: "POST", body: { seconds: 3600 } });
    expect((await ws.api(url, { version: V })).body.data[0]).toMatchObject({ open: 2, idle: 2, snoozed: 1 });
    expect((await ws.api(`${url}?idle_threshold=7200`, { version: V })).body.data[0]).toMatchObject({ idle: 0 });
    // an admin reply stops the wait
    await ws.api(`/conversations/${ids[0]}/reply`, { method: "POST", body: { message_type: "comment", type: "admin", admin_id: String(ws.adminId), body: "On it" } });
    expect((await ws.api(url, { version: V })).body.data[0]).toMatchObject({ open: 2, idle: 1, snoozed: 1 });
    // closing one
    await ws.api(`/conversations/${ids[1]}/parts`, { method: "POST", body: { message_type: "close", type: "admin", admin_id: String(ws.adminId) } });
    expect((await ws.api(url, { version: V })).body.data[0]).toMatchObject({ open: 1, idle: 0, snoozed: 1 });
    // the snooze's time comes: it counts as open
    await ws.api("/_opencom/clock/advance", { method: "POST", body: { seconds: 200_000 } });
    expect((await ws.api(url, { version: V })).body.data[0]).toMatchObject({ open: 2, snoozed: 0 });

    expectErrorList(await ws.api("/teams/999999/metrics", { version: V }), 404, "team_not_found");
    expectErrorList(await srv.ws.api(url, { version: V }), 404, "team_not_found");
    expectErrorList(await ws.api(`${url}?idle_threshold=soon`, { version: V }), 400);
  });
});

describe("PUT /teams/{id} (Unstable)", () => {
  const U = "Unstable";
  async function admins(ws: TestWorkspace, n: number): Promise<number[]> {
    const ids: number[] = [];
    for (let i = 0; i < n; i++) {
      const row = await srv.store.db
        .insertInto("admins")
        .values({ workspace_id: ws.workspaceId, name: `Mate ${i}`, email: `mate${seq++}@example.com`, job_title: null, away_mode_enabled: 0, away_mode_reassign: 0, away_status_reason_id: null, has_inbox_seat: 1, email_verified: 1, avatar_url: null, created_at: 1_700_000_000 })
        .returning("id")
        .executeTakeFirstOrThrow();
      ids.push(Number(row.id));
    }
    return ids;
  }
  const setDistribution = (ws: TestWorkspace, method: string) =>
    srv.store.db.updateTable("teams").set({ distribution_method: method, assignment_limit: method === "load_balanced" ? 10 : null }).where("id", "=", ws.teamId).execute();

  it("replaces the members with admin_ids; an unchanged list changes nothing", async () => {
    const ws = await srv.newWorkspace("Team members");
    const [a, b] = await admins(ws, 2);
    const url = `/teams/${ws.teamId}`;
    const put = await ws.api(url, { method: "PUT", version: U, body: { admin_ids: [a, b] } });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ type: "team", id: String(ws.teamId), name: "Support", admin_ids: [a, b].sort((x, y) => x - y), assignment_limit: null, distribution_method: "round_robin" });
    expect((await ws.api(url, { version: U })).body.admin_ids).toEqual([a, b]);
    // the first admin left the team; sending the same again is a no-op
    expect((await ws.api(url, { method: "PUT", version: U, body: { admin_ids: [b, a] } })).body.admin_ids).toEqual([a, b]);
    // a team read from the API sent back whole, with only admin_ids changed
    const read = (await ws.api(url, { version: U })).body;
    expect((await ws.api(url, { method: "PUT", version: U, body: { ...read, admin_ids: [ws.adminId] } })).body.admin_ids).toEqual([ws.adminId]);
    // numeric strings are ids too
    expect((await ws.api(url, { method: "PUT", version: U, body: { admin_ids: [String(a)] } })).body.admin_ids).toEqual([a]);
  });

  it("answers the documented errors", async () => {
    const ws = await srv.newWorkspace("Team errors");
    const [a] = await admins(ws, 1);
    const url = `/teams/${ws.teamId}`;
    expect(expectErrorList(await ws.api(url, { method: "PUT", version: U, body: { admin_ids: ["abc"] } }), 400, "parameter_invalid").message).toBe("admin_ids must contain only numeric admin ids");
    expect(expectErrorList(await ws.api(url, { method: "PUT", version: U, body: { admin_ids: [a], name: "Renamed" } }), 400, "parameter_invalid").message).toBe(
      "Only admin_ids and admin_priority_level can be updated on a team, but the request changed name",
    );
    expect(expectErrorList(await ws.api(url, { method: "PUT", version: U, body: { admin_ids: [a], colour: "red" } }), 400, "parameter_invalid").field).toBe("colour");
    expect(expectErrorList(await ws.api(url, { method: "PUT", version: U, body: { admin_ids: [a], admin_priority_level: { primary_admin_ids: [814865] } } }), 400, "parameter_invalid").message).toBe(
      "admin_priority_level names 814865, which is on neither the team nor admin_ids",
    );
    expect(expectErrorList(await ws.api(url, { method: "PUT", version: U, body: { admin_ids: [a], admin_priority_level: { primary_admin_ids: [a], secondary_admin_ids: [a] } } }), 400, "parameter_invalid").message).toBe(
      `admin_priority_level gives ${a} more than one priority level`,
    );
    // secondary members only on a load-balanced team
    expectErrorList(await ws.api(url, { method: "PUT", version: U, body: { admin_ids: [a], admin_priority_level: { secondary_admin_ids: [a] } } }), 400, "parameter_invalid");
    expectErrorList(await ws.api(url, { method: "PUT", version: U, body: { admin_ids: [] } }), 400, "parameter_invalid");
    expectErrorList(await ws.api(url, { method: "PUT", version: U, body: {} }), 400);
    expectErrorList(await ws.api(url, { method: "PUT", version: U, body: { admin_ids: [999_999_999] } }), 400, "parameter_invalid");
    // a parameter in the query string is refused, not applied
    expectErrorList(await ws.api(`${url}?admin_ids=${a}`, { method: "PUT", version: U, body: { admin_ids: [a] } }), 400, "parameter_invalid");
    expectErrorList(await ws.api("/teams/999999", { method: "PUT", version: U, body: { admin_ids: [a] } }), 404, "team_not_found");
    // another workspace's team, or another workspace's admin
    expectErrorList(await srv.ws.api(url, { method: "PUT", version: U, body: { admin_ids: [srv.ws.adminId] } }), 404, "team_not_found");
    expectErrorList(await ws.api(url, { method: "PUT", version: U, body: { admin_ids: [srv.ws.adminId] } }), 400, "parameter_invalid");
    // nothing changed by the refused requests
    expect((await ws.api(url, { version: U })).body.admin_ids).toEqual([ws.adminId]);
  });

  it("sets priority levels on a load-balanced team and reports them", async () => {
    const ws = await srv.newWorkspace("Team levels");
    const [a, b, c] = await admins(ws, 3);
    await setDistribution(ws, "load_balanced");
    const url = `/teams/${ws.teamId}`;
    const put = await ws.api(url, { method: "PUT", version: U, body: { admin_ids: [ws.adminId, a, b], admin_priority_level: { primary_admin_ids: [a], secondary_admin_ids: [b] } } });
    expect(put.body).toEqual({
      type: "team",
      id: String(ws.teamId),
      name: "Support",
      admin_ids: [ws.adminId, a, b],
      admin_priority_level: { primary_admin_ids: [ws.adminId, a], secondary_admin_ids: [b] },
      assignment_limit: 10,
      distribution_method: "load_balanced",
    });
    // a member left out of admin_priority_level keeps their level; a newcomer without one is primary;
    // a level named for someone removed is ignored
    const next = await ws.api(url, { method: "PUT", version: U, body: { admin_ids: [a, b, c], admin_priority_level: { secondary_admin_ids: [a, ws.adminId] } } });
    expect(next.body.admin_priority_level).toEqual({ primary_admin_ids: [c], secondary_admin_ids: [a, b] });
    // the read sends back whole
    const read = (await ws.api(url, { version: U })).body;
    expect((await ws.api(url, { method: "PUT", version: U, body: read })).body).toEqual(read);
  });

  it("parallel updates of one team leave one of the requested member sets, never a mix or a 500", async () => {
    const ws = await srv.newWorkspace("Team race");
    const ids = await admins(ws, 6);
    const sets = [ids.slice(0, 3), ids.slice(3, 6), [ids[0], ids[5]]];
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => ws.api(`/teams/${ws.teamId}`, { method: "PUT", version: U, body: { admin_ids: sets[i % 3] } })));
    for (const r of results) expect([200, 409]).toContain(r.status);
    for (const r of results.filter((x) => x.status === 409)) expectErrorList(r, 409, "conflict");
    const final = (await ws.api(`/teams/${ws.teamId}`, { version: U })).body.admin_ids;
    expect(sets.map((s) => [...s].sort((x, y) => x - y))).toContainEqual(final);
  });
});
