// More webhook topics delivered to a real receiver: contact.subscribed / contact.unsubscribed (a contact's
// subscription choices), conversation_part.redacted and conversation_part.tag.created. Each notification's
// signature is checked with the workspace's client_secret and its item against the official schema of the
// subscription's version.
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

describe("subscription topics", () => {
  for (const version of ["2.7", "2.14"]) {
    it(`contact.subscribed / contact.unsubscribed when a choice changes (${version})`, async () => {
      const { ws, next, none } = await subscribed(`Subscriptions ${version}`, ["contact.subscribed", "contact.unsubscribed"], version);
      const types = (await ws.api("/subscription_types")).body.data;
      const optIn = types.find((t: any) => t.consent_type === "opt_in");
      const optOut = types.find((t: any) => t.consent_type === "opt_out");
      const contact = (await ws.api("/contacts", { body: { role: "user", email: `sub${version}@hooks.example` } })).body;

      // opting in to an opt-in type subscribes
      expect((await ws.api(`/contacts/${contact.id}/subscriptions`, { body: { id: optIn.id, consent_type: "opt_in" } })).status).toBe(200);
      let [n] = await next(1);
      expect(n.json.topic).toBe("contact.subscribed");
      expect(n.json.data.item).toMatchObject({ type: "contact", id: contact.id, email: contact.email });
      expectValid(version, "contact", n.json.data.item);
      if (version === "2.14") expect(n.json.data.item.opted_in_subscription_types.data.map((s: any) => s.id)).toEqual([optIn.id]);
      // the same choice again changes nothing
      await ws.api(`/contacts/${contact.id}/subscriptions`, { body: { id: optIn.id, consent_type: "opt_in" } });
      await none();
      // opting out of an opt-out type unsubscribes
      await ws.api(`/contacts/${contact.id}/subscriptions`, { body: { id: optOut.id, consent_type: "opt_out" } });
      [n] = await next(1);
      expect(n.json.topic).toBe("contact.unsubscribed");
      expect(n.json.data.item).toMatchObject({ type: "contact", id: contact.id });
      expectValid(version, "contact", n.json.data.item);
      // removing the choices goes back to each type's default: out of the opt-in one, in to the opt-out one
      await ws.api(`/contacts/${contact.id}/subscriptions/${optIn.id}`, { method: "DELETE" });
      [n] = await next(1);
      expect(n.json.topic).toBe("contact.unsubscribed");
      await ws.api(`/contacts/${contact.id}/subscriptions/${optOut.id}`, { method: "DELETE" });
      [n] = await next(1);
      expect(n.json.topic).toBe("contact.subscribed");
      if (version === "2.14") expect(n.json.data.item.opted_out_subscription_types.data).toEqual([]);
      // removing a choice the contact does not have: nothing
      await ws.api(`/contacts/${contact.id}/subscriptions/${optOut.id}`, { method: "DELETE" });
      // a refused attach emits nothing
      expect((await ws.api(`/contacts/${contact.id}/subscriptions`, { body: { id: optIn.id, consent_type: "maybe" } })).status).toBe(400);
      await none();
    });
  }
});

describe("conversation part topics", () => {
  for (const version of ["2.7", "2.14"]) {
    it(`conversation_part.redacted and conversation_part.tag.created (${version})`, async () => {
      const { ws, next, none } = await subscribed(`Parts ${version}`, ["conversation_part.redacted", "conversation_part.tag.created"], version);
      const contact = (await ws.api("/contacts", { body: { role: "user", email: `parts${version}@hooks.example` } })).body;
      const convId = (await ws.api("/conversations", { body: { from: { type: "user", id: contact.id }, body: "My card number is 4111" } })).body.conversation_id;
      const replied = (await ws.api(`/conversations/${convId}/reply`, { body: { message_type: "comment", type: "user", intercom_user_id: contact.id, body: "and my pin is 1234" } })).body;
      const part = replied.conversation_parts.conversation_parts.at(-1);

      const redacted = await ws.api("/conversations/redact", { body: { type: "conversation_part", conversation_id: convId, conversation_part_id: part.id } });
      expect(redacted.status).toBe(200);
      let [n] = await next(1);
      expect(n.json.topic).toBe("conversation_part.redacted");
      expect(n.json.data.item).toMatchObject({ type: "conversation", id: String(convId) });
      const shown = n.json.data.item.conversation_parts.conversation_parts.find((p: any) => p.id === part.id);
      expect(shown.body).toContain("redacted");
      if (version === "2.14") expect(shown.redacted).toBe(true);
      expectValid(version, "conversation", n.json.data.item);
      // a part without a body cannot be redacted: nothing
      expect((await ws.api("/conversations/redact", { body: { type: "conversation_part", conversation_id: convId, conversation_part_id: "999999999" } })).status).toBe(404);
      await none();

      const tag = (await ws.api("/tags", { body: { name: `vip-${version}` } })).body;
      expect((await ws.api(`/conversations/${convId}/tags`, { body: { id: tag.id, admin_id: String(ws.adminId) } })).status).toBe(200);
      [n] = await next(1);
      expect(n.json.topic).toBe("conversation_part.tag.created");
      expect(n.json.data.item).toMatchObject({ type: "conversation", id: String(convId), tags: { type: "tag.list", tags: [{ type: "tag", id: tag.id, name: tag.name }] } });
      expectValid(version, "conversation", n.json.data.item);
      // tagging again changes nothing
      await ws.api(`/conversations/${convId}/tags`, { body: { id: tag.id, admin_id: String(ws.adminId) } });
      await none();
    });
  }
});
