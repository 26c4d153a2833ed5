// The people resources' webhook topics, delivered to a real receiver: company.*, contact tags,
// archive / unarchive, merges, sign-ups, email changes, visitor.signed_up and a conversation's contacts. Each notification's signature is checked with the
// workspace's client_secret and its item against the official schema of the subscription's version.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { startReceiver, type Receiver } from "../helpers/receiver.js";
import { expectValid, subscribed as helperSubscribed } from "../helpers/webhook-topics.js";

let srv: TestServer;
let rx: Receiver;
beforeAll(async () => {
  srv = await startTestServer();
  rx = await startReceiver();
});
afterAll(async () => {
  await rx?.close();
  await srv?.close();
});
const subscribed = (name: string, topics: string[], version: string) => helperSubscribed(srv, rx, name, topics, version);

describe("company topics", () => {
  for (const version of ["2.7", "2.14"]) {
    it(`company.created / updated / contact.attached / detached / deleted (${version})`, async () => {
      const { ws, next, none } = await subscribed(`Companies ${version}`, ["company.created", "company.updated", "company.deleted", "company.contact.attached", "company.contact.detached"], version);
      const company = (await ws.api("/companies", { body: { company_id: "acme", name: "Acme" } })).body;
      let [n] = await next(1);
      expect(n.json.topic).toBe("company.created");
      expect(n.json.data.item).toMatchObject({ type: "company", id: company.id, company_id: "acme", name: "Acme" });
      expectValid(version, "company", n.json.data.item);

      await ws.api("/companies", { body: { company_id: "acme", plan: "pro" } }); // upsert of an existing one
      await ws.api(`/companies/${company.id}`, { method: "PUT", body: { name: "Acme Inc" } });
      const updates = await next(2);
      expect(updates.map((r) => r.json.topic)).toEqual(["company.updated", "company.updated"]);
      const put = updates.find((r) => r.json.data.item.name === "Acme Inc")!;
      expect(put.json.data.item).toMatchObject({ id: company.id, plan: { name: "pro" } });
      expectValid(version, "company", put.json.data.item);

      const contact = (await ws.api("/contacts", { body: { role: "user", email: "ada@example.com" } })).body;
      await ws.api(`/contacts/${contact.id}/companies`, { body: { id: company.id } });
      [n] = await next(1);
      expect(n.json.topic).toBe("company.contact.attached");
      expect(n.json.data.item).toMatchObject({ type: "contact_company", company: { type: "company", id: company.id, user_count: 1 }, contact: { type: "contact", id: contact.id } });
      expectValid(version, "company", n.json.data.item.company);
      expectValid(version, "contact", n.json.data.item.contact);
      await ws.api(`/contacts/${contact.id}/companies`, { body: { id: company.id } }); // already attached: nothing
      await none();
      await ws.api(`/contacts/${contact.id}/companies/${company.id}`, { method: "DELETE" });
      [n] = await next(1);
      expect(n.json.topic).toBe("company.contact.detached");
      expect(n.json.data.item).toMatchObject({ company: { id: company.id, user_count: 0 }, contact: { id: contact.id } });

      await ws.api(`/companies/${company.id}`, { method: "DELETE" });
      [n] = await next(1);
      expect(n.json.topic).toBe("company.deleted");
      expect(n.json.data.item).toEqual({ type: "company", id: company.id, company_id: "acme" });
      expect((await ws.api(`/companies/${company.id}`, { method: "DELETE" })).status).toBe(404);
      await none();
    });
  }
});

describe("contact tag topics", () => {
  it("contact.user.tag.created / deleted and contact.lead.tag.created, by the contact's tag routes and POST /tags", async () => {
    const version = "2.11";
    const { ws, next, none } = await subscribed("Tags", ["contact.user.tag.created", "contact.user.tag.deleted", "contact.lead.tag.created", "contact.lead.tag.deleted"], version);
    const user = (await ws.api("/contacts", { body: { role: "user", email: "u@example.com" } })).body;
    const lead = (await ws.api("/contacts", { body: { role: "lead", name: "Lee" } })).body;
    const vip = (await ws.api("/tags", { body: { name: "vip" } })).body;
    await none(); // creating a tag notifies nothing

    await ws.api(`/contacts/${user.id}/tags`, { body: { id: vip.id } });
    let [n] = await next(1);
    expect(n.json.topic).toBe("contact.user.tag.created");
    expect(n.json.data.item).toMatchObject({ type: "contact_tag", tag: { type: "tag", id: vip.id, name: "vip" }, contact: { type: "contact", id: user.id, role: "user" } });
    expect(typeof n.json.data.item.created_at).toBe("number");
    expectValid(version, "contact", n.json.data.item.contact);
    await ws.api(`/contacts/${user.id}/tags`, { body: { id: vip.id } }); // already tagged
    await none();

    await ws.api("/tags", { body: { name: "vip", users: [{ id: lead.id }, { id: user.id }] } });
    [n] = await next(1);
    expect(n.json.topic).toBe("contact.lead.tag.created");
    expect(n.json.data.item.contact).toMatchObject({ id: lead.id, role: "lead" });
    await none();

    await ws.api(`/contacts/${user.id}/tags/${vip.id}`, { method: "DELETE" });
    [n] = await next(1);
    expect(n.json.topic).toBe("contact.user.tag.deleted");
    expect(n.json.data.item).toMatchObject({ type: "contact_tag", tag: { id: vip.id }, contact: { id: user.id } });
    await ws.api("/tags", { body: { name: "vip", users: [{ id: lead.id, untag: true }, { id: user.id, untag: true }] } });
    [n] = await next(1);
    expect(n.json.topic).toBe("contact.lead.tag.deleted");
    expect(n.json.data.item.contact.id).toBe(lead.id);
    await none();
  });
});

describe("contact and visitor topics", () => {
  it("contact.archived, contact.unarchive, visitor.signed_up; the created topics follow the role", async () => {
    const version = "2.14";
    const { ws, next, none } = await subscribed("People", ["contact.archived", "contact.unarchive", "visitor.signed_up", "contact.user.created", "contact.lead.created"], version);
    const user = (await ws.api("/contacts", { body: { role: "user", email: "arch@example.com" } })).body;
    const lead = (await ws.api("/contacts", { body: { role: "lead", name: "Lead" } })).body;
    const created = (await next(2)).map((r) => [r.json.topic, r.json.data.item.id]);
    expect(created).toContainEqual(["contact.user.created", user.id]);
    expect(created).toContainEqual(["contact.lead.created", lead.id]);

    await ws.api(`/contacts/${user.id}/archive`, { method: "POST" });
    let [n] = await next(1);
    expect(n.json.topic).toBe("contact.archived");
    expect(n.json.data.item).toMatchObject({ type: "contact", id: user.id });
    expectValid(version, "contact", n.json.data.item);
    await ws.api(`/contacts/${user.id}/archive`, { method: "POST" }); // already archived
    await none();
    await ws.api(`/contacts/${user.id}/unarchive`, { method: "POST" });
    [n] = await next(1);
    expect(n.json.topic).toBe("contact.unarchive");

    const visitor = (await ws.api("/_opencom/visitors", { body: { name: "Vi", email: "vi@example.com" } })).body;
    const asLead = (await ws.api("/_opencom/visitors", { body: { name: "Lee" } })).body;
    await ws.api("/visitors/convert", { body: { type: "lead", visitor: { id: asLead.id } } });
    [n] = await next(1);
    expect(n.json.topic).toBe("contact.lead.created"); // a lead is no sign-up
    const converted = await ws.api("/visitors/convert", { body: { type: "user", visitor: { id: visitor.id }, user: { email: "vi@example.com" } } });
    expect(converted.status).toBe(200);
    // one transaction, two notifications: delivered in either order
    const both = await next(2);
    expect(both.map((r) => r.json.topic).sort()).toEqual(["contact.user.created", "visitor.signed_up"]);
    const signedUp = both.find((r) => r.json.topic === "visitor.signed_up")!;
    expect(signedUp.json.data.item).toMatchObject({ type: "visitor", id: visitor.id, user_id: visitor.user_id, email: "vi@example.com" });
    expectValid(version, "visitor", signedUp.json.data.item);
    await none();
  });
});

describe("contact changes with their own topics", () => {
  it("contact.lead.signed_up, contact.email.updated, contact.lead.added_email, contact.merged", async () => {
    const version = "2.14";
    const { ws, next, none } = await subscribed("Changes", ["contact.lead.signed_up", "contact.email.updated", "contact.lead.added_email", "contact.merged"], version);
    const lead = (await ws.api("/contacts", { body: { role: "lead", name: "Lee" } })).body;
    await none();
    await ws.api(`/contacts/${lead.id}`, { method: "PUT", body: { email: "lee@example.com" } });
    const added = (await next(2)).map((r) => r.json.topic).sort();
    expect(added).toEqual(["contact.email.updated", "contact.lead.added_email"]);
    await ws.api(`/contacts/${lead.id}`, { method: "PUT", body: { name: "Lee Again" } }); // no email change
    await none();
    await ws.api(`/contacts/${lead.id}`, { method: "PUT", body: { role: "user" } });
    let [n] = await next(1);
    expect(n.json.topic).toBe("contact.lead.signed_up");
    expect(n.json.data.item).toMatchObject({ type: "contact", id: lead.id, role: "user" });
    expectValid(version, "contact", n.json.data.item);

    const into = (await ws.api("/contacts", { body: { role: "user", email: "keep@example.com" } })).body;
    const from = (await ws.api("/contacts", { body: { role: "lead", email: "keep@example.com" } })).body;
    expect((await ws.api("/contacts/merge", { body: { from: from.id, into: into.id } })).status).toBe(200);
    [n] = await next(1);
    expect(n.json.topic).toBe("contact.merged");
    expect(n.json.data.item).toMatchObject({ type: "contact", id: into.id, merged_from: { type: "contact", id: from.id } });
    const { merged_from: _, ...contact } = n.json.data.item;
    expectValid(version, "contact", contact);
    await none();
  });
});

describe("a conversation's contacts", () => {
  it("conversation.contact.attached / detached carry the conversation with its contacts", async () => {
    const version = "2.14";
    const { ws, next, none } = await subscribed("Participants", ["conversation.contact.attached", "conversation.contact.detached"], version);
    const ann = (await ws.api("/contacts", { body: { role: "user", email: "ann@example.com" } })).body;
    const bob = (await ws.api("/contacts", { body: { role: "user", email: "bob@example.com" } })).body;
    const conv = (await ws.api("/conversations", { body: { from: { type: "user", id: ann.id }, body: "Hello" } })).body;
    const id = String(conv.conversation_id ?? conv.id);
    const admin = String(ws.adminId);
    expect((await ws.api(`/conversations/${id}/customers`, { body: { admin_id: admin, customer: { intercom_user_id: bob.id } } })).status).toBe(200);
    let [n] = await next(1);
    expect(n.json.topic).toBe("conversation.contact.attached");
    expect(n.json.data.item).toMatchObject({ type: "conversation", id });
    expect(n.json.data.item.contacts.contacts.map((c: { id: string }) => c.id).sort()).toEqual([ann.id, bob.id].sort());
    expectValid(version, "conversation", n.json.data.item);
    await ws.api(`/conversations/${id}/customers`, { body: { admin_id: admin, customer: { intercom_user_id: bob.id } } }); // already there
    await none();
    expect((await ws.api(`/conversations/${id}/customers/${bob.id}`, { method: "DELETE", body: { admin_id: admin } })).status).toBe(200);
    [n] = await next(1);
    expect(n.json.topic).toBe("conversation.contact.detached");
    // assigning an open conversation also notifies conversation.admin.open.assigned; a closed one does not
    await ws.api("/_opencom/webhooks", { body: { url: rx.url, topics: ["conversation.admin.open.assigned"], version } });
    await ws.api(`/conversations/${id}/parts`, { body: { message_type: "assignment", type: "admin", admin_id: admin, assignee_id: admin } });
    [n] = await next(1);
    expect(n.json.topic).toBe("conversation.admin.open.assigned");
    expect(n.json.data.item).toMatchObject({ id, state: "open", admin_assignee_id: Number(admin) });
    await ws.api(`/conversations/${id}/parts`, { body: { message_type: "close", type: "admin", admin_id: admin } });
    await ws.api(`/conversations/${id}/parts`, { body: { message_type: "assignment", type: "admin", admin_id: admin, assignee_id: "0" } });
    await none();
    expect(n.json.data.item.contacts.contacts.map((c: { id: string }) => c.id)).toEqual([ann.id]);
  });
});

describe("teammates and articles", () => {
  it("admin.away_mode_updated when the away mode changes; article.published / article.unpublished with the state", async () => {
    const version = "2.14";
    const { ws, next, none } = await subscribed("Away", ["admin.away_mode_updated", "article.published", "article.unpublished"], version);
    const admin = String(ws.adminId);
    await ws.api(`/admins/${admin}/away`, { method: "PUT", body: { away_mode_enabled: true, away_mode_reassign: false } });
    let [n] = await next(1);
    expect(n.json.topic).toBe("admin.away_mode_updated");
    expect(n.json.data.item).toMatchObject({ type: "admin", id: admin, away_mode_enabled: true, away_mode_reassign: false });
    expectValid(version, "admin", n.json.data.item);
    await ws.api(`/admins/${admin}/away`, { method: "PUT", body: { away_mode_enabled: true, away_mode_reassign: false } }); // unchanged
    await none();

    const draft = (await ws.api("/articles", { body: { title: "Draft", author_id: Number(admin), state: "draft" } })).body;
    await none();
    await ws.api(`/articles/${draft.id}`, { method: "PUT", body: { state: "published" } });
    [n] = await next(1);
    expect(n.json.topic).toBe("article.published");
    expect(n.json.data.item).toMatchObject({ type: "article", id: String(draft.id), state: "published" });
    expectValid(version, "article", n.json.data.item);
    await ws.api(`/articles/${draft.id}`, { method: "PUT", body: { title: "Renamed" } }); // still published
    await none();
    await ws.api(`/articles/${draft.id}`, { method: "PUT", body: { state: "draft" } });
    [n] = await next(1);
    expect(n.json.topic).toBe("article.unpublished");
    await ws.api("/articles", { body: { title: "Live at once", author_id: Number(admin), state: "published" } });
    [n] = await next(1);
    expect(n.json.topic).toBe("article.published");
    expect(n.json.data.item.title).toBe("Live at once");
  });
});
