// What the official SDK's integration suite (intercom-node tests/integration, run through intercom-client 7.x
// against `opencom serve --seed demo`) needs beyond the contract's letter: each leniency, called the way that
// suite calls it, on the demo workspace.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";

let srv: TestServer;
let w: TestWorkspace;
beforeAll(async () => {
  srv = await startTestServer();
  w = await srv.newWorkspace("SDK suite");
  const res = await w.api("/_opencom/reset", { method: "POST", body: { seed: "demo" } });
  expect(res.status, res.text).toBe(200);
}, 120_000);
afterAll(async () => srv?.close());

const seatedAdmins = async () => ((await w.client.admins.list()).admins ?? []).filter((a) => a?.has_inbox_seat).map((a) => a!.id);

describe("what the official SDK suite sends", () => {
  it("activity logs: ISO 8601 dates select the same window as unix timestamps", async () => {
    const old = await w.client.admins.listAllActivityLogs({ created_at_after: new Date("2021-12-12").toISOString(), created_at_before: new Date("2022-01-01").toISOString() });
    expect(old.activity_logs ?? []).toHaveLength(0);
    const now = Math.floor(Date.now() / 1000);
    const byUnix = (await w.api(`/admins/activity_logs?created_at_after=0&created_at_before=${now + 86400 * 3650}`)).body;
    const byIso = (await w.api(`/admins/activity_logs?created_at_after=1970-01-01&created_at_before=${encodeURIComponent(new Date((now + 86400 * 3650) * 1000).toISOString())}`)).body;
    expect(byIso.activity_logs.map((l: { id: string }) => l.id)).toEqual(byUnix.activity_logs.map((l: { id: string }) => l.id));
    const offset = (await w.api("/admins/activity_logs?created_at_after=2021-12-12T01:00:00%2B01:00")).body;
    expect(offset.type).toBe("activity_log.list");
    const bad = await w.api("/admins/activity_logs?created_at_after=yesterday");
    expectErrorList(bad, 400, "parameter_invalid");
    expect(bad.body.errors[0].field).toBe("created_at_after");
  });

  it("events: a random id next to a real user's user_id tracks the event for that user", async () => {
    const users = await w.client.contacts.search({
      query: { operator: "AND", value: [{ field: "role", operator: "=", value: "user" }, { field: "external_id", operator: "!=", value: undefined }] },
      pagination: { per_page: 1 },
    });
    const user = users.data[0];
    expect(user.external_id).toBeTruthy();
    await w.client.events.create({ id: "not-a-contact-3f9a", user_id: user.external_id!, event_name: "opinion-rejected", created_at: 1_700_000_000, metadata: { price: "9001" } });
    const listed = (await w.api(`/events?type=user&user_id=${encodeURIComponent(user.external_id!)}`)).body;
    expect(listed.events.map((e: { event_name: string }) => e.event_name)).toContain("opinion-rejected");
    // an id alone still has to name a contact
    expectErrorList(await w.api("/events", { method: "POST", body: { id: "not-a-contact-3f9a", event_name: "x" } }), 404, "not_found");
  });

  it("data attributes: created without a name, named after the description; updated without a body, unchanged", async () => {
    const a = await w.client.dataAttributes.create({ model: "contact", data_type: "string", description: "Dummy description", options: ["yey", "yoy"] } as never);
    expect(a).toMatchObject({ name: "Dummy description", model: "contact", description: "Dummy description", custom: true });
    expect(a.options).toEqual(["yey", "yoy"]);
    const b = (await w.api("/data_attributes", { method: "POST", body: { model: "contact", data_type: "string", description: "Dummy description" } })).body;
    expect(b.name).toBe("Dummy description 2");
    expectErrorList(await w.api("/data_attributes", { method: "POST", body: { model: "contact", data_type: "string" } }), 400, "parameter_not_found");
    const first = (await w.client.dataAttributes.list()).data!.find((x) => x.id !== undefined)!;
    const res = await w.client.dataAttributes.update({ data_attribute_id: Number(first.id), archived: false, description: "Woo-aaa" } as never);
    expect(res).toMatchObject({ id: first.id, name: first.name, description: first.description });
    const put = await w.api(`/data_attributes/${first.id}`, { method: "PUT" });
    expect(put.status, put.text).toBe(200);
  });

  it("redaction: a part without a body (the snooze after two replies) redacts", async () => {
    const [adminId] = await seatedAdmins();
    const user = await w.client.contacts.create({ external_id: `sdk-suite-${Date.now()}` });
    const made = await w.client.conversations.create({ from: { id: user.id!, type: "user" }, body: "Raz-dwa-try" });
    const id = made.conversation_id!;
    await w.client.conversations.reply({ conversation_id: id, body: { message_type: "comment", type: "admin", body: "test", admin_id: adminId } });
    await w.client.conversations.reply({ conversation_id: id, body: { message_type: "comment", type: "user", body: "Nice!", intercom_user_id: user.id! } });
    await w.client.conversations.manage({ conversation_id: id, body: { message_type: "snoozed", admin_id: adminId, snoozed_until: Math.floor(Date.now() / 1000) + 86400 } });
    const parts = (await w.client.conversations.find({ conversation_id: id })).conversation_parts!.conversation_parts!;
    expect(parts[2].part_type).toBe("snoozed");
    const redacted = await w.client.conversations.redactConversationPart({ type: "conversation_part", conversation_id: id, conversation_part_id: parts[2].id! });
    const part = redacted.conversation_parts!.conversation_parts!.find((p) => p.id === parts[2].id)!;
    expect(part.redacted).toBe(true);
    expect(part.body ?? null).toBeNull();
    // a comment is still redacted to the notice
    const comment = (await w.client.conversations.redactConversationPart({ type: "conversation_part", conversation_id: id, conversation_part_id: parts[0].id! })).conversation_parts!.conversation_parts!.find((p) => p.id === parts[0].id)!;
    expect(comment.body).toContain("redacted");
  });

  it("phone call redirects: the demo has the attributes the suite fills in", async () => {
    const res = await w.client.phoneCallRedirects.create({ phone: "+353832345678", custom_attributes: { issue_type: "Billing", priority: "High" } });
    expect(res).toBeDefined();
    const leads = await w.client.contacts.search({ query: { field: "phone", operator: "=", value: "+353832345678" } });
    expect(leads.data[0]?.custom_attributes).toMatchObject({ issue_type: "Billing", priority: "High" });
  });

  it("conversations: the demo has at least two teammates with an inbox seat", async () => {
    expect((await seatedAdmins()).length).toBeGreaterThanOrEqual(2);
  });
});
