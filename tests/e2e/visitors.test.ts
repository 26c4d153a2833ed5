import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Intercom } from "intercom-client";
import { VERSIONS } from "../../src/platform/versions.js";
import { expectErrorList, startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
  await defineAttribute(srv.ws, "plan_level", "integer");
  await defineAttribute(srv.ws, "nickname", "string");
});
afterAll(async () => srv?.close());

let seq = 0;
const uniq = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++seq}`;

type Visitor = Record<string, any>;

async function defineAttribute(ws: TestWorkspace, name: string, data_type: string) {
  const res = await ws.api("/data_attributes", { method: "POST", body: { name, model: "contact", data_type } });
  expect(res.status, res.text).toBe(200);
}

async function newVisitor(ws: TestWorkspace, body: Record<string, unknown> = {}): Promise<Visitor> {
  const res = await ws.api("/_opencom/visitors", { method: "POST", body });
  expect(res.status, res.text).toBe(200);
  return res.body;
}

async function createContact(ws: TestWorkspace, body: Record<string, unknown>) {
  const res = await ws.api("/contacts", { method: "POST", body });
  expect(res.status, res.text).toBe(200);
  return res.body as Record<string, any>;
}

const convert = (ws: TestWorkspace, body: Record<string, unknown>) => ws.api("/visitors/convert", { method: "POST", body });
const visitorCount = async (ws: TestWorkspace) => Number((await srv.store.db.selectFrom("visitors").select((eb) => eb.fn.countAll().as("n")).where("workspace_id", "=", ws.workspaceId).executeTakeFirstOrThrow()).n);
const contactCount = async (ws: TestWorkspace) => Number((await srv.store.db.selectFrom("contacts").select((eb) => eb.fn.countAll().as("n")).where("workspace_id", "=", ws.workspaceId).executeTakeFirstOrThrow()).n);

describe("creating visitors (opencom)", () => {
  it("creates an anonymous visitor with a generated user_id and pseudonym", async () => {
    const v = await newVisitor(srv.ws);
    expect(v).toMatchObject({
      type: "visitor",
      anonymous: true,
      email: "",
      name: null,
      app_id: srv.ws.workspaceId,
      companies: { type: "company.list", companies: [] },
      tags: { type: "tag.list", tags: [] },
      segments: { type: "segment.list", segments: [] },
      social_profiles: { type: "social_profile.list", social_profiles: [] },
      custom_attributes: {},
      session_count: 0,
      owner_id: null,
      do_not_track: null,
    });
    expect(v.id).toMatch(/^[0-9a-f]{24}$/);
    expect(v.user_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(v.pseudonym).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    expect(v.avatar).toEqual({ type: "avatar", image_url: null });
  });

  it("takes the visitor's fields; custom attribute values read as text", async () => {
    const v = await newVisitor(srv.ws, {
      user_id: uniq("given"),
      name: "Jane Doe",
      email: "jane@example.com",
      owner_id: srv.ws.adminId,
      location_data: { city_name: "Dublin", country_name: "Ireland", country_code: "IRL" },
      utm_source: "newsletter",
      referrer: "https://example.com/",
      last_request_at: 1700000000,
      do_not_track: false,
      custom_attributes: { plan_level: 3, nickname: "JD" },
    });
    expect(v).toMatchObject({
      name: "Jane Doe",
      email: "jane@example.com",
      anonymous: false,
      owner_id: String(srv.ws.adminId),
      location_data: { type: "location_data", city_name: "Dublin", country_name: "Ireland", country_code: "IRL" },
      utm_source: "newsletter",
      referrer: "https://example.com/",
      las_request_at: 1700000000,
      last_request_at: 1700000000,
      do_not_track: false,
      custom_attributes: { plan_level: "3", nickname: "JD" },
    });
  });

  it("refuses duplicate user_ids and bad fields, creating nothing", async () => {
    const v = await newVisitor(srv.ws);
    const before = await visitorCount(srv.ws);
    expectErrorList(await srv.ws.api("/_opencom/visitors", { method: "POST", body: { user_id: v.user_id } }), 409, "conflict");
    expectErrorList(await srv.ws.api("/_opencom/visitors", { method: "POST", body: { email: "not-an-email" } }), 400, "parameter_invalid");
    expectErrorList(await srv.ws.api("/_opencom/visitors", { method: "POST", body: { custom_attributes: { undefined_attr: 1 } } }), 400, "parameter_invalid");
    expectErrorList(await srv.ws.api("/_opencom/visitors", { method: "POST", body: { custom_attributes: { plan_level: "high" } } }), 400, "parameter_invalid");
    expectErrorList(await srv.ws.api("/_opencom/visitors", { method: "POST", body: { owner_id: 999999 } }), 400, "parameter_invalid");
    expectErrorList(await srv.ws.api("/_opencom/visitors", { method: "POST", body: { location_data: { planet: "Mars" } } }), 400, "parameter_invalid");
    expect(await visitorCount(srv.ws)).toBe(before);
  });
});

describe("retrieve and update", () => {
  it("finds a visitor by user_id through the SDK", async () => {
    const v = await newVisitor(srv.ws, { name: "Findable" });
    const found = await srv.ws.client.visitors.find({ user_id: v.user_id });
    expect(found).toEqual(v);
  });

  it("answers Visitor Not Found, and needs a user_id", async () => {
    const err = expectErrorList(await srv.ws.api("/visitors?user_id=nobody"), 404, "not_found");
    expect(err.message).toBe("Visitor Not Found");
    expect(expectErrorList(await srv.ws.api("/visitors"), 400, "parameter_not_found").field).toBe("user_id");
  });

  it("updates by id through the SDK and by user_id", async () => {
    const v = await newVisitor(srv.ws);
    const byId = await srv.ws.client.visitors.update({ id: v.id, name: "Gareth Bale" } as Intercom.UpdateVisitorRequest);
    expect(byId).toMatchObject({ id: v.id, user_id: v.user_id, name: "Gareth Bale" });
    expect(byId?.updated_at).toBeGreaterThanOrEqual(v.updated_at);
    const byUserId = await srv.ws.api("/visitors", { method: "PUT", body: { user_id: v.user_id, custom_attributes: { nickname: "Gaz" } } });
    expect(byUserId.status, byUserId.text).toBe(200);
    expect(byUserId.body).toMatchObject({ name: "Gareth Bale", custom_attributes: { nickname: "Gaz" } });
    const found = await srv.ws.api(`/visitors?user_id=${v.user_id}`);
    expect(found.body).toEqual(byUserId.body);
    // null removes a custom attribute
    const cleared = await srv.ws.api("/visitors", { method: "PUT", body: { id: v.id, custom_attributes: { nickname: null } } });
    expect(cleared.body.custom_attributes).toEqual({});
  });

  it("answers 404 / 400 for updates it cannot apply, changing nothing", async () => {
    const v = await newVisitor(srv.ws, { name: "Unchanged" });
    expect(expectErrorList(await srv.ws.api("/visitors", { method: "PUT", body: { user_id: "fail", name: "Christian Fail" } }), 404, "not_found").message).toBe("Visitor Not Found");
    expectErrorList(await srv.ws.api("/visitors", { method: "PUT", body: { id: "000000000000000000000000", name: "x" } }), 404, "not_found");
    expectErrorList(await srv.ws.api("/visitors", { method: "PUT", body: { name: "nobody" } }), 400, "parameter_not_found");
    expectErrorList(await srv.ws.api("/visitors", { method: "PUT", body: { id: v.id, user_id: "someone-else" } }), 400, "parameter_invalid");
    expectErrorList(await srv.ws.api("/visitors", { method: "PUT", body: { id: v.id, name: "Changed", custom_attributes: { plan_level: "x" } } }), 400, "parameter_invalid");
    expectErrorList(await srv.ws.api("/visitors", { method: "PUT", body: { id: v.id, name: 5 } }), 400, "parameter_invalid");
    expect((await srv.ws.api(`/visitors?user_id=${v.user_id}`)).body.name).toBe("Unchanged");
  });

  it("answers in the 2.7 shape", async () => {
    const v = await newVisitor(srv.ws, { name: "Old client" });
    const res = await srv.ws.api(`/visitors?user_id=${v.user_id}`, { version: "2.7" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(v);
    const put = await srv.ws.api("/visitors", { method: "PUT", body: { id: v.id, name: "Still old" }, version: "2.7" });
    expect(put.body.name).toBe("Still old");
  });
});

describe("convert", () => {
  it("converts a visitor into a new user through the SDK and deletes the visitor", async () => {
    const v = await newVisitor(srv.ws, { name: "Soon a user", custom_attributes: { plan_level: 2 }, location_data: { city_name: "Cork", country_name: "Ireland" } });
    const email = `${uniq("convert")}@example.com`;
    const contact = await srv.ws.client.visitors.mergeToContact({ type: "user", user: { email } as Intercom.MergeVisitorToContactRequest.User, visitor: { user_id: v.user_id } });
    expect(contact).toMatchObject({ type: "contact", role: "user", email, name: "Soon a user", custom_attributes: { plan_level: 2 }, location: { country: "Ireland", city: "Cork" } });
    expectErrorList(await srv.ws.api(`/visitors?user_id=${v.user_id}`), 404, "not_found");
    const stored = await srv.ws.api(`/contacts/${contact.id}`);
    expect(stored.body.email).toBe(email);
  });

  it("takes the user's external id", async () => {
    const v = await newVisitor(srv.ws, { email: `${uniq("v")}@example.com` });
    const externalId = uniq("ext");
    const res = await convert(srv.ws, { type: "user", user: { user_id: externalId }, visitor: { id: v.id } });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ role: "user", external_id: externalId, email: v.email });
  });

  it("merges into an existing user found by email, by user_id or by id", async () => {
    const email = `${uniq("existing")}@example.com`;
    const user = await createContact(srv.ws, { email, external_id: uniq("u") });
    const before = await contactCount(srv.ws);

    const v1 = await newVisitor(srv.ws, { name: "From visitor", phone: "+353 1 234 5678", custom_attributes: { nickname: "V" } });
    const r1 = await convert(srv.ws, { type: "user", user: { email: email.toUpperCase() }, visitor: { user_id: v1.user_id } });
    expect(r1.status, r1.text).toBe(200);
    expect(r1.body).toMatchObject({ id: user.id, email, name: "From visitor", phone: "+353 1 234 5678", custom_attributes: { nickname: "V" } });

    // the user's own values win over the visitor's
    const v2 = await newVisitor(srv.ws, { name: "Another name", custom_attributes: { nickname: "W", plan_level: 7 } });
    const r2 = await convert(srv.ws, { type: "user", user: { user_id: user.external_id }, visitor: { id: v2.id } });
    expect(r2.body).toMatchObject({ id: user.id, name: "From visitor", custom_attributes: { nickname: "V", plan_level: 7 } });

    const v3 = await newVisitor(srv.ws, { email: `${uniq("visitor")}@example.com` });
    const r3 = await convert(srv.ws, { type: "user", user: { id: user.id }, visitor: { email: v3.email } });
    expect(r3.body).toMatchObject({ id: user.id, email });

    expect(await contactCount(srv.ws)).toBe(before);
    for (const v of [v1, v2, v3]) expectErrorList(await srv.ws.api(`/visitors?user_id=${v.user_id}`), 404, "not_found");
  });

  it("merges into the user that has the visitor's email, keeping that user's identifiers", async () => {
    const email = `${uniq("same-person")}@example.com`;
    const user = await createContact(srv.ws, { email, external_id: uniq("kept") });
    const v = await newVisitor(srv.ws, { email: email.toUpperCase(), name: "Same person" });
    const res = await convert(srv.ws, { type: "user", user: { user_id: uniq("unknown") }, visitor: { id: v.id } });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ id: user.id, email, external_id: user.external_id, name: "Same person" });
  });

  it("refuses a user_id and an email that name two different users (409)", async () => {
    const a = await createContact(srv.ws, { email: `${uniq("a")}@example.com`, external_id: uniq("a") });
    const b = await createContact(srv.ws, { email: `${uniq("b")}@example.com` });
    const v = await newVisitor(srv.ws, { name: "Ambiguous" });
    expectErrorList(await convert(srv.ws, { type: "user", user: { user_id: a.external_id, email: b.email }, visitor: { id: v.id } }), 409, "conflict");
    // filling a user's missing email with another user's is refused the same way
    const noEmail = await createContact(srv.ws, { external_id: uniq("no-email") });
    expectErrorList(await convert(srv.ws, { type: "user", user: { id: noEmail.id, email: b.email }, visitor: { id: v.id } }), 409, "conflict");
    expect((await srv.ws.api(`/contacts/${noEmail.id}`)).body.email).toBe("");
    expect((await srv.ws.api(`/visitors?user_id=${v.user_id}`)).body.name).toBe("Ambiguous");
    expect((await srv.ws.api(`/contacts/${a.id}`)).body.name).toBeNull();
  });

  it("converts into a new lead, or into an existing lead", async () => {
    const v1 = await newVisitor(srv.ws, { name: "Lead to be", email: `${uniq("lead")}@example.com` });
    const r1 = await convert(srv.ws, { type: "lead", user: {}, visitor: { user_id: v1.user_id } });
    expect(r1.status, r1.text).toBe(200);
    expect(r1.body).toMatchObject({ role: "lead", name: "Lead to be", email: v1.email });

    const v2 = await newVisitor(srv.ws, { phone: "+15550100" });
    const r2 = await convert(srv.ws, { type: "lead", user: { id: r1.body.id }, visitor: { user_id: v2.user_id } });
    expect(r2.body).toMatchObject({ id: r1.body.id, role: "lead", phone: "+15550100" });
  });

  it("answers 404 / 400 and converts nothing when it cannot", async () => {
    const v = await newVisitor(srv.ws);
    const lead = await createContact(srv.ws, { role: "lead" });
    const before = await contactCount(srv.ws);
    expect(expectErrorList(await convert(srv.ws, { type: "user", user: { email: "a@example.com" }, visitor: { user_id: "nobody" } }), 404, "not_found").message).toBe("Visitor Not Found");
    expect(expectErrorList(await convert(srv.ws, { type: "user", user: { id: "000000000000000000000000" }, visitor: { user_id: v.user_id } }), 404, "not_found").message).toBe("User Not Found");
    expectErrorList(await convert(srv.ws, { type: "user", user: { id: lead.id }, visitor: { user_id: v.user_id } }), 400, "parameter_invalid");
    expectErrorList(await convert(srv.ws, { type: "admin", user: { email: "a@example.com" }, visitor: { user_id: v.user_id } }), 400, "parameter_invalid");
    expectErrorList(await convert(srv.ws, { user: { email: "a@example.com" }, visitor: { user_id: v.user_id } }), 400, "parameter_not_found");
    expectErrorList(await convert(srv.ws, { type: "user", user: {}, visitor: { user_id: v.user_id } }), 400, "parameter_not_found");
    expectErrorList(await convert(srv.ws, { type: "user", user: { email: "a@example.com" } }), 400, "parameter_not_found");
    expectErrorList(await convert(srv.ws, { type: "user", user: { email: "a@example.com" }, visitor: {} }), 400, "parameter_not_found");
    expectErrorList(await convert(srv.ws, { type: "user", user: { email: "not an email" }, visitor: { user_id: v.user_id } }), 400, "parameter_invalid");
    expect(await contactCount(srv.ws)).toBe(before);
    expect((await srv.ws.api(`/visitors?user_id=${v.user_id}`)).status).toBe(200);
  });

  it("answers the contact in the 2.7 shape", async () => {
    const v = await newVisitor(srv.ws);
    const res = await srv.ws.api("/visitors/convert", { method: "POST", body: { type: "user", user: { email: `${uniq("v27")}@example.com` }, visitor: { user_id: v.user_id } }, version: "2.7" });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ type: "contact", role: "user" });
  });
});

describe("workspace isolation", () => {
  it("never shows, changes or converts another workspace's visitors", async () => {
    const other = await srv.newWorkspace();
    const v = await newVisitor(srv.ws, { name: "Mine" });
    expectErrorList(await other.api(`/visitors?user_id=${v.user_id}`), 404, "not_found");
    expectErrorList(await other.api("/visitors", { method: "PUT", body: { id: v.id, name: "Theirs" } }), 404, "not_found");
    expectErrorList(await other.api("/visitors/convert", { method: "POST", body: { type: "lead", user: {}, visitor: { id: v.id } } }), 404, "not_found");
    // the same user_id may exist in another workspace
    const twin = await newVisitor(other, { user_id: v.user_id });
    expect(twin.id).not.toBe(v.id);
    // a contact of another workspace is not a merge target
    const theirUser = await createContact(other, { email: `${uniq("theirs")}@example.com` });
    expectErrorList(await srv.ws.api("/visitors/convert", { method: "POST", body: { type: "user", user: { id: theirUser.id }, visitor: { id: v.id } } }), 404, "not_found");
    expect((await srv.ws.api(`/visitors?user_id=${v.user_id}`)).body.name).toBe("Mine");
  });
});

describe("every Intercom-Version", () => {
  it("answers each visitor operation in every version", async () => {
    for (const version of VERSIONS) {
      const v = await newVisitor(srv.ws, { name: version, email: `${uniq("every")}@example.com`, last_request_at: 1700000000, location_data: { city_name: "Paris" }, custom_attributes: { plan_level: 1 } });
      expect((await srv.ws.api(`/visitors?user_id=${v.user_id}`, { version })).body.id).toBe(v.id);
      expect((await srv.ws.api("/visitors", { method: "PUT", body: { id: v.id, name: `${version}!` }, version })).body.name).toBe(`${version}!`);
      const converted = await srv.ws.api("/visitors/convert", { method: "POST", body: { type: "user", user: { email: `${uniq("every-user")}@example.com` }, visitor: { id: v.id } }, version });
      expect(converted.body).toMatchObject({ type: "contact", role: "user", name: `${version}!` });
      expectErrorList(await srv.ws.api(`/visitors?user_id=${v.user_id}`, { version }), 404, "not_found");
    }
  });
});
