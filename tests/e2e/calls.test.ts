import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

async function conversation(ws: TestWorkspace, phone: string) {
  const contact = (await ws.api("/contacts", { body: { role: "user", phone, name: "Caller" } })).body;
  const conv = (await ws.api("/conversations", { body: { from: { type: "user", id: contact.id }, body: "Call me" } })).body;
  return { contactId: contact.id as string, conversationId: conv.conversation_id as string };
}

const TRANSCRIPT = [
  { offset: 3, speaker: "Teammate 1", text: "Hello, how can I help?" },
  { offset: 3671, speaker: "User", text: "My account is locked." },
];

describe("calls", () => {
  it("records calls through opencom's phone line; lists, reads and searches them (SDK)", async () => {
    const ws = await srv.newWorkspace("Calls");
    const { contactId, conversationId } = await conversation(ws, "+15551230001");
    const created = await ws.api("/_opencom/calls", {
      body: {
        direction: "outbound", phone: "+15551230001", admin_id: ws.adminId, contact_id: contactId, conversation_id: conversationId,
        initiated_at: 1734537437, answered_at: 1734537440, ended_at: 1734537530, ended_reason: "answered", hold_time: 5,
        recording_url: "https://recordings.example/abc.mp3", transcript: TRANSCRIPT,
      },
    });
    expect(created.status).toBe(201);
    const call = created.body;
    expect(call).toMatchObject({
      type: "call", conversation_id: conversationId, admin_id: String(ws.adminId), contact_id: contactId, state: "completed",
      direction: "outbound", call_type: "phone", phone: "+15551230001", ended_reason: "answered",
      duration: 90, talk_time: 90, hold_time: 5, queue_time: null,
    });
    expect(call.recording_url).toBe(`${srv.url}/calls/${call.id}/recording`);
    expect(call.transcription_url).toBe(`${srv.url}/calls/${call.id}/transcript`);
    // a call still ringing: no recording, no transcript, no duration
    const ringing = (await ws.api("/_opencom/calls", { body: { phone: "+15551230002" } })).body;
    expect(ringing).toMatchObject({ state: "initiated", direction: "inbound", recording_url: null, transcription_url: null, duration: null, conversation_id: null });
    expect(typeof ringing.initiated_at).toBe("number");
    expect(ringing.answered_at).toBeUndefined();

    const got = await ws.client.calls.showCall({ call_id: call.id });
    expect(got).toMatchObject({ id: call.id, state: "completed", conversation_id: conversationId });
    const list = await ws.client.calls.listCalls();
    expect(list.total_count).toBe(2);
    expect(list.data?.map((c: any) => c.id)).toEqual([ringing.id, call.id]);
    const found = await ws.client.calls.listCallsWithTranscripts({ conversation_ids: [conversationId, "999999"] });
    expect(found.data).toHaveLength(1);
    expect(found.data?.[0]).toMatchObject({ id: call.id, transcript_status: "completed", transcript: TRANSCRIPT });
    const text = await ws.client.calls.showCallTranscript({ call_id: call.id });
    expect(String(text)).toContain('[01:01:11] User: "My account is locked."');
  });

  it("notifies call.started, call.ended, call.recording_available and call.transcription_available", async () => {
    const ws = await srv.newWorkspace("Calls webhooks");
    const topics = ["call.started", "call.ended", "call.recording_available", "call.transcription_available"];
    await ws.api("/_opencom/webhooks", { body: { url: "http://127.0.0.1:9/hook", topics } });
    await ws.api("/_opencom/calls", { body: { phone: "+15551230101" } });
    await ws.api("/_opencom/calls", { body: { phone: "+15551230102", ended_at: Math.floor(Date.now() / 1000) + 30, recording_url: "https://r.example/1.mp3", transcript: TRANSCRIPT } });
    // a refused call notifies nothing
    expectErrorList(await ws.api("/_opencom/calls", { body: { phone: "nope", transcript: TRANSCRIPT } }), 400, "parameter_invalid");
    const deliveries = (await ws.api("/_opencom/webhooks/deliveries?per_page=50")).body.data;
    expect(deliveries).toHaveLength(5);
    expect(deliveries.filter((d: any) => d.topic === "call.started")).toHaveLength(2);
    for (const t of topics.slice(1)) expect(deliveries.filter((d: any) => d.topic === t)).toHaveLength(1);
  });

  it("pages by page number and cursor, 25 at most", async () => {
    const ws = await srv.newWorkspace("Calls paging");
    for (let i = 0; i < 3; i++) await ws.api("/_opencom/calls", { body: { phone: `+1555123000${i}` } });
    const p1 = (await ws.api("/calls?per_page=2")).body;
    expect(p1).toMatchObject({ type: "list", total_count: 3, pages: { type: "pages", page: 1, per_page: 2, total_pages: 2 } });
    const p2 = (await ws.api(`/calls?per_page=2&starting_after=${p1.pages.next.starting_after}`)).body;
    expect(p2.data).toHaveLength(1);
    expect((await ws.api("/calls?per_page=2&page=2")).body.data.map((c: any) => c.id)).toEqual(p2.data.map((c: any) => c.id));
    expect(new Set([...p1.data, ...p2.data].map((c: any) => c.id)).size).toBe(3);
    expectErrorList(await ws.api("/calls?per_page=26"), 400, "parameter_invalid");
    expect((await ws.api("/calls")).body.pages.per_page).toBe(25);
  });

  it("redirects to the recording and answers the transcript as a text file", async () => {
    const ws = await srv.newWorkspace("Calls media");
    const call = (await ws.api("/_opencom/calls", { body: { recording_url: "https://recordings.example/x.mp3", transcript: TRANSCRIPT, ended_at: Math.floor(Date.now() / 1000) + 60 } })).body;
    const rec = await fetch(`${srv.url}/calls/${call.id}/recording`, { headers: { Authorization: `Bearer ${ws.token}` }, redirect: "manual" });
    expect(rec.status).toBe(302);
    expect(rec.headers.get("location")).toBe("https://recordings.example/x.mp3");
    const tr = await ws.api(`/calls/${call.id}/transcript`);
    expect(tr.status).toBe(200);
    expect(tr.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(tr.headers.get("content-disposition")).toMatch(/^attachment; filename=transcription_data-\d{4}-\d{2}-\d{2}\.txt$/);
    expect(tr.text).toBe('[00:00:03] Teammate 1: "Hello, how can I help?"\n[01:01:11] User: "My account is locked."\n');
    const bare = (await ws.api("/_opencom/calls", { body: {} })).body;
    expectErrorList(await ws.api(`/calls/${bare.id}/recording`), 404, "not_found");
    expectErrorList(await ws.api(`/calls/${bare.id}/transcript`), 404, "not_found");
  });

  it("answers the documented errors, per version, and isolates workspaces", async () => {
    const ws = await srv.newWorkspace("Calls errors");
    const other = await srv.newWorkspace("Calls errors other");
    const { conversationId } = await conversation(ws, "+15551230009");
    const call = (await ws.api("/_opencom/calls", { body: { conversation_id: conversationId, answered_at: 2_000_000_000, initiated_at: 1_999_999_000, ended_at: 2_000_000_100 } })).body;
    expectErrorList(await ws.api("/calls/search", { body: {} }), 400, "conversation_id_limit_exceeded");
    expectErrorList(await ws.api("/calls/search", { body: { conversation_ids: [] } }), 400, "conversation_id_limit_exceeded");
    expectErrorList(await ws.api("/calls/search", { body: { conversation_ids: Array.from({ length: 21 }, (_, i) => String(i + 1)) } }), 400, "conversation_id_limit_exceeded");
    expectErrorList(await ws.api("/calls/nope"), 404, "not_found");
    for (const p of ["", "/recording", "/transcript"]) expectErrorList(await other.api(`/calls/${call.id}${p}`), 404, "not_found");
    expect((await other.api("/calls")).body.total_count).toBe(0);
    expect((await other.api("/calls/search", { body: { conversation_ids: [conversationId] } })).body.data).toEqual([]);
    // the phone line refers to the workspace's own people and conversations only
    expectErrorList(await other.api("/_opencom/calls", { body: { conversation_id: conversationId } }), 400, "parameter_invalid");
    expectErrorList(await other.api("/_opencom/calls", { body: { admin_id: ws.adminId } }), 400, "parameter_invalid");
    expectErrorList(await ws.api("/_opencom/calls", { body: { phone: "555-1234" } }), 400, "parameter_invalid");
    expectErrorList(await ws.api("/_opencom/calls", { body: { initiated_at: 100, ended_at: 50 } }), 400, "parameter_invalid");
    // 2.14 has no duration; Unstable has it
    const v214 = (await ws.api(`/calls/${call.id}`, { version: "2.14" })).body;
    expect(v214).toMatchObject({ id: call.id, state: "completed" });
    expect(v214.duration).toBeUndefined();
    expect((await ws.api(`/calls/${call.id}`, { version: "Unstable" })).body).toMatchObject({ duration: 1100, talk_time: 100 });
  });
});

describe("Switch: phone call redirects", () => {
  it("texts a Messenger link: a new lead with the phone, or the contact that has it, with the custom attributes (SDK)", async () => {
    const ws = await srv.newWorkspace("Switch");
    for (const name of ["issue_type", "priority"]) await ws.api("/data_attributes", { body: { name, model: "contact", data_type: "string" } });
    const r = await ws.client.phoneCallRedirects.create({ phone: "+353832345678", custom_attributes: { issue_type: "Billing" } });
    expect(r).toMatchObject({ type: "phone_call_redirect", phone: "+353832345678" });
    const found = (await ws.api("/contacts/search", { body: { query: { field: "phone", operator: "=", value: "+353832345678" } } })).body;
    expect(found.total_count).toBe(1);
    expect(found.data[0]).toMatchObject({ role: "lead", phone: "+353832345678", custom_attributes: { issue_type: "Billing" } });
    // the same number again (written with spaces): the same contact, attributes merged
    const again = await ws.api("/phone_call_redirects", { body: { phone: "+353 83 234 5678", custom_attributes: { priority: "High" } }, version: "2.7" });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ type: "phone_call_redirect", phone: "+353832345678" });
    const contact = (await ws.api(`/contacts/${found.data[0].id}`)).body;
    expect(contact.custom_attributes).toEqual({ issue_type: "Billing", priority: "High" });
    // a user with the phone gets the attributes
    const user = (await ws.api("/contacts", { body: { role: "user", email: "u@example.com", phone: "+15550102030" } })).body;
    await ws.api("/phone_call_redirects", { body: { phone: "+15550102030", custom_attributes: { issue_type: "Login" } }, version: "Unstable" });
    expect((await ws.api(`/contacts/${user.id}`)).body.custom_attributes).toEqual({ issue_type: "Login" });
  });

  it("refuses numbers that are not E.164 and keeps workspaces apart", async () => {
    const ws = await srv.newWorkspace("Switch errors");
    const other = await srv.newWorkspace("Switch errors other");
    for (const phone of ["0832345678", "+0123", "call me", 12345]) expectErrorList(await ws.api("/phone_call_redirects", { body: { phone } }), 400, "invalid_phone_number");
    expectErrorList(await ws.api("/phone_call_redirects", { body: {} }), 400, "parameter_not_found");
    expectErrorList(await ws.api("/phone_call_redirects", { body: { phone: "+15550000001", custom_attributes: { undefined_attr: 1 } } }), 400);
    await ws.api("/phone_call_redirects", { body: { phone: "+15550000002" } });
    await other.api("/phone_call_redirects", { body: { phone: "+15550000002" } });
    const q = { query: { field: "phone", operator: "=", value: "+15550000002" } };
    expect((await ws.api("/contacts/search", { body: q })).body.total_count).toBe(1);
    expect((await other.api("/contacts/search", { body: q })).body.total_count).toBe(1);
  });
});
