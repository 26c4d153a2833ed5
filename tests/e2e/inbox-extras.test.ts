// Macros, handling events, side conversations and message statuses (2.15 / 2.16).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

const V = "2.16";

async function newConversation(ws: TestWorkspace) {
  const contact = (await ws.api("/contacts", { body: { role: "user", email: `c${Math.random()}@example.com` } })).body;
  const conv = (await ws.api("/conversations", { body: { from: { type: "user", id: contact.id }, body: "Hello" } })).body;
  return String(conv.conversation_id ?? conv.id);
}

describe("macros", () => {
  it("creates through /_opencom/macros, lists newest updated first with cursors, reads one", async () => {
    const ws = await srv.newWorkspace("Macros");
    const a = await ws.api("/_opencom/macros", { body: { name: "Greeting", body: "<p>Hi {{user.name | fallback: 'there'}}, order #{{order.number}}</p><p>Bye</p>", available_on: ["inbox", "messenger"] } });
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({
      type: "macro",
      name: "Greeting",
      body: '<p>Hi <attribute key="user.name" default="there"/>, order #<attribute key="order.number"/></p><p>Bye</p>',
      body_text: 'Hi {{user.name|fallback:"there"}}, order #{{order.number}}\n\nBye',
      visible_to: "everyone",
      visible_to_team_ids: [],
      available_on: ["inbox", "messenger"],
    });
    expect(a.body.created_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    await ws.api("/_opencom/clock/advance", { body: { seconds: 5 } });
    const b = (await ws.api("/_opencom/macros", { body: { name: "Team only", body: "<p>x</p>", visible_to: "specific_teams", visible_to_team_ids: [String(ws.teamId)] } })).body;
    expect(b.visible_to_team_ids).toEqual([String(ws.teamId)]);

    const page1 = await ws.api("/macros?per_page=1", { version: V });
    expect(page1.status).toBe(200);
    expect(page1.body.data.map((m: any) => m.id)).toEqual([b.id]);
    expect(page1.body.pages.next.starting_after).toBeTruthy();
    const page2 = (await ws.api(`/macros?per_page=1&starting_after=${page1.body.pages.next.starting_after}`, { version: V })).body;
    expect(page2.data.map((m: any) => m.id)).toEqual([a.body.id]);
    expect(page2.pages.next).toBeNull();
    const since = Math.floor(Date.parse(a.body.created_at) / 1000);
    expect((await ws.api(`/macros?updated_since=${since}`, { version: V })).body.data.map((m: any) => m.id)).toEqual([b.id]);
    expect((await ws.api(`/macros/${a.body.id}`, { version: V })).body).toEqual(a.body);

    // the SDK
    const sdk = await ws.client.unstable.macros.listMacros({});
    expect(sdk.data?.map((m) => m?.id)).toEqual([b.id, a.body.id]);
    expect((await ws.client.unstable.macros.getMacro({ id: a.body.id }))?.name).toBe("Greeting");
  });

  it("answers errors and isolates workspaces", async () => {
    const ws = await srv.newWorkspace("Macro errors");
    const other = await srv.newWorkspace("Macro others");
    const team = (await ws.api("/_opencom/macros", { body: { name: "Team", body: "t", visible_to: "specific_teams", visible_to_team_ids: [ws.teamId] } })).body;
    const all = (await ws.api("/_opencom/macros", { body: { name: "All", body: "a" } })).body;
    expectErrorList(await ws.api("/_opencom/macros", { body: { body: "no name" } }), 400);
    expectErrorList(await ws.api("/_opencom/macros", { body: { name: "x", body: "y", visible_to: "nobody" } }), 400);
    expectErrorList(await ws.api("/_opencom/macros", { body: { name: "x", body: "y", visible_to: "specific_teams" } }), 400);
    expectErrorList(await ws.api("/_opencom/macros", { body: { name: "x", body: "y", visible_to: "specific_teams", visible_to_team_ids: [999999] } }), 404, "team_not_found");
    expectErrorList(await ws.api("/_opencom/macros", { body: { name: "x", body: "y", available_on: ["fax"] } }), 400);
    expectErrorList(await ws.api("/macros?updated_since=-1", { version: V }), 400, "parameter_invalid");
    expectErrorList(await ws.api("/macros?per_page=151", { version: V }), 400);
    expectErrorList(await ws.api("/macros/999999", { version: V }), 404, "not_found");
    expectErrorList(await ws.api("/macros/abc", { version: V }), 404, "not_found");
    for (const id of [team.id, all.id]) expectErrorList(await other.api(`/macros/${id}`, { version: V }), 404, "not_found");
    expect((await other.api("/macros", { version: V })).body.data).toEqual([]);
    expectErrorList(await other.api(`/_opencom/macros/${all.id}`, { method: "DELETE" }), 404);
    expect((await ws.api(`/_opencom/macros/${all.id}`, { method: "DELETE" })).status).toBe(204);
    expectErrorList(await ws.api(`/macros/${all.id}`, { version: V }), 404, "not_found");
  });
});

describe("conversation merge", () => {
  it("closes the secondary, links it once and answers the primary", async () => {
    const ws = await srv.newWorkspace("Merge");
    const other = await srv.newWorkspace("Merge others");
    const secondary = await newConversation(ws);
    const primary = await newConversation(ws);
    const third = await newConversation(ws);
    const r = await ws.api(`/conversations/${secondary}/merge`, { body: { merge_into_conversation_id: Number(primary) }, version: V });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ type: "conversation", id: primary, state: "open" });
    const sec = (await ws.api(`/conversations/${secondary}`, { version: V })).body;
    expect(sec.state).toBe("closed");
    const parts = sec.conversation_parts.conversation_parts;
    expect(parts[parts.length - 1]).toMatchObject({ part_type: "close", author: { type: "admin", id: String(ws.adminId) } });
    expectErrorList(await ws.api(`/conversations/${secondary}/merge`, { body: { merge_into_conversation_id: third }, version: V }), 422, "merge_failed");
    expectErrorList(await ws.api(`/conversations/${third}/merge`, { body: { merge_into_conversation_id: secondary }, version: V }), 422, "merge_failed");
    expectErrorList(await ws.api(`/conversations/${third}/merge`, { body: { merge_into_conversation_id: third }, version: V }), 422, "merge_failed");
    expectErrorList(await ws.api(`/conversations/${third}/merge`, { body: { merge_into_conversation_id: 999999 }, version: V }), 422, "merge_failed");
    expectErrorList(await ws.api(`/conversations/${third}/merge`, { body: { merge_into_conversation_id: "abc" }, version: V }), 400, "parameter_invalid");
    expectErrorList(await ws.api(`/conversations/${third}/merge`, { body: {}, version: V }), 400, "parameter_invalid");
    expectErrorList(await ws.api("/conversations/999999/merge", { body: { merge_into_conversation_id: primary }, version: V }), 404, "not_found");
    // another workspace sees neither conversation
    const theirs = await newConversation(other);
    expectErrorList(await other.api(`/conversations/${third}/merge`, { body: { merge_into_conversation_id: theirs }, version: V }), 404, "not_found");
    expectErrorList(await other.api(`/conversations/${theirs}/merge`, { body: { merge_into_conversation_id: third }, version: V }), 422, "merge_failed");
    // concurrent merges of one secondary: one wins
    const a = await newConversation(ws);
    const res = await Promise.all([primary, third, primary, third].map((p) => ws.api(`/conversations/${a}/merge`, { body: { merge_into_conversation_id: p }, version: V })));
    expect(res.filter((x) => x.status === 200)).toHaveLength(1);
    for (const x of res.filter((x) => x.status !== 200)) expect([409, 422]).toContain(x.status);
  });
});

describe("handling events and side conversations", () => {
  it("answers empty lists for a conversation (opencom keeps neither), 404 otherwise", async () => {
    const ws = await srv.newWorkspace("Handling");
    const other = await srv.newWorkspace("Handling others");
    const id = await newConversation(ws);
    for (const v of ["2.15", "2.16", "Unstable"]) {
      const r = await ws.api(`/conversations/${id}/handling_events`, { version: v });
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ handling_events: [] });
    }
    const side = await ws.api(`/conversations/${id}/side_conversations?page=2&per_page=10`, { version: V });
    expect(side.body).toEqual({ type: "side_conversation.list", side_conversations: [], total_count: 0, pages: { type: "pages", page: 2, per_page: 10, total_pages: 0 } });
    expectErrorList(await ws.api(`/conversations/${id}/side_conversations?per_page=51`, { version: V }), 400);
    expectErrorList(await ws.api("/conversations/999999/handling_events", { version: V }), 404, "not_found");
    expectErrorList(await other.api(`/conversations/${id}/handling_events`, { version: V }), 404, "not_found");
    expectErrorList(await other.api(`/conversations/${id}/side_conversations`, { version: V }), 404, "not_found");
  });
});

describe("message statuses", () => {
  it("lists no WhatsApp events (opencom sends none) and needs its parameters", async () => {
    const ws = await srv.newWorkspace("Statuses");
    const r = await ws.api("/messages/status?ruleset_id=123&per_page=20", { version: V });
    expect(r.body).toEqual({ type: "list", ruleset_id: "123", pages: { type: "pages", per_page: 20, total_pages: 0, next: null }, total_count: 0, events: [] });
    expectErrorList(await ws.api("/messages/status", { version: V }), 400, "parameter_not_found");
    expectErrorList(await ws.api("/messages/status?ruleset_id=1&per_page=101", { version: V }), 400);
    expectErrorList(await ws.api("/messages/whatsapp/status", { version: V }), 400, "parameter_not_found");
    expectErrorList(await ws.api("/messages/whatsapp/status?message_id=wamid_1", { version: V }), 404, "whatsapp_message_not_found");
  });
});

describe("snapshots and reset", () => {
  it("carry macros, attributes, office hours and merges; reset empties them", async () => {
    const ws = await srv.newWorkspace("Extras snapshot");
    const m = (await ws.api("/_opencom/macros", { body: { name: "M", body: "b" } })).body;
    const a = (await ws.api("/conversations/attributes", { body: { name: "L", data_type: "list", options: [{ label: "x" }] }, version: V })).body;
    const s = (await ws.api("/office_hours_schedules", { body: { name: "S", time_zone_name: "UTC", time_intervals: [] }, version: V })).body;
    const e = (await ws.api(`/office_hours_schedules/${s.id}/office_hours_exceptions`, { body: { exception_date: "2026-12-25", exception_type: "closed" }, version: V })).body;
    const one = await newConversation(ws);
    const two = await newConversation(ws);
    await ws.api(`/conversations/${one}/merge`, { body: { merge_into_conversation_id: two }, version: V });
    const snap = (await ws.api("/_opencom/snapshot")).body;
    expect((await ws.api("/_opencom/reset", { method: "POST", body: {} })).status).toBe(200);
    expectErrorList(await ws.api(`/macros/${m.id}`, { version: V }), 404);
    expect((await ws.api("/conversations/attributes", { version: V })).body.data).toEqual([]);
    expect((await ws.api("/office_hours_schedules", { version: V })).body.data).toEqual([]);
    expect((await ws.api("/_opencom/snapshot", { method: "PUT", body: snap })).status).toBe(200);
    expect((await ws.api(`/macros/${m.id}`, { version: V })).body.name).toBe("M");
    expect((await ws.api(`/conversations/attributes/${a.id}`, { version: V })).body).toEqual(a);
    expect((await ws.api(`/office_hours_schedules/${s.id}/office_hours_exceptions/${e.id}`, { version: V })).body).toEqual(e);
    expectErrorList(await ws.api(`/conversations/${one}/merge`, { body: { merge_into_conversation_id: two }, version: V }), 422, "merge_failed");
  });
});
