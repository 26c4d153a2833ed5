// The SDK matrix: a representative story through each generation of the official Node SDK, unchanged but
// for its base URL: intercom-client 7.x (the default, Intercom-Version 2.14), 6.x (Fern, 2.11) and the
// hand-written 5.x (axios, HTTP Basic with the token as user name, no Intercom-Version header).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IntercomClient as Client7 } from "intercom-client";
import { IntercomClient as Client6 } from "intercom-client-v6";
import { Client as Client5 } from "intercom-client-v5";
import { startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

const unique = () => Math.random().toString(36).slice(2, 10);

describe("intercom-client 7.x", () => {
  let ws: TestWorkspace;
  beforeAll(async () => {
    ws = await srv.newWorkspace("SDK 7");
  });
  it("contacts, companies, tags, notes and paging", async () => {
    const client = new Client7({ token: ws.token, baseUrl: srv.url });
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await client.contacts.create({ external_id: `u-${unique()}`, email: `p${i}-${unique()}@example.com`, name: `Person ${i}` }));
    const company = await client.companies.createOrUpdate({ company_id: unique(), name: "Acme", monthly_spend: 9001, custom_attributes: {} });
    await client.companies.attachContact({ contact_id: made[0].id, id: company.id });
    const tag = await client.tags.create({ name: `vip-${unique()}` });
    await client.tags.tagContact({ contact_id: made[0].id, id: tag.id });
    await client.notes.create({ contact_id: made[0].id, body: "Called", admin_id: String(ws.adminId) });
    const found = await client.contacts.find({ contact_id: made[0].id });
    expect(found.tags?.data?.map((t) => t.id)).toContain(tag.id);
    expect(found.companies?.data?.map((c) => c.id)).toContain(company.id);
    const seen: string[] = [];
    for await (const c of await client.contacts.list({ per_page: 2 })) seen.push(c.id);
    expect(seen.sort()).toEqual(made.map((c) => c.id).sort());
    const searched = await client.contacts.search({ query: { field: "email", operator: "=", value: made[3].email! }, pagination: { per_page: 5 } });
    expect(searched.data.map((c) => c.id)).toEqual([made[3].id]);
  });
});

describe("intercom-client 6.x", () => {
  let ws: TestWorkspace;
  beforeAll(async () => {
    ws = await srv.newWorkspace("SDK 6");
  });
  it("contacts, companies, tags and paging under its default 2.11", async () => {
    const client = new Client6({ token: ws.token, baseUrl: srv.url });
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await client.contacts.create({ external_id: `u-${unique()}`, name: `Six ${i}` }));
    const company = await client.companies.createOrUpdate({ company_id: unique(), name: "Initech" });
    await client.companies.attachContact({ contact_id: made[1].id!, id: company.id });
    const tag = await client.tags.create({ name: `six-${unique()}` });
    await client.tags.tagContact({ contact_id: made[1].id!, id: tag.id });
    const updated = await client.contacts.update({ contact_id: made[1].id!, name: "Renamed" });
    expect(updated.name).toBe("Renamed");
    const attached = await client.contacts.listAttachedCompanies({ contact_id: made[1].id! });
    expect(attached.data.map((c) => c.id)).toEqual([company.id]);
    const seen: string[] = [];
    for await (const c of await client.contacts.list({ per_page: 1 })) seen.push(c.id!);
    expect(seen.sort()).toEqual(made.map((c) => c.id!).sort());
  });
});

describe("intercom-client 5.x (hand-written, HTTP Basic, no Intercom-Version)", () => {
  let ws: TestWorkspace;
  beforeAll(async () => {
    ws = await srv.newWorkspace("SDK 5");
  });
  it("contacts, companies, tags, notes, counts and paging", async () => {
    const client = new Client5({ tokenAuth: { token: ws.token } }).useRequestOpts({ baseURL: srv.url });
    const user = await client.contacts.createUser({ externalId: `u-${unique()}`, email: `five-${unique()}@example.com`, name: "Five" });
    const lead = await client.contacts.createLead({ name: "A lead" });
    expect(lead.role).toBe("lead");
    const found = await client.contacts.find({ id: user.id });
    expect(found.email).toBe(user.email);
    const company = await client.companies.create({ companyId: unique(), name: "Globex", monthlySpend: 10 });
    await client.companies.attachContact({ contactId: user.id, companyId: company.id });
    const tag = await client.tags.create({ name: `five-${unique()}` });
    await client.tags.tagContact({ contactId: user.id, tagId: tag.id });
    const note = await client.notes.create({ adminId: String(ws.adminId), body: "Hello", contactId: user.id });
    expect(note.type).toBe("note");
    // 5.x's own types describe some bodies wrongly; the wire shapes are Intercom's
    const tags = (await client.contacts.listAttachedTags({ id: user.id })) as unknown as { data: Array<{ id: string }> };
    expect(tags.data.map((t: { id: string }) => t.id)).toEqual([tag.id]);
    const page = await client.contacts.list({ perPage: 1 });
    expect(page.data).toHaveLength(1);
    expect(page.total_count).toBe(2);
    const totals = await client.counts.forApp();
    expect(totals).toMatchObject({ type: "count.hash", user: { count: 1 }, lead: { count: 1 }, company: { count: 1 }, tag: { count: 1 } });
    const byTag = (await client.counts.countUserTag()) as unknown as { user: { tag: unknown[] } };
    expect(byTag.user.tag).toEqual([{ [tag.name]: 1 }]);
    const companyUsers = await client.counts.countCompanyUser();
    expect(companyUsers.company.user).toEqual([{ Globex: 1, remote_company_id: company.company_id }]);
  });
});
