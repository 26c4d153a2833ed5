import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newDataAttributeRow } from "../../src/resources/data_attributes/service.js";
import { buildApp } from "../../src/app.js";
import { call, expectErrorList, startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let seq = 0;
const uniq = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++seq}`;

async function createCompany(ws: TestWorkspace, body: Record<string, unknown> = {}) {
  const res = await ws.api("/companies", { method: "POST", body: { company_id: uniq("co"), ...body } });
  expect(res.status, res.text).toBe(200);
  return res.body as Record<string, any>;
}

async function createContact(ws: TestWorkspace) {
  const res = await ws.api("/contacts", { method: "POST", body: { email: `${uniq("person")}@example.com` } });
  expect(res.status, res.text).toBe(200);
  return res.body.id as string;
}

async function attach(ws: TestWorkspace, contactId: string, companyId: string) {
  const res = await ws.api(`/contacts/${contactId}/companies`, { method: "POST", body: { id: companyId } });
  expect(res.status, res.text).toBe(200);
  return res.body as Record<string, any>;
}

/** Fixture: a company custom data attribute (the data attributes API is another resource's). */
async function defineCompanyAttribute(ws: TestWorkspace, name: string, dataType: string) {
  const row = newDataAttributeRow(ws.workspaceId, { model: "company", name, data_type: dataType, created_at: Math.floor(Date.now() / 1000) });
  await srv.store.db.insertInto("data_attributes").values(row).execute();
}

/** Fixture: a tag applied to companies (tagging is the tags resource's API). */
async function tagCompanies(ws: TestWorkspace, name: string, companyIds: string[]) {
  const tag = await srv.store.db
    .insertInto("tags")
    .values({ workspace_id: ws.workspaceId, name, created_at: Math.floor(Date.now() / 1000) })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const id of companyIds) {
    await srv.store.db.insertInto("company_tags").values({ workspace_id: ws.workspaceId, company_id: id, tag_id: tag.id, admin_id: null, created_at: 0 }).execute();
  }
  return String(tag.id);
}

describe("create or update by company_id", () => {
  it("creates a company through the SDK with Intercom's shape", async () => {
    const companyId = uniq("sdk");
    const created = await srv.ws.client.companies.createOrUpdate({
      company_id: companyId,
      name: "Blue Sun",
      plan: "Pro",
      size: 100,
      website: "https://bluesun.example",
      industry: "Manufacturing",
      monthly_spend: 155.98,
      remote_created_at: 1374138000,
    });
    expect(created.type).toBe("company");
    expect(created.id).toMatch(/^[0-9a-f]{24}$/);
    expect(created.company_id).toBe(companyId);
    expect(created.app_id).toBe(srv.ws.workspaceId);
    expect(created.name).toBe("Blue Sun");
    expect(created.size).toBe(100);
    expect(created.website).toBe("https://bluesun.example");
    expect(created.industry).toBe("Manufacturing");
    expect(created.monthly_spend).toBe(155); // whole numbers: floats are truncated
    expect(created.remote_created_at).toBe(1374138000);
    expect(created.session_count).toBe(0);
    expect(created.user_count).toBe(0);
    expect(created.plan).toMatchObject({ type: "plan", name: "Pro" });
    expect(created.plan?.id).toMatch(/^\d+$/);
    expect(created.tags).toEqual({ type: "tag.list", tags: [] });
    expect(created.segments).toEqual({ type: "segment.list", segments: [] });
    expect(created.custom_attributes).toEqual({});
    expect(Math.abs(created.created_at! - Date.now() / 1000)).toBeLessThan(10);
    expect(created.updated_at).toBe(created.created_at);

    // one plan id per plan name
    const other = await createCompany(srv.ws, { plan: "Pro" });
    expect(other.plan.id).toBe(created.plan?.id);
    const starter = await createCompany(srv.ws, { plan: "Starter" });
    expect(starter.plan.id).not.toBe(created.plan?.id);
  });

  it("leaves unset fields out and shows an empty plan", async () => {
    const created = await createCompany(srv.ws);
    expect(created.plan).toEqual({});
    for (const k of ["name", "website", "industry", "size", "last_request_at", "remote_created_at"]) expect(created).not.toHaveProperty(k);
    expect(created.monthly_spend).toBe(0);
  });

  it("updates the company with the same company_id instead of creating another", async () => {
    const companyId = uniq("same");
    const first = await createCompany(srv.ws, { company_id: companyId, name: "First", industry: "Retail" });
    await sleep(1100);
    const second = await createCompany(srv.ws, { company_id: companyId, name: "Second", plan: "Gold" });
    expect(second.id).toBe(first.id);
    expect(second.name).toBe("Second");
    expect(second.industry).toBe("Retail"); // fields not sent are kept
    expect(second.plan.name).toBe("Gold");
    expect(second.created_at).toBe(first.created_at);
    expect(second.updated_at).toBeGreaterThan(first.updated_at);
    const found = await srv.ws.api(`/companies?company_id=${encodeURIComponent(companyId)}`);
    expect(found.body.total_count).toBe(1);
    expect(found.body.data[0].id).toBe(first.id);
  });

  it("never duplicates under 10 concurrent creates of one company_id", async () => {
    const ws = await srv.newWorkspace("Concurrent");
    const companyId = uniq("race");
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => ws.api("/companies", { method: "POST", body: { company_id: companyId, name: `Racer ${i}` } })),
    );
    for (const r of results) expect(r.status, r.text).toBe(200);
    const ids = new Set(results.map((r) => r.body.id));
    expect(ids.size).toBe(1);
    const all = await ws.api("/companies");
    expect(all.body.total_count).toBe(1);
    expect(all.body.data[0].id).toBe([...ids][0]);
  });

  it("sets and merges custom attributes; null removes one", async () => {
    await defineCompanyAttribute(srv.ws, "tier", "string");
    await defineCompanyAttribute(srv.ws, "region", "string");
    const companyId = uniq("custom");
    const created = await createCompany(srv.ws, { company_id: companyId, custom_attributes: { tier: "gold", region: "emea" } });
    expect(created.custom_attributes).toEqual({ tier: "gold", region: "emea" });
    const updated = await createCompany(srv.ws, { company_id: companyId, custom_attributes: { region: null, tier: "platinum" } });
    expect(updated.custom_attributes).toEqual({ tier: "platinum" });
  });

  it("refuses bad input with 400 and leaves nothing behind", async () => {
    expectErrorList(await srv.ws.api("/companies", { method: "POST", body: { name: "No id" } }), 400, "parameter_not_found");
    expectErrorList(await srv.ws.api("/companies", { method: "POST", body: null }), 400, "parameter_not_found");
    const bad = expectErrorList(await srv.ws.api("/companies", { method: "POST", body: { company_id: "x1", test: "invalid" } }), 400, "bad_request");
    expect(bad.message).toBe("bad 'test' parameter");
    expectErrorList(await srv.ws.api("/companies", { method: "POST", body: { company_id: "x1", size: "lots" } }), 400, "parameter_invalid");
    expectErrorList(await srv.ws.api("/companies", { method: "POST", body: { company_id: "x1", name: 42 } }), 400, "parameter_invalid");
    expectErrorList(await srv.ws.api("/companies", { method: "POST", body: { company_id: "x1", monthly_spend: 2 ** 31 } }), 400, "parameter_invalid");
    const unknown = expectErrorList(await srv.ws.api("/companies", { method: "POST", body: { company_id: "x1", custom_attributes: { nope: "1" } } }), 400, "parameter_invalid");
    expect(unknown.message).toContain("nope");
    await defineCompanyAttribute(srv.ws, "seats", "integer");
    const typed = expectErrorList(await srv.ws.api("/companies", { method: "POST", body: { company_id: "x1", plan: "Leaky", custom_attributes: { seats: "many" } } }), 400);
    expect(typed.field).toBe("custom_attributes.seats");
    expectErrorList(await srv.ws.api("/companies", { method: "POST", body: "{not json" }), 400, "parameter_invalid");
    // none of these created the company
    expectErrorList(await srv.ws.api("/companies?company_id=x1"), 404, "company_not_found");
  });

  it("accepts size as a numeric string, as Intercom's examples send it", async () => {
    const created = await createCompany(srv.ws, { size: "250" });
    expect(created.size).toBe(250);
  });

  it("records a request with update_last_request_at", async () => {
    const created = await createCompany(srv.ws, { update_last_request_at: true });
    expect(Math.abs(created.last_request_at - Date.now() / 1000)).toBeLessThan(10);
  });
});

describe("read, update, delete", () => {
  it("finds a company by id and answers 404 for unknown ids", async () => {
    const created = await createCompany(srv.ws, { name: "Findable" });
    const found = await srv.ws.client.companies.find({ company_id: created.id });
    expect(found.id).toBe(created.id);
    expect(found.name).toBe("Findable");
    expectErrorList(await srv.ws.api("/companies/5f0000000000000000000000"), 404, "company_not_found");
    const err = expectErrorList(await srv.ws.api("/companies/nope"), 404, "company_not_found");
    expect(err.message).toBe("Company Not Found");
  });

  it("updates through the SDK; updated_at moves; company_id cannot change", async () => {
    const created = await createCompany(srv.ws, { name: "Before", website: "https://before.example" });
    await sleep(1100);
    const updated = await srv.ws.client.companies.update({ company_id: created.id, body: { name: "After", plan: "Enterprise", monthly_spend: 42 } });
    expect(updated.name).toBe("After");
    expect(updated.website).toBe("https://before.example");
    expect(updated.plan?.name).toBe("Enterprise");
    expect(updated.monthly_spend).toBe(42);
    expect(updated.company_id).toBe(created.company_id);
    expect(updated.updated_at).toBeGreaterThan(created.updated_at);

    const cleared = await srv.ws.api(`/companies/${created.id}`, { method: "PUT", body: { website: null } });
    expect(cleared.status).toBe(200);
    expect(cleared.body).not.toHaveProperty("website");

    const same = await srv.ws.api(`/companies/${created.id}`, { method: "PUT", body: { company_id: created.company_id, industry: "Games" } });
    expect(same.body.industry).toBe("Games");
    const err = expectErrorList(await srv.ws.api(`/companies/${created.id}`, { method: "PUT", body: { company_id: "changed" } }), 400, "parameter_invalid");
    expect(err.field).toBe("company_id");
    expectErrorList(await srv.ws.api(`/companies/${created.id}`, { method: "PUT", body: { test: 1 } }), 400, "bad_request");
    expectErrorList(await srv.ws.api(`/companies/${created.id}`, { method: "PUT", body: { custom_attributes: { missing_attr: "x" } } }), 400, "parameter_invalid");
    expectErrorList(await srv.ws.api("/companies/5f0000000000000000000000", { method: "PUT", body: { name: "x" } }), 404, "company_not_found");
    const after = await srv.ws.api(`/companies/${created.id}`);
    expect(after.body.industry).toBe("Games");
    expect(after.body.company_id).toBe(created.company_id);
  });

  it("deletes a company: the deleted object, then 404", async () => {
    const created = await createCompany(srv.ws);
    const contactId = await createContact(srv.ws);
    await attach(srv.ws, contactId, created.id);
    const deleted = await srv.ws.client.companies.delete({ company_id: created.id });
    expect(deleted).toEqual({ id: created.id, object: "company", deleted: true });
    expectErrorList(await srv.ws.api(`/companies/${created.id}`), 404, "company_not_found");
    expectErrorList(await srv.ws.api(`/companies/${created.id}`, { method: "DELETE" }), 404, "company_not_found");
    expectErrorList(await srv.ws.api(`/companies?company_id=${created.company_id}`), 404, "company_not_found");
    // the contact stays, without the company
    const contact = await srv.ws.api(`/contacts/${contactId}`);
    expect(contact.status).toBe(200);
    expect(contact.body.companies.total_count ?? contact.body.companies.data.length).toBe(0);
    // the company_id can be used again
    const again = await createCompany(srv.ws, { company_id: created.company_id });
    expect(again.id).not.toBe(created.id);
  });
});

describe("GET /companies", () => {
  it("retrieves one company by company_id or name as a list", async () => {
    const name = uniq("Named Co");
    const created = await createCompany(srv.ws, { name });
    const byId = await srv.ws.client.companies.retrieve({ company_id: created.company_id });
    expect(byId.type).toBe("list");
    if (byId.type !== "list") throw new Error("expected a list");
    expect(byId.total_count).toBe(1);
    expect(byId.data?.[0]?.id).toBe(created.id);
    const byName = await srv.ws.api(`/companies?name=${encodeURIComponent(name)}`);
    expect(byName.status).toBe(200);
    expect(byName.body.data.map((c: any) => c.id)).toEqual([created.id]);
    expect(byName.body.pages).toMatchObject({ type: "pages", page: 1, total_pages: 1 });
    expectErrorList(await srv.ws.api("/companies?company_id=does-not-exist"), 404, "company_not_found");
    expectErrorList(await srv.ws.api(`/companies?name=${encodeURIComponent("No Such Co")}`), 404, "company_not_found");
  });

  it("lists a tag's companies across pages, each exactly once", async () => {
    const ws = await srv.newWorkspace("Tagged");
    const tagged: string[] = [];
    for (let i = 0; i < 8; i++) {
      const co = await createCompany(ws, { name: `T${i}` });
      if (i !== 3) tagged.push(co.id);
    }
    const tagId = await tagCompanies(ws, "vip", tagged);
    const seen: string[] = [];
    for (let page = 1; page <= 4; page++) {
      const res = await ws.api(`/companies?tag_id=${tagId}&per_page=2&page=${page}`);
      expect(res.status).toBe(200);
      expect(res.body.total_count).toBe(7);
      expect(res.body.pages).toMatchObject({ type: "pages", page, per_page: 2, total_pages: 4 });
      if (page < 4) expect(res.body.pages.next.per_page).toBe(2);
      else expect(res.body.pages.next ?? null).toBeNull();
      for (const c of res.body.data) expect(c.tags.tags.map((t: any) => t.id)).toEqual([tagId]);
      seen.push(...res.body.data.map((c: any) => c.id));
    }
    expect(seen.length).toBe(7);
    expect(new Set(seen)).toEqual(new Set(tagged));
    // following pages.next works as well as page numbers
    const viaCursor: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await ws.api(`/companies?tag_id=${tagId}&per_page=3${cursor ? `&starting_after=${cursor}` : ""}`);
      viaCursor.push(...res.body.data.map((c: any) => c.id));
      cursor = res.body.pages.next?.starting_after;
    } while (cursor);
    expect(viaCursor).toEqual(seen); // same order, whatever the page size
    // past the end: an empty page
    const past = await ws.api(`/companies?tag_id=${tagId}&per_page=2&page=5`);
    expect(past.body.data).toEqual([]);
    // an unknown tag selects nothing
    const none = await ws.api("/companies?tag_id=999999");
    expect(none.body).toMatchObject({ type: "list", data: [], total_count: 0 });
  });

  it("lists every company without a filter, and none for an unknown segment", async () => {
    const ws = await srv.newWorkspace("Unfiltered");
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await createCompany(ws)).id);
    const all = await ws.api("/companies");
    expect(all.body.total_count).toBe(3);
    expect(all.body.pages.per_page).toBe(15);
    expect(new Set(all.body.data.map((c: any) => c.id))).toEqual(new Set(ids));
    const seg = await ws.api("/companies?segment_id=5f0000000000000000000000");
    expect(seg.body).toMatchObject({ type: "list", data: [], total_count: 0 });
  });

  it("validates paging parameters", async () => {
    expectErrorList(await srv.ws.api("/companies?per_page=0"), 400, "parameter_invalid");
    expectErrorList(await srv.ws.api("/companies?per_page=151"), 400, "parameter_invalid");
    expectErrorList(await srv.ws.api("/companies?page=0"), 400, "parameter_invalid");
    expectErrorList(await srv.ws.api("/companies?page=abc"), 400, "parameter_invalid");
    expectErrorList(await srv.ws.api("/companies?starting_after=garbage"), 400, "parameter_invalid");
  });
});

describe("POST /companies/list", () => {
  it("lists companies with contacts by last_request_at, in both orders, across pages", async () => {
    const ws = await srv.newWorkspace("Listing");
    const contactId = await createContact(ws);
    const withUsers: string[] = [];
    for (let i = 0; i < 7; i++) {
      const co = await createCompany(ws, { name: `L${i}`, ...(i % 2 === 0 ? { update_last_request_at: true } : {}) });
      await attach(ws, contactId, co.id);
      withUsers.push(co.id);
    }
    await createCompany(ws, { name: "lonely" }); // no contacts: not listed

    const desc: any[] = [];
    for (let page = 1; page <= 3; page++) {
      const res = await ws.api(`/companies/list?per_page=3&page=${page}`, { method: "POST" });
      expect(res.status, res.text).toBe(200);
      expect(res.body.total_count).toBe(7);
      expect(res.body.pages).toMatchObject({ page, per_page: 3, total_pages: 3 });
      desc.push(...res.body.data);
    }
    expect(desc.map((c) => c.id).sort()).toEqual([...withUsers].sort());
    const key = (c: any) => c.last_request_at ?? 0;
    for (let i = 1; i < desc.length; i++) expect(key(desc[i - 1])).toBeGreaterThanOrEqual(key(desc[i]));

    const asc = await ws.api("/companies/list?order=asc&per_page=50", { method: "POST" });
    expect(asc.body.data.map((c: any) => c.id)).toEqual(desc.map((c) => c.id).reverse());

    // the SDK pages by page number until a page is empty
    const pager = await ws.client.companies.list({ per_page: 2 });
    const viaSdk: string[] = [];
    for await (const co of pager) viaSdk.push(co.id);
    expect(viaSdk.sort()).toEqual([...withUsers].sort());

    // the body is accepted too
    const viaBody = await ws.api("/companies/list", { method: "POST", body: { per_page: 5, page: 2 } });
    expect(viaBody.body.data.length).toBe(2);
    expect(viaBody.body.pages.page).toBe(2);

    expectErrorList(await ws.api("/companies/list?order=sideways", { method: "POST" }), 400, "parameter_invalid");
    expectErrorList(await ws.api("/companies/list?per_page=1000", { method: "POST" }), 400, "parameter_invalid");
  });
});

describe("GET /companies/scroll", () => {
  it("walks every company once, closes at the end and allows one open scroll", async () => {
    const ws = await srv.newWorkspace("Scrolling");
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await createCompany(ws)).id);

    const first = await ws.api("/companies/scroll?per_page=3");
    expect(first.status, first.text).toBe(200);
    expect(first.body.type).toBe("list");
    expect(first.body.pages).toBeNull();
    expect(first.body.total_count).toBeNull();
    expect(first.body.data.length).toBe(3);
    const param = first.body.scroll_param as string;
    expect(param).toMatch(/^[0-9a-f-]{36}$/);

    // a second scroll while this one is open is refused
    expectErrorList(await ws.api("/companies/scroll"), 400, "scroll_exists");

    const seen: string[] = first.body.data.map((c: any) => c.id);
    let res = first;
    for (;;) {
      res = await ws.api(`/companies/scroll?per_page=3&scroll_param=${param}`);
      expect(res.status, res.text).toBe(200);
      if (res.body.data.length === 0) break;
      expect(res.body.scroll_param).toBe(param);
      seen.push(...res.body.data.map((c: any) => c.id));
    }
    expect(res.body).not.toHaveProperty("scroll_param");
    expect(seen.length).toBe(7);
    expect(new Set(seen)).toEqual(new Set(ids));
    // the parameter expired with the end of the scroll
    expectErrorList(await ws.api(`/companies/scroll?scroll_param=${param}`), 404, "not_found");
    expectErrorList(await ws.api("/companies/scroll?scroll_param=unknown"), 404, "not_found");

    // a new scroll can start; the SDK follows it to the end
    const pager = await ws.client.companies.scroll();
    const viaSdk: string[] = [];
    for await (const co of pager) viaSdk.push(co.id);
    expect(viaSdk.sort()).toEqual([...ids].sort());
  });

  it("opens one scroll when many start at once, and any process can continue it", async () => {
    const ws = await srv.newWorkspace("Scroll race");
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await createCompany(ws)).id);
    const opens = await Promise.all(Array.from({ length: 5 }, () => ws.api("/companies/scroll?per_page=2")));
    const ok = opens.filter((r) => r.status === 200);
    expect(ok.length).toBe(1);
    for (const r of opens.filter((r) => r.status !== 200)) expectErrorList(r, 400, "scroll_exists");

    // a second opencom process on the same database serves the next page
    const second = await buildApp({ store: srv.store });
    const url = (await second.listen({ host: "127.0.0.1", port: 0 })).replace("[::1]", "127.0.0.1");
    try {
      const param = ok[0].body.scroll_param;
      const next = await call(url, ws.token, `/companies/scroll?per_page=2&scroll_param=${param}`);
      expect(next.status, next.text).toBe(200);
      const end = await ws.api(`/companies/scroll?scroll_param=${param}`);
      expect(end.body.data).toEqual([]);
      expect([...ok[0].body.data, ...next.body.data].map((c: any) => c.id).sort()).toEqual([...ids].sort());
    } finally {
      await second.close();
    }
  });

  it("lets an idle scroll expire so a new one can open", async () => {
    const ws = await srv.newWorkspace("Idle scroll");
    await createCompany(ws);
    await createCompany(ws);
    const open = await ws.api("/companies/scroll?per_page=1");
    expect(open.status).toBe(200);
    expectErrorList(await ws.api("/companies/scroll"), 400, "scroll_exists");
    // a minute without use (simulated) expires it
    await srv.store.db.updateTable("company_scrolls").set({ expires_at: Math.floor(Date.now() / 1000) - 1 }).where("workspace_id", "=", ws.workspaceId).execute();
    expectErrorList(await ws.api(`/companies/scroll?scroll_param=${open.body.scroll_param}`), 404, "not_found");
    const fresh = await ws.api("/companies/scroll?per_page=5");
    expect(fresh.status).toBe(200);
    expect(fresh.body.data.length).toBe(2);
    expect(fresh.body.scroll_param).not.toBe(open.body.scroll_param);
  });
});

describe("contacts of a company", () => {
  it("attaches and detaches contacts; user_count follows", async () => {
    const company = await createCompany(srv.ws);
    const a = await createContact(srv.ws);
    const b = await createContact(srv.ws);

    const one = await srv.ws.client.companies.attachContact({ contact_id: a, id: company.id });
    expect(one.id).toBe(company.id);
    expect(one.user_count).toBe(1);
    const again = await attach(srv.ws, a, company.id); // attaching twice changes nothing
    expect(again.user_count).toBe(1);
    const two = await attach(srv.ws, b, company.id);
    expect(two.user_count).toBe(2);

    const contacts = await srv.ws.client.companies.listAttachedContacts({ company_id: company.id });
    expect(contacts.type).toBe("list");
    expect(contacts.total_count).toBe(2);
    expect(new Set(contacts.data?.map((c) => c.id))).toEqual(new Set([a, b]));
    const contactView = await srv.ws.api(`/contacts/${a}`);
    expect(JSON.stringify(contactView.body.companies)).toContain(company.id);

    const detached = await srv.ws.client.companies.detachContact({ contact_id: a, company_id: company.id });
    expect(detached.user_count).toBe(1);
    expect(detached.updated_at).toBeGreaterThanOrEqual(company.updated_at);
    // not attached any more
    expectErrorList(await srv.ws.api(`/contacts/${a}/companies/${company.id}`, { method: "DELETE" }), 404, "company_not_found");

    // a deleted contact no longer counts
    expect((await srv.ws.api(`/contacts/${b}`, { method: "DELETE" })).status).toBe(200);
    const after = await srv.ws.api(`/companies/${company.id}`);
    expect(after.body.user_count).toBe(0);
  });

  it("documents its errors", async () => {
    const company = await createCompany(srv.ws);
    const contact = await createContact(srv.ws);
    const missing = expectErrorList(await srv.ws.api(`/contacts/${contact}/companies`, { method: "POST", body: {} }), 400, "parameter_not_found");
    expect(missing.message).toBe("company not specified");
    expectErrorList(await srv.ws.api(`/contacts/${contact}/companies`, { method: "POST", body: null }), 400, "parameter_not_found");
    expectErrorList(await srv.ws.api(`/contacts/${contact}/companies`, { method: "POST", body: { id: "123" } }), 404, "company_not_found");
    const unknownContact = expectErrorList(await srv.ws.api("/contacts/5f0000000000000000000000/companies", { method: "POST", body: { id: company.id } }), 404, "not_found");
    expect(unknownContact.message).toBe("User Not Found");
    expectErrorList(await srv.ws.api(`/contacts/5f0000000000000000000000/companies/${company.id}`, { method: "DELETE" }), 404, "not_found");
    expectErrorList(await srv.ws.api(`/contacts/${contact}/companies/5f0000000000000000000000`, { method: "DELETE" }), 404, "company_not_found");
    expectErrorList(await srv.ws.api("/companies/5f0000000000000000000000/contacts"), 404, "company_not_found");
  });

  it("refuses the 1001st company of a contact", async () => {
    const ws = await srv.newWorkspace("Limit");
    const contact = await createContact(ws);
    const now = Math.floor(Date.now() / 1000);
    // fixture: 1000 companies already attached (through the API this would take a while)
    const rows = Array.from({ length: 1000 }, (_, i) => ({
      id: `${(now + i).toString(16).padStart(8, "0")}${"0".repeat(16)}`, workspace_id: ws.workspaceId, company_id: `bulk-${i}`,
      name: null, plan: null, size: null, website: null, industry: null, monthly_spend: null, session_count: 0, user_count: 0,
      remote_created_at: null, last_request_at: null, custom_attributes: "{}", created_at: now, updated_at: now,
    }));
    for (let i = 0; i < rows.length; i += 100) await srv.store.db.insertInto("companies").values(rows.slice(i, i + 100)).execute();
    for (let i = 0; i < rows.length; i += 100) {
      await srv.store.db.insertInto("contact_companies").values(rows.slice(i, i + 100).map((r) => ({ workspace_id: ws.workspaceId, contact_id: contact, company_id: r.id, created_at: now }))).execute();
    }
    const extra = await createCompany(ws);
    const err = expectErrorList(await ws.api(`/contacts/${contact}/companies`, { method: "POST", body: { id: extra.id } }), 400, "contact_company_limit_exceeded");
    expect(err.message).toContain("1000");
    // re-attaching one it already has is still fine
    expect((await ws.api(`/contacts/${contact}/companies`, { method: "POST", body: { id: rows[0].id } })).status).toBe(200);
  });

  it("pages a company's contacts, each exactly once", async () => {
    const ws = await srv.newWorkspace("Members");
    const company = await createCompany(ws);
    const members: string[] = [];
    for (let i = 0; i < 5; i++) {
      const id = await createContact(ws);
      await attach(ws, id, company.id);
      members.push(id);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await ws.api(`/companies/${company.id}/contacts?per_page=2${cursor ? `&starting_after=${cursor}` : ""}`);
      expect(res.status, res.text).toBe(200);
      pages++;
      expect(res.body.total_count).toBe(5);
      expect(res.body.pages).toMatchObject({ type: "pages", page: pages, per_page: 2, total_pages: 3 });
      for (const c of res.body.data) expect(c.type).toBe("contact");
      seen.push(...res.body.data.map((c: any) => c.id));
      cursor = res.body.pages.next?.starting_after;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.length).toBe(5);
    expect(new Set(seen)).toEqual(new Set(members));
  });
});

describe("segments of a company", () => {
  it("lists none for a company without contacts and 404s unknown companies", async () => {
    const company = await createCompany(srv.ws);
    const res = await srv.ws.client.companies.listAttachedSegments({ company_id: company.id });
    expect(res).toEqual({ type: "list", data: [] });
    expectErrorList(await srv.ws.api("/companies/5f0000000000000000000000/segments"), 404, "company_not_found");
  });

  it("puts a company in the segments of its unarchived contacts: segment list, company object and segment_id filter", async () => {
    const ws = await srv.newWorkspace("Company segments");
    const seg = await ws.api("/_opencom/segments", {
      method: "POST",
      body: { name: "Acme people", person_type: "user", query: { field: "email", operator: "$", value: "@acme.test" } },
    });
    expect(seg.status, seg.text).toBe(200);
    const person = async (email: string) => (await ws.api("/contacts", { method: "POST", body: { email } })).body.id as string;
    const inSegment: string[] = [];
    for (let i = 0; i < 5; i++) {
      const company = await createCompany(ws);
      await attach(ws, await person(`p${i}@acme.test`), company.id);
      inSegment.push(company.id);
    }
    const outside = await createCompany(ws);
    await attach(ws, await person("someone@elsewhere.test"), outside.id);
    const archivedOnly = await createCompany(ws);
    const archived = await person("gone@acme.test");
    await attach(ws, archived, archivedOnly.id);
    expect((await ws.api(`/contacts/${archived}/archive`, { method: "POST" })).status).toBe(200);

    const names = (body: { data: Array<{ name: string }> }) => body.data.map((s) => s.name).sort();
    expect(names((await ws.api(`/companies/${inSegment[0]}/segments`)).body)).toEqual(["Acme people", "All users"]);
    expect(names((await ws.api(`/companies/${outside.id}/segments`)).body)).toEqual(["All users"]);
    expect(names((await ws.api(`/companies/${archivedOnly.id}/segments`)).body)).toEqual([]);
    const shown = (await ws.api(`/companies/${inSegment[1]}`)).body;
    expect(shown.segments.segments.map((s: { id: string }) => s.id)).toContain(seg.body.id);

    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const res = await ws.api(`/companies?segment_id=${seg.body.id}&per_page=2&page=${page}`);
      expect(res.status, res.text).toBe(200);
      expect(res.body.total_count).toBe(5);
      expect(res.body.pages).toMatchObject({ type: "pages", page, per_page: 2, total_pages: 3 });
      seen.push(...res.body.data.map((c: { id: string }) => c.id));
    }
    expect(seen.sort()).toEqual([...inSegment].sort());
  });
});

describe("workspace isolation", () => {
  it("answers 404 to another workspace for every company operation", async () => {
    const other = await srv.newWorkspace("Outsider");
    const company = await createCompany(srv.ws, { name: "Private Co" });
    const contact = await createContact(srv.ws);
    await attach(srv.ws, contact, company.id);
    const theirContact = await createContact(other);

    expectErrorList(await other.api(`/companies/${company.id}`), 404, "company_not_found");
    expectErrorList(await other.api(`/companies/${company.id}`, { method: "PUT", body: { name: "Hijacked" } }), 404, "company_not_found");
    expectErrorList(await other.api(`/companies/${company.id}`, { method: "DELETE" }), 404, "company_not_found");
    expectErrorList(await other.api(`/companies/${company.id}/contacts`), 404, "company_not_found");
    expectErrorList(await other.api(`/companies/${company.id}/segments`), 404, "company_not_found");
    expectErrorList(await other.api(`/companies?company_id=${company.company_id}`), 404, "company_not_found");
    expectErrorList(await other.api("/companies?name=Private%20Co"), 404, "company_not_found");
    expectErrorList(await other.api(`/contacts/${theirContact}/companies`, { method: "POST", body: { id: company.id } }), 404, "company_not_found");
    expectErrorList(await other.api(`/contacts/${contact}/companies`, { method: "POST", body: { id: company.id } }), 404, "not_found");
    expectErrorList(await other.api(`/contacts/${contact}/companies/${company.id}`, { method: "DELETE" }), 404, "not_found");
    const list = await other.api("/companies/list", { method: "POST" });
    expect(list.body.total_count).toBe(0);
    const all = await other.api("/companies");
    expect(all.body.total_count).toBe(0);

    // the same company_id in another workspace is another company
    const theirs = await createCompany(other, { company_id: company.company_id });
    expect(theirs.id).not.toBe(company.id);
    expect(theirs.user_count).toBe(0);
    const mine = await srv.ws.api(`/companies/${company.id}`);
    expect(mine.body.name).toBe("Private Co");
    expect(mine.body.user_count).toBe(1);
  });

  it("keeps scrolls per workspace", async () => {
    const a = await srv.newWorkspace("Scroll A");
    const b = await srv.newWorkspace("Scroll B");
    await createCompany(a);
    await createCompany(b);
    const sa = await a.api("/companies/scroll");
    const sb = await b.api("/companies/scroll");
    expect(sa.status).toBe(200);
    expect(sb.status).toBe(200);
    expect(sa.body.data.map((c: any) => c.id)).not.toEqual(sb.body.data.map((c: any) => c.id));
    expectErrorList(await b.api(`/companies/scroll?scroll_param=${sa.body.scroll_param}`), 404, "not_found");
  });
});

describe("versions", () => {
  it("serves the same company in 2.7 and 2.14, and its notes from 2.16", async () => {
    const company = await createCompany(srv.ws, { name: "Versioned", plan: "Pro" });
    const v27 = await srv.ws.api(`/companies/${company.id}`, { version: "2.7" });
    const v214 = await srv.ws.api(`/companies/${company.id}`, { version: "2.14" });
    const v216 = await srv.ws.api(`/companies/${company.id}`, { version: "2.16" });
    expect(v27.status).toBe(200);
    expect(v27.body).toEqual(v214.body);
    expect(v214.body).not.toHaveProperty("notes");
    expect(v216.body.notes).toEqual({ type: "note.list", notes: [] });

    const created27 = await srv.ws.api("/companies", { method: "POST", body: { company_id: uniq("v27"), name: "Old client" }, version: "2.7" });
    expect(created27.body).toMatchObject({ type: "company", name: "Old client", plan: {} });
    const list27 = await srv.ws.api("/companies/list", { method: "POST", version: "2.7" });
    expect(list27.status).toBe(200);
    const scrollWs = await srv.newWorkspace("v27 scroll");
    const scrolled = await createCompany(scrollWs);
    const scroll27 = await scrollWs.api("/companies/scroll", { version: "2.7" });
    expect(scroll27.body.data.map((c: any) => c.id)).toEqual([scrolled.id]);
    const byId27 = await srv.ws.api(`/companies?company_id=${company.company_id}`, { version: "2.7" });
    expect(byId27.body.data[0].id).toBe(company.id);
    const put27 = await srv.ws.api(`/companies/${company.id}`, { method: "PUT", body: { industry: "Old" }, version: "2.7" });
    expect(put27.body.industry).toBe("Old");
    const contact = await createContact(srv.ws);
    expect((await srv.ws.api(`/contacts/${contact}/companies`, { method: "POST", body: { id: company.id }, version: "2.7" })).body.user_count).toBe(1);
    expect((await srv.ws.api(`/companies/${company.id}/contacts`, { version: "2.7" })).body.total_count).toBe(1);
    const segments27 = (await srv.ws.api(`/companies/${company.id}/segments`, { version: "2.7" })).body;
    expect(segments27.type).toBe("list");
    expect(segments27.data.map((s: { name: string }) => s.name)).toEqual(["All users"]);
    expect((await srv.ws.api(`/contacts/${contact}/companies/${company.id}`, { method: "DELETE", version: "2.7" })).body.user_count).toBe(0);
    expect((await srv.ws.api(`/companies/${company.id}`, { method: "DELETE", version: "2.7" })).body).toEqual({ id: company.id, object: "company", deleted: true });
  });
});
