// People and workspace data through the official SDK (intercom-client 7.x, Intercom-Version 2.14): the documented
// errors as the SDK's error classes (NotFoundError, BadRequestError, UnprocessableEntityError, UnauthorizedError …,
// each with its status and error.list body) and workspace isolation, for teammates, teams, contacts, companies,
// tags, segments, notes, data attributes, events, visitors, messages, phone call redirects and the IP allowlist.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Intercom, IntercomClient, IntercomError } from "intercom-client";
import { sdkErrorOf as sdkError } from "../helpers/sdk.js";
import { startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";

let srv: TestServer;
let ws: TestWorkspace;
let other: TestWorkspace;
beforeAll(async () => {
  srv = await startTestServer();
  ws = await srv.newWorkspace("sdk people");
  other = await srv.newWorkspace("sdk people other");
});
afterAll(async () => srv?.close());


describe("teammates and teams through the SDK", () => {
  it("a missing or foreign teammate or team is NotFoundError; a bad token UnauthorizedError", async () => {
    await sdkError(ws.client.admins.find({ admin_id: 999999 }), Intercom.NotFoundError, 404, "admin_not_found");
    await sdkError(other.client.admins.find({ admin_id: Number(ws.adminId) }), Intercom.NotFoundError, 404, "admin_not_found");
    await sdkError(other.client.admins.away({ admin_id: Number(ws.adminId), away_mode_enabled: true, away_mode_reassign: false }), Intercom.NotFoundError, 404);
    await sdkError(ws.client.teams.find({ team_id: "999999" }), Intercom.NotFoundError, 404, "team_not_found");
    const bad = new IntercomClient({ token: "nope", baseUrl: srv.url });
    await sdkError(bad.admins.identify(), IntercomError, 401, "unauthorized");
    await sdkError(bad.teams.list(), Intercom.UnauthorizedError, 401, "unauthorized");
    await sdkError(bad.contacts.list(), Intercom.UnauthorizedError, 401, "unauthorized");
  });
});

describe("contacts and companies through the SDK", () => {
  it("missing and foreign ones are NotFoundError (or the base IntercomError where the SDK documents no 404)", async () => {
    const c = await ws.client.contacts.create({ role: "user", email: "grace@sdk-people.example", external_id: "grace" });
    const co = await ws.client.companies.createOrUpdate({ company_id: "acme", name: "Acme" });
    await sdkError(other.client.contacts.find({ contact_id: c.id! }), IntercomError, 404, "not_found");
    await sdkError(other.client.contacts.update({ contact_id: c.id!, name: "mine" }), IntercomError, 404, "not_found");
    await sdkError(other.client.contacts.delete({ contact_id: c.id! }), IntercomError, 404, "not_found");
    await sdkError(other.client.contacts.showContactByExternalId({ external_id: "grace" }), IntercomError, 404, "not_found");
    await sdkError(other.client.contacts.listAttachedTags({ contact_id: c.id! }), Intercom.NotFoundError, 404, "not_found");
    await sdkError(other.client.contacts.listAttachedSegments({ contact_id: c.id! }), Intercom.NotFoundError, 404, "not_found");
    await sdkError(other.client.contacts.listAttachedSubscriptions({ contact_id: c.id! }), Intercom.NotFoundError, 404, "not_found");
    await sdkError(ws.client.contacts.create({ email: "grace@sdk-people.example" }), IntercomError, 409, "conflict");

    await sdkError(other.client.companies.find({ company_id: co.id }), Intercom.NotFoundError, 404, "company_not_found");
    await sdkError(other.client.companies.update({ company_id: co.id }), Intercom.NotFoundError, 404, "company_not_found");
    await sdkError(other.client.companies.delete({ company_id: co.id }), Intercom.NotFoundError, 404, "company_not_found");
    await sdkError(other.client.companies.retrieve({ company_id: "acme" }), Intercom.NotFoundError, 404, "company_not_found");
    await sdkError(other.client.companies.listAttachedContacts({ company_id: co.id }), Intercom.NotFoundError, 404, "company_not_found");
    await sdkError(ws.client.companies.attachContact({ contact_id: c.id!, id: "999999" }), Intercom.NotFoundError, 404, "company_not_found");
    await sdkError(other.client.companies.attachContact({ contact_id: c.id!, id: co.id }), Intercom.NotFoundError, 404);
    await sdkError(ws.client.companies.detachContact({ contact_id: c.id!, company_id: co.id }), Intercom.NotFoundError, 404);
  });
});

describe("tags, segments and notes through the SDK", () => {
  it("missing and foreign ones are NotFoundError; a bad tag is BadRequestError", async () => {
    const c = await ws.client.contacts.create({ role: "user", email: "tags@sdk-people.example" });
    const tag = await ws.client.tags.create({ name: "vip" });
    await sdkError(other.client.tags.find({ tag_id: tag.id }), Intercom.NotFoundError, 404, "not_found");
    await sdkError(other.client.tags.delete({ tag_id: tag.id }), Intercom.NotFoundError, 404);
    await sdkError(other.client.tags.tagContact({ contact_id: c.id!, id: tag.id }), Intercom.NotFoundError, 404);
    await sdkError(ws.client.tags.tagContact({ contact_id: c.id!, id: "999999" }), Intercom.NotFoundError, 404);
    await sdkError(ws.client.tags.untagContact({ contact_id: c.id!, tag_id: "999999" }), Intercom.NotFoundError, 404);
    await sdkError(ws.client.tags.create({ name: "" }), Intercom.BadRequestError, 400);
    expect((await other.client.tags.list()).data!.map((t) => t.id)).not.toContain(tag.id);

    await sdkError(ws.client.segments.find({ segment_id: "999999" }), Intercom.NotFoundError, 404);

    const note = await ws.client.notes.create({ contact_id: c.id!, body: "Met at the fair", admin_id: String(ws.adminId) });
    expect(note).toMatchObject({ type: "note", contact: { id: c.id } });
    await sdkError(other.client.notes.find({ note_id: Number(note.id) }), Intercom.NotFoundError, 404);
    await sdkError(other.client.notes.create({ contact_id: c.id!, body: "x", admin_id: String(other.adminId) }), Intercom.NotFoundError, 404);
    await sdkError(other.client.notes.list({ contact_id: c.id! }), Intercom.NotFoundError, 404);
  });
});

describe("data attributes, events and visitors through the SDK", () => {
  it("refuses bad data attributes (BadRequestError) and unknown ones (NotFoundError); events and visitors are isolated", async () => {
    // (the SDK's request type leaves out the attribute's name and model: cast as its users do)
    const create = (b: Record<string, unknown>) => ws.client.dataAttributes.create(b as Intercom.CreateDataAttributeRequest);
    const attr = await create({ name: "plan_sdk", model: "contact", data_type: "string", description: "Plan" });
    expect(attr).toMatchObject({ type: "data_attribute", name: "plan_sdk", model: "contact", data_type: "string" });
    await sdkError(create({ name: "plan_sdk", model: "contact", data_type: "string" }), Intercom.BadRequestError, 400);
    await sdkError(create({ name: "bad.name", model: "contact", data_type: "string" }), Intercom.BadRequestError, 400);
    await sdkError(ws.client.dataAttributes.update({ data_attribute_id: 999999, body: { description: "x" } }), Intercom.NotFoundError, 404);
    await sdkError(other.client.dataAttributes.update({ data_attribute_id: attr.id!, body: { description: "x" } }), Intercom.NotFoundError, 404);
    expect((await other.client.dataAttributes.list({ model: "contact" })).data!.map((a) => a.name)).not.toContain("plan_sdk");

    const c = await ws.client.contacts.create({ role: "user", email: "ev@sdk-people.example", external_id: "ev" });
    await ws.client.events.create({ event_name: "signed-up", created_at: 1_700_000_000, user_id: "ev" });
    const mine = await ws.client.events.list({ type: "user", intercom_user_id: c.id! });
    expect(mine.events.map((e) => (e as unknown as { event_name: string }).event_name)).toEqual(["signed-up"]);
    await sdkError(other.client.events.list({ type: "user", intercom_user_id: c.id! }), IntercomError, 404);

    await sdkError(ws.client.visitors.find({ user_id: "no-such-visitor" }), Intercom.NotFoundError, 404);
    await sdkError(ws.client.visitors.update({ user_id: "no-such-visitor", name: "x" }), Intercom.NotFoundError, 404);
  });
});

describe("messages, phone call redirects and the IP allowlist through the SDK", () => {
  it("answers their documented errors as the SDK's error classes", async () => {
    const c = await ws.client.contacts.create({ role: "user", email: "msg@sdk-people.example" });
    // an email needs a subject (422), any message a body (400), as documented
    await sdkError(
      ws.client.messages.create({ message_type: "email", body: "Hi", template: "plain", from: { type: "admin", id: Number(ws.adminId) }, to: { type: "user", id: c.id! } } as Intercom.CreateMessageRequest),
      Intercom.UnprocessableEntityError,
      422,
      "parameter_not_found",
    );
    await sdkError(
      ws.client.messages.create({ message_type: "inapp", from: { type: "admin", id: Number(ws.adminId) }, to: { type: "user", id: c.id! } } as unknown as Intercom.CreateMessageRequest),
      Intercom.BadRequestError,
      400,
      "parameter_invalid",
    );
    await sdkError(ws.client.messages.create({ message_type: "inapp", body: "Hi", from: { type: "admin", id: Number(ws.adminId) }, to: { type: "user", id: "999999999" } }), IntercomError, 404);
    await sdkError(other.client.messages.create({ message_type: "inapp", body: "Hi", from: { type: "admin", id: Number(ws.adminId) }, to: { type: "user", id: c.id! } }), IntercomError, 404);

    await sdkError(ws.client.phoneCallRedirects.create({ phone: "not a phone" }), IntercomError, 400);

    await sdkError(ws.client.ipAllowlist.updateIpAllowlist({ enabled: true, ip_allowlist: ["not-an-ip"] }), IntercomError, 400);
    expect(await ws.client.ipAllowlist.getIpAllowlist()).toMatchObject({ type: "ip_allowlist", enabled: false });
  });
});
