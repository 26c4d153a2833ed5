import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newDataAttributeRow } from "../../src/resources/data_attributes/service.js";
import { expectErrorList, startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";
import type { Ctx } from "../../src/platform/http.js";
import { serviceCtx } from "../../src/platform/http.js";
import { ApiError } from "../../src/platform/errors.js";
import { createContact } from "../../src/resources/contacts/service.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

let seq = 0;
const unique = (prefix = "c") => `${prefix}${Date.now().toString(36)}${(seq++).toString(36)}`;

async function create(ws: TestWorkspace, body: Record<string, unknown>, version?: string) {
  const res = await ws.api("/contacts", { method: "POST", body, version });
  if (res.status !== 200) throw new Error(`create failed ${res.status}: ${res.text}`);
  return res.body;
}

async function countContacts(ws: TestWorkspace) {
  const row = await srv.store.db
    .selectFrom("contacts")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("workspace_id", "=", ws.workspaceId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function defineAttribute(ws: TestWorkspace, name: string, dataType: string) {
  const row = newDataAttributeRow(ws.workspaceId, { model: "contact", name, data_type: dataType, created_at: Math.floor(Date.now() / 1000) });
  await srv.store.db.insertInto("data_attributes").values(row).execute();
}

describe("creating contacts", () => {
  it("creates a user through the SDK and reads it back by id and by external id", async () => {
    const email = `${unique("joe")}@Example.com`;
    const externalId = unique("ext");
    const created = await srv.ws.client.contacts.create({ email, external_id: externalId, name: "Joe Bloggs" } as never);
    expect(created.type).toBe("contact");
    expect(created.id).toMatch(/^[0-9a-f]{24}$/);
    expect(created.role).toBe("user");
    expect(created.email).toBe(email);
    expect(created.email_domain).toBe("Example.com");
    expect(created.external_id).toBe(externalId);
    expect(created.workspace_id).toBe(srv.ws.workspaceId);
    expect(created.created_at).toBe(created.updated_at);
    expect(Math.abs(created.created_at - Date.now() / 1000)).toBeLessThan(10);
    expect(created.tags).toMatchObject({ data: [], url: `/contacts/${created.id}/tags`, total_count: 0, has_more: false });
    expect(created.notes).toMatchObject({ data: [], url: `/contacts/${created.id}/notes`, total_count: 0, has_more: false });
    expect(created.companies).toMatchObject({ data: [], url: `/contacts/${created.id}/companies`, total_count: 0, has_more: false });
    expect(created.location).toEqual({ type: "location", country: null, region: null, city: null });
    expect(created.social_profiles).toEqual({ type: "list", data: [] });
    expect(created.avatar).toBeNull();

    const found = await srv.ws.client.contacts.find({ contact_id: created.id });
    expect(found).toEqual(created);
    const byExternal = await srv.ws.client.contacts.showContactByExternalId({ external_id: externalId });
    expect(byExternal.id).toBe(created.id);
  });

  it("stores and returns every field of the contact model", async () => {
    await defineAttribute(srv.ws, "plan_name", "string");
    await defineAttribute(srv.ws, "seats", "integer");
    await defineAttribute(srv.ws, "renewal", "date");
    const body = {
      role: "user",
      external_id: unique("full"),
      email: `${unique("full")}@full.example`,
      phone: "+44 20 7946 0958",
      name: "Full Person",
      avatar: "https://example.com/a.png",
      owner_id: srv.ws.adminId,
      signed_up_at: 1700000000,
      last_seen_at: 1700000500,
      unsubscribed_from_emails: true,
      language_override: "fr",
      has_hard_bounced: true,
      marked_email_as_spam: true,
      last_replied_at: 1700000100,
      last_contacted_at: 1700000200,
      last_email_opened_at: 1700000300,
      last_email_clicked_at: 1700000400,
      browser: "firefox",
      browser_version: "120.0",
      browser_language: "fr-FR",
      os: "Linux",
      android_app_name: "App",
      android_app_version: "1.2",
      android_device: "Pixel",
      android_os_version: "14",
      android_sdk_version: "34",
      android_last_seen_at: 1700000600,
      ios_app_name: "AppI",
      ios_app_version: "2.3",
      ios_device: "iPhone",
      ios_os_version: "17.1",
      ios_sdk_version: "15",
      ios_last_seen_at: 1700000700,
      location: { country: "France", region: "Île-de-France", city: "Paris" },
      social_profiles: [{ name: "Twitter", url: "https://twitter.com/full" }],
      custom_attributes: { plan_name: "pro", seats: 5, renewal: "2024-01-02T00:00:00Z" },
    };
    const created = await create(srv.ws, body);
    const got = (await srv.ws.api(`/contacts/${created.id}`)).body;
    expect(got).toEqual(created);
    for (const k of [
      "role", "external_id", "email", "phone", "name", "signed_up_at", "last_seen_at", "unsubscribed_from_emails", "language_override",
      "has_hard_bounced", "marked_email_as_spam", "last_replied_at", "last_contacted_at", "last_email_opened_at", "last_email_clicked_at",
      "browser", "browser_version", "browser_language", "os", "android_app_name", "android_app_version", "android_device", "android_os_version",
      "android_sdk_version", "android_last_seen_at", "ios_app_name", "ios_app_version", "ios_device", "ios_os_version", "ios_sdk_version", "ios_last_seen_at",
    ] as const) {
      expect(got[k], k).toEqual(body[k]);
    }
    expect(got.email_domain).toBe("full.example");
    expect(got.owner_id).toBe(srv.ws.adminId);
    expect(got.avatar).toEqual({ type: "avatar", image_url: "https://example.com/a.png" });
    expect(got.location).toEqual({ type: "location", country: "France", region: "Île-de-France", city: "Paris" });
    expect(got.social_profiles).toEqual({ type: "list", data: [{ type: "social_profile", name: "Twitter", url: "https://twitter.com/full" }] });
    expect(got.custom_attributes).toEqual({ plan_name: "pro", seats: 5, renewal: 1704153600 });
  });

  it("creates a lead without email or external id", async () => {
    const lead = await srv.ws.client.contacts.create({ role: "lead", name: "Anon" } as never);
    expect(lead.role).toBe("lead");
    expect(lead.email).toBe("");
    expect(lead.email_domain).toBe("");
    expect(lead.external_id).toBeNull();
  });

  it("refuses bad input with a 400 naming the field, leaving nothing behind", async () => {
    const before = await countContacts(srv.ws);
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ name: "nobody" }, "parameter_not_found", "email"],
      [{ email: "x@y.z", role: "admin" }, "parameter_invalid", "role"],
      [{ email: "not-an-email" }, "parameter_invalid", "email"],
      [{ email: `${unique()}@ok.example`, owner_id: 987654321 }, "parameter_invalid", "owner_id"],
      [{ email: `${unique()}@ok.example`, custom_attributes: { no_such_attribute: 1 } }, "parameter_invalid", "custom_attributes.no_such_attribute"],
      [{ email: `${unique()}@ok.example`, custom_attributes: { seats: "five" } }, "parameter_invalid", "custom_attributes.seats"],
      [{ email: `${unique()}@ok.example`, signed_up_at: "yesterday" }, "parameter_invalid", "signed_up_at"],
      [{ email: 42 }, "parameter_invalid", "email"],
    ];
    for (const [body, code, field] of cases) {
      const err = expectErrorList(await srv.ws.api("/contacts", { method: "POST", body }), 400, code);
      expect(err.field, JSON.stringify(body)).toBe(field);
    }
    const custom = expectErrorList(await srv.ws.api("/contacts", { method: "POST", body: { email: `${unique()}@ok.example`, custom_attributes: { no_such_attribute: 1 } } }), 400);
    expect(custom.message).toContain("no_such_attribute");
    expectErrorList(await srv.ws.api("/contacts", { method: "POST", body: "{not json", headers: { "Content-Type": "application/json" } }), 400, "parameter_invalid");
    expect(await countContacts(srv.ws)).toBe(before);
  });
});

describe("uniqueness of users", () => {
  it("refuses a second user with the same email (any case) or external id, naming the existing one", async () => {
    const email = `${unique("dup")}@dup.example`;
    const externalId = unique("dupext");
    const first = await create(srv.ws, { email, external_id: externalId });
    const before = await countContacts(srv.ws);
    const e1 = expectErrorList(await srv.ws.api("/contacts", { method: "POST", body: { email: email.toUpperCase() } }), 409, "conflict");
    expect(e1.message).toContain(first.id);
    const e2 = expectErrorList(await srv.ws.api("/contacts", { method: "POST", body: { external_id: externalId } }), 409, "conflict");
    expect(e2.message).toContain(first.id);
    await expect(srv.ws.client.contacts.create({ email })).rejects.toMatchObject({ statusCode: 409 });
    expect(await countContacts(srv.ws)).toBe(before);
  });

  it("lets leads share an email with a user and with each other", async () => {
    const email = `${unique("shared")}@dup.example`;
    const user = await create(srv.ws, { email });
    const l1 = await create(srv.ws, { email, role: "lead" });
    const l2 = await create(srv.ws, { email, role: "lead" });
    expect(new Set([user.id, l1.id, l2.id]).size).toBe(3);
    // but a lead becoming a user meets the rule
    const err = expectErrorList(await srv.ws.api(`/contacts/${l1.id}`, { method: "PUT", body: { role: "user" } }), 409, "conflict");
    expect(err.message).toContain(user.id);
    expect((await srv.ws.api(`/contacts/${l1.id}`)).body.role).toBe("lead");
  });

  it("holds under concurrent creates: exactly one wins", async () => {
    const ws = await srv.newWorkspace("Concurrency");
    const email = `${unique("race")}@race.example`;
    const results = await Promise.all(Array.from({ length: 10 }, () => ws.api("/contacts", { method: "POST", body: { email } })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(9);
    const winner = results.find((r) => r.status === 200)!.body.id;
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.errors[0].message).toContain(winner);
    expect(await countContacts(ws)).toBe(1);

    const externalId = unique("raceext");
    const byExt = await Promise.all(Array.from({ length: 10 }, (_, i) => ws.api("/contacts", { method: "POST", body: { external_id: externalId, email: `${i}${email}` } })));
    expect(byExt.filter((r) => r.status === 200)).toHaveLength(1);
    expect(byExt.filter((r) => r.status === 409)).toHaveLength(9);
    expect(await countContacts(ws)).toBe(2);
  });
});

describe("createContact inside a caller's transaction (visitors convert this way)", () => {
  it("answers 409 naming the existing user, and the caller's transaction rolls back cleanly", async () => {
    const ws = await srv.newWorkspace("In transaction");
    const existing = await create(ws, { email: "taken@tx.example" });
    const wsRow = await srv.store.db.selectFrom("workspaces").selectAll().where("id", "=", ws.workspaceId).executeTakeFirstOrThrow();
    const base: Ctx = serviceCtx(srv.store.db, srv.store.kind, { ...wsRow, token_admin_id: ws.adminId }, "2.14");
    let caught: unknown;
    try {
      await srv.store.db.transaction().execute(async (tx) => {
        const c = { ...base, db: tx };
        await createContact(c, { role: "lead", name: "created first in the same transaction" });
        await createContact(c, { email: "TAKEN@tx.example" });
      });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ApiError);
    expect(caught).toMatchObject({ status: 409, code: "conflict" });
    expect((caught as Error).message).toContain(existing.id);
    expect(await countContacts(ws)).toBe(1);
    // and a successful one commits with the caller
    await srv.store.db.transaction().execute(async (tx) => createContact({ ...base, db: tx }, { email: "fresh@tx.example" }));
    expect(await countContacts(ws)).toBe(2);
  });
});

describe("updating contacts", () => {
  it("changes only the fields sent and moves updated_at", async () => {
    await defineAttribute(srv.ws, "tier", "string");
    const c = await create(srv.ws, { email: `${unique("upd")}@upd.example`, name: "Before", phone: "123", custom_attributes: { tier: "gold" } });
    await srv.store.db.updateTable("contacts").set({ updated_at: c.updated_at - 100 }).where("id", "=", c.id).execute();
    const updated = await srv.ws.client.contacts.update({ contact_id: c.id, name: "After", owner_id: srv.ws.adminId, custom_attributes: { plan_name: "basic" } });
    expect(updated.name).toBe("After");
    expect(updated.phone).toBe("123");
    expect(updated.owner_id).toBe(srv.ws.adminId);
    expect(updated.custom_attributes).toEqual({ tier: "gold", plan_name: "basic" });
    expect(updated.updated_at).toBeGreaterThan(c.updated_at - 100);
    expect(updated.created_at).toBe(c.created_at);
    const cleared = (await srv.ws.api(`/contacts/${c.id}`, { method: "PUT", body: { phone: null, owner_id: null, custom_attributes: { tier: null } } })).body;
    expect(cleared.phone).toBeNull();
    expect(cleared.owner_id).toBeNull();
    expect(cleared.custom_attributes).toEqual({ plan_name: "basic" });
    expect((await srv.ws.api(`/contacts/${c.id}`)).body).toEqual(cleared);
  });

  it("changes nothing when an update fails", async () => {
    const other = await create(srv.ws, { email: `${unique("taken")}@upd.example`, external_id: unique("taken") });
    const c = await create(srv.ws, { email: `${unique("keep")}@upd.example`, name: "Keep" });
    const bad: Array<[Record<string, unknown>, number, string]> = [
      [{ name: "Changed", owner_id: 424242 }, 400, "parameter_invalid"],
      [{ name: "Changed", custom_attributes: { nope: 1 } }, 400, "parameter_invalid"],
      [{ name: "Changed", email: other.email }, 409, "conflict"],
      [{ name: "Changed", external_id: other.external_id }, 409, "conflict"],
      [{ name: "Changed", role: "lead" }, 400, "parameter_invalid"],
      [{ name: "Changed", email: "broken" }, 400, "parameter_invalid"],
      [{ name: 5 }, 400, "parameter_invalid"],
    ];
    for (const [body, status, code] of bad) {
      expectErrorList(await srv.ws.api(`/contacts/${c.id}`, { method: "PUT", body }), status, code);
    }
    expect((await srv.ws.api(`/contacts/${c.id}`)).body).toEqual(c);
  });

  it("turns a lead into a user", async () => {
    const lead = await create(srv.ws, { role: "lead" });
    const user = (await srv.ws.api(`/contacts/${lead.id}`, { method: "PUT", body: { role: "user", email: `${unique("conv")}@conv.example` } })).body;
    expect(user.role).toBe("user");
    expect(user.id).toBe(lead.id);
  });

  it("answers 404 User Not Found for unknown contacts", async () => {
    for (const [method, path, body] of [
      ["GET", "/contacts/000000000000000000000000", undefined],
      ["PUT", "/contacts/000000000000000000000000", { name: "x" }],
      ["DELETE", "/contacts/000000000000000000000000", undefined],
      ["POST", "/contacts/000000000000000000000000/archive", undefined],
      ["POST", "/contacts/000000000000000000000000/unarchive", undefined],
      ["POST", "/contacts/000000000000000000000000/block", undefined],
      ["GET", "/contacts/nonsense/companies", undefined],
      ["GET", "/contacts/find_by_external_id/does-not-exist", undefined],
    ] as const) {
      const err = expectErrorList(await srv.ws.api(path, { method, body }), 404, "not_found");
      expect(err.message).toBe("User Not Found");
    }
  });
});

describe("deleting, archiving, blocking", () => {
  it("deletes a contact, returning the deleted reference, then 404", async () => {
    const c = await create(srv.ws, { email: `${unique("del")}@del.example`, external_id: unique("del") });
    await srv.ws.api(`/contacts/${c.id}/notes`, { method: "POST", body: { body: "bye" } });
    const deleted = await srv.ws.client.contacts.delete({ contact_id: c.id });
    expect(deleted).toEqual({ type: "contact", id: c.id, external_id: c.external_id, deleted: true });
    expectErrorList(await srv.ws.api(`/contacts/${c.id}`), 404, "not_found");
    expectErrorList(await srv.ws.api(`/contacts/${c.id}`, { method: "DELETE" }), 404, "not_found");
    const notes = await srv.store.db.selectFrom("notes").select("id").where("contact_id", "=", c.id).execute();
    expect(notes).toEqual([]);
    // the email is free again
    expect((await srv.ws.api("/contacts", { method: "POST", body: { email: c.email } })).status).toBe(200);
  });

  it("archives, unarchives and blocks; archived contacts leave the list", async () => {
    const ws = await srv.newWorkspace("Archive");
    const a = await create(ws, { email: "a@archive.example", external_id: "arch-1" });
    const b = await create(ws, { email: "b@archive.example" });
    expect(await ws.client.contacts.archive({ contact_id: a.id })).toEqual({ type: "contact", id: a.id, external_id: "arch-1", archived: true });
    let list = (await ws.api("/contacts")).body;
    expect(list.data.map((x: { id: string }) => x.id)).toEqual([b.id]);
    expect(list.total_count).toBe(1);
    // still readable by id
    expect((await ws.api(`/contacts/${a.id}`)).body.id).toBe(a.id);
    expect(await ws.client.contacts.unarchive({ contact_id: a.id })).toEqual({ type: "contact", id: a.id, external_id: "arch-1", archived: false });
    list = (await ws.api("/contacts")).body;
    expect(list.data.map((x: { id: string }) => x.id)).toEqual([a.id, b.id]);
    expect(await ws.client.contacts.blockContact({ contact_id: b.id })).toEqual({ type: "contact", id: b.id, external_id: null, blocked: true });
    const row = await srv.store.db.selectFrom("contacts").select(["blocked", "archived"]).where("id", "=", b.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ blocked: 1, archived: 0 });
  });
});

describe("listing contacts", () => {
  it("pages with cursors, every contact exactly once, in creation order", async () => {
    const ws = await srv.newWorkspace("Paging");
    const ids: string[] = [];
    for (let i = 0; i < 11; i++) ids.push((await create(ws, { email: `p${i}@page.example` })).id);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const q = new URLSearchParams({ per_page: "4", ...(cursor ? { starting_after: cursor } : {}) });
      const res = await ws.api(`/contacts?${q}`);
      expect(res.status).toBe(200);
      pages++;
      expect(res.body.type).toBe("list");
      expect(res.body.total_count).toBe(11);
      expect(res.body.pages).toMatchObject({ type: "pages", page: pages, per_page: 4, total_pages: 3 });
      seen.push(...res.body.data.map((c: { id: string }) => c.id));
      cursor = res.body.pages.next?.starting_after;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(ids);

    const viaSdk: string[] = [];
    for await (const c of await ws.client.contacts.list({ per_page: 5 })) viaSdk.push(c.id);
    expect(viaSdk).toEqual(ids);
  });

  it("answers an empty workspace and rejects bad paging parameters", async () => {
    const ws = await srv.newWorkspace("Empty");
    const res = await ws.api("/contacts");
    expect(res.body).toEqual({ type: "list", data: [], total_count: 0, pages: { type: "pages", page: 1, per_page: 50, total_pages: 0 } });
    expectErrorList(await ws.api("/contacts?per_page=151"), 400, "parameter_invalid");
    expectErrorList(await ws.api("/contacts?per_page=0"), 400, "parameter_invalid");
    expectErrorList(await ws.api("/contacts?starting_after=garbage"), 400, "parameter_invalid");
  });
});

describe("summaries and a contact's companies", () => {
  it("carries the first 10 tags, notes and companies with totals, and the subscription choices", async () => {
    const c = await create(srv.ws, { email: `${unique("sum")}@sum.example` });
    const now = Math.floor(Date.now() / 1000);
    const db = srv.store.db;
    for (let i = 0; i < 12; i++) {
      const tag = await db.insertInto("tags").values({ workspace_id: srv.ws.workspaceId, name: unique(`tag${i}`), created_at: now }).returning("id").executeTakeFirstOrThrow();
      await db.insertInto("contact_tags").values({ workspace_id: srv.ws.workspaceId, contact_id: c.id, tag_id: Number(tag.id), admin_id: null, created_at: now + i }).execute();
    }
    const noteIds: string[] = [];
    for (let i = 0; i < 11; i++) noteIds.push((await srv.ws.api(`/contacts/${c.id}/notes`, { method: "POST", body: { body: `note ${i}` } })).body.id);
    const companyIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const id = `${"c".repeat(20)}${String(seq++).padStart(4, "0")}`;
      await db
        .insertInto("companies")
        .values({ id, workspace_id: srv.ws.workspaceId, company_id: unique("co"), name: `Co ${i}`, plan: null, size: null, website: null, industry: null, monthly_spend: null, session_count: 0, user_count: 1, remote_created_at: null, last_request_at: null, custom_attributes: "{}", created_at: now, updated_at: now })
        .execute();
      await db.insertInto("contact_companies").values({ workspace_id: srv.ws.workspaceId, contact_id: c.id, company_id: id, created_at: now + i }).execute();
      companyIds.push(id);
    }
    const choices: Record<string, string> = {};
    for (const consent of ["opt_in", "opt_out"]) {
      const sub = await db
        .insertInto("subscription_types")
        .values({ workspace_id: srv.ws.workspaceId, state: "live", name: unique(consent), description: "", locale: "en", consent_type: consent, content_types: JSON.stringify(["email"]), created_at: now })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db.insertInto("contact_subscriptions").values({ workspace_id: srv.ws.workspaceId, contact_id: c.id, subscription_type_id: Number(sub.id), consent_type: consent, created_at: now }).execute();
      choices[consent] = String(sub.id);
    }
    const got = (await srv.ws.api(`/contacts/${c.id}`)).body;
    expect(got.opted_in_subscription_types.data.map((x: { id: string }) => x.id)).toEqual([choices.opt_in]);
    expect(got.opted_out_subscription_types.data.map((x: { id: string }) => x.id)).toEqual([choices.opt_out]);
    expect(got.tags.total_count).toBe(12);
    expect(got.tags.has_more).toBe(true);
    expect(got.tags.data).toHaveLength(10);
    expect(got.tags.data[0]).toMatchObject({ type: "tag", url: `/tags/${got.tags.data[0].id}` });
    expect(got.notes.total_count).toBe(11);
    expect(got.notes.data.map((n: { id: string }) => n.id)).toEqual(noteIds.slice(1).reverse());
    expect(got.companies).toMatchObject({ total_count: 3, has_more: false });
    expect(got.companies.data).toEqual(companyIds.map((id) => ({ type: "company", id, url: `/companies/${id}` })));
    // the list presents the same summaries
    const listed = (await srv.ws.api(`/contacts?per_page=150`)).body.data.find((x: { id: string }) => x.id === c.id);
    expect(listed).toEqual(got);

    const companies = await srv.ws.api(`/contacts/${c.id}/companies?per_page=2`);
    expect(companies.status).toBe(200);
    expect(companies.body.type).toBe("list");
    expect(companies.body.total_count).toBe(3);
    expect(companies.body.companies.map((x: { id: string }) => x.id)).toEqual(companyIds.slice(0, 2));
    expect(companies.body.pages).toMatchObject({ type: "pages", page: 1, per_page: 2, total_pages: 2 });
    const viaSdk: string[] = [];
    for await (const co of await srv.ws.client.contacts.listAttachedCompanies({ contact_id: c.id, per_page: 2 })) viaSdk.push(co.id);
    expect(viaSdk).toEqual(companyIds);
  });
});

describe("what a contact belongs to", () => {
  it("lists a contact's tags, segments and subscriptions", async () => {
    const ws = await srv.newWorkspace("Belongs");
    const db = srv.store.db;
    const now = Math.floor(Date.now() / 1000);
    const user = await create(ws, { email: "member@belongs.example" });
    const lead = await create(ws, { role: "lead" });
    const tag = await db.insertInto("tags").values({ workspace_id: ws.workspaceId, name: "vip", created_at: now }).returning("id").executeTakeFirstOrThrow();
    await db.insertInto("contact_tags").values({ workspace_id: ws.workspaceId, contact_id: user.id, tag_id: Number(tag.id), admin_id: ws.adminId, created_at: now }).execute();
    const segmentId = "5e9d0a2b3c4d5e6f7a8b9c0d";
    await db.insertInto("segments").values({ id: segmentId, workspace_id: ws.workspaceId, name: "Every user here", person_type: "user", query: null, created_at: now, updated_at: now }).execute();
    const sub = await db
      .insertInto("subscription_types")
      .values({ workspace_id: ws.workspaceId, state: "live", name: "Newsletter", description: "News", locale: "en", consent_type: "opt_out", content_types: JSON.stringify(["email"]), created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db.insertInto("contact_subscriptions").values({ workspace_id: ws.workspaceId, contact_id: user.id, subscription_type_id: Number(sub.id), consent_type: "opt_out", created_at: now }).execute();

    const tags = await ws.client.contacts.listAttachedTags({ contact_id: user.id });
    expect(tags.type).toBe("list");
    expect(tags.data!.map((t) => [t.id, t.name])).toEqual([[String(tag.id), "vip"]]);
    const segments = await ws.client.contacts.listAttachedSegments({ contact_id: user.id });
    expect(segments.data?.map((x) => x.id)).toContain(segmentId);
    const leadSegments = await ws.client.contacts.listAttachedSegments({ contact_id: lead.id });
    expect(leadSegments.data?.map((x) => x.id)).not.toContain(segmentId);
    const subs = await ws.client.contacts.listAttachedSubscriptions({ contact_id: user.id });
    expect(subs.data!.map((x) => [x.id, x.consent_type])).toEqual([[String(sub.id), "opt_out"]]);
    expect((await ws.api(`/contacts/${lead.id}/tags`)).body).toEqual({ type: "list", data: [] });
    for (const what of ["tags", "segments", "subscriptions"]) {
      expect((await ws.api(`/contacts/${user.id}/${what}`, { version: "2.7" })).status).toBe(200);
      const err = expectErrorList(await ws.api(`/contacts/000000000000000000000000/${what}`), 404, "not_found");
      expect(err.message).toBe("User Not Found");
    }
  });
});

describe("merging a lead into a user", () => {
  it("moves the lead's notes, tags and companies to the user and removes the lead", async () => {
    const ws = await srv.newWorkspace("Merge");
    const db = srv.store.db;
    const now = Math.floor(Date.now() / 1000);
    const user = await create(ws, { email: "merge@user.example", external_id: "mu-1" });
    const lead = await create(ws, { role: "lead", email: "merge@user.example", name: "From Lead", phone: "+15550001111" });
    const note = (await ws.api(`/contacts/${lead.id}/notes`, { method: "POST", body: { body: "lead note" } })).body;
    const tag = await db.insertInto("tags").values({ workspace_id: ws.workspaceId, name: "from-lead", created_at: now }).returning("id").executeTakeFirstOrThrow();
    await db.insertInto("contact_tags").values({ workspace_id: ws.workspaceId, contact_id: lead.id, tag_id: Number(tag.id), admin_id: null, created_at: now }).execute();
    await db.insertInto("contact_tags").values({ workspace_id: ws.workspaceId, contact_id: user.id, tag_id: Number(tag.id), admin_id: null, created_at: now }).execute();

    const merged = await ws.client.contacts.mergeLeadInUser({ from: lead.id, into: user.id });
    expect(merged.id).toBe(user.id);
    expect(merged.role).toBe("user");
    expect(merged.name).toBe("From Lead");
    expect(merged.phone).toBe("+15550001111");
    expect(merged.external_id).toBe("mu-1");
    expect(merged.notes!.data!.map((n) => n.id)).toEqual([note.id]);
    expect(merged.tags!.total_count).toBe(1);
    expect((await ws.api(`/notes/${note.id}`)).body.contact.id).toBe(user.id);

    expectErrorList(await ws.api(`/contacts/${lead.id}`), 404, "not_found");
    const list = (await ws.api("/contacts")).body;
    expect(list.data.map((x: { id: string }) => x.id)).toEqual([user.id]);
    expect(list.total_count).toBe(1);

    // from 2.16 a merged id answers 410 with a link to the contact it became, and the history is there
    const gone = await ws.api(`/contacts/${lead.id}`, { version: "2.16" });
    expectErrorList(gone, 410, "contact_merged");
    expect(gone.headers.get("link")).toBe(`</contacts/${user.id}>; rel="canonical"`);
    const withHistory = (await ws.api(`/contacts/${user.id}?include_merge_history=true`, { version: "2.16" })).body;
    expect(withHistory.merge_history).toEqual([{ type: "merge_history", source_contact_id: lead.id, source_contact_role: "lead", merged_at: expect.any(Number) }]);
    expect((await ws.api(`/contacts/${user.id}`)).body.merge_history).toBeUndefined();
  });

  it("refuses merges that are not lead → user", async () => {
    const ws = await srv.newWorkspace("Merge errors");
    const u1 = await create(ws, { email: "u1@m.example" });
    const u2 = await create(ws, { email: "u2@m.example" });
    const lead = await create(ws, { role: "lead", email: "other@m.example" });
    expectErrorList(await ws.api("/contacts/merge", { method: "POST", body: { from: u1.id, into: u2.id } }), 400, "parameter_invalid");
    expectErrorList(await ws.api("/contacts/merge", { method: "POST", body: { from: lead.id, into: lead.id } }), 400, "parameter_invalid");
    expectErrorList(await ws.api("/contacts/merge", { method: "POST", body: { from: "000000000000000000000000", into: u1.id } }), 404, "not_found");
    expectErrorList(await ws.api("/contacts/merge", { method: "POST", body: { from: lead.id, into: "000000000000000000000000" } }), 404, "not_found");
    expectErrorList(await ws.api("/contacts/merge", { method: "POST", body: { from: lead.id } }), 400, "parameter_not_found");
    // 2.16 asks for duplicates unless told otherwise
    expectErrorList(await ws.api("/contacts/merge", { method: "POST", body: { from: lead.id, into: u1.id }, version: "2.16" }), 400, "invalid_merge");
    const ok = await ws.api("/contacts/merge", { method: "POST", body: { from: lead.id, into: u1.id, skip_duplicate_validation: true }, version: "2.16" });
    expect(ok.status).toBe(200);
    expect(ok.body.owner_id).toBeNull();
    expect(ok.body.email).toBe("u1@m.example");
  });
});

describe("versions", () => {
  it("shapes one contact for each requested version", async () => {
    const c = await create(srv.ws, { email: `${unique("ver")}@ver.example`, phone: "+44 (0)20 7946 0958", owner_id: srv.ws.adminId });
    const v214 = (await srv.ws.api(`/contacts/${c.id}`, { version: "2.14" })).body;
    const v27 = (await srv.ws.api(`/contacts/${c.id}`, { version: "2.7" })).body;
    const v211 = (await srv.ws.api(`/contacts/${c.id}`, { version: "2.11" })).body;
    const v216 = (await srv.ws.api(`/contacts/${c.id}`, { version: "2.16" })).body;
    const unstable = (await srv.ws.api(`/contacts/${c.id}`, { version: "Unstable" })).body;
    expect(v214.formatted_phone).toBeUndefined();
    expect(v27.formatted_phone).toBeUndefined();
    expect(v211.formatted_phone).toBe("+4402079460958");
    expect(unstable.formatted_phone).toBe("+4402079460958");
    expect(v214.owner_id).toBe(srv.ws.adminId);
    expect(v27.owner_id).toBe(srv.ws.adminId);
    expect(v216.owner_id).toBe(String(srv.ws.adminId));
    expect(unstable.owner_id).toBe(String(srv.ws.adminId));
    expect(v27.email).toBe(v214.email);
    // 2.13+ describe enabled_push_messaging on single-contact responses; 2.7 does not
    expect(v214).toHaveProperty("enabled_push_messaging", null);
    expect(v27).not.toHaveProperty("enabled_push_messaging");
    expect(Object.keys(v27).sort()).toEqual(Object.keys(v214).filter((k) => k !== "enabled_push_messaging").sort());
  });

  it("serves every operation in 2.7 too", async () => {
    const ws = await srv.newWorkspace("Old version");
    const v = "2.7";
    const u = (await ws.api("/contacts", { method: "POST", body: { email: "old@v.example", external_id: "old-1" }, version: v })).body;
    expect(u.type).toBe("contact");
    const lead = (await ws.api("/contacts", { method: "POST", body: { role: "lead", email: "old@v.example" }, version: v })).body;
    expect((await ws.api(`/contacts/${u.id}`, { version: v })).status).toBe(200);
    expect((await ws.api(`/contacts/${u.id}`, { method: "PUT", body: { name: "Old" }, version: v })).body.name).toBe("Old");
    expect((await ws.api(`/contacts?per_page=1`, { version: v })).body.pages.next).toBeDefined();
    expect((await ws.api(`/contacts/find_by_external_id/old-1`, { version: v })).status).toBe(200);
    expect((await ws.api(`/contacts/${u.id}/companies`, { version: v })).status).toBe(200);
    expect((await ws.api(`/contacts/${u.id}/archive`, { method: "POST", version: v })).body.archived).toBe(true);
    expect((await ws.api(`/contacts/${u.id}/unarchive`, { method: "POST", version: v })).body.archived).toBe(false);
    expect((await ws.api(`/contacts/${u.id}/block`, { method: "POST", version: v })).body.blocked).toBe(true);
    expect((await ws.api(`/contacts/merge`, { method: "POST", body: { from: lead.id, into: u.id }, version: v })).body.id).toBe(u.id);
    expect((await ws.api(`/contacts/${u.id}`, { method: "DELETE", version: v })).body.deleted).toBe(true);
  });
});

describe("formatted_phone", () => {
  it("is one rule: what GET shows is what search on formatted_phone finds", async () => {
    const cases: Array<[string, string | null]> = [
      ["+44_20_7946_0958", "+442079460958"],
      ["0044 (20) 7946-0959", "+442079460959"],
      ["+44 20 7946 0960 ext 2", null],
      ["020 7946 0961", null],
    ];
    for (const [phone, expected] of cases) {
      const c = await create(srv.ws, { role: "lead", phone });
      const got = (await srv.ws.api(`/contacts/${c.id}`, { version: "Unstable" })).body;
      expect(got.formatted_phone, phone).toBe(expected);
      if (expected === null) continue;
      const found = await srv.ws.api("/contacts/search", {
        method: "POST",
        version: "Unstable",
        body: { query: { operator: "AND", value: [{ field: "formatted_phone", operator: "=", value: expected }, { field: "id", operator: "=", value: c.id }] } },
      });
      expect(found.status).toBe(200);
      expect(found.body.data.map((d: { id: string }) => d.id), phone).toEqual([c.id]);
    }
  });
});

describe("workspace isolation", () => {
  it("gives another workspace 404 for every contact operation on these ids", async () => {
    const mine = await create(srv.ws, { email: `${unique("iso")}@iso.example`, external_id: unique("iso") });
    const lead = await create(srv.ws, { role: "lead" });
    const other = await srv.newWorkspace("Intruder");
    const otherUser = await create(other, { email: "victim@iso.example" });
    const attempts: Array<[string, string, unknown]> = [
      ["GET", `/contacts/${mine.id}`, undefined],
      ["PUT", `/contacts/${mine.id}`, { name: "hacked" }],
      ["DELETE", `/contacts/${mine.id}`, undefined],
      ["POST", `/contacts/${mine.id}/archive`, undefined],
      ["POST", `/contacts/${mine.id}/unarchive`, undefined],
      ["POST", `/contacts/${mine.id}/block`, undefined],
      ["GET", `/contacts/${mine.id}/companies`, undefined],
      ["GET", `/contacts/${mine.id}/segments`, undefined],
      ["GET", `/contacts/${mine.id}/subscriptions`, undefined],
      ["GET", `/contacts/${mine.id}/tags`, undefined],
      ["GET", `/contacts/${mine.id}/notes`, undefined],
      ["POST", `/contacts/${mine.id}/notes`, { body: "sneaky" }],
      ["GET", `/contacts/find_by_external_id/${mine.external_id}`, undefined],
      ["POST", `/contacts/merge`, { from: lead.id, into: otherUser.id }],
    ];
    for (const [method, path, body] of attempts) expectErrorList(await other.api(path, { method, body }), 404, "not_found");
    expect((await other.api("/contacts")).body.data.map((c: { id: string }) => c.id)).toEqual([otherUser.id]);
    // untouched
    const again = (await srv.ws.api(`/contacts/${mine.id}`)).body;
    expect(again).toEqual(mine);
    expect((await srv.ws.api(`/contacts/${lead.id}`)).status).toBe(200);
    // the same email may exist in two workspaces
    expect((await other.api("/contacts", { method: "POST", body: { email: mine.email } })).status).toBe(200);
  });
});
