// Macros, handling events, side conversations and message statuses (2.15 / 2.16; WhatsApp messages made through /_opencom/whatsapp_messages).
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
  it("records WhatsApp messages through /_opencom/whatsapp_messages and answers their status as it moves", async () => {
    const ws = await srv.newWorkspace("Statuses");
    await ws.api("/_opencom/clock", { method: "PUT", body: { now: 1734537980 } });
    const conv = await newConversation(ws);
    const made = await ws.api("/_opencom/whatsapp_messages", { body: { conversation_id: conv, template_name: "appointment_reminder" } });
    expect(made.status).toBe(201);
    expect(made.body.message_id).toMatch(/^wamid_[0-9a-f]{24}$/);
    const id = made.body.message_id;
    const status = { conversation_id: conv, message_id: id, template_name: "appointment_reminder", type: "broadcast_outbound", status: "sent", created_at: 1734537980, updated_at: 1734537980 };
    expect(made.body).toEqual({ ...status, ruleset_id: null });
    expect((await ws.api(`/messages/whatsapp/status?message_id=${id}`, { version: V })).body).toEqual(status);

    await ws.api("/_opencom/clock/advance", { body: { seconds: 20 } });
    const delivered = await ws.api(`/_opencom/whatsapp_messages/${id}`, { method: "PUT", body: { status: "delivered" } });
    expect(delivered.body).toMatchObject({ status: "delivered", updated_at: 1734538000, created_at: 1734537980 });
    await ws.api("/_opencom/clock/advance", { body: { seconds: 5 } });
    await ws.api(`/_opencom/whatsapp_messages/${id}`, { method: "PUT", body: { status: "read" } });
    for (const v of [V, "Unstable"]) expect((await ws.api(`/messages/whatsapp/status?message_id=${id}`, { version: v })).body).toEqual({ ...status, status: "read", updated_at: 1734538005 });
    // read is final; moving back is refused naming the field
    expect(expectErrorList(await ws.api(`/_opencom/whatsapp_messages/${id}`, { method: "PUT", body: { status: "delivered" } }), 400, "parameter_invalid").field).toBe("status");

    // a failed message carries its error (and only a failed one); no conversation is needed
    const lone = (await ws.api("/_opencom/whatsapp_messages", { body: { template_name: "order_update" } })).body;
    expect(lone.conversation_id).toBeUndefined();
    expect(expectErrorList(await ws.api(`/_opencom/whatsapp_messages/${lone.message_id}`, { method: "PUT", body: { status: "failed" } }), 400, "parameter_not_found").field).toBe("error");
    expect(expectErrorList(await ws.api(`/_opencom/whatsapp_messages/${lone.message_id}`, { method: "PUT", body: { status: "delivered", error: { message: "x" } } }), 400).field).toBe("error");
    const error = { message: "Message delivery failed", details: "Recipient phone number not on WhatsApp" };
    expect((await ws.api(`/_opencom/whatsapp_messages/${lone.message_id}`, { method: "PUT", body: { status: "failed", error } })).status).toBe(200);
    expect((await ws.api(`/messages/whatsapp/status?message_id=${lone.message_id}`, { version: V })).body).toEqual({
      message_id: lone.message_id, template_name: "order_update", type: "broadcast_outbound", status: "failed", error, created_at: 1734538005, updated_at: 1734538005,
    });
    expectErrorList(await ws.api(`/_opencom/whatsapp_messages/${lone.message_id}`, { method: "PUT", body: { status: "read" } }), 400, "parameter_invalid");
  });

  it("lists a ruleset's messages as its events, newest first, paged", async () => {
    const ws = await srv.newWorkspace("Ruleset");
    const conv = await newConversation(ws);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await ws.api("/_opencom/whatsapp_messages", { body: { conversation_id: conv, template_name: `t${i}`, ruleset_id: "12345" } })).body.message_id);
    await ws.api("/_opencom/whatsapp_messages", { body: { conversation_id: conv, template_name: "other", ruleset_id: 999 } });
    await ws.api(`/_opencom/whatsapp_messages/${ids[0]}`, { method: "PUT", body: { status: "delivered" } });
    const p1 = await ws.api("/messages/status?ruleset_id=12345&per_page=2", { version: V });
    expect(p1.status).toBe(200);
    expect(p1.body).toMatchObject({ type: "list", ruleset_id: "12345", total_count: 3, pages: { type: "pages", per_page: 2, total_pages: 2 } });
    expect(p1.body.events.map((e: any) => e.whatsapp_message_id)).toEqual([ids[2], ids[1]]);
    expect(p1.body.events[0]).toEqual({ id: expect.any(String), conversation_id: conv, whatsapp_message_id: ids[2], template_name: "t2", type: "broadcast_outbound", status: "sent", created_at: expect.any(Number), updated_at: expect.any(Number) });
    const p2 = await ws.api(`/messages/status?ruleset_id=12345&per_page=2&starting_after=${p1.body.pages.next.starting_after}`, { version: V });
    expect(p2.body.events.map((e: any) => [e.whatsapp_message_id, e.status])).toEqual([[ids[0], "delivered"]]);
    expect(p2.body.pages.next).toBeNull();
    expect(p2.body.total_count).toBe(3);
    expect((await ws.api("/messages/status?ruleset_id=999", { version: V })).body.total_count).toBe(1);
    expect((await ws.api("/messages/status?ruleset_id=123&per_page=20", { version: V })).body).toEqual({ type: "list", ruleset_id: "123", pages: { type: "pages", per_page: 20, total_pages: 0, next: null }, total_count: 0, events: [] });
  });

  it("refuses bad input, keeps workspaces apart, and reset empties the messages", async () => {
    const ws = await srv.newWorkspace("Statuses errors");
    expectErrorList(await ws.api("/messages/status", { version: V }), 400, "parameter_not_found");
    expectErrorList(await ws.api("/messages/status?ruleset_id=1&per_page=101", { version: V }), 400);
    expectErrorList(await ws.api("/messages/whatsapp/status", { version: V }), 400, "parameter_not_found");
    expect(expectErrorList(await ws.api("/messages/whatsapp/status?message_id=wamid_1", { version: V }), 404, "whatsapp_message_not_found").message).toBe("Whatsapp message not found");
    expectErrorList(await ws.api("/_opencom/whatsapp_messages/wamid_1", { method: "PUT", body: { status: "read" } }), 404, "whatsapp_message_not_found");
    const conv = await newConversation(ws);
    const bad: Array<[Record<string, unknown>, string]> = [
      [{}, "template_name"],
      [{ template_name: " " }, "template_name"],
      [{ template_name: "t", status: "queued" }, "status"],
      [{ template_name: "t", ruleset_id: "1" }, "conversation_id"],
      [{ template_name: "t", ruleset_id: "1", conversation_id: conv, type: "inbound" }, "type"],
      [{ template_name: "t", status: "failed" }, "error"],
      [{ template_name: "t", message_id: "wamid_x" }, "message_id"],
    ];
    for (const [b, field] of bad) {
      const e = expectErrorList(await ws.api("/_opencom/whatsapp_messages", { body: b }), 400);
      expect(e.field ?? e.message).toContain(field);
    }
    expectErrorList(await ws.api("/_opencom/whatsapp_messages", { body: { template_name: "t", conversation_id: "999999999" } }), 404);

    const m = (await ws.api("/_opencom/whatsapp_messages", { body: { template_name: "t", conversation_id: conv, ruleset_id: "7" } })).body;
    const other = await srv.newWorkspace("Statuses other");
    expectErrorList(await other.api(`/messages/whatsapp/status?message_id=${m.message_id}`, { version: V }), 404, "whatsapp_message_not_found");
    expectErrorList(await other.api(`/_opencom/whatsapp_messages/${m.message_id}`, { method: "PUT", body: { status: "read" } }), 404, "whatsapp_message_not_found");
    expectErrorList(await other.api("/_opencom/whatsapp_messages", { body: { template_name: "t", conversation_id: conv } }), 404);
    expect((await other.api("/messages/status?ruleset_id=7", { version: V })).body.total_count).toBe(0);

    const snap = (await ws.api("/_opencom/snapshot")).body;
    expect((await ws.api("/_opencom/reset", { method: "POST", body: {} })).status).toBe(200);
    expectErrorList(await ws.api(`/messages/whatsapp/status?message_id=${m.message_id}`, { version: V }), 404, "whatsapp_message_not_found");
    expect((await ws.api("/messages/status?ruleset_id=7", { version: V })).body.total_count).toBe(0);
    expect((await ws.api("/_opencom/snapshot", { method: "PUT", body: snap })).status).toBe(200);
    expect((await ws.api(`/messages/whatsapp/status?message_id=${m.message_id}`, { version: V })).body.status).toBe("sent");
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
