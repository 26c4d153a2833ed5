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
