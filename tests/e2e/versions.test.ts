// Every implemented operation, under every Intercom-Version: each answers 2xx with a body the
// conformance check validates against that version's schema (npm run conformance).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VERSIONS } from "../../src/platform/versions.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

async function ok(path: string, init: Parameters<TestServer["ws"]["api"]>[1] = {}) {
  const res = await srv.ws.api(path, init);
  if (res.status >= 300) throw new Error(`${init.version} ${init.method ?? "GET"} ${path} → ${res.status}: ${res.text}`);
  return res.body;
}

describe.each(VERSIONS)("Intercom-Version %s", (version) => {
  it("serves every implemented operation", async () => {
    const v = { version };
    const tag = (s: string) => `${s}-${version}`;
    const a = srv.ws.adminId;

    // admins and teams
    await ok("/me", v);
    await ok("/admins", v);
    await ok(`/admins/${a}`, v);
    await ok(`/admins/${a}/away`, { ...v, method: "PUT", body: { away_mode_enabled: false, away_mode_reassign: false } });
    await ok("/admins/activity_logs?created_at_after=0", v);
    await ok("/teams", v);
    await ok(`/teams/${srv.ws.teamId}`, v);

    // data attributes
    const attr = await ok("/data_attributes", { ...v, method: "POST", body: { name: tag("plan_name").replace(/\./g, "_"), model: "contact", data_type: "string" } });
    await ok(`/data_attributes/${attr.id}`, { ...v, method: "PUT", body: { description: "the plan" } });
    await ok("/data_attributes?model=contact&include_archived=true", v);

    // contacts
    const user = await ok("/contacts", { ...v, method: "POST", body: { role: "user", email: `${tag("user")}@example.com`, external_id: tag("ext"), name: "Ada", custom_attributes: { [attr.name]: "pro" } } });
    const lead = await ok("/contacts", { ...v, method: "POST", body: { role: "lead", email: `${tag("lead")}@example.com` } });
    await ok(`/contacts/${user.id}`, v);
    await ok(`/contacts/${user.id}`, { ...v, method: "PUT", body: { name: "Ada L." } });
    await ok("/contacts?per_page=2", v);
    await ok(`/contacts/find_by_external_id/${tag("ext")}`, v);
    await ok("/contacts/search", { ...v, method: "POST", body: { query: { field: "email", operator: "=", value: `${tag("user")}@example.com` } } });

    // notes
    const note = await ok(`/contacts/${user.id}/notes`, { ...v, method: "POST", body: { body: "Called about the invoice", admin_id: a } });
    await ok(`/contacts/${user.id}/notes`, v);
    await ok(`/notes/${note.id}`, v);

    // companies
    const company = await ok("/companies", { ...v, method: "POST", body: { company_id: tag("acme"), name: "Acme", plan: "pro", size: 10, monthly_spend: 100 } });
    await ok(`/companies/${company.id}`, v);
    await ok(`/companies/${company.id}`, { ...v, method: "PUT", body: { industry: "Software" } });
    await ok(`/contacts/${user.id}/companies`, { ...v, method: "POST", body: { id: company.id } });
    await ok(`/contacts/${user.id}/companies`, v);
    await ok(`/companies?company_id=${tag("acme")}`, v);
    await ok("/companies?per_page=5", v);
    await ok("/companies/list", { ...v, method: "POST" });
    await ok(`/companies/${company.id}/contacts`, v);
    await ok(`/companies/${company.id}/segments`, v);
    const scroll = await ok("/companies/scroll", v);
    if (scroll.scroll_param) {
      let param = scroll.scroll_param;
      for (let i = 0; i < 100 && param; i++) param = (await ok(`/companies/scroll?scroll_param=${param}`, v)).scroll_param;
    }

    // tags
    const t = await ok("/tags", { ...v, method: "POST", body: { name: tag("vip") } });
    await ok(`/tags/${t.id}`, v);
    await ok("/tags", v);
    await ok(`/contacts/${user.id}/tags`, { ...v, method: "POST", body: { id: t.id } });
    await ok(`/contacts/${user.id}/tags`, v);
    await ok("/tags", { ...v, method: "POST", body: { name: t.name, companies: [{ id: company.id }] } });
    await ok(`/contacts/${user.id}/tags/${t.id}`, { ...v, method: "DELETE" });

    // segments and subscriptions
    const segments = await ok("/segments?include_count=true", v);
    await ok(`/segments/${segments.segments[0].id}?include_count=true`, v);
    await ok(`/contacts/${user.id}/segments`, v);
    const subs = await ok("/subscription_types", v);
    const sub = subs.data.find((s: { consent_type: string }) => s.consent_type === "opt_out") ?? subs.data[0];
    await ok(`/contacts/${user.id}/subscriptions`, { ...v, method: "POST", body: { id: sub.id, consent_type: sub.consent_type } });
    await ok(`/contacts/${user.id}/subscriptions`, v);
    await ok(`/contacts/${user.id}/subscriptions/${sub.id}`, { ...v, method: "DELETE" });

    // visitors
    const visitor = await ok("/_opencom/visitors", { ...v, method: "POST", body: { name: "Vee" } });
    await ok(`/visitors?user_id=${visitor.user_id}`, v);
    await ok("/visitors", { ...v, method: "PUT", body: { user_id: visitor.user_id, name: "Vee Visitor" } });
    await ok("/visitors/convert", { ...v, method: "POST", body: { type: "user", user: { email: `${tag("conv")}@example.com` }, visitor: { user_id: visitor.user_id } } });

    // state changes and removals last
    await ok(`/contacts/${user.id}/companies/${company.id}`, { ...v, method: "DELETE" });
    await ok("/contacts/merge", { ...v, method: "POST", body: { from: lead.id, into: user.id, skip_duplicate_validation: true } });
    await ok(`/contacts/${user.id}/archive`, { ...v, method: "POST" });
    await ok(`/contacts/${user.id}/unarchive`, { ...v, method: "POST" });
    await ok(`/contacts/${user.id}/block`, { ...v, method: "POST" });
    await ok(`/contacts/${user.id}`, { ...v, method: "DELETE" });
    await ok(`/companies/${company.id}`, { ...v, method: "DELETE" });
    const deleted = await ok(`/tags/${t.id}`, { ...v, method: "DELETE" });
    expect(deleted === undefined || typeof deleted === "object").toBe(true);
  });
});
