// intercom-client 7.x, `client.unstable.*` (Intercom-Version: Unstable): conversations, tickets, ticket
// types and their attributes, ticket states, conversation and ticket tags, messages, macros, jobs, calls,
// phone switch, custom channel events. Every method at least once.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Intercom } from "intercom-client";
import { startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";
import { sdkError, unstableClient } from "../helpers/sdk.js";

let srv: TestServer;
let ws: TestWorkspace;
let sdk: ReturnType<typeof unstableClient>;
let admin: string;
beforeAll(async () => {
  srv = await startTestServer();
  ws = await srv.newWorkspace("SDK unstable inbox");
  sdk = unstableClient(srv, ws);
  admin = String(ws.adminId);
});
afterAll(async () => srv?.close());

const U = Intercom.unstable;
let seq = 0;
const newUser = async (s = sdk) => (await s.contacts.createContact({ role: "user", email: `u${++seq}@inbox.test`, name: `User ${seq}` } as any)) as any;

describe("SDK unstable: conversations", () => {
  it("creates, reads, lists, updates, replies, manages and deletes conversations", async () => {
    const user = await newUser();
    const msg: any = await sdk.conversations.createConversation({ from: { type: "user", id: user.id }, body: "Hello there" });
    expect(msg).toMatchObject({ type: "user_message", conversation_id: expect.any(String) });
    const id = Number(msg.conversation_id);

    const conv: any = await sdk.conversations.retrieveConversation({ id });
    expect(conv).toMatchObject({ type: "conversation", id: msg.conversation_id, state: "open", open: true, source: { body: "<p>Hello there</p>", author: { type: "user", id: user.id } } });

    const up: any = await sdk.conversations.updateConversation({ id, read: true, title: "new conversation title" });
    expect(up).toMatchObject({ id: msg.conversation_id, read: true, title: "new conversation title" });

    const reply: any = await sdk.conversations.replyConversation({ id: msg.conversation_id, body: { message_type: "comment", type: "admin", admin_id: admin, body: "Hi back" } });
    expect(reply.conversation_parts.conversation_parts.at(-1)).toMatchObject({ part_type: "comment", body: "<p>Hi back</p>", author: { type: "admin", id: admin } });
    const userReply: any = await sdk.conversations.replyConversation({ id: msg.conversation_id, body: { message_type: "comment", type: "user", intercom_user_id: user.id, body: "Thanks again :)" } });
    expect(userReply.conversation_parts.conversation_parts.at(-1)).toMatchObject({ part_type: "comment", author: { type: "user", id: user.id } });

    const assigned: any = await sdk.conversations.manageConversation({ id: msg.conversation_id, body: { message_type: "assignment", type: "admin", admin_id: admin, assignee_id: admin } });
    expect(assigned).toMatchObject({ admin_assignee_id: ws.adminId });
    const snoozed: any = await sdk.conversations.manageConversation({ id: msg.conversation_id, body: { message_type: "snoozed", admin_id: admin, snoozed_until: 4_102_444_800 } });
    expect(snoozed).toMatchObject({ state: "snoozed", snoozed_until: 4_102_444_800 });
    const opened: any = await sdk.conversations.manageConversation({ id: msg.conversation_id, body: { message_type: "open", admin_id: admin } });
    expect(opened).toMatchObject({ state: "open", open: true });
    const closed: any = await sdk.conversations.manageConversation({ id: msg.conversation_id, body: { message_type: "close", type: "admin", admin_id: admin } });
    expect(closed).toMatchObject({ state: "closed", open: false });

    // paging: one per page, then the next
    await sdk.conversations.createConversation({ from: { type: "user", id: user.id }, body: "Second" });
    const p1: any = await sdk.conversations.listConversations({ per_page: 1 });
    expect(p1).toMatchObject({ type: "conversation.list", total_count: 2, pages: { type: "pages", per_page: 1, total_pages: 2 } });
    expect(p1.conversations).toHaveLength(1);
    const p2: any = await sdk.conversations.listConversations({ per_page: 1, starting_after: p1.pages.next.starting_after });
    expect(p2.conversations).toHaveLength(1);
    expect(p2.conversations[0].id).not.toBe(p1.conversations[0].id);

    const found: any = await sdk.conversations.searchConversations({ query: { field: "state", operator: "=", value: "closed" }, pagination: { per_page: 5 } });
    expect(found).toMatchObject({ type: "conversation.list", total_count: 1 });
    expect(found.conversations[0].id).toBe(msg.conversation_id);

    const events: any = await sdk.conversations.listHandlingEvents({ id: msg.conversation_id });
    expect(Array.isArray(events.handling_events)).toBe(true);

    expect(await sdk.conversations.deleteConversation({ id })).toMatchObject({ id: msg.conversation_id, object: "conversation", deleted: true });
    await sdkError(sdk.conversations.retrieveConversation({ id }), 404, "not_found", U.NotFoundError);
    await sdkError(sdk.conversations.createConversation({ from: { type: "user", id: "123_doesnt_exist" }, body: "Hello there" }), 404, "not_found", U.NotFoundError);
    await sdkError(sdk.conversations.replyConversation({ id: "999999999", body: { message_type: "comment", type: "admin", admin_id: admin, body: "x" } }), 404, "not_found", U.NotFoundError);
  });

  it("adds and removes participants, redacts a part, converts to a ticket", async () => {
    const user = await newUser();
    const other = await newUser();
    const msg: any = await sdk.conversations.createConversation({ from: { type: "user", id: user.id }, body: "my secret is 1234" });
    const cid = msg.conversation_id;
    const withTwo: any = await sdk.conversations.attachContactToConversation({ id: cid, admin_id: admin, customer: { intercom_user_id: other.id } });
    expect(withTwo.contacts.contacts.map((c: any) => c.id).sort()).toEqual([user.id, other.id].sort());
    const withOne: any = await sdk.conversations.detachContactFromConversation({ conversation_id: cid, contact_id: other.id, admin_id: admin });
    expect(withOne.contacts.contacts.map((c: any) => c.id)).toEqual([user.id]);
    await sdkError(sdk.conversations.attachContactToConversation({ id: "999999999", admin_id: admin, customer: { intercom_user_id: other.id } }), 404, "not_found", U.NotFoundError);

    const replied: any = await sdk.conversations.replyConversation({ id: cid, body: { message_type: "comment", type: "user", intercom_user_id: user.id, body: "and my card is 4242" } });
    const part = replied.conversation_parts.conversation_parts.at(-1);
    const redacted: any = await sdk.conversations.redactConversation({ type: "conversation_part", conversation_id: cid, conversation_part_id: part.id });
    const after = redacted.conversation_parts.conversation_parts.find((p: any) => p.id === part.id);
    expect(after.redacted).toBe(true);
    expect(after.body).not.toContain("4242");
    await sdkError(sdk.conversations.redactConversation({ type: "conversation_part", conversation_id: "really_123_doesnt_exist", conversation_part_id: "really_123_doesnt_exist" }), 404, "conversation_part_or_message_not_found", U.NotFoundError);

    const type: any = await sdk.ticketTypes.createTicketType({ name: "Convert me", category: "Customer" });
    const ticket: any = await sdk.conversations.convertConversationToTicket({ id: Number(cid), ticket_type_id: type.id });
    expect(ticket).toMatchObject({ type: "ticket", ticket_type: { id: type.id }, contacts: { contacts: [{ id: user.id }] } });
    await sdkError(sdk.conversations.convertConversationToTicket({ id: 999999999, ticket_type_id: type.id }), 404, undefined);
  });
});

describe("SDK unstable: tickets, ticket types, attributes, states, tags", () => {
  it("creates a ticket type with attributes, enqueues, reads, updates, replies, searches and deletes tickets", async () => {
    const type: any = await sdk.ticketTypes.createTicketType({ name: "Bug", description: "Something broke", category: "Customer", icon: "🐞" });
    expect(type).toMatchObject({ type: "ticket_type", name: "Bug", category: "Customer", archived: false });
    const attr: any = await sdk.ticketTypeAttributes.createTicketTypeAttribute({ ticket_type_id: type.id, name: "Severity", description: "how bad", data_type: "list", list_items: "Low,High", required_to_create: false });
    expect(attr).toMatchObject({ type: "ticket_type_attribute", name: "Severity", data_type: "list", ticket_type_id: Number(type.id) });
    const upAttr: any = await sdk.ticketTypeAttributes.updateTicketTypeAttribute({ ticket_type_id: type.id, id: attr.id, description: "New Attribute Description" });
    expect(upAttr).toMatchObject({ id: attr.id, description: "New Attribute Description" });
    await sdkError(sdk.ticketTypeAttributes.updateTicketTypeAttribute({ ticket_type_id: type.id, id: "999999", description: "x" }), 404, undefined);

    const got: any = await sdk.ticketTypes.getTicketType({ id: type.id });
    // the attribute list is shaped as Intercom's examples answer it, {type: "list", data}, not as the SDK types it
    expect(got.ticket_type_attributes.data.map((a: any) => a.name)).toContain("Severity");
    const types: any = await sdk.ticketTypes.listTicketTypes();
    expect(types.type).toBe("list");
    expect(types.data.map((t: any) => t.id)).toContain(type.id);
    await sdkError(sdk.ticketTypes.getTicketType({ id: "999999" }), 404, undefined);

    const states: any = await sdk.ticketStates.listTicketStates();
    expect(states.type).toBe("list");
    expect(states.data.map((s: any) => s.category)).toEqual(expect.arrayContaining(["submitted", "in_progress", "waiting_on_customer", "resolved"]));

    const user = await newUser();
    const job: any = await sdk.tickets.enqueueCreateTicket({ ticket_type_id: type.id, contacts: [{ id: user.id }], ticket_attributes: { _default_title_: "Broken", Severity: "High" } } as any);
    expect(job).toMatchObject({ type: "job", id: expect.any(String), status: expect.any(String) });
    let status: any;
    for (let i = 0; i < 50; i++) {
      status = await sdk.jobs.status({ id: job.id });
      if (status.status === "success" || status.status === "failed") break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toMatchObject({ type: "job", id: job.id, status: "success", resource_type: "ticket" });
    await sdkError(sdk.jobs.status({ id: "nope" }), 404, undefined, U.NotFoundError);

    const found: any = await sdk.tickets.searchTickets({ query: { field: "ticket_type_id", operator: "=", value: type.id }, pagination: { per_page: 5 } });
    expect(found).toMatchObject({ type: "ticket.list", total_count: 1 });
    const t = found.tickets[0];
    expect(t).toMatchObject({ type: "ticket", ticket_attributes: { _default_title_: "Broken", Severity: "High" } });
    expect(status.resource_id).toBe(t.id);

    expect(await sdk.tickets.getTicket({ id: t.id })).toMatchObject({ id: t.id, ticket_type: { id: type.id } });
    const inProgress = states.data.find((s: any) => s.category === "in_progress");
    const up: any = await sdk.tickets.updateTicket({ id: t.id, ticket_state_id: inProgress.id, admin_id: ws.adminId, assignee_id: admin, ticket_attributes: { Severity: "Low" } });
    expect(up).toMatchObject({ ticket_state: { id: inProgress.id, category: "in_progress" }, ticket_attributes: { Severity: "Low" } });
    expect(String(up.admin_assignee_id)).toBe(admin);

    const note: any = await sdk.tickets.replyTicket({ id: t.id, body: { message_type: "note", type: "admin", admin_id: admin, body: "<p>looking</p>" } });
    expect(note).toMatchObject({ type: "ticket_part", part_type: "note", author: { type: "admin", id: admin } });
    const fromUser: any = await sdk.tickets.replyTicket({ id: t.id, body: { message_type: "comment", type: "user", intercom_user_id: user.id, body: "Thanks again :)" } });
    expect(fromUser).toMatchObject({ part_type: "comment", author: { type: "user", id: user.id } });

    const tag: any = await sdk.tags.createTag({ name: "Ticket tag" });
    expect(await sdk.tags.attachTagToTicket({ ticket_id: t.id, id: tag.id, admin_id: admin })).toMatchObject({ type: "tag", id: tag.id });
    expect(await sdk.tags.detachTagFromTicket({ ticket_id: t.id, id: tag.id, admin_id: admin })).toMatchObject({ type: "tag", id: tag.id });
    await sdkError(sdk.tags.attachTagToTicket({ ticket_id: "999999", id: tag.id, admin_id: admin }), 404, undefined, U.NotFoundError);

    expect(await sdk.tickets.deleteTicket({ id: t.id })).toMatchObject({ id: t.id, object: "ticket", deleted: true });
    await sdkError(sdk.tickets.getTicket({ id: t.id }), 404, "ticket_not_found");
    await sdkError(sdk.tickets.replyTicket({ id: t.id, body: { message_type: "note", type: "admin", admin_id: admin, body: "x" } }), 404, undefined, U.NotFoundError);
  });

  it("tags and untags a conversation", async () => {
    const user = await newUser();
    const msg: any = await sdk.conversations.createConversation({ from: { type: "user", id: user.id }, body: "tag me" });
    const tag: any = await sdk.tags.createTag({ name: "Conversation tag" });
    expect(await sdk.tags.attachTagToConversation({ conversation_id: msg.conversation_id, id: tag.id, admin_id: admin })).toMatchObject({ type: "tag", id: tag.id, name: "Conversation tag" });
    expect((await sdk.conversations.retrieveConversation({ id: Number(msg.conversation_id) })).tags).toMatchObject({ tags: [{ id: tag.id }] });
    expect(await sdk.tags.detachTagFromConversation({ conversation_id: msg.conversation_id, id: tag.id, admin_id: admin })).toMatchObject({ type: "tag", id: tag.id });
    expect((await sdk.conversations.retrieveConversation({ id: Number(msg.conversation_id) })).tags?.tags ?? []).toEqual([]);
    await sdkError(sdk.tags.attachTagToConversation({ conversation_id: "999999999", id: tag.id, admin_id: admin }), 404, undefined, U.NotFoundError);
  });
});

describe("SDK unstable: messages, macros, custom channel events", () => {
  it("sends admin messages and lists WhatsApp statuses", async () => {
    const user = await newUser();
    const email: any = await sdk.messages.createMessage({ from: { type: "admin", id: admin }, to: { type: "user", id: user.id }, message_type: "email", subject: "Hey", body: "heyy", template: "plain" } as any);
    expect(email).toMatchObject({ type: "admin_message", message_type: "email", subject: "Hey", conversation_id: expect.any(String) });
    const inapp: any = await sdk.messages.createMessage({ from: { type: "admin", id: admin }, to: { type: "user", id: user.id }, message_type: "inapp", body: "heyy" } as any);
    expect(inapp).toMatchObject({ type: "admin_message", message_type: "inapp" });
    await sdkError(sdk.messages.createMessage({ from: { type: "admin", id: admin }, to: { type: "user", id: "nope" }, message_type: "inapp", body: "x" } as any), 404, undefined);

    const statuses: any = await sdk.messages.getWhatsAppMessageStatus({ ruleset_id: "123", per_page: 20 });
    expect(statuses).toEqual({ type: "list", ruleset_id: "123", pages: { type: "pages", per_page: 20, total_pages: 0, next: null }, total_count: 0, events: [] });
    await sdkError(sdk.messages.getWhatsAppMessageStatus({ ruleset_id: "1", per_page: 101 }), 400, undefined, U.BadRequestError);
  });

  it("lists macros with paging and reads one", async () => {
    const a = (await ws.api("/_opencom/macros", { body: { name: "Greeting", body: "<p>Hi</p>" } })).body;
    const b = (await ws.api("/_opencom/macros", { body: { name: "Bye", body: "<p>Bye</p>" } })).body;
    const p1: any = await sdk.macros.listMacros({ per_page: 1 });
    expect(p1).toMatchObject({ type: "list", pages: { type: "pages", per_page: 1 } });
    expect(p1.data).toHaveLength(1);
    const p2: any = await sdk.macros.listMacros({ per_page: 1, starting_after: p1.pages.next.starting_after });
    expect([...p1.data, ...p2.data].map((m: any) => m.id).sort()).toEqual([a.id, b.id].sort());
    expect(await sdk.macros.getMacro({ id: a.id })).toMatchObject({ type: "macro", id: a.id, name: "Greeting" });
    await sdkError(sdk.macros.getMacro({ id: "999999" }), 404, "not_found", U.NotFoundError);
  });

  it("custom channel events are not part of the contract opencom serves: an Intercom 404", async () => {
    const contact = { type: "user" as const, external_id: "user_001", name: "Jane Doe" };
    const base = { event_id: "evt_1", external_conversation_id: "conv_1", contact };
    await sdkError(sdk.customChannelEvents.notifyNewConversation(base), 404, undefined, U.NotFoundError);
    await sdkError(sdk.customChannelEvents.notifyNewMessage({ ...base, body: "Hello" }), 404, undefined, U.NotFoundError);
    await sdkError(sdk.customChannelEvents.notifyQuickReplySelected({ ...base, quick_reply_option_id: "1234" }), 404, undefined, U.NotFoundError);
    await sdkError(sdk.customChannelEvents.notifyAttributeCollected({ ...base, attribute: { id: "shipping_address", value: "123 Main St" } }), 404, undefined, U.NotFoundError);
  });
});

describe("SDK unstable: calls, Fin Voice, phone switch", () => {
  let media: Server;
  beforeAll(async () => {
    // where a call's recording lives (a signed URL at Intercom): the SDK follows opencom's redirect here
    media = createServer((_req, res) => {
      res.writeHead(200, { "Content-Type": "audio/mpeg" });
      res.end(Buffer.from([0xff, 0xfb, 0x90, 0x00]));
    });
    await new Promise<void>((r) => media.listen(0, "127.0.0.1", r));
  });
  afterAll(async () => new Promise<void>((r) => media.close(() => r())));

  it("lists, reads and searches calls; follows the recording redirect; reads the transcript", async () => {
    const ws2 = await srv.newWorkspace("SDK unstable calls");
    const s = unstableClient(srv, ws2);
    const user = await newUser(s);
    const msg: any = await s.conversations.createConversation({ from: { type: "user", id: user.id }, body: "calling" });
    const recording = `http://127.0.0.1:${(media.address() as AddressInfo).port}/rec.mp3`;
    const transcript = [{ offset: 1, speaker: "Fin", text: "Hi" }, { offset: 3, speaker: "User", text: "Hello" }];
    const call = (await ws2.api("/_opencom/calls", { body: { phone: "+15557650001", conversation_id: msg.conversation_id, recording_url: recording, transcript, ended_at: Math.floor(Date.now() / 1000) + 60 } })).body;
    await ws2.api("/_opencom/calls", { body: { phone: "+15557650002" } });

    const p1: any = await s.calls.listCalls({ page: 1, per_page: 1 });
    expect(p1).toMatchObject({ type: "list", total_count: 2 });
    expect(p1.data).toHaveLength(1);
    const p2: any = await s.calls.listCalls({ page: 2, per_page: 1 });
    expect(p2.data).toHaveLength(1);
    expect([p1.data[0].id, p2.data[0].id].sort()).toEqual([call.id, expect.any(String)].sort());

    expect(await s.calls.showCall({ id: call.id })).toMatchObject({ type: "call", id: call.id, conversation_id: msg.conversation_id, recording_url: `${srv.url}/calls/${call.id}/recording` });
    const rec = await s.calls.showCallRecording({ id: call.id }).withRawResponse();
    expect(rec.rawResponse).toMatchObject({ status: 200, redirected: true, url: recording });
    const text = await s.calls.showCallTranscript({ id: call.id });
    expect(text).toContain("Hi");
    expect(text).toContain("Hello");

    const found: any = await s.calls.listCallsWithTranscripts({ conversation_ids: [msg.conversation_id] });
    expect(found).toMatchObject({ type: "list", data: [{ id: call.id, conversation_id: msg.conversation_id, transcript }] });
    await sdkError(s.calls.listCallsWithTranscripts({ conversation_ids: [] }), 400, "conversation_id_limit_exceeded", U.BadRequestError);
    await sdkError(s.calls.showCall({ id: "999999" }), 404, "not_found", U.NotFoundError);
    await sdkError(s.calls.showCallRecording({ id: "999999" }), 404, "not_found", U.NotFoundError);
    await sdkError(s.calls.showCallTranscript({ id: "999999" }), 404, "not_found", U.NotFoundError);
  });

  it("registers a Fin Voice call and collects it by id, external id and phone number", async () => {
    const ws3 = await srv.newWorkspace("SDK unstable Fin Voice");
    const s = unstableClient(srv, ws3);
    const reg: any = await s.calls.registerFinVoiceCall({ phone_number: "+15557650009", call_id: "call-123-abc" });
    expect(reg).toMatchObject({ id: expect.any(Number), user_phone_number: "+15557650009", external_call_id: "call-123-abc", status: "registered" });
    await sdkError(s.calls.collectFinVoiceCallById({ id: reg.id }), 404, "not_found", U.NotFoundError);
    const user: any = await s.contacts.createContact({ role: "user", phone: "+15557650009" } as any);
    const conv: any = await s.conversations.createConversation({ from: { type: "user", id: user.id }, body: "calling" });
    const call = (await ws3.api("/_opencom/calls", { body: { phone: "+15557650009", conversation_id: conv.conversation_id, external_call_id: "call-123-abc" } })).body;
    const got: any = await s.calls.collectFinVoiceCallById({ id: reg.id });
    expect(got).toMatchObject({ id: reg.id, status: "in-progress", intercom_call_id: call.id, intercom_conversation_id: conv.conversation_id });
    expect(await s.calls.collectFinVoiceCallByExternalId({ external_id: "call-123-abc" })).toEqual(got);
    // typed by the SDK as an error object (the contract's 200 schema), it is the call
    expect(await s.calls.collectFinVoiceCallByPhoneNumber({ phone_number: "+15557650009" })).toMatchObject({ id: reg.id, external_call_id: "call-123-abc" });
    await sdkError(s.calls.collectFinVoiceCallByExternalId({ external_id: "nope" }), 404, "not_found", U.NotFoundError);
    await sdkError(s.calls.collectFinVoiceCallByPhoneNumber({ phone_number: "+15550000000" }), 404, "not_found", U.NotFoundError);
    await sdkError(s.calls.registerFinVoiceCall({ call_id: "x" } as any), 400, undefined, U.BadRequestError);
  });

  it("redirects a phone call to Messenger", async () => {
    const sw: any = await sdk.switch.createPhoneSwitch({ phone: "+353832345678" });
    expect(sw).toMatchObject({ type: "phone_call_redirect", phone: "+353832345678" });
    await sdkError(sdk.switch.createPhoneSwitch({ phone: "call me" }), 400, "invalid_phone_number", U.BadRequestError);
  });
});
