// intercom-client 7.x, `client.unstable.*` (Intercom-Version: Unstable): contacts, companies, notes,
// segments, subscription types, contact tags and tag CRUD, visitors. Every method at least once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Intercom } from "intercom-client";
import { startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";
import { sdkError, unstableClient } from "../helpers/sdk.js";

let srv: TestServer;
let ws: TestWorkspace;
let sdk: ReturnType<typeof unstableClient>;
beforeAll(async () => {
  srv = await startTestServer();
  ws = await srv.newWorkspace("SDK unstable people");
  sdk = unstableClient(srv, ws);
});
afterAll(async () => srv?.close());

const U = Intercom.unstable;

describe("SDK unstable: contacts", () => {
  it("creates, reads, lists, searches, updates, archives, blocks, merges and deletes contacts", async () => {
    const ada: any = await sdk.contacts.createContact({ role: "user", email: "ada@people.test", external_id: "ada-1", name: "Ada" } as any);
    expect(ada).toMatchObject({ type: "contact", role: "user", email: "ada@people.test", external_id: "ada-1", name: "Ada", workspace_id: ws.workspaceId });
    const lead: any = await sdk.contacts.createContact({ role: "lead", name: "Lead", email: "ada@people.test" } as any);
    expect(lead).toMatchObject({ type: "contact", role: "lead" });

    expect(await sdk.contacts.showContact({ id: ada.id })).toMatchObject({ id: ada.id, email: "ada@people.test" });
    expect(await sdk.contacts.showContactByExternalId({ external_id: "ada-1" })).toMatchObject({ id: ada.id });

    const up: any = await sdk.contacts.updateContact({ id: ada.id, name: "Ada Lovelace", phone: "+15550100100" });
    expect(up).toMatchObject({ id: ada.id, name: "Ada Lovelace", phone: "+15550100100" });

    const list = await sdk.contacts.listContacts();
    expect(list).toMatchObject({ type: "list", total_count: 2 });
    expect(list.data!.map((c: any) => c.id).sort()).toEqual([ada.id, lead.id].sort());

    const found = await sdk.contacts.searchContacts({ query: { operator: "AND", value: [{ field: "email", operator: "=", value: "ada@people.test" }, { field: "role", operator: "=", value: "user" }] }, pagination: { per_page: 5 } });
    expect(found).toMatchObject({ type: "list", total_count: 1 });
    expect(found.data![0]).toMatchObject({ id: ada.id });
    // paging: one per page, the next page's cursor leads to the other one
    const p1: any = await sdk.contacts.searchContacts({ query: { field: "created_at", operator: ">", value: "0" } as any, pagination: { per_page: 1 } });
    expect(p1.total_count).toBe(2);
    expect(p1.data).toHaveLength(1);
    const p2: any = await sdk.contacts.searchContacts({ query: { field: "created_at", operator: ">", value: "0" } as any, pagination: { per_page: 1, starting_after: p1.pages.next.starting_after } });
    expect(p2.data).toHaveLength(1);
    expect(p2.data[0].id).not.toBe(p1.data[0].id);

    expect(await sdk.contacts.archiveContact({ id: lead.id })).toMatchObject({ type: "contact", id: lead.id, archived: true });
    expect(await sdk.contacts.unarchiveContact({ id: lead.id })).toMatchObject({ type: "contact", id: lead.id, archived: false });

    const merged: any = await sdk.contacts.mergeContact({ from: lead.id, into: ada.id });
    expect(merged).toMatchObject({ type: "contact", id: ada.id });
    // the merged-away id is gone (Unstable follows 2.16: 410 with a Link to the contact it became)
    await sdkError(sdk.contacts.showContact({ id: lead.id }), 410, "contact_merged");

    const spam: any = await sdk.contacts.createContact({ role: "user", email: "spam@people.test" } as any);
    expect(await sdk.contacts.blockContact({ id: spam.id })).toMatchObject({ type: "contact", id: spam.id, blocked: true });

    expect(await sdk.contacts.deleteContact({ id: ada.id })).toMatchObject({ type: "contact", id: ada.id, deleted: true });
    await sdkError(sdk.contacts.deleteContact({ id: ada.id }), 404, "not_found");
    await sdkError(sdk.contacts.showContactByExternalId({ external_id: "nobody" }), 404, "not_found");
    await sdkError(sdk.contacts.createContact({ role: "user", email: "spam@people.test" } as any), 409, "conflict");
  });

  it("lists a contact's companies, segments, subscriptions and tags", async () => {
    const c: any = await sdk.contacts.createContact({ role: "user", email: "grace@acme.test", name: "Grace" } as any);
    const co: any = await sdk.companies.createOrUpdateCompany({ company_id: "acme-1", name: "Acme" });
    await sdk.companies.attachContactToACompany({ id: c.id, company_id: co.id });
    const companies: any = await sdk.contacts.listCompaniesForAContact({ id: c.id });
    expect(companies).toMatchObject({ type: "list", total_count: 1, companies: [{ type: "company", id: co.id, company_id: "acme-1" }] });

    const seg = (await ws.api("/_opencom/segments", { body: { name: "Acme people", person_type: "user", query: { field: "email", operator: "$", value: "@acme.test" } } })).body;
    const segs: any = await sdk.contacts.listSegmentsForAContact({ contact_id: c.id });
    expect(segs.type).toBe("list");
    expect(segs.data.find((x: any) => x.id === seg.id)).toMatchObject({ type: "segment", name: "Acme people" });

    const st = (await ws.api("/subscription_types")).body.data[0];
    await sdk.subscriptionTypes.attachSubscriptionTypeToContact({ contact_id: c.id, id: st.id, consent_type: st.consent_type });
    const subs: any = await sdk.contacts.listSubscriptionsForAContact({ contact_id: c.id });
    expect(subs.type).toBe("list");
    expect(subs.data.map((s: any) => s.id)).toContain(st.id);

    const tag: any = await sdk.tags.createTag({ name: "VIP" });
    await sdk.tags.attachTagToContact({ contact_id: c.id, id: tag.id });
    expect(await sdk.contacts.listTagsForAContact({ contact_id: c.id })).toMatchObject({ type: "list", data: [{ type: "tag", id: tag.id, name: "VIP" }] });

    await sdkError(sdk.contacts.listTagsForAContact({ contact_id: "nope" }), 404, "not_found", U.NotFoundError);
    await sdkError(sdk.contacts.listCompaniesForAContact({ id: "nope" }), 404, "not_found", U.NotFoundError);
  });
});

describe("SDK unstable: companies and notes", () => {
  it("creates, finds, lists, scrolls, updates, attaches, detaches and deletes companies", async () => {
    const ws2 = await srv.newWorkspace("SDK unstable companies");
    const s = unstableClient(srv, ws2);
    const a: any = await s.companies.createOrUpdateCompany({ company_id: "c-a", name: "Alpha", plan: "pro", size: 10 });
    expect(a).toMatchObject({ type: "company", company_id: "c-a", name: "Alpha", plan: { name: "pro" }, size: 10 });
    const again: any = await s.companies.createOrUpdateCompany({ company_id: "c-a", industry: "Tools" });
    expect(again).toMatchObject({ id: a.id, name: "Alpha", industry: "Tools" });
    const b: any = await s.companies.createOrUpdateCompany({ company_id: "c-b", name: "Beta" });

    expect(await s.companies.retrieveACompanyById({ id: a.id })).toMatchObject({ id: a.id, company_id: "c-a" });
    // GET /companies?company_id= (or ?name=): Unstable answers a company_list
    expect(await s.companies.retrieveCompany({ company_id: "c-b" })).toMatchObject({ type: "list", data: [{ type: "company", id: b.id }] });
    expect(await s.companies.retrieveCompany({ name: "Alpha" })).toMatchObject({ type: "list", data: [{ type: "company", id: a.id }] });
    const all: any = await s.companies.retrieveCompany({ per_page: 1, page: 1 });
    expect(all).toMatchObject({ type: "list", total_count: 2, pages: { type: "pages", page: 1, per_page: 1, total_pages: 2 } });
    expect(all.data).toHaveLength(1);

    // POST /companies/list lists the companies that have contacts (Intercom's rule): both, once attached
    const c: any = await s.contacts.createContact({ role: "user", email: "x@companies.test" } as any);
    expect((await s.companies.listAllCompanies({ per_page: 1 })).data ?? []).toEqual([]);
    // plain fetch: the contract's `id` wins over the SDK's `company_id` when both are sent
    expect((await ws2.api(`/contacts/${c.id}/companies`, { version: "Unstable", body: { id: b.id, company_id: "nope" } })).body).toMatchObject({ type: "company", id: b.id });
    expect(await s.companies.attachContactToACompany({ id: c.id, company_id: a.id })).toMatchObject({ type: "company", id: a.id });
    const listed: any = await s.companies.listAllCompanies({ per_page: 1, page: 2, order: "asc" });
    expect(listed).toMatchObject({ type: "list", total_count: 2, pages: { page: 2, per_page: 1, total_pages: 2 } });
    expect(listed.data.map((x: any) => x.id)).toEqual([b.id]);

    const scroll: any = await s.companies.scrollOverAllCompanies();
    expect(scroll.type).toBe("list");
    expect(scroll.data.map((x: any) => x.id).sort()).toEqual([a.id, b.id].sort());
    expect(typeof scroll.scroll_param).toBe("string");
    const end: any = await s.companies.scrollOverAllCompanies({ scroll_param: scroll.scroll_param });
    expect(end?.data ?? []).toEqual([]);

    // the SDK's update sends no body: the company is answered unchanged
    expect(await s.companies.updateCompany({ id: a.id })).toMatchObject({ id: a.id, name: "Alpha", industry: "Tools" });

    const contacts: any = await s.companies.listAttachedContacts({ id: a.id });
    expect(contacts).toMatchObject({ type: "list", total_count: 1, data: [{ type: "contact", id: c.id }] });
    const segs: any = await s.companies.listAttachedSegmentsForCompanies({ id: a.id });
    expect(segs.type).toBe("list");
    expect(segs.data.map((x: any) => [x.type, x.name])).toEqual([["segment", "All users"]]);
    expect(await s.companies.detachContactFromACompany({ contact_id: c.id, id: a.id })).toMatchObject({ type: "company", id: a.id });
    expect((await s.companies.listAttachedContacts({ id: a.id })).data ?? []).toEqual([]);
    await sdkError(s.companies.detachContactFromACompany({ contact_id: c.id, id: a.id }), 404, undefined, U.NotFoundError);
    await sdkError(s.companies.attachContactToACompany({ id: c.id, company_id: "nope" }), 404, "company_not_found", U.NotFoundError);

    expect(await s.companies.deleteCompany({ id: b.id })).toMatchObject({ id: b.id, object: "company", deleted: true });
    await sdkError(s.companies.retrieveACompanyById({ id: b.id }), 404, "company_not_found", U.NotFoundError);
    await sdkError(s.companies.retrieveCompany({ company_id: "missing" }), 404, "company_not_found", U.NotFoundError);
  });

  it("adds, lists and reads notes of contacts and companies", async () => {
    const c: any = await sdk.contacts.createContact({ role: "user", email: "notes@people.test" } as any);
    const note: any = await sdk.notes.createNote({ id: c.id as any, body: "Called her", admin_id: String(ws.adminId) });
    expect(note).toMatchObject({ type: "note", body: "<p>Called her</p>", contact: { type: "contact", id: c.id }, author: { type: "admin", id: String(ws.adminId) } });
    await sdk.notes.createNote({ id: c.id as any, body: "Second" });
    const list: any = await sdk.notes.listNotes({ id: c.id as any });
    expect(list).toMatchObject({ type: "list", total_count: 2 });
    expect(list.data.map((n: any) => n.body)).toEqual(["<p>Second</p>", "<p>Called her</p>"]);
    expect(await sdk.notes.retrieveNote({ id: note.id })).toMatchObject({ id: note.id, body: "<p>Called her</p>" });

    const co: any = await sdk.companies.createOrUpdateCompany({ company_id: "noted", name: "Noted" });
    await ws.api(`/companies/${co.id}/notes`, { version: "Unstable", body: { body: "company note" } });
    const coNotes: any = await sdk.notes.listCompanyNotes({ id: co.id });
    expect(coNotes).toMatchObject({ type: "list", data: [{ type: "note", body: "<p>company note</p>" }] });

    await sdkError(sdk.notes.retrieveNote({ id: 999999999 }), 404, "not_found", U.NotFoundError);
    await sdkError(sdk.notes.createNote({ id: "nope" as any, body: "x" }), 404, "not_found", U.NotFoundError);
    await sdkError(sdk.notes.listCompanyNotes({ id: "nope" }), 404, undefined, U.NotFoundError);
  });
});

describe("SDK unstable: segments, subscription types, tags", () => {
  it("lists and reads segments, with counts", async () => {
    const ws3 = await srv.newWorkspace("SDK unstable segments");
    const s = unstableClient(srv, ws3);
    await s.contacts.createContact({ role: "user", email: "a@seg.test" } as any);
    const seg = (await ws3.api("/_opencom/segments", { body: { name: "Seg people", person_type: "user", query: { field: "email", operator: "$", value: "@seg.test" } } })).body;
    const list: any = await s.segments.listSegments({ include_count: true });
    expect(list.type).toBe("segment.list");
    expect(list.segments.find((x: any) => x.id === seg.id)).toMatchObject({ type: "segment", name: "Seg people", count: 1 });
    expect(await s.segments.retrieveSegment({ id: seg.id })).toMatchObject({ type: "segment", id: seg.id, name: "Seg people" });
    await sdkError(s.segments.retrieveSegment({ id: "nope" }), 404, undefined, U.NotFoundError);
  });

  it("lists subscription types, attaches and detaches one", async () => {
    const types: any = await sdk.subscriptionTypes.listSubscriptionTypes();
    expect(types.type).toBe("list");
    expect(types.data.length).toBeGreaterThan(0);
    const st = types.data[0];
    expect(st).toMatchObject({ type: "subscription", id: expect.any(String), state: "live" });
    const c: any = await sdk.contacts.createContact({ role: "user", email: "subs@people.test" } as any);
    const attached: any = await sdk.subscriptionTypes.attachSubscriptionTypeToContact({ contact_id: c.id, id: st.id, consent_type: "opt_in" });
    expect(attached).toMatchObject({ type: "subscription", id: st.id });
    const detached: any = await sdk.subscriptionTypes.detachSubscriptionTypeToContact({ contact_id: c.id, id: st.id });
    expect(detached).toMatchObject({ type: "subscription", id: st.id });
    await sdkError(sdk.subscriptionTypes.attachSubscriptionTypeToContact({ contact_id: c.id, id: "invalid_id", consent_type: "opt_in" }), 404, undefined, U.NotFoundError);
  });

  it("creates, finds, lists, attaches, detaches and deletes tags", async () => {
    const tag: any = await sdk.tags.createTag({ name: "Independent" });
    expect(tag).toMatchObject({ type: "tag", name: "Independent", id: expect.any(String) });
    expect(await sdk.tags.findTag({ id: tag.id })).toMatchObject({ type: "tag", id: tag.id, name: "Independent" });
    const list: any = await sdk.tags.listTags();
    expect(list.type).toBe("list");
    expect(list.data.map((t: any) => t.id)).toContain(tag.id);

    const c: any = await sdk.contacts.createContact({ role: "user", email: "tags@people.test" } as any);
    expect(await sdk.tags.attachTagToContact({ contact_id: c.id, id: tag.id })).toMatchObject({ type: "tag", id: tag.id });
    expect(await sdk.tags.detachTagFromContact({ contact_id: c.id, id: tag.id })).toMatchObject({ type: "tag", id: tag.id });
    expect((await sdk.contacts.listTagsForAContact({ contact_id: c.id })).data ?? []).toEqual([]);

    // tagging companies through createTag
    const co: any = await sdk.companies.createOrUpdateCompany({ company_id: "tagged-co", name: "Tagged" });
    await sdk.tags.createTag({ name: "Independent", companies: [{ company_id: "tagged-co" }] } as any);
    expect((await sdk.companies.retrieveACompanyById({ id: co.id })).tags).toMatchObject({ tags: [{ id: tag.id }] });

    await sdk.tags.deleteTag({ id: tag.id });
    await sdkError(sdk.tags.findTag({ id: tag.id }), 404, "not_found", U.NotFoundError);
    await sdkError(sdk.tags.attachTagToContact({ contact_id: c.id, id: "123" }), 404, "not_found", U.NotFoundError);
    await sdkError(sdk.tags.createTag({ name: "" }), 400, undefined, U.BadRequestError);
  });
});

describe("SDK unstable: visitors", () => {
  it("reads, updates and converts a visitor", async () => {
    const v = (await ws.api("/_opencom/visitors", { method: "POST", body: {} })).body;
    const got: any = await sdk.visitors.retrieveVisitorWithUserId({ user_id: v.user_id });
    expect(got).toMatchObject({ type: "visitor", id: v.id, user_id: v.user_id });
    const up: any = await sdk.visitors.updateVisitor({ id: v.id, name: "Gareth Bale" } as any);
    expect(up).toMatchObject({ type: "visitor", id: v.id, name: "Gareth Bale" });
    const c: any = await sdk.visitors.convertVisitor({ type: "user", user: { email: "gareth@people.test" }, visitor: { user_id: v.user_id } });
    expect(c).toMatchObject({ type: "contact", role: "user", email: "gareth@people.test" });
    await sdkError(sdk.visitors.retrieveVisitorWithUserId({ user_id: v.user_id }), 404, undefined, U.NotFoundError);
    await sdkError(sdk.visitors.updateVisitor({ user_id: "fail", name: "Christian Fail" } as any), 404, undefined, U.NotFoundError);
  });
});
