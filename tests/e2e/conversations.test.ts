// The inbox story end to end, through the official SDK and plain HTTP: a contact writes in, an admin
// replies, assigns to a team, snoozes, the snooze wakes with the clock, the contact replies, the admin
// closes; admin messages, participants, redaction, tags, update, delete; every documented error;
// another workspace sees none of it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";
import { newAdminRow } from "../../src/resources/admins/service.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

let seq = 0;
async function newContact(ws: TestWorkspace, role = "user"): Promise<{ id: string; email: string; external_id?: string }> {
  const n = seq++;
  const body: Record<string, unknown> = { role, email: `inbox${n}@inbox.example` };
  if (role === "user") body.external_id = `ext-inbox-${n}`;
  const res = await ws.api("/contacts", { method: "POST", body });
  expect(res.status).toBe(200);
  return res.body;
}

async function writeIn(ws: TestWorkspace, contactId: string, body = "Hello, I need help") {
  const res = await ws.api("/conversations", { method: "POST", body: { from: { type: "user", id: contactId }, body } });
  expect(res.status).toBe(200);
  return res.body.conversation_id as string;
}

const admin = () => String(srv.ws.adminId);

describe("a conversation's story", () => {
  it("walks from a contact writing in to the admin closing it", async () => {
    const ws = srv.ws;
    const contact = await newContact(ws);
    const msg = await ws.client.conversations.create({ from: { type: "user", id: contact.id }, body: "Hello, my invoice is wrong" });
    expect(msg).toMatchObject({ type: "user_message", message_type: "inapp", body: "<p>Hello, my invoice is wrong</p>" });
    expect(msg.conversation_id).toMatch(/^\d+$/);
    const id = msg.conversation_id!;

    let conv = await ws.client.conversations.find({ conversation_id: id });
    expect(conv).toMatchObject({ type: "conversation", id, state: "open", open: true, read: false, priority: "not_priority", admin_assignee_id: null });
    expect(conv.source).toMatchObject({ type: "conversation", delivered_as: "customer_initiated", body: "<p>Hello, my invoice is wrong</p>", author: { type: "user", id: contact.id, email: contact.email } });
    expect(conv.contacts?.contacts).toEqual([{ type: "contact", id: contact.id, external_id: contact.external_id }]);
    expect(conv.conversation_parts?.conversation_parts).toEqual([]);
    expect(conv.waiting_since).toBe(conv.created_at);
    expect(conv.first_contact_reply?.created_at).toBe(conv.created_at);

    // the admin replies
    conv = await ws.client.conversations.reply({ conversation_id: id, body: { message_type: "comment", type: "admin", admin_id: admin(), body: "Let me check" } });
    expect(conv.waiting_since).toBeNull();
    expect(conv.conversation_parts?.conversation_parts?.at(-1)).toMatchObject({ part_type: "comment", body: "<p>Let me check</p>", author: { type: "admin", id: admin() } });
    expect(conv.statistics).toMatchObject({ count_conversation_parts: 1 });
    expect(conv.statistics?.first_admin_reply_at).toBeGreaterThan(0);
    expect((conv.teammates as any)?.teammates).toEqual([{ type: "admin", id: admin() }]);

    // a note with attachments
    const noted = await ws.api(`/conversations/${id}/reply`, {
      method: "POST",
      body: { message_type: "note", type: "admin", admin_id: admin(), body: "Internal: billing bug", attachment_urls: ["https://files.example/shot.png"] },
    });
    expect(noted.status).toBe(200);
    const note = noted.body.conversation_parts.conversation_parts.at(-1);
    expect(note).toMatchObject({ part_type: "note", attachments: [{ type: "upload", name: "shot.png", url: "https://files.example/shot.png", content_type: "image/png" }] });

    // assigned to the team, then to the admin
    conv = await ws.client.conversations.manage({ conversation_id: id, body: { message_type: "assignment", type: "team", admin_id: admin(), assignee_id: String(ws.teamId) } });
    expect(conv.team_assignee_id).toBe(ws.teamId);
    expect(conv.conversation_parts?.conversation_parts?.at(-1)).toMatchObject({ part_type: "assignment", assigned_to: { type: "team", id: String(ws.teamId) } });
    conv = await ws.client.conversations.manage({ conversation_id: id, body: { message_type: "assignment", type: "admin", admin_id: admin(), assignee_id: admin(), body: "Taking this" } });
    expect(conv.admin_assignee_id).toBe(Number(admin()));
    expect(conv.statistics).toMatchObject({ count_assignments: 2 });

    // snoozed; the clock passing snoozed_until wakes it on the next read
    const until = Math.floor(Date.now() / 1000) + 3600;
    conv = await ws.client.conversations.manage({ conversation_id: id, body: { message_type: "snoozed", admin_id: admin(), snoozed_until: until } });
    expect(conv).toMatchObject({ state: "snoozed", snoozed_until: until, open: true });
    await srv.store.db.updateTable("conversations").set({ snoozed_until: Math.floor(Date.now() / 1000) - 1 }).where("id", "=", Number(id)).execute();
    conv = await ws.client.conversations.find({ conversation_id: id });
    expect(conv).toMatchObject({ state: "open", snoozed_until: null });
    expect(conv.conversation_parts?.conversation_parts?.at(-1)).toMatchObject({ part_type: "timer_unsnooze" });

    // the contact replies (by external id), then the admin closes with a goodbye
    conv = await ws.client.conversations.reply({ conversation_id: id, body: { message_type: "comment", type: "user", user_id: contact.external_id!, body: "Thanks!" } });
    expect(conv.waiting_since).toBeGreaterThan(0);
    expect(conv.conversation_parts?.conversation_parts?.at(-1)).toMatchObject({ part_type: "comment", author: { type: "user", id: contact.id } });
    conv = await ws.client.conversations.manage({ conversation_id: id, body: { message_type: "close", type: "admin", admin_id: admin(), body: "Goodbye :)" } });
    expect(conv).toMatchObject({ state: "closed", open: false });
    const parts = conv.conversation_parts!.conversation_parts!;
    expect(parts.slice(-2).map((p) => p.part_type)).toEqual(["comment", "close"]);
    expect(conv.statistics).toMatchObject({ last_closed_by_id: admin(), count_reopens: 0 });

    // the contact writes again (by email): reopened
    conv = await ws.client.conversations.reply({ conversation_id: id, body: { message_type: "comment", type: "user", email: contact.email, body: "One more thing" } });
    expect(conv).toMatchObject({ state: "open", open: true });
    expect(conv.statistics).toMatchObject({ count_reopens: 1 });
    // and the admin opens / closes explicitly
    conv = await ws.client.conversations.manage({ conversation_id: id, body: { message_type: "close", type: "admin", admin_id: admin() } });
    conv = await ws.client.conversations.manage({ conversation_id: id, body: { message_type: "open", admin_id: admin() } });
    expect(conv.state).toBe("open");
    expect(conv.conversation_parts?.conversation_parts?.at(-1)?.part_type).toBe("open");
    // an action answers the parts it added; GET answers them all, numbered in order
    expect(conv.conversation_parts?.conversation_parts).toHaveLength(1);
    conv = await ws.client.conversations.find({ conversation_id: id });
    const ids = conv.conversation_parts!.conversation_parts!.map((p) => Number(p.id));
    expect(ids.length).toBe(12);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(conv.conversation_parts?.total_count).toBe(ids.length);
  });

  it("display_as=plaintext answers the source and every part as plain text (the SDK's own example sends it)", async () => {
    const ws = srv.ws;
    const contact = await newContact(ws);
    const id = await writeIn(ws, contact.id, "<p>My <b>invoice</b> is wrong &amp; late</p><p>Second line</p>");
    await ws.api(`/conversations/${id}/reply`, { method: "POST", body: { message_type: "comment", type: "admin", admin_id: admin(), body: "Line one<br>line <i>two</i>" } });
    const plain = await ws.client.conversations.find({ conversation_id: id, display_as: "plaintext" });
    expect(plain.source?.body).toBe("My invoice is wrong & late\n\nSecond line");
    expect(plain.conversation_parts?.conversation_parts?.at(-1)?.body).toBe("Line one\nline two");
    // without it, the stored HTML
    const html = await ws.client.conversations.find({ conversation_id: id });
    expect(html.source?.body).toBe("<p>My <b>invoice</b> is wrong &amp; late</p><p>Second line</p>");
  });

  it("lists conversations newest-updated first with cursor paging", async () => {
    const ws = await srv.newWorkspace("Lister");
    const contact = await newContact(ws);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await writeIn(ws, contact.id, `message ${i}`));
    // touch the first: it becomes the newest updated
    await srv.store.db.updateTable("conversations").set({ updated_at: Math.floor(Date.now() / 1000) + 100 }).where("id", "=", Number(ids[0])).execute();
    const first = await ws.api("/conversations?per_page=2");
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ type: "conversation.list", total_count: 5, pages: { type: "pages", page: 1, per_page: 2, total_pages: 3 } });
    expect(first.body.conversations[0].id).toBe(ids[0]);
    const seen: string[] = [];
    let next: string | undefined;
    let page = first.body;
    for (;;) {
      seen.push(...page.conversations.map((c: { id: string }) => c.id));
      next = page.pages.next?.starting_after;
      if (!next) break;
      page = (await ws.api(`/conversations?per_page=2&starting_after=${next}`)).body;
    }
    expect(seen).toEqual([ids[0], ids[4], ids[3], ids[2], ids[1]]);
    // the SDK pages through all of them
    const all: string[] = [];
    for await (const c of await ws.client.conversations.list({ per_page: 2 })) all.push(c.id);
    expect(all).toEqual(seen);
    expectErrorList(await ws.api("/conversations?per_page=151"), 400, "parameter_invalid");
    expectErrorList(await ws.api("/conversations?starting_after=nonsense"), 400, "parameter_invalid");
  });

  it("two replies racing on one conversation both land, in order", async () => {
    const contact = await newContact(srv.ws);
    const id = await writeIn(srv.ws, contact.id);
    const replies = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        srv.ws.api(`/conversations/${id}/reply`, { method: "POST", body: { message_type: "comment", type: "admin", admin_id: admin(), body: `reply ${i}` } }),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(8).fill(200));
    const conv = (await srv.ws.api(`/conversations/${id}`)).body;
    expect(conv.conversation_parts.total_count).toBe(8);
    expect(new Set(conv.conversation_parts.conversation_parts.map((p: { body: string }) => p.body)).size).toBe(8);
    const seqs = await srv.store.db.selectFrom("conversation_parts").select("seq").where("conversation_id", "=", Number(id)).orderBy("seq").execute();
    expect(seqs.map((s) => s.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("shows the latest 500 parts", async () => {
    const contact = await newContact(srv.ws);
    const id = Number(await writeIn(srv.ws, contact.id));
    const now = Math.floor(Date.now() / 1000);
    const rows = Array.from({ length: 520 }, (_, i) => ({
      workspace_id: srv.ws.workspaceId, conversation_id: id, seq: i + 1, part_type: "comment", body: `<p>${i + 1}</p>`, author_type: "admin", author_id: admin(),
      assigned_to_type: null, assigned_to_id: null, attachments: "[]", external_id: null, redacted: 0, state: "open", created_at: now, updated_at: now,
    }));
    for (let i = 0; i < rows.length; i += 50) await srv.store.db.insertInto("conversation_parts").values(rows.slice(i, i + 50)).execute();
    await srv.store.db.updateTable("conversations").set({ part_seq: 520 }).where("id", "=", id).execute();
    const conv = (await srv.ws.api(`/conversations/${id}`)).body;
    expect(conv.conversation_parts.conversation_parts).toHaveLength(500);
    expect(conv.conversation_parts.conversation_parts[0].body).toBe("<p>21</p>");
    expect(conv.conversation_parts.conversation_parts.at(-1).body).toBe("<p>520</p>");
    expect(conv.conversation_parts.total_count).toBe(520);
    const next = (await srv.ws.api(`/conversations/${id}/reply`, { method: "POST", body: { message_type: "comment", type: "admin", admin_id: admin(), body: "521" } })).body;
    expect(next.conversation_parts.conversation_parts.at(-1).body).toBe("<p>521</p>");
  });
});

describe("teammates", () => {
  it("are the admins who replied, noted or acted, in the order they first took part, however long the conversation", async () => {
    const ws = srv.ws;
    const second = await srv.store.db
      .insertInto("admins")
      .values(newAdminRow(ws.workspaceId, { name: "Second Admin", email: `second${seq++}@team.example`, created_at: Math.floor(Date.now() / 1000) }))
      .returning("id")
      .executeTakeFirstOrThrow();
    const secondId = String(second.id);
    const contact = await newContact(ws);
    const id = await writeIn(ws, contact.id);
    const reply = (who: string, message_type = "comment") =>
      ws.api(`/conversations/${id}/reply`, { method: "POST", body: { message_type, type: "admin", admin_id: who, body: "On it" } });
    const teammates = async () => (await ws.api(`/conversations/${id}`)).body.teammates.teammates;
    // a contact's own replies make no teammate
    expect((await ws.api(`/conversations/${id}/reply`, { method: "POST", body: { message_type: "comment", type: "user", intercom_user_id: contact.id, body: "Still there?" } })).status).toBe(200);
    expect(await teammates()).toEqual([]);
    // the second admin's note comes first, then the first admin's replies
    expect((await reply(secondId, "note")).status).toBe(200);
    for (let i = 0; i < 30; i++) expect((await reply(admin())).status).toBe(200);
    const expected = [
      { type: "admin", id: secondId },
      { type: "admin", id: admin() },
    ];
    expect(await teammates()).toEqual(expected);
    // the reply's own answer carries them too, and another reply by either adds nobody
    expect((await reply(secondId)).body.teammates.teammates).toEqual(expected);
    // the list page presents the same
    const page = await ws.api("/conversations?per_page=50");
    expect(page.body.conversations.find((c: { id: string }) => c.id === id)?.teammates?.teammates).toEqual(expected);
  });
});

describe("admin messages", () => {
  it("sends an in-app message and an email; a conversation opens in the inbox when asked", async () => {
    const contact = await newContact(srv.ws);
    const msg = await srv.ws.client.messages.create({ message_type: "in_app", body: "Welcome aboard", from: { type: "admin", id: Number(admin()) }, to: { type: "user", id: contact.id } } as never);
    expect(msg).toMatchObject({ type: "admin_message", message_type: "inapp", body: "<p>Welcome aboard</p>" });
    const withConv = await srv.ws.api("/messages", {
      method: "POST",
      body: { message_type: "email", subject: "Hi", body: "Hello by email", from: { type: "admin", id: admin() }, to: { type: "user", id: contact.id }, create_conversation_without_contact_reply: true },
    });
    expect(withConv.status).toBe(200);
    expect(withConv.body).toMatchObject({ type: "admin_message", message_type: "email", subject: "Hi" });
    const conv = (await srv.ws.api(`/conversations/${withConv.body.conversation_id}`)).body;
    expect(conv).toMatchObject({ state: "open", source: { type: "email", delivered_as: "admin_initiated", subject: "Hi", author: { type: "admin", id: admin() } } });
    expect(conv.contacts.contacts.map((c: { id: string }) => c.id)).toEqual([contact.id]);

    const noBody = await srv.ws.api("/messages", { method: "POST", body: { message_type: "inapp", from: { type: "admin", id: admin() }, to: { type: "user", id: contact.id }, body: null } });
    expect(expectErrorList(noBody, 400, "parameter_invalid").message).toBe("Body is required");
    const noSubject = await srv.ws.api("/messages", { method: "POST", body: { message_type: "email", from: { type: "admin", id: admin() }, to: { type: "user", id: contact.id }, body: "hey" } });
    expectErrorList(noSubject, 422, "parameter_not_found");
    expectErrorList(await srv.ws.api("/messages", { method: "POST", body: { body: "x", from: { type: "admin", id: admin() }, to: { type: "user", id: "000000000000000000000000" } } }), 404, "not_found");
  });

  it("takes a message from a contact (the older form) and turns a visitor writing in into a lead", async () => {
    const lead = await newContact(srv.ws, "lead");
    const r = await srv.ws.api("/messages", { method: "POST", body: { from: { type: "lead", id: lead.id }, body: "heyy" } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ type: "user_message", body: "<p>heyy</p>" });
    const visitor = await srv.ws.api("/_opencom/visitors", { method: "POST", body: {} });
    expect(visitor.status).toBe(200);
    const fromVisitor = await srv.ws.api("/conversations", { method: "POST", body: { from: { type: "contact", id: visitor.body.id }, body: "I am browsing" } });
    expect(fromVisitor.status).toBe(200);
    const conv = (await srv.ws.api(`/conversations/${fromVisitor.body.conversation_id}`)).body;
    const contact = (await srv.ws.api(`/contacts/${conv.contacts.contacts[0].id}`)).body;
    expect(contact.role).toBe("lead");
  });
});

describe("participants, redaction, tags, update, delete", () => {
  it("attaches and detaches contacts; the last one stays", async () => {
    const a = await newContact(srv.ws);
    const b = await newContact(srv.ws);
    const id = await writeIn(srv.ws, a.id);
    let conv = await srv.ws.client.conversations.attachContactAsAdmin({ conversation_id: id, admin_id: admin(), customer: { intercom_user_id: b.id } });
    expect(conv.contacts?.contacts?.map((c) => c.id)).toEqual([a.id, b.id]);
    const byEmail = await srv.ws.api(`/conversations/${id}/customers`, { method: "POST", body: { admin_id: admin(), customer: { email: "brand-new@inbox.example" } } });
    expect(byEmail.status).toBe(200);
    expect(byEmail.body.contacts.contacts).toHaveLength(3);
    conv = await srv.ws.client.conversations.detachContactAsAdmin({ conversation_id: id, contact_id: b.id, admin_id: admin() });
    expect(conv.contacts?.contacts?.map((c) => c.id)).not.toContain(b.id);
    const third = byEmail.body.contacts.contacts[2].id;
    await srv.ws.api(`/conversations/${id}/customers/${third}`, { method: "DELETE", body: { admin_id: admin() } });
    const last = await srv.ws.api(`/conversations/${id}/customers/${a.id}`, { method: "DELETE", body: { admin_id: admin() } });
    expect(expectErrorList(last, 422, "parameter_invalid").message).toBe("Removing the last customer is not allowed");
    expectErrorList(await srv.ws.api(`/conversations/${id}/customers/000000000000000000000000`, { method: "DELETE", body: { admin_id: admin() } }), 404, "not_found");
    expectErrorList(await srv.ws.api(`/conversations/999999999/customers`, { method: "POST", body: { admin_id: admin(), customer: { intercom_user_id: a.id } } }), 404, "not_found");
  });

  it("redacts a part with a body and a contact's source; refuses the rest", async () => {
    const contact = await newContact(srv.ws);
    const id = await writeIn(srv.ws, contact.id, "my card is 4242");
    let conv = (await srv.ws.api(`/conversations/${id}/reply`, { method: "POST", body: { message_type: "comment", type: "user", intercom_user_id: contact.id, body: "secret" } })).body;
    const part = conv.conversation_parts.conversation_parts.at(-1);
    conv = await srv.ws.client.conversations.redactConversationPart({ type: "conversation_part", conversation_id: id, conversation_part_id: part.id });
    const redacted = conv.conversation_parts!.conversation_parts!.find((p: { id: string }) => p.id === part.id)!;
    expect(redacted.redacted).toBe(true);
    expect(redacted.body).not.toContain("secret");
    const source = await srv.ws.api("/conversations/redact", { method: "POST", body: { type: "source", conversation_id: id, source_id: conv.source!.id } });
    expect(source.status).toBe(200);
    expect(source.body.source.redacted).toBe(true);
    const closed = (await srv.ws.api(`/conversations/${id}/parts`, { method: "POST", body: { message_type: "close", type: "admin", admin_id: admin() } })).body;
    const closePart = closed.conversation_parts.conversation_parts.at(-1);
    // a part without a body redacts too (marked redacted, its body stays empty): the official SDK suite redacts a snooze
    const closeRedacted = await srv.ws.api("/conversations/redact", { method: "POST", body: { type: "conversation_part", conversation_id: id, conversation_part_id: closePart.id } });
    expect(closeRedacted.status, closeRedacted.text).toBe(200);
    const shownClose = closeRedacted.body.conversation_parts.conversation_parts.find((p: { id: string }) => p.id === closePart.id);
    expect(shownClose.redacted).toBe(true);
    expect(shownClose.body ?? null).toBe(closePart.body ?? null);
    expectErrorList(
      await srv.ws.api("/conversations/redact", { method: "POST", body: { type: "conversation_part", conversation_id: "really_123_doesnt_exist", conversation_part_id: "really_123_doesnt_exist" } }),
      404,
      "conversation_part_or_message_not_found",
    );
    const msg = await srv.ws.api("/messages", { method: "POST", body: { body: "x", from: { type: "admin", id: admin() }, to: { type: "user", id: contact.id }, create_conversation_without_contact_reply: true } });
    const adminConv = (await srv.ws.api(`/conversations/${msg.body.conversation_id}`)).body;
    expectErrorList(await srv.ws.api("/conversations/redact", { method: "POST", body: { type: "source", conversation_id: adminConv.id, source_id: adminConv.source.id } }), 400, "conversation_part_not_redactable");
  });

  it("tags and untags a conversation", async () => {
    const contact = await newContact(srv.ws);
    const id = await writeIn(srv.ws, contact.id);
    const tag = (await srv.ws.api("/tags", { method: "POST", body: { name: "vip-inbox" } })).body;
    const applied = await srv.ws.client.tags.tagConversation({ conversation_id: id, id: tag.id, admin_id: admin() });
    expect(applied).toMatchObject({ type: "tag", id: tag.id, name: "vip-inbox", applied_by: { type: "admin", id: admin() } });
    const conv = (await srv.ws.api(`/conversations/${id}`)).body;
    expect(conv.tags.tags.map((t: { id: string }) => t.id)).toEqual([tag.id]);
    const removed = await srv.ws.client.tags.untagConversation({ conversation_id: id, tag_id: tag.id, admin_id: admin() });
    expect(removed.id).toBe(tag.id);
    expect((await srv.ws.api(`/conversations/${id}`)).body.tags.tags).toEqual([]);
    expectErrorList(await srv.ws.api(`/conversations/${id}/tags/${tag.id}`, { method: "DELETE", body: { admin_id: admin() } }), 404, "tag_not_found");
    expect(expectErrorList(await srv.ws.api(`/conversations/999999999/tags`, { method: "POST", body: { id: tag.id, admin_id: admin() } }), 404, "not_found").message).toBe("Conversation not found");
  });

  it("updates read, title and custom attributes (merged)", async () => {
    const contact = await newContact(srv.ws);
    const id = await writeIn(srv.ws, contact.id);
    let conv = await srv.ws.client.conversations.update({ conversation_id: id, read: true, title: "Billing", custom_attributes: { issue_type: "Billing", priority: "High" } });
    expect(conv).toMatchObject({ read: true, title: "Billing", custom_attributes: { issue_type: "Billing", priority: "High" } });
    conv = await srv.ws.client.conversations.update({ conversation_id: id, custom_attributes: { priority: "Low", count: 3 } });
    expect(conv.custom_attributes).toEqual({ issue_type: "Billing", priority: "Low", count: 3 });
    expectErrorList(await srv.ws.api(`/conversations/${id}`, { method: "PUT", body: { read: "yes" } }), 400, "parameter_invalid");
    expectErrorList(await srv.ws.api(`/conversations/${id}`, { method: "PUT", body: { custom_attributes: { x: { nested: 1 } } } }), 400, "parameter_invalid");
  });

  it("deletes a conversation; its id is then listed as deleted", async () => {
    const ws = await srv.newWorkspace("Deleter");
    const contact = await newContact(ws);
    const id = await writeIn(ws, contact.id);
    const deleted = await ws.client.conversations.deleteConversation({ conversation_id: Number(id) });
    expect(deleted).toEqual({ id, object: "conversation", deleted: true });
    expectErrorList(await ws.api(`/conversations/${id}`), 404, "not_found");
    expectErrorList(await ws.api(`/conversations/${id}`, { method: "DELETE" }), 404, "not_found");
    const list = await ws.api("/conversations/deleted", { version: "2.16" });
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ type: "conversations.list", total_count: 1, conversations: [{ type: "conversation", id }] });
  });
});

describe("documented errors", () => {
  it("answers each with its status and code", async () => {
    const contact = await newContact(srv.ws);
    const id = await writeIn(srv.ws, contact.id);
    const post = (path: string, body: unknown) => srv.ws.api(path, { method: "POST", body });
    expectErrorList(await srv.ws.api("/conversations/999999999"), 404, "not_found");
    expectErrorList(await srv.ws.api("/conversations/abc"), 404, "not_found");
    expect(expectErrorList(await post("/conversations", { from: { type: "user", id: "000000000000000000000000" }, body: "x" }), 404, "not_found").message).toBe("User Not Found");
    expectErrorList(await post("/conversations", { from: { type: "user", id: contact.id } }), 400, "parameter_not_found");
    expectErrorList(await post("/conversations", { body: "x" }), 400, "parameter_not_found");
    expectErrorList(await post(`/conversations/999999999/reply`, { message_type: "comment", type: "admin", admin_id: admin(), body: "x" }), 404, "not_found");
    expectErrorList(await post(`/conversations/${id}/reply`, { message_type: "comment", type: "admin", admin_id: "999999999", body: "x" }), 404, "admin_not_found");
    expectErrorList(await post(`/conversations/${id}/reply`, { message_type: "comment", type: "admin", admin_id: admin() }), 400, "parameter_not_found");
    expectErrorList(await post(`/conversations/${id}/reply`, { message_type: "comment", type: "user", intercom_user_id: "000000000000000000000000", body: "x" }), 404, "not_found");
    expectErrorList(await post(`/conversations/${id}/reply`, { message_type: "comment", type: "robot", body: "x" }), 400, "parameter_invalid");
    expectErrorList(await post(`/conversations/999999999/parts`, { message_type: "close", type: "admin", admin_id: admin(), body: "Goodbye :)" }), 404, "not_found");
    expectErrorList(await post(`/conversations/${id}/parts`, { message_type: "assignment", type: "admin", admin_id: admin(), assignee_id: "999999999" }), 404, "assignee_not_found");
    expectErrorList(await post(`/conversations/${id}/parts`, { message_type: "assignment", type: "team", admin_id: admin(), assignee_id: "999999999" }), 404, "assignee_not_found");
    expectErrorList(await post(`/conversations/${id}/parts`, { message_type: "snoozed", admin_id: admin(), snoozed_until: 1 }), 400, "parameter_invalid");
    expectErrorList(await post(`/conversations/${id}/parts`, { message_type: "snoozed", admin_id: admin() }), 400, "parameter_not_found");
    expectErrorList(await post(`/conversations/${id}/parts`, { message_type: "dance", admin_id: admin() }), 400, "parameter_invalid");
    expectErrorList(await post(`/conversations/${id}/reply`, { message_type: "comment", type: "admin", admin_id: admin(), body: "x".repeat(70_000) }), 400, "parameter_invalid");
    // unassigning with 0
    const unassigned = await post(`/conversations/${id}/parts`, { message_type: "assignment", type: "admin", admin_id: admin(), assignee_id: "0" });
    expect(unassigned.status).toBe(200);
    expect(unassigned.body.admin_assignee_id).toBeNull();
  });
});

describe("isolation", () => {
  it("another workspace gets 404 for every conversation route", async () => {
    const contact = await newContact(srv.ws);
    const id = await writeIn(srv.ws, contact.id);
    const tag = (await srv.ws.api("/tags", { method: "POST", body: { name: "iso-inbox" } })).body;
    const other = await srv.newWorkspace("Other");
    const otherAdmin = String(other.adminId);
    const post = (path: string, body: unknown) => other.api(path, { method: "POST", body });
    expectErrorList(await other.api(`/conversations/${id}`), 404);
    expectErrorList(await other.api(`/conversations/${id}`, { method: "PUT", body: { read: true } }), 404);
    expectErrorList(await other.api(`/conversations/${id}`, { method: "DELETE" }), 404);
    expectErrorList(await post(`/conversations/${id}/reply`, { message_type: "comment", type: "admin", admin_id: otherAdmin, body: "x" }), 404);
    expectErrorList(await post(`/conversations/${id}/parts`, { message_type: "close", type: "admin", admin_id: otherAdmin }), 404);
    expectErrorList(await post(`/conversations/${id}/customers`, { admin_id: otherAdmin, customer: { intercom_user_id: contact.id } }), 404);
    expectErrorList(await other.api(`/conversations/${id}/customers/${contact.id}`, { method: "DELETE", body: { admin_id: otherAdmin } }), 404);
    expectErrorList(await post(`/conversations/${id}/tags`, { id: tag.id, admin_id: otherAdmin }), 404);
    expectErrorList(await other.api(`/conversations/${id}/tags/${tag.id}`, { method: "DELETE", body: { admin_id: otherAdmin } }), 404);
    expectErrorList(await post("/conversations/redact", { type: "source", conversation_id: id, source_id: "1" }), 404);
    expectErrorList(await post("/conversations", { from: { type: "user", id: contact.id }, body: "x" }), 404);
    // the owner's admin is not an admin of the other workspace
    expectErrorList(await srv.ws.api(`/conversations/${id}/reply`, { method: "POST", body: { message_type: "comment", type: "admin", admin_id: otherAdmin, body: "x" } }), 404, "admin_not_found");
    expect((await other.api("/conversations")).body.total_count).toBe(0);
    // still intact for its owner
    expect((await srv.ws.api(`/conversations/${id}`)).status).toBe(200);
  });
});

describe("POST /conversations/search", () => {
  it("finds conversations by state, assignee, contact, tag, statistics and source; pages with a cursor", async () => {
    const ws = await srv.newWorkspace("Searcher");
    const a = String(ws.adminId);
    const alice = await newContact(ws);
    const bob = await newContact(ws);
    const c1 = await writeIn(ws, alice.id, "Invoice problem");
    const c2 = await writeIn(ws, bob.id, "Login problem");
    const c3 = await writeIn(ws, bob.id, "Feature request");
    await ws.api(`/conversations/${c1}/parts`, { method: "POST", body: { message_type: "close", type: "admin", admin_id: a } });
    await ws.api(`/conversations/${c2}/parts`, { method: "POST", body: { message_type: "assignment", type: "admin", admin_id: a, assignee_id: a } });
    await ws.api(`/conversations/${c2}/reply`, { method: "POST", body: { message_type: "comment", type: "admin", admin_id: a, body: "On it" } });
    const tag = (await ws.api("/tags", { method: "POST", body: { name: "search-me" } })).body;
    await ws.api(`/conversations/${c3}/tags`, { method: "POST", body: { id: tag.id, admin_id: a } });
    const search = async (query: unknown, extra: Record<string, unknown> = {}) => {
      const r = await ws.api("/conversations/search", { method: "POST", body: { query, ...extra } });
      expect(r.status, r.text).toBe(200);
      expect(r.body.type).toBe("conversation.list");
      return r.body.conversations.map((c: { id: string }) => c.id).sort();
    };
    expect(await search({ field: "state", operator: "=", value: "closed" })).toEqual([c1]);
    expect(await search({ field: "open", operator: "=", value: true })).toEqual([c2, c3].sort());
    expect(await search({ field: "admin_assignee_id", operator: "=", value: Number(a) })).toEqual([c2]);
    expect(await search({ field: "contact_ids", operator: "=", value: bob.id })).toEqual([c2, c3].sort());
    expect(await search({ field: "tag_ids", operator: "IN", value: [tag.id] })).toEqual([c3]);
    expect(await search({ field: "teammate_ids", operator: "=", value: a })).toEqual([c1, c2].sort());
    expect(await search({ field: "statistics.count_assignments", operator: ">", value: 0 })).toEqual([c2]);
    expect(await search({ field: "source.body", operator: "~", value: "problem" })).toEqual([c1, c2].sort());
    expect(await search({ field: "id", operator: "=", value: c3 })).toEqual([c3]);
    expect(await search({ operator: "AND", value: [{ field: "source.author.id", operator: "=", value: bob.id }, { field: "state", operator: "!=", value: "closed" }] })).toEqual([c2, c3].sort());
    // paged, newest updated first, through the SDK too
    const first = await ws.api("/conversations/search", { method: "POST", body: { query: { field: "created_at", operator: ">", value: 0 }, pagination: { per_page: 2 } } });
    expect(first.body).toMatchObject({ total_count: 3, pages: { per_page: 2, total_pages: 2 } });
    const second = await ws.api("/conversations/search", { method: "POST", body: { query: { field: "created_at", operator: ">", value: 0 }, pagination: { per_page: 2, starting_after: first.body.pages.next.starting_after } } });
    expect([...first.body.conversations, ...second.body.conversations].map((c: { id: string }) => c.id).sort()).toEqual([c1, c2, c3].sort());
    const viaSdk: string[] = [];
    for await (const c of await ws.client.conversations.search({ query: { field: "state", operator: "!=", value: "snoozed" }, pagination: { per_page: 1 } })) viaSdk.push(c.id);
    expect(viaSdk.sort()).toEqual([c1, c2, c3].sort());
    // errors
    expectErrorList(await ws.api("/conversations/search", { method: "POST", body: { query: { field: "nonsense", operator: "=", value: 1 } } }), 400);
    expectErrorList(await ws.api("/conversations/search", { method: "POST", body: { query: { field: "state", operator: "=", value: "asleep" } } }), 400);
    expectErrorList(await ws.api("/conversations/search", { method: "POST", body: {} }), 400);
    // another workspace finds none of them
    expect((await srv.ws.api("/conversations/search", { method: "POST", body: { query: { field: "contact_ids", operator: "=", value: bob.id } } })).body.total_count).toBe(0);
  });
});

describe("reset", () => {
  it("POST /_opencom/reset empties the inbox", async () => {
    const ws = await srv.newWorkspace("Resetter");
    const contact = await newContact(ws);
    const id = await writeIn(ws, contact.id);
    expect((await ws.api("/_opencom/reset", { method: "POST" })).status).toBe(200);
    expectErrorList(await ws.api(`/conversations/${id}`), 404, "not_found");
    expect((await ws.api("/conversations")).body.total_count).toBe(0);
  });
});
