import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IntercomClient } from "intercom-client";
import { expectErrorList, startTestServer, type TestServer } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

describe("Fin Voice", () => {
  it("registers a call, which the collect reads find once a call matches it (SDK, Unstable)", async () => {
    const ws = await srv.newWorkspace("Fin Voice");
    const sdk = new IntercomClient({ token: ws.token, baseUrl: srv.url, version: "Unstable" } as any);
    const reg = await sdk.unstable.calls.registerFinVoiceCall({ phone_number: "+15557650001", call_id: "aws-1", data: { queue: "billing" } });
    expect(reg).toMatchObject({ user_phone_number: "+15557650001", external_call_id: "aws-1", status: "registered", intercom_call_id: null, intercom_conversation_id: null, call_transcript: [], call_summary: "", intent: [] });
    expect(reg.app_id).toBe(parseInt(ws.workspaceId, 36));
    // not matched yet: 404 everywhere
    expectErrorList(await ws.api(`/fin_voice/collect/${reg.id}`), 404, "not_found");
    expectErrorList(await ws.api("/fin_voice/external_id/aws-1"), 404, "not_found");
    expectErrorList(await ws.api(`/fin_voice/phone_number/${encodeURIComponent("+15557650001")}`), 404, "not_found");

    const contact = (await ws.api("/contacts", { body: { role: "user", phone: "+15557650001" } })).body;
    const conv = (await ws.api("/conversations", { body: { from: { type: "user", id: contact.id }, body: "calling" } })).body;
    const call = (await ws.api("/_opencom/calls", {
      body: { phone: "+15557650001", conversation_id: conv.conversation_id, external_call_id: "aws-1", answered_at: Math.floor(Date.now() / 1000) + 5, fin_summary: "x".repeat(300), fin_intent: [{ name: "billing" }], transcript: [{ offset: 1, speaker: "Fin", text: "Hi" }] },
    })).body;
    const got = await sdk.unstable.calls.collectFinVoiceCallById({ id: reg.id! });
    expect(got).toMatchObject({ id: reg.id, status: "in-progress", intercom_call_id: call.id, intercom_conversation_id: conv.conversation_id, intent: [{ name: "billing" }], call_transcript: [{ offset: 1, speaker: "Fin", text: "Hi" }] });
    expect(got.call_summary).toHaveLength(256);
    expect(await sdk.unstable.calls.collectFinVoiceCallByExternalId({ external_id: "aws-1" })).toEqual(got);
    expect((await ws.api(`/fin_voice/phone_number/${encodeURIComponent("+15557650001")}`)).body).toEqual({ type: "ai_call", ...got, errors: [] });
    expect((await ws.api(`/fin_voice/conversation/${conv.conversation_id}`)).body).toEqual([got]);
    // a second registered call of the same number, matched by an ended call: the most recent one, resolved
    await ws.api("/fin_voice/register", { body: { phone_number: "+15557650001", call_id: "five9-2", source: "five9" } });
    const ended = (await ws.api("/_opencom/calls", { body: { phone: "+15557650001", conversation_id: conv.conversation_id, external_call_id: "five9-2", ended_at: Math.floor(Date.now() / 1000) + 60 } })).body;
    const latest = (await ws.api(`/fin_voice/phone_number/${encodeURIComponent("+15557650001")}`)).body;
    expect(latest).toMatchObject({ external_call_id: "five9-2", status: "resolved", intercom_call_id: ended.id });
    expect((await ws.api(`/fin_voice/conversation/${conv.conversation_id}`)).body.map((x: any) => x.external_call_id)).toEqual(["aws-1", "five9-2"]);
    const quiet = (await ws.api("/conversations", { body: { from: { type: "user", id: contact.id }, body: "no calls" } })).body;
    expect((await ws.api(`/fin_voice/conversation/${quiet.conversation_id}`)).body).toEqual([]);
    expectErrorList(await ws.api("/fin_voice/conversation/123456789"), 404, "not_found");
  });

  it("answers the documented errors, in each version, and isolates workspaces", async () => {
    const ws = await srv.newWorkspace("Fin Voice errors");
    const other = await srv.newWorkspace("Fin Voice errors other");
    for (const version of ["2.15", "2.16"]) {
      expectErrorList(await ws.api("/fin_voice/register", { body: { call_id: `c-${version}` }, version }), 400, "parameter_not_found");
      expectErrorList(await ws.api("/fin_voice/register", { body: { phone_number: "+15557650002" }, version }), 400, "parameter_not_found");
      const r = await ws.api("/fin_voice/register", { body: { phone_number: "+15557650002", call_id: `c-${version}`, source: "zoom_phone" }, version });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ external_call_id: `c-${version}`, status: "registered" });
    }
    expectErrorList(await ws.api("/fin_voice/register", { body: { phone_number: "+15557650002", call_id: "c-2.15" } }), 409, "conflict");
    expectErrorList(await ws.api("/fin_voice/register", { body: { phone_number: "5557650002", call_id: "c-x" } }), 400, "parameter_invalid");
    expectErrorList(await ws.api("/fin_voice/register", { body: { phone_number: "+15557650002", call_id: "c-y", source: "skype" } }), 400, "parameter_invalid");
    expectErrorList(await ws.api("/fin_voice/register", { method: "POST" }), 400, "parameter_not_found");
    // another workspace may register the same external id; it never sees this one's
    expect((await other.api("/fin_voice/register", { body: { phone_number: "+15557650002", call_id: "c-2.15" } })).status).toBe(200);
    const call = (await ws.api("/_opencom/calls", { body: { external_call_id: "c-2.16" } })).body;
    expectErrorList(await ws.api("/_opencom/calls", { body: { external_call_id: "c-2.16" } }), 400, "parameter_invalid"); // matched already
    expectErrorList(await ws.api("/_opencom/calls", { body: { external_call_id: "never-registered" } }), 400, "parameter_invalid");
    const mine = (await ws.api("/fin_voice/external_id/c-2.16")).body;
    expect(mine).toMatchObject({ intercom_call_id: call.id, status: "in-progress" });
    expectErrorList(await other.api(`/fin_voice/collect/${mine.id}`), 404, "not_found");
    expectErrorList(await other.api("/fin_voice/external_id/c-2.16"), 404, "not_found");
    expectErrorList(await ws.api("/fin_voice/collect/abc"), 404, "not_found");
    const conv = (await ws.api(`/fin_voice/external_id/c-2.16`)).body.intercom_conversation_id;
    expect(conv).toBeNull();
    expect((await ws.api(`/fin_voice/collect/${mine.id}`, { version: "2.15" })).body).toEqual(mine);
  });

  it("keeps calls, references, connectors and catalogs through a snapshot and a reset", async () => {
    const ws = await srv.newWorkspace("Channels snapshot");
    await ws.api("/fin_voice/register", { body: { phone_number: "+15557650009", call_id: "snap-1" } });
    const call = (await ws.api("/_opencom/calls", { body: { external_call_id: "snap-1", transcript: [{ offset: 0, speaker: "Fin", text: "Hi" }] } })).body;
    const dc = (await ws.api("/data_connectors", { body: { name: "Snap" }, version: "2.16" })).body;
    await ws.api(`/_opencom/data_connectors/${dc.id}/executions`, { body: { http_status: 200 } });
    const snap = (await ws.api("/_opencom/snapshot")).body;
    await ws.api("/_opencom/reset", { method: "POST", body: {} });
    expect((await ws.api("/calls")).body.total_count).toBe(0);
    expectErrorList(await ws.api("/fin_voice/external_id/snap-1"), 404, "not_found");
    expect((await ws.api("/_opencom/snapshot", { method: "PUT", body: snap })).status).toBe(200);
    expect((await ws.api("/fin_voice/external_id/snap-1")).body).toMatchObject({ intercom_call_id: call.id, status: "in-progress" });
    expect((await ws.api(`/calls/${call.id}/transcript`)).text).toBe('[00:00:00] Fin: "Hi"\n');
    expect((await ws.api(`/data_connectors/${dc.id}/execution_results`, { version: "2.16" })).body.data).toHaveLength(1);
  });
});
