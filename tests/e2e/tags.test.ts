import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VERSIONS } from "../../src/platform/versions.js";
import { expectErrorList, startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";

let srv: TestServer;
let other: TestWorkspace;
beforeAll(async () => {
  srv = await startTestServer();
  other = await srv.newWorkspace("Other");
});
afterAll(async () => srv?.close());

let seq = 0;
const uniq = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++seq}`;

async function createContact(ws: TestWorkspace, body: Record<string, unknown> = {}) {
  const res = await ws.api("/contacts", { method: "POST", body: { email: `${uniq("p")}@example.com`, ...body } });
  expect(res.status, res.text).toBe(200);
  return res.body.id as string;
}

async function createCompany(ws: TestWorkspace) {
  const res = await ws.api("/companies", { method: "POST", body: { company_id: uniq("co"), name: "Acme" } });
  expect(res.status, res.text).toBe(200);
  return res.body as { id: string; company_id: string };
}

async function createTag(ws: TestWorkspace, name: string) {
  const res = await ws.api("/tags", { method: "POST", body: { name } });
  expect(res.status, res.text).toBe(200);
  return res.body as { type: string; id: string; name: string };
}

const contactTagIds = async (ws: TestWorkspace, contactId: string) => {
  const res = await ws.api(`/contacts/${contactId}/tags`);
  expect(res.status, res.text).toBe(200);
  return (res.body.data as Array<{ id: string }>).map((t) => t.id);
};

const companyTagIds = async (ws: TestWorkspace, companyId: string) => {
  const res = await ws.api(`/companies/${companyId}`);
  expect(res.status, res.text).toBe(200);
  return (res.body.tags.tags as Array<{ id: string }>).map((t) => t.id);
};

const tagCount = async (ws: TestWorkspace) => (await ws.api("/tags")).body.data.length as number;

describe("create, find, list, rename", () => {
  it("creates a tag through the SDK and finds it", async () => {
    const tag = await srv.ws.client.tags.create({ name: "VIP" });
    expect(tag).toMatchObject({ type: "tag", name: "VIP" });
    expect(tag.id).toMatch(/^\d+$/);
    const found = await srv.ws.client.tags.find({ tag_id: tag.id });
    expect(found).toEqual({ type: "tag", id: tag.id, name: "VIP" });
    const list = await srv.ws.client.tags.list();
    expect(list.type).toBe("list");
    expect(list.data?.map((t) => t.id)).toContain(tag.id);
  });

  it("finds an existing tag by name, case-insensitively, instead of making a second", async () => {
    const a = await createTag(srv.ws, "Beta Tester");
    const before = await tagCount(srv.ws);
    const b = await createTag(srv.ws, "  beta tester ");
    expect(b.id).toBe(a.id);
    expect(b.name).toBe("Beta Tester");
    expect(await tagCount(srv.ws)).toBe(before);
    // names beyond ASCII are found again too
    const umlaut = await createTag(srv.ws, "Ärger Größe");
    expect((await createTag(srv.ws, "Ärger Größe")).id).toBe(umlaut.id);
    // (whether non-ASCII letters fold is the store's lower(): SQLite folds ASCII only; either way, no error)
    const upper = await createTag(srv.ws, "ÄRGER GRÖßE");
    expect((await createTag(srv.ws, "ÄRGER GRÖßE")).id).toBe(upper.id);
  });

  it("renames a tag given its id", async () => {
    const tag = await createTag(srv.ws, uniq("old"));
    const renamed = await srv.ws.api("/tags", { method: "POST", body: { id: tag.id, name: "Renamed tag" } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toEqual({ type: "tag", id: tag.id, name: "Renamed tag" });
    expect((await srv.ws.api(`/tags/${tag.id}`)).body.name).toBe("Renamed tag");
    // changing only the case of its own name is allowed
    const recased = await srv.ws.api("/tags", { method: "POST", body: { id: Number(tag.id), name: "renamed TAG" } });
    expect(recased.body.name).toBe("renamed TAG");
  });

  it("refuses to rename a tag to another tag's name", async () => {
    const a = await createTag(srv.ws, uniq("first"));
    const b = await createTag(srv.ws, uniq("second"));
    const err = expectErrorList(await srv.ws.api("/tags", { method: "POST", body: { id: b.id, name: a.name.toUpperCase() } }), 400, "parameter_invalid");
    expect(err.field).toBe("name");
    expect((await srv.ws.api(`/tags/${b.id}`)).body.name).toBe(b.name);
  });

  it("answers 404 for unknown tags", async () => {
    expectErrorList(await srv.ws.api("/tags/999999"), 404, "not_found");
    expectErrorList(await srv.ws.api("/tags/not-a-number"), 404, "not_found");
    expectErrorList(await srv.ws.api("/tags", { method: "POST", body: { id: "999999", name: "x" } }), 404, "not_found");
    expectErrorList(await srv.ws.api("/tags/999999", { method: "DELETE" }), 404, "not_found");
  });

  it("validates the body", async () => {
    const before = await tagCount(srv.ws);
    expect(expectErrorList(await srv.ws.api("/tags", { method: "POST", body: { test: "invalid" } }), 400, "parameter_invalid").field).toBe("name");
    expectErrorList(await srv.ws.api("/tags", { method: "POST", body: { name: "   " } }), 400, "parameter_invalid");
    expectErrorList(await srv.ws.api("/tags", { method: "POST", body: { name: 42 } }), 400, "parameter_invalid");
    expectErrorList(await srv.ws.api("/tags", { method: "POST", body: { name: "x".repeat(256) } }), 400, "parameter_invalid");
    expectErrorList(await srv.ws.api("/tags", { method: "POST", body: { name: "both", users: [], companies: [] } }), 400, "parameter_invalid");
    expectErrorList(await srv.ws.api("/tags", { method: "POST", body: { name: "bad", users: "nope" } }), 400, "parameter_invalid");
    expectErrorList(await srv.ws.api("/tags", { method: "POST", body: "{not json" }), 400, "parameter_invalid");
    expect(await tagCount(srv.ws)).toBe(before);
  });

  it("shapes tags the same in 2.7", async () => {
    const tag = await createTag(srv.ws, uniq("v27"));
    const res = await srv.ws.api(`/tags/${tag.id}`, { version: "2.7" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(tag);
    const list = await srv.ws.api("/tags", { version: "2.7" });
    expect(list.body.type).toBe("list");
    expect(list.body.data).toContainEqual(tag);
  });

  it("tags, untags and deletes in 2.7", async () => {
    const contactId = await createContact(srv.ws);
    const created = await srv.ws.api("/tags", { method: "POST", body: { name: uniq("v27-new") }, version: "2.7" });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({ type: "tag", id: expect.any(String), name: expect.any(String) });
    const attached = await srv.ws.api(`/contacts/${contactId}/tags`, { method: "POST", body: { id: created.body.id }, version: "2.7" });
    expect(attached.body).toMatchObject({ type: "tag", id: created.body.id, applied_by: { type: "admin" } });
    const detached = await srv.ws.api(`/contacts/${contactId}/tags/${created.body.id}`, { method: "DELETE", version: "2.7" });
    expect(detached.body).toMatchObject({ type: "tag", id: created.body.id, applied_at: attached.body.applied_at });
    expect((await srv.ws.api(`/tags/${created.body.id}`, { method: "DELETE", version: "2.7" })).status).toBe(200);
    expectErrorList(await srv.ws.api(`/tags/${created.body.id}`, { version: "2.7" }), 404, "not_found");
  });
});

describe("tagging contacts", () => {
  it("attaches and detaches a tag through the SDK, with who applied it and when", async () => {
    const contactId = await createContact(srv.ws);
    const tag = await createTag(srv.ws, uniq("contact-tag"));
    const since = Math.floor(Date.now() / 1000) - 1;
    const applied = await srv.ws.client.tags.tagContact({ contact_id: contactId, id: tag.id });
    expect(applied).toMatchObject({ type: "tag", id: tag.id, name: tag.name, applied_by: { type: "admin", id: String(srv.ws.adminId) } });
    expect(applied.applied_at).toBeGreaterThanOrEqual(since);
    expect(await contactTagIds(srv.ws, contactId)).toEqual([tag.id]);

    // attaching again keeps the first application
    const again = await srv.ws.api(`/contacts/${contactId}/tags`, { method: "POST", body: { id: Number(tag.id) } });
    expect(again.status).toBe(200);
    expect(again.body.applied_at).toBe(applied.applied_at);
    expect(await contactTagIds(srv.ws, contactId)).toEqual([tag.id]);

    const removed = await srv.ws.client.tags.untagContact({ contact_id: contactId, tag_id: tag.id });
    expect(removed).toMatchObject({ type: "tag", id: tag.id, name: tag.name, applied_at: applied.applied_at });
    expect(await contactTagIds(srv.ws, contactId)).toEqual([]);
    // detaching a tag the contact no longer has still answers the tag
    const twice = await srv.ws.api(`/contacts/${contactId}/tags/${tag.id}`, { method: "DELETE" });
    expect(twice.status).toBe(200);
    expect(twice.body).toEqual({ type: "tag", id: tag.id, name: tag.name });
  });

  it("answers User Not Found and Resource Not Found", async () => {
    const contactId = await createContact(srv.ws);
    const tag = await createTag(srv.ws, uniq("t"));
    const e1 = expectErrorList(await srv.ws.api(`/contacts/000000000000000000000000/tags`, { method: "POST", body: { id: tag.id } }), 404, "not_found");
    expect(e1.message).toBe("User Not Found");
    const e2 = expectErrorList(await srv.ws.api(`/contacts/${contactId}/tags`, { method: "POST", body: { id: "999999" } }), 404, "not_found");
    expect(e2.message).toBe("Resource Not Found");
    expectErrorList(await srv.ws.api(`/contacts/${contactId}/tags/999999`, { method: "DELETE" }), 404, "not_found");
    expectErrorList(await srv.ws.api(`/contacts/000000000000000000000000/tags/${tag.id}`, { method: "DELETE" }), 404, "not_found");
    expectErrorList(await srv.ws.api(`/contacts/${contactId}/tags`, { method: "POST", body: {} }), 400, "parameter_not_found");
    expectErrorList(await srv.ws.api(`/contacts/${contactId}/tags`, { method: "POST", body: { id: true } }), 400, "parameter_invalid");
  });

  it("tags and untags many contacts by name, creating the tag", async () => {
    const a = await createContact(srv.ws);
    const b = await createContact(srv.ws, { role: "lead", email: undefined });
    const name = uniq("bulk");
    const res = await srv.ws.api("/tags", { method: "POST", body: { name, users: [{ id: a }, { id: b }, { id: a }] } });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ type: "tag", id: expect.any(String), name });
    expect(await contactTagIds(srv.ws, a)).toEqual([res.body.id]);
    expect(await contactTagIds(srv.ws, b)).toEqual([res.body.id]);
    const untag = await srv.ws.api("/tags", { method: "POST", body: { name, users: [{ id: a, untag: true }] } });
    expect(untag.body.id).toBe(res.body.id);
    expect(await contactTagIds(srv.ws, a)).toEqual([]);
    expect(await contactTagIds(srv.ws, b)).toEqual([res.body.id]);
  });

  it("tags no one when one of the users is unknown", async () => {
    const a = await createContact(srv.ws);
    const name = uniq("partial");
    const before = await tagCount(srv.ws);
    const err = expectErrorList(await srv.ws.api("/tags", { method: "POST", body: { name, users: [{ id: a }, { id: "000000000000000000000000" }] } }), 404, "not_found");
    expect(err.message).toBe("User Not Found");
    expect(await contactTagIds(srv.ws, a)).toEqual([]);
    expect(await tagCount(srv.ws)).toBe(before);
    expectErrorList(await srv.ws.api("/tags", { method: "POST", body: { name, users: [{}] } }), 400, "parameter_invalid");
    expectErrorList(await srv.ws.api("/tags", { method: "POST", body: { name, users: [] } }), 400, "parameter_invalid");
  });
});

describe("tagging companies", () => {
  it("tags companies by id and by company_id, then untags", async () => {
    const c1 = await createCompany(srv.ws);
    const c2 = await createCompany(srv.ws);
    const name = uniq("co-tag");
    const res = await srv.ws.api("/tags", { method: "POST", body: { name, companies: [{ id: c1.id }, { company_id: c2.company_id }] } });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ type: "tag", id: expect.any(String), name });
    expect(await companyTagIds(srv.ws, c1.id)).toEqual([res.body.id]);
    expect(await companyTagIds(srv.ws, c2.id)).toEqual([res.body.id]);

    // untag: true, also as the text "true" the contract's example sends
    const untag = await srv.ws.api("/tags", { method: "POST", body: { name, companies: [{ company_id: c1.company_id, untag: true }, { id: c2.id, untag: "true" }] } });
    expect(untag.status, untag.text).toBe(200);
    expect(untag.body.id).toBe(res.body.id);
    expect(await companyTagIds(srv.ws, c1.id)).toEqual([]);
    expect(await companyTagIds(srv.ws, c2.id)).toEqual([]);
  });

  it("answers Company Not Found without tagging anything", async () => {
    const c1 = await createCompany(srv.ws);
    const name = uniq("co-missing");
    const before = await tagCount(srv.ws);
    const err = expectErrorList(await srv.ws.api("/tags", { method: "POST", body: { name, companies: [{ id: c1.id }, { company_id: "no-such-company" }] } }), 404, "company_not_found");
    expect(err.message).toBe("Company Not Found");
    expect(await companyTagIds(srv.ws, c1.id)).toEqual([]);
    expect(await tagCount(srv.ws)).toBe(before);
    expectErrorList(await srv.ws.api("/tags", { method: "POST", body: { name, companies: [{ untag: true }] } }), 400, "parameter_invalid");
  });

  it("untagging with a tag that does not exist is a 404", async () => {
    const c1 = await createCompany(srv.ws);
    expectErrorList(await srv.ws.api("/tags", { method: "POST", body: { name: uniq("never"), companies: [{ id: c1.id, untag: true }] } }), 404, "not_found");
  });
});

describe("delete", () => {
  it("deletes a tag and its applications", async () => {
    const contactId = await createContact(srv.ws);
    const company = await createCompany(srv.ws);
    const tag = await createTag(srv.ws, uniq("doomed"));
    await srv.ws.api(`/contacts/${contactId}/tags`, { method: "POST", body: { id: tag.id } });
    await srv.ws.api("/tags", { method: "POST", body: { name: tag.name, companies: [{ id: company.id }] } });
    const res = await srv.ws.api(`/tags/${tag.id}`, { method: "DELETE" });
    expect(res.status).toBe(200);
    expect(res.text).toBe("");
    expectErrorList(await srv.ws.api(`/tags/${tag.id}`), 404, "not_found");
    expect(await contactTagIds(srv.ws, contactId)).toEqual([]);
    expect(await companyTagIds(srv.ws, company.id)).toEqual([]);
  });

  it("deletes through the SDK", async () => {
    const tag = await createTag(srv.ws, uniq("sdk-doomed"));
    await srv.ws.client.tags.delete({ tag_id: tag.id });
    expectErrorList(await srv.ws.api(`/tags/${tag.id}`), 404, "not_found");
  });

  it("refuses while a segment uses the tag", async () => {
    const tag = await createTag(srv.ws, uniq("segmented"));
    const seg = await srv.ws.api("/_opencom/segments", { method: "POST", body: { name: "Tagged people", query: { field: "tag_id", operator: "=", value: tag.id } } });
    expect(seg.status, seg.text).toBe(200);
    const err = expectErrorList(await srv.ws.api(`/tags/${tag.id}`, { method: "DELETE" }), 400, "tag_has_dependent_objects");
    expect(err.message).toBe("Unable to delete Tag with dependent objects. Segments: Tagged people.");
    expect((await srv.ws.api(`/tags/${tag.id}`)).status).toBe(200);
    // once the segment is gone the tag can go
    expect((await srv.ws.api(`/_opencom/segments/${seg.body.id}`, { method: "DELETE" })).status).toBe(200);
    expect((await srv.ws.api(`/tags/${tag.id}`, { method: "DELETE" })).status).toBe(200);
  });
});

describe("workspace isolation", () => {
  it("never shows or changes another workspace's tags", async () => {
    const tag = await createTag(srv.ws, uniq("mine"));
    const theirContact = await createContact(other);
    expectErrorList(await other.api(`/tags/${tag.id}`), 404, "not_found");
    expectErrorList(await other.api(`/tags/${tag.id}`, { method: "DELETE" }), 404, "not_found");
    expectErrorList(await other.api("/tags", { method: "POST", body: { id: tag.id, name: "hijacked" } }), 404, "not_found");
    expectErrorList(await other.api(`/contacts/${theirContact}/tags`, { method: "POST", body: { id: tag.id } }), 404, "not_found");
    expect((await other.api("/tags")).body.data.map((t: { id: string }) => t.id)).not.toContain(tag.id);

    // the same name in another workspace is another tag
    const theirs = await createTag(other, tag.name);
    expect(theirs.id).not.toBe(tag.id);

    // my tag cannot reach their contacts, by any form
    const myContact = await createContact(srv.ws);
    expectErrorList(await srv.ws.api(`/contacts/${theirContact}/tags`, { method: "POST", body: { id: tag.id } }), 404, "not_found");
    expectErrorList(await srv.ws.api("/tags", { method: "POST", body: { name: tag.name, users: [{ id: theirContact }] } }), 404, "not_found");
    expectErrorList(await other.api(`/contacts/${myContact}/tags/${theirs.id}`, { method: "DELETE" }), 404, "not_found");
    expect((await srv.ws.api(`/tags/${tag.id}`)).body.name).toBe(tag.name);
  });
});

describe("every Intercom-Version", () => {
  it("answers each tag operation in every version", async () => {
    for (const version of VERSIONS) {
      const contactId = await createContact(srv.ws);
      const company = await createCompany(srv.ws);
      const name = uniq(`v${version}`);
      const created = await srv.ws.api("/tags", { method: "POST", body: { name }, version });
      expect(created.body).toEqual({ type: "tag", id: expect.any(String), name });
      expect((await srv.ws.api("/tags", { method: "POST", body: { name, users: [{ id: contactId }] }, version })).status).toBe(200);
      expect((await srv.ws.api("/tags", { method: "POST", body: { name, companies: [{ id: company.id }] }, version })).status).toBe(200);
      const listed = await srv.ws.api("/tags", { version });
      expect(listed.body.data.map((t: { id: string }) => t.id)).toContain(created.body.id);
      expect((await srv.ws.api(`/tags/${created.body.id}`, { version })).body.name).toBe(name);
      const other = await createTag(srv.ws, uniq("other"));
      expect((await srv.ws.api(`/contacts/${contactId}/tags`, { method: "POST", body: { id: other.id }, version })).body.id).toBe(other.id);
      expect((await srv.ws.api(`/contacts/${contactId}/tags`, { version })).body.data).toHaveLength(2);
      expect((await srv.ws.api(`/contacts/${contactId}/tags/${other.id}`, { method: "DELETE", version })).body.id).toBe(other.id);
      expect((await srv.ws.api(`/contacts/${contactId}/tags/${other.id}`, { method: "DELETE", version })).body.id).toBe(other.id);
      expect((await srv.ws.api(`/tags/${other.id}`, { method: "DELETE", version })).status).toBe(200);
      expectErrorList(await srv.ws.api(`/tags/${other.id}`, { version }), 404, "not_found");
    }
  });
});
