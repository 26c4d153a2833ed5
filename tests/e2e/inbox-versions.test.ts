// Every inbox operation under every Intercom-Version: each answers 2xx with a body the conformance check
// validates against that version's schema (npm run conformance).
import { afterAll, beforeAll, describe, it } from "vitest";
import { VERSIONS } from "../../src/platform/versions.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

async function ok(path: string, init: Parameters<TestServer["ws"]["api"]>[1] = {}) {
  const res = await srv.ws.api(path, init);
  if (res.status >= 300) throw new Error(`${init.version} ${init.method ?? "GET"} ${path} → ${res.status}: ${res.text}`);
  return res.body;
}

describe.each(VERSIONS)("Intercom-Version %s", (version) => {
  it("serves every inbox operation", async () => {
    const v = { version };
    const a = String(srv.ws.adminId);
    const tagged = (s: string) => `${s}-${version.replace(/\./g, "_")}`;
    const user = await ok("/contacts", { ...v, method: "POST", body: { role: "user", email: `${tagged("inbox")}@example.com`, external_id: tagged("ext") } });
    const lead = await ok("/contacts", { ...v, method: "POST", body: { role: "lead", email: `${tagged("lead")}@example.com` } });
    const msg = await ok("/conversations", { ...v, method: "POST", body: { from: { type: "user", id: user.id }, body: "Hello", attachment_urls: ["https://files.example/a.png"] } });
    const id = msg.conversation_id;
    await ok(`/conversations/${id}`, v);
    await ok(`/conversations/${id}/reply`, { ...v, method: "POST", body: { message_type: "comment", type: "admin", admin_id: a, body: "Hi" } });
    await ok(`/conversations/${id}/reply`, { ...v, method: "POST", body: { message_type: "note", type: "admin", admin_id: a, body: "note" } });
    await ok(`/conversations/${id}/parts`, { ...v, method: "POST", body: { message_type: "assignment", type: "team", admin_id: a, assignee_id: String(srv.ws.teamId) } });
    await ok(`/conversations/${id}/parts`, { ...v, method: "POST", body: { message_type: "assignment", type: "admin", admin_id: a, assignee_id: a } });
    await ok(`/conversations/${id}/parts`, { ...v, method: "POST", body: { message_type: "snoozed", admin_id: a, snoozed_until: Math.floor(Date.now() / 1000) + 3600 } });
    await ok(`/conversations/${id}/parts`, { ...v, method: "POST", body: { message_type: "open", admin_id: a } });
    const replied = await ok(`/conversations/${id}/reply`, { ...v, method: "POST", body: { message_type: "comment", type: "user", intercom_user_id: user.id, body: "Thanks" } });
    await ok(`/conversations/${id}/parts`, { ...v, method: "POST", body: { message_type: "close", type: "admin", admin_id: a, body: "Bye" } });
    await ok(`/conversations/${id}`, { ...v, method: "PUT", body: { read: true, title: "T", custom_attributes: { topic: "billing" } } });
    await ok(`/conversations/${id}/customers`, { ...v, method: "POST", body: { admin_id: a, customer: { intercom_user_id: lead.id } } });
    await ok(`/conversations/${id}/customers/${lead.id}`, { ...v, method: "DELETE", body: { admin_id: a } });
    const part = replied.conversation_parts.conversation_parts.at(-1);
    await ok("/conversations/redact", { ...v, method: "POST", body: { type: "conversation_part", conversation_id: id, conversation_part_id: part.id } });
    const tag = await ok("/tags", { ...v, method: "POST", body: { name: tagged("inbox-tag") } });
    await ok(`/conversations/${id}/tags`, { ...v, method: "POST", body: { id: tag.id, admin_id: a } });
    await ok(`/conversations/${id}`, v);
    await ok(`/conversations/${id}/tags/${tag.id}`, { ...v, method: "DELETE", body: { admin_id: a } });
    await ok("/conversations/search", { ...v, method: "POST", body: { query: { field: "contact_ids", operator: "=", value: user.id }, pagination: { per_page: 1 } } });
    await ok("/conversations?per_page=2", v);
    await ok(`/conversations/${id}/run_assignment_rules`, { ...v, method: "POST" });
    await ok("/messages", { ...v, method: "POST", body: { message_type: "inapp", body: "Welcome", from: { type: "admin", id: a }, to: { type: "user", id: user.id } } });
    await ok("/messages", { ...v, method: "POST", body: { message_type: "email", subject: "Hi", body: "Welcome", from: { type: "admin", id: a }, to: { type: "user", id: user.id }, create_conversation_without_contact_reply: true } });
    await ok(`/conversations/${id}`, { ...v, method: "DELETE" });
    await ok("/conversations/deleted", v);
  });
});
