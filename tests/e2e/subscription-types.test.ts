import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VERSIONS } from "../../src/platform/versions.js";
import { expectErrorList, startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

let seq = 0;
const uniq = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++seq}`;

async function createContact(ws: TestWorkspace) {
  const res = await ws.api("/contacts", { method: "POST", body: { email: `${uniq("p")}@example.com` } });
  expect(res.status, res.text).toBe(200);
  return res.body.id as string;
}

interface SubscriptionType {
  id: string;
  consent_type: string;
  content_types: string[];
  default_translation: { name: string };
}

async function types(ws: TestWorkspace): Promise<SubscriptionType[]> {
  const res = await ws.api("/subscription_types");
  expect(res.status, res.text).toBe(200);
  return res.body.data;
}

const byConsent = async (ws: TestWorkspace, consent: string, content = "email") => (await types(ws)).find((t) => t.consent_type === consent && t.content_types.includes(content))!;

const subscriptionsOf = async (ws: TestWorkspace, contactId: string) => {
  const res = await ws.api(`/contacts/${contactId}/subscriptions`);
  expect(res.status, res.text).toBe(200);
  return (res.body.data as SubscriptionType[]).map((s) => s.id);
};

describe("subscription types", () => {
  it("every workspace starts with email and SMS types, listed through the SDK", async () => {
    const list = await srv.ws.client.subscriptionTypes.list();
    expect(list.type).toBe("list");
    const data = list.data ?? [];
    expect(data.length).toBeGreaterThanOrEqual(2);
    expect(data.some((t) => t.content_types?.includes("email"))).toBe(true);
    expect(data.some((t) => t.content_types?.includes("sms_message"))).toBe(true);
    for (const t of data) {
      expect(t).toMatchObject({ type: "subscription", state: "live", default_translation: { locale: "en" } });
      expect(t.id).toMatch(/^\d+$/);
      expect(t.translations).toEqual([t.default_translation]);
      expect(["opt_in", "opt_out"]).toContain(t.consent_type);
    }
  });

  it("lists the same types in 2.7", async () => {
    const latest = await types(srv.ws);
    const res = await srv.ws.api("/subscription_types", { version: "2.7" });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual(latest);
  });

  it("each workspace has its own types", async () => {
    const other = await srv.newWorkspace();
    const mine = (await types(srv.ws)).map((t) => t.id);
    const theirs = (await types(other)).map((t) => t.id);
    expect(theirs.length).toBe(mine.length);
    expect(theirs.filter((id) => mine.includes(id))).toEqual([]);
  });
});

describe("a contact's subscriptions", () => {
  it("opts a contact out of an opt-out type and back in through the SDK", async () => {
    const contactId = await createContact(srv.ws);
    const newsletter = await byConsent(srv.ws, "opt_out");
    expect(await subscriptionsOf(srv.ws, contactId)).toEqual([]);
    const attached = await srv.ws.client.contacts.attachSubscription({ contact_id: contactId, id: newsletter.id, consent_type: "opt_out" });
    expect(attached).toMatchObject({ type: "subscription", id: newsletter.id, consent_type: "opt_out" });
    expect(await subscriptionsOf(srv.ws, contactId)).toEqual([newsletter.id]);
    // again: still one choice
    const again = await srv.ws.api(`/contacts/${contactId}/subscriptions`, { method: "POST", body: { id: Number(newsletter.id), consent_type: "opt_out" } });
    expect(again.status).toBe(200);
    expect(await subscriptionsOf(srv.ws, contactId)).toEqual([newsletter.id]);

    const detached = await srv.ws.client.contacts.detachSubscription({ contact_id: contactId, subscription_id: newsletter.id });
    expect(detached.id).toBe(newsletter.id);
    expect(await subscriptionsOf(srv.ws, contactId)).toEqual([]);
    // detaching again answers the type all the same
    expect((await srv.ws.api(`/contacts/${contactId}/subscriptions/${newsletter.id}`, { method: "DELETE" })).status).toBe(200);
  });

  it("opts a contact in to an opt-in type; the list combines both kinds", async () => {
    const contactId = await createContact(srv.ws);
    const optOut = await byConsent(srv.ws, "opt_out");
    const sms = await byConsent(srv.ws, "opt_in", "sms_message");
    await srv.ws.api(`/contacts/${contactId}/subscriptions`, { method: "POST", body: { id: sms.id, consent_type: "opt_in" } });
    await srv.ws.api(`/contacts/${contactId}/subscriptions`, { method: "POST", body: { id: optOut.id, consent_type: "opt_out" } });
    const res = await srv.ws.api(`/contacts/${contactId}/subscriptions`);
    expect(res.body.data.map((s: SubscriptionType) => [s.id, s.consent_type])).toEqual(
      [
        [optOut.id, "opt_out"],
        [sms.id, "opt_in"],
      ].sort((a, b) => Number(a[0]) - Number(b[0])),
    );
  });

  it("takes the type's own consent whatever consent_type is sent (as Intercom), and refuses unknown values", async () => {
    const contactId = await createContact(srv.ws);
    const optOut = await byConsent(srv.ws, "opt_out");
    const optIn = await byConsent(srv.ws, "opt_in");
    // what the official SDK's integration suite does: the first type, whatever its kind, with opt_in
    const first = (await types(srv.ws))[0];
    const res = await srv.ws.client.contacts.attachSubscription({ contact_id: contactId, id: first.id, consent_type: "opt_in" });
    expect(res).toMatchObject({ id: first.id, consent_type: first.consent_type });
    const mismatched = await srv.ws.api(`/contacts/${contactId}/subscriptions`, { method: "POST", body: { id: optOut.id, consent_type: "opt_in" } });
    expect(mismatched.status).toBe(200);
    const contact = (await srv.ws.api(`/contacts/${contactId}`)).body;
    expect(contact.opted_out_subscription_types.data.map((s: { id: string }) => s.id)).toContain(optOut.id);
    expect(contact.opted_in_subscription_types.data.map((s: { id: string }) => s.id)).not.toContain(optOut.id);
    const other = await createContact(srv.ws);
    expect(expectErrorList(await srv.ws.api(`/contacts/${other}/subscriptions`, { method: "POST", body: { id: optIn.id, consent_type: "maybe" } }), 400, "parameter_invalid").field).toBe("consent_type");
    expectErrorList(await srv.ws.api(`/contacts/${other}/subscriptions`, { method: "POST", body: { id: optIn.id } }), 400, "parameter_not_found");
    expect(await subscriptionsOf(srv.ws, other)).toEqual([]);
  });

  it("answers User Not Found and Resource Not Found", async () => {
    const contactId = await createContact(srv.ws);
    const optOut = await byConsent(srv.ws, "opt_out");
    const e1 = expectErrorList(await srv.ws.api(`/contacts/000000000000000000000000/subscriptions`, { method: "POST", body: { id: optOut.id, consent_type: "opt_out" } }), 404, "not_found");
    expect(e1.message).toBe("User Not Found");
    const e2 = expectErrorList(await srv.ws.api(`/contacts/${contactId}/subscriptions`, { method: "POST", body: { id: "invalid_id", consent_type: "opt_in" } }), 404, "not_found");
    expect(e2.message).toBe("Resource Not Found");
    expectErrorList(await srv.ws.api(`/contacts/${contactId}/subscriptions/999999`, { method: "DELETE" }), 404, "not_found");
    expectErrorList(await srv.ws.api(`/contacts/000000000000000000000000/subscriptions/${optOut.id}`, { method: "DELETE" }), 404, "not_found");
  });

  it("never reaches another workspace's types or contacts", async () => {
    const other = await srv.newWorkspace();
    const mine = await createContact(srv.ws);
    const theirs = await createContact(other);
    const myType = await byConsent(srv.ws, "opt_out");
    const theirType = await byConsent(other, "opt_out");
    expectErrorList(await srv.ws.api(`/contacts/${mine}/subscriptions`, { method: "POST", body: { id: theirType.id, consent_type: "opt_out" } }), 404, "not_found");
    expectErrorList(await srv.ws.api(`/contacts/${theirs}/subscriptions`, { method: "POST", body: { id: myType.id, consent_type: "opt_out" } }), 404, "not_found");
    expectErrorList(await other.api(`/contacts/${theirs}/subscriptions/${myType.id}`, { method: "DELETE" }), 404, "not_found");
    expect(await subscriptionsOf(srv.ws, mine)).toEqual([]);
  });

  it("answers in the 2.7 shape", async () => {
    const contactId = await createContact(srv.ws);
    const optOut = await byConsent(srv.ws, "opt_out");
    const res = await srv.ws.api(`/contacts/${contactId}/subscriptions`, { method: "POST", body: { id: optOut.id, consent_type: "opt_out" }, version: "2.7" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(optOut);
    const del = await srv.ws.api(`/contacts/${contactId}/subscriptions/${optOut.id}`, { method: "DELETE", version: "2.7" });
    expect(del.body).toEqual(optOut);
  });
});

describe("the contact object's subscription lists", () => {
  it("shows explicit opt-ins and opt-outs as opted_in / opted_out_subscription_types, in 2.7 and 2.14", async () => {
    const contact = await createContact(srv.ws);
    const optOut = await byConsent(srv.ws, "opt_out");
    const optIn = await byConsent(srv.ws, "opt_in");
    const lists = async (version: string) => {
      const body = (await srv.ws.api(`/contacts/${contact}`, { version })).body;
      return { in: body.opted_in_subscription_types, out: body.opted_out_subscription_types };
    };
    const empty = { type: "list", data: [], url: `/contacts/${contact}/subscriptions`, total_count: 0, has_more: false };
    expect(await lists("2.14")).toEqual({ in: empty, out: empty });

    await srv.ws.api(`/contacts/${contact}/subscriptions`, { method: "POST", body: { id: optOut.id, consent_type: "opt_out" } });
    await srv.ws.api(`/contacts/${contact}/subscriptions`, { method: "POST", body: { id: optIn.id, consent_type: "opt_in" } });
    for (const version of ["2.7", "2.14"]) {
      const l = await lists(version);
      expect(l.out.data).toEqual([{ type: "subscription", id: optOut.id, url: `/subscriptions/${optOut.id}` }]);
      expect(l.in.data).toEqual([{ type: "subscription", id: optIn.id, url: `/subscriptions/${optIn.id}` }]);
      expect(l.in.total_count).toBe(1);
    }
    await srv.ws.api(`/contacts/${contact}/subscriptions/${optOut.id}`, { method: "DELETE" });
    expect((await lists("2.14")).out).toEqual(empty);
  });
});

describe("every Intercom-Version", () => {
  it("answers each subscription operation in every version", async () => {
    for (const version of VERSIONS) {
      const contactId = await createContact(srv.ws);
      const list = await srv.ws.api("/subscription_types", { version });
      expect(list.body.data.length).toBeGreaterThanOrEqual(2);
      const t = list.body.data[0];
      expect((await srv.ws.api(`/contacts/${contactId}/subscriptions`, { method: "POST", body: { id: t.id, consent_type: t.consent_type }, version })).body.id).toBe(t.id);
      expect((await srv.ws.api(`/contacts/${contactId}/subscriptions`, { version })).body.data).toHaveLength(1);
      expect((await srv.ws.api(`/contacts/${contactId}/subscriptions/${t.id}`, { method: "DELETE", version })).body.id).toBe(t.id);
      expectErrorList(await srv.ws.api(`/contacts/${contactId}/subscriptions/999999`, { method: "DELETE", version }), 404, "not_found");
    }
  });
});
