// PUT /conversations/{id}/conversation_parts/{part_id} (Unstable, experimental): a reply's send state, an
// admin's "seen"; `experimental: true` and the workspace's client_secret as `secret` are required.
// Errors, versions, isolation. Plain HTTP (intercom-client 7.x has no method for it).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

const V = "Unstable";

async function setup(ws: TestWorkspace) {
  const secret = (await ws.api("/_opencom/workspace")).body.client_secret as string;
  const user = (await ws.api("/contacts", { body: { role: "user", email: `p${Math.random()}@part.example` } })).body;
  const convId = (await ws.api("/conversations", { body: { from: { type: "user", id: user.id }, body: "Hello" } })).body.conversation_id as string;
  const replied = await ws.api(`/conversations/${convId}/reply`, { body: { message_type: "comment", type: "admin", admin_id: String(ws.adminId), body: "Hello there!" } });
  expect(replied.status).toBe(200);
  const reply = replied.body.conversation_parts.conversation_parts.at(-1);
  const closed = await ws.api(`/conversations/${convId}/parts`, { body: { message_type: "close", type: "admin", admin_id: String(ws.adminId) } });
  const close = closed.body.conversation_parts.conversation_parts.at(-1);
  return { secret, convId, reply, close };
}

const put = (ws: TestWorkspace, convId: string, partId: string, body: unknown, version = V) => ws.api(`/conversations/${convId}/conversation_parts/${partId}`, { method: "PUT", body, version });

describe("update a conversation part", () => {
  it("records a reply's send state and an admin's seen, and answers the part", async () => {
    const ws = await srv.newWorkspace("Part update");
    const { secret, convId, reply } = await setup(ws);
    await ws.api("/_opencom/clock/advance", { body: { seconds: 30 } });
    const sent = await put(ws, convId, reply.id, { send_state: "sent", info_message: "Message delivered successfully", experimental: true, secret });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({
      type: "conversation_part",
      id: reply.id,
      part_type: "comment",
      body: "<p>Hello there!</p>",
      created_at: reply.created_at,
      author: { type: "admin", id: String(ws.adminId) },
      external_reply_send_state: "sent",
    });
    expect(sent.body.updated_at).toBeGreaterThanOrEqual(reply.created_at + 30);
    expect(sent.body.seen_state).toBeUndefined();

    const seen = await put(ws, convId, reply.id, { seen: true, admin_id: String(ws.adminId), experimental: true, secret });
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ id: reply.id, external_reply_send_state: "sent", seen_state: { admin_seen: true } });
    const failed = await put(ws, convId, reply.id, { send_state: "failed", info_message: "Bounced", experimental: true, secret });
    expect(failed.body).toMatchObject({ external_reply_send_state: "failed", seen_state: { admin_seen: true } });
    // the conversation still shows the part
    const conv = (await ws.api(`/conversations/${convId}`, { version: V })).body;
    expect(conv.conversation_parts.conversation_parts.map((p: any) => p.id)).toContain(reply.id);
  });

  it("refuses without experimental and the secret, and with inconsistent fields", async () => {
    const ws = await srv.newWorkspace("Part update errors");
    const { secret, convId, reply, close } = await setup(ws);
    const ok = { send_state: "sent", info_message: "ok" };
    expect(expectErrorList(await put(ws, convId, reply.id, { ...ok, secret }), 400, "parameter_not_found").field).toBe("experimental");
    expect(expectErrorList(await put(ws, convId, reply.id, { ...ok, experimental: false, secret }), 400, "parameter_invalid").field).toBe("experimental");
    expect(expectErrorList(await put(ws, convId, reply.id, { ...ok, experimental: true }), 400, "parameter_not_found").field).toBe("secret");
    expectErrorList(await put(ws, convId, reply.id, { ...ok, experimental: true, secret: "wrong" }), 403, "forbidden");
    expect(expectErrorList(await put(ws, convId, reply.id, { experimental: true, secret }), 400, "parameter_not_found").field).toBe("send_state");
    expect(expectErrorList(await put(ws, convId, reply.id, { send_state: "sent", experimental: true, secret }), 400, "parameter_not_found").field).toBe("info_message");
    expect(expectErrorList(await put(ws, convId, reply.id, { send_state: " ", info_message: "x", experimental: true, secret }), 400, "parameter_invalid").field).toBe("send_state");
    expect(expectErrorList(await put(ws, convId, reply.id, { seen: false, admin_id: String(ws.adminId), experimental: true, secret }), 400, "parameter_invalid").field).toBe("seen");
    expect(expectErrorList(await put(ws, convId, reply.id, { seen: true, experimental: true, secret }), 400, "parameter_not_found").field).toBe("admin_id");
    expectErrorList(await put(ws, convId, reply.id, { seen: true, admin_id: "999999", experimental: true, secret }), 404, "admin_not_found");
    // a close part has no send state (and nothing was written by the refusal)
    expect(expectErrorList(await put(ws, convId, close.id, { ...ok, experimental: true, secret }), 400, "parameter_invalid").field).toBe("send_state");
    expect((await put(ws, convId, close.id, { seen: true, admin_id: String(ws.adminId), experimental: true, secret })).body).toMatchObject({ id: close.id, part_type: "close", seen_state: { admin_seen: true } });
    expect((await put(ws, convId, close.id, { seen: true, admin_id: String(ws.adminId), experimental: true, secret })).body.external_reply_send_state).toBeUndefined();
    // unknown conversation or part, a part of another conversation
    expectErrorList(await put(ws, "999999999", reply.id, { ...ok, experimental: true, secret }), 404, "not_found");
    expectErrorList(await put(ws, convId, "999999999", { ...ok, experimental: true, secret }), 404, "not_found");
    expectErrorList(await put(ws, convId, "abc", { ...ok, experimental: true, secret }), 404, "not_found");
    const second = await setup(ws);
    expectErrorList(await put(ws, second.convId, reply.id, { ...ok, experimental: true, secret }), 404, "not_found");
    expectErrorList(await put(ws, convId, reply.id, { ...ok, experimental: "yes", secret }), 400);
  });

  it("keeps workspaces apart and serves older versions the Unstable answer", async () => {
    const a = await srv.newWorkspace("Part update A");
    const b = await srv.newWorkspace("Part update B");
    const pa = await setup(a);
    const secretB = (await b.api("/_opencom/workspace")).body.client_secret as string;
    // b's token and b's secret: a's conversation does not exist for b
    expectErrorList(await put(b, pa.convId, pa.reply.id, { send_state: "sent", info_message: "x", experimental: true, secret: secretB }), 404, "not_found");
    // a's secret is not b's
    expectErrorList(await put(b, pa.convId, pa.reply.id, { send_state: "sent", info_message: "x", experimental: true, secret: pa.secret }), 403, "forbidden");
    for (const version of ["2.16", "2.7"]) {
      const res = await put(a, pa.convId, pa.reply.id, { send_state: "sent", info_message: "x", experimental: true, secret: pa.secret }, version);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ type: "conversation_part", id: pa.reply.id });
    }
  });
});
