// POST /companies/search (Unstable): the contacts search engine with the companies model.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";

let srv: TestServer;
let ws: TestWorkspace;
const U = { version: "Unstable" };
const ids: Record<string, string> = {};

const search = (w: TestWorkspace, body: unknown) => w.api("/companies/search", { ...U, body });
const names = (res: { body: { data: Array<{ name: string }> } }) => res.body.data.map((c) => c.name);

beforeAll(async () => {
  srv = await startTestServer();
  ws = await srv.newWorkspace("companies search");
  const clock = (now: number) => ws.api("/_opencom/clock", { method: "PUT", body: { now } });
  expect((await ws.api("/data_attributes", { body: { name: "tier", model: "company", data_type: "string" } })).status).toBe(200);
  const user = (await ws.api("/contacts", { body: { role: "user", email: "owner@search.example" } })).body;
  const rows = [
    { company_id: "alpha", name: "Alpha Rockets", monthly_spend: 100, remote_created_at: 1600000000, custom_attributes: { tier: "gold" } },
    { company_id: "beta", name: "Beta Bakery", monthly_spend: 250, custom_attributes: { tier: "silver" } },
    { company_id: "gamma", name: "Gamma Rockets", monthly_spend: 400 },
    { company_id: "lonely", name: "Lonely Rockets", monthly_spend: 999 }, // no contact: never found
  ];
  for (const [i, body] of rows.entries()) {
    await clock(1700000000 + i * 100);
    const co = (await ws.api("/companies", { body })).body;
    ids[body.company_id] = co.id;
    if (body.company_id !== "lonely") expect((await ws.api(`/contacts/${user.id}/companies`, { body: { id: co.id } })).status).toBe(200);
  }
  const second = (await ws.api("/contacts", { body: { role: "user", email: "second@search.example" } })).body;
  await ws.api(`/contacts/${second.id}/companies`, { body: { id: ids.gamma } });
  const tag = await ws.api("/tags", { body: { name: "search-tag", companies: [{ id: ids.beta }] } });
  ids.tag = tag.body.id;
});
afterAll(async () => srv?.close());

describe("POST /companies/search", () => {
  it("filters by the documented fields, leaving out companies without contacts", async () => {
    expect(names(await search(ws, { query: { field: "name", operator: "~", value: "rockets" }, sort: { field: "name", order: "ascending" } }))).toEqual(["Alpha Rockets", "Gamma Rockets"]);
    expect(names(await search(ws, { query: { field: "company_id", operator: "=", value: "beta" } }))).toEqual(["Beta Bakery"]);
    expect(names(await search(ws, { query: { field: "monthly_spend", operator: ">", value: 150 }, sort: { field: "monthly_spend", order: "ascending" } }))).toEqual(["Beta Bakery", "Gamma Rockets"]);
    expect(names(await search(ws, { query: { field: "user_count", operator: "=", value: 2 } }))).toEqual(["Gamma Rockets"]);
    expect(names(await search(ws, { query: { field: "tag_id", operator: "=", value: ids.tag } }))).toEqual(["Beta Bakery"]);
    expect(names(await search(ws, { query: { field: "custom_attributes.tier", operator: "IN", value: ["gold", "silver"] }, sort: { field: "name", order: "ascending" } }))).toEqual(["Alpha Rockets", "Beta Bakery"]);
    expect(names(await search(ws, { query: { field: "created_at", operator: ">", value: 1700000050 }, sort: { field: "created_at", order: "ascending" } }))).toEqual(["Beta Bakery", "Gamma Rockets"]);
    expect(names(await search(ws, { query: { field: "remote_created_at", operator: "<", value: 1700000000 } }))).toEqual(["Alpha Rockets"]);
    const combined = await search(ws, {
      query: { operator: "AND", value: [{ field: "name", operator: "$", value: "Rockets" }, { operator: "OR", value: [{ field: "company_id", operator: "=", value: "alpha" }, { field: "monthly_spend", operator: "=", value: 999 }] }] },
    });
    expect(names(combined)).toEqual(["Alpha Rockets"]);
  });

  it("sorts (created_at descending by default) and pages with starting_after, 15 a page by default", async () => {
    const all = await search(ws, { query: { field: "name", operator: "!=", value: "" } });
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ type: "list", total_count: 3, pages: { type: "pages", page: 1, per_page: 15, total_pages: 1 } });
    expect(names(all)).toEqual(["Gamma Rockets", "Beta Bakery", "Alpha Rockets"]);
    expect(all.body.data[0]).toMatchObject({ type: "company", company_id: "gamma", user_count: 2 });
    const p1 = await search(ws, { query: { field: "name", operator: "!=", value: "" }, pagination: { per_page: 2 }, sort: { field: "name", order: "ascending" } });
    expect(names(p1)).toEqual(["Alpha Rockets", "Beta Bakery"]);
    expect(p1.body.pages.total_pages).toBe(2);
    const p2 = await search(ws, { query: { field: "name", operator: "!=", value: "" }, pagination: { per_page: 2, starting_after: p1.body.pages.next.starting_after }, sort: { field: "name", order: "ascending" } });
    expect(names(p2)).toEqual(["Gamma Rockets"]);
    expect(p2.body.pages.page).toBe(2);
  });

  it("answers the documented 400s", async () => {
    expectErrorList(await search(ws, { query: { field: "plan.id", operator: "=", value: "1" } }), 400, "invalid_field");
    expectErrorList(await search(ws, { query: { field: "plan.name", operator: "=", value: "pro" } }), 400, "invalid_field");
    const seg = expectErrorList(await search(ws, { query: { field: "segment_id", operator: "=", value: "x" } }), 400, "invalid_field");
    expect(seg.message).toBe("segment_id is not a valid search field");
    expectErrorList(await search(ws, { query: { field: "name", operator: "=", value: "x" }, sort: { field: "name", order: "sideways" } }), 400, "invalid_sort_order");
    expectErrorList(await search(ws, { query: { field: "name", operator: "=", value: "x" }, sort: { field: "tag_id" } }), 400, "invalid_field");
    expectErrorList(await search(ws, { query: { field: "tag_id", operator: "IN", value: ["1"] } }), 400);
    expectErrorList(await search(ws, { query: { field: "created_at", operator: "IN", value: [1] } }), 400);
    expectErrorList(await search(ws, { query: { field: "monthly_spend", operator: "~", value: "1" } }), 400);
    expectErrorList(await search(ws, { query: { field: "created_at", operator: ">", value: "foobar" } }), 400);
    expectErrorList(await search(ws, { query: { field: "name", operator: "=", value: "x" }, pagination: { per_page: 151 } }), 400);
  });

  it("another workspace finds nothing of this one", async () => {
    const other = await srv.newWorkspace("companies search other");
    const res = await search(other, { query: { field: "company_id", operator: "=", value: "alpha" } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total_count: 0, data: [] });
  });
});
