import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

let seq = 0;
async function newUser(ws: TestWorkspace, role = "user") {
  const n = seq++;
  const res = await ws.api("/contacts", { body: role === "user" ? { role, external_id: `ev-${n}`, email: `ev${n}@events.example` } : { role, email: `lead${n}@events.example` } });
  expect(res.status).toBe(200);
  return res.body as { id: string; external_id: string | null; email: string };
}

describe("POST /events", () => {
  it("tracks events by user_id, id and email (202, empty body) and lists them newest first", async () => {
    const u = await newUser(srv.ws);
    const a = await srv.ws.api("/events", { body: { event_name: "placed-order", created_at: 1700000000, user_id: u.external_id, metadata: { order: "A1", total: 3.5 } } });
    expect(a.status).toBe(202);
    expect(a.text).toBe("");
    expect((await srv.ws.api("/events", { body: { event_name: "placed-order", created_at: 1700000100, id: u.id } })).status).toBe(202);
    expect((await srv.ws.api("/events", { body: { event_name: "viewed-page", created_at: 1700000200, email: u.email.toUpperCase() } })).status).toBe(202);

    const list = await srv.ws.api(`/events?type=user&user_id=${u.external_id}`);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ type: "event.summary", intercom_user_id: u.id, user_id: u.external_id, email: u.email });
    expect(list.body.events.map((e: any) => [e.event_name, e.created_at])).toEqual([
      ["viewed-page", 1700000200],
      ["placed-order", 1700000100],
      ["placed-order", 1700000000],
    ]);
    expect(list.body.events[2]).toMatchObject({ type: "event", intercom_user_id: u.id, user_id: u.external_id, metadata: { order: "A1", total: 3.5 } });
    // by intercom_user_id and by email too
    expect((await srv.ws.api(`/events?type=user&intercom_user_id=${u.id}`)).body.events).toHaveLength(3);
    expect((await srv.ws.api(`/events?type=user&email=${encodeURIComponent(u.email)}`)).body.events).toHaveLength(3);
  });

  it("tracks a lead's events by id, through the SDK", async () => {
    const lead = await newUser(srv.ws, "lead");
    await srv.ws.client.events.create({ id: lead.id, event_name: "signed-up", created_at: 1700000000, metadata: { plan: "pro" } });
    const listed = await srv.ws.client.events.list({ type: "user", intercom_user_id: lead.id });
    expect(listed.type).toBe("event.summary");
    expect(listed.events).toHaveLength(1);
    expect((listed.events as any[])[0]).toMatchObject({ event_name: "signed-up", metadata: { plan: "pro" } });
    // a lead has no user_id: by user_id it is not found
    expectErrorList(await srv.ws.api("/events", { body: { event_name: "x", created_at: 1, user_id: "nobody-here" } }), 404, "not_found");
  });

  it("ignores duplicates (same contact, name and created_at)", async () => {
    const u = await newUser(srv.ws);
    for (let i = 0; i < 3; i++) expect((await srv.ws.api("/events", { body: { event_name: "dup", created_at: 1700000000, id: u.id } })).status).toBe(202);
    expect((await srv.ws.api(`/events?type=user&intercom_user_id=${u.id}`)).body.events).toHaveLength(1);
    expect((await srv.ws.api(`/events?type=user&intercom_user_id=${u.id}&summary=true`)).body.events).toEqual([
      { name: "dup", count: 1, first: "2023-11-14T22:13:20.000+00:00", last: "2023-11-14T22:13:20.000+00:00", description: "" },
    ]);
  });

  it("accepts the documented metadata types, keeps the first 10 keys and refuses nested objects", async () => {
    const u = await newUser(srv.ws);
    const metadata: Record<string, unknown> = {
      source: "desktop",
      load: 3.67,
      contact_date: 1392036272,
      article: "https://example.org/ab1de.html",
      rich: { url: "https://example.org/x", value: "the dude abides" },
      price: { amount: 34999, currency: "eur" },
      k7: "7",
      k8: "8",
      k9: "9",
      k10: "10",
      k11: "dropped",
    };
    expect((await srv.ws.api("/events", { body: { event_name: "meta", created_at: 1700000000, id: u.id, metadata } })).status).toBe(202);
    const ev = (await srv.ws.api(`/events?type=user&intercom_user_id=${u.id}`)).body.events[0];
    expect(Object.keys(ev.metadata)).toHaveLength(10);
    expect(ev.metadata.k11).toBeUndefined();
    expect(ev.metadata.price).toEqual({ amount: 34999, currency: "eur" });
    expect(ev.metadata.rich).toEqual({ url: "https://example.org/x", value: "the dude abides" });

    const bad = async (m: unknown) => expectErrorList(await srv.ws.api("/events", { body: { event_name: "bad", created_at: 1700000001, id: u.id, metadata: m } }), 400, "parameter_invalid");
    await bad({ nested: { a: { b: 1 } } });
    await bad({ list: [1, 2] });
    await bad({ long: "x".repeat(256) });
    await bad({ when_date: 1.5 });
    await bad({ price: { amount: -1, currency: "eur" } });
    await bad({ rich: { url: "not a url", value: "v" } });
  });

  it("answers the documented errors", async () => {
    const u = await newUser(srv.ws);
    expectErrorList(await srv.ws.api("/events", { body: { created_at: 1, id: u.id } }), 400, "parameter_not_found");
    expectErrorList(await srv.ws.api("/events", { body: { event_name: "x", created_at: 1 } }), 400, "parameter_not_found");
    expectErrorList(await srv.ws.api("/events", { body: { event_name: "x", created_at: 1, id: "000000000000000000000000" } }), 404, "not_found");
    expectErrorList(await srv.ws.api("/events", { body: { event_name: "x", created_at: 1, email: "nobody@nowhere.example" } }), 404, "not_found");
    expectErrorList(await srv.ws.api("/events", { body: { event_name: "x", created_at: "soon", id: u.id } }), 400);
    expectErrorList(await srv.ws.api(`/events?user_id=${u.external_id}`), 400, "parameter_not_found");
    expectErrorList(await srv.ws.api(`/events?type=company&user_id=${u.external_id}`), 400, "parameter_invalid");
    expectErrorList(await srv.ws.api(`/events?type=user`), 400, "parameter_not_found");
    expectErrorList(await srv.ws.api(`/events?type=user&user_id=unknown-user`), 404, "not_found");
    expectErrorList(await srv.ws.api(`/events?type=user&user_id=${u.external_id}&before=junk`), 400, "parameter_invalid");
    expectErrorList(await srv.ws.api(`/events?type=user&user_id=${u.external_id}&per_page=0`), 400, "parameter_invalid");
  });
});

describe("GET /events paging and summaries", () => {
  it("pages newest first with pages.next", async () => {
    const u = await newUser(srv.ws);
    for (let i = 0; i < 5; i++) await srv.ws.api("/events", { body: { event_name: `e${i}`, created_at: 1700000000 + i, id: u.id } });
    const seen: string[] = [];
    let path: string | null = `/events?type=user&intercom_user_id=${u.id}&per_page=2`;
    let pages = 0;
    while (path) {
      const res = await srv.ws.api(path);
      expect(res.status).toBe(200);
      seen.push(...res.body.events.map((e: any) => e.event_name));
      const next: string | undefined = res.body.pages.next;
      path = next ? next.slice(next.indexOf("/events")) : null;
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(["e4", "e3", "e2", "e1", "e0"]);
  });

  it("summary=true counts per name with first and last; POST /events/summaries adds to them", async () => {
    const u = await newUser(srv.ws);
    for (const at of [1700000000, 1700000500, 1700000300]) await srv.ws.api("/events", { body: { event_name: "ordered", created_at: at, id: u.id } });
    const sum = await srv.ws.api(`/events?type=user&user_id=${u.external_id}&summary=true`, { version: "2.7" });
    expect(sum.body.events).toEqual([{ name: "ordered", count: 3, first: "2023-11-14T22:13:20.000+00:00", last: "2023-11-14T22:21:40.000+00:00", description: "" }]);

    const posted = await srv.ws.api("/events/summaries", { body: { user_id: u.external_id, event_summaries: { event_name: "ordered", count: 4, first: 1600000000, last: 1600000100 } } });
    expect(posted.status).toBe(200);
    await srv.ws.client.events.summaries({ user_id: u.external_id!, event_summaries: { event_name: "logged-in", count: 2, first: 1700001000, last: 1700002000 } });
    const after = (await srv.ws.client.events.list({ type: "user", user_id: u.external_id!, summary: true })).events as any[];
    expect(after.find((e) => e.name === "ordered")).toMatchObject({ count: 7, first: "2020-09-13T12:26:40.000+00:00", last: "2023-11-14T22:21:40.000+00:00" });
    expect(after.find((e) => e.name === "logged-in")).toMatchObject({ count: 2 });
    expectErrorList(await srv.ws.api("/events/summaries", { body: { event_summaries: { event_name: "x" } } }), 400, "parameter_not_found");
    expectErrorList(await srv.ws.api("/events/summaries", { body: { user_id: "nobody", event_summaries: { event_name: "x" } } }), 404, "not_found");
    expectErrorList(await srv.ws.api("/events/summaries", { body: { user_id: u.external_id, event_summaries: { event_name: "x", count: 0 } } }), 400, "parameter_invalid");
  });

  it("answers in every version", async () => {
    const u = await newUser(srv.ws);
    for (const v of ["2.7", "2.10", "2.14", "2.16", "Unstable"]) {
      expect((await srv.ws.api("/events", { version: v, body: { event_name: `v${v}`, created_at: 1700000000, id: u.id } })).status).toBe(202);
      const res = await srv.ws.api(`/events?type=user&intercom_user_id=${u.id}`, { version: v });
      expect(res.status).toBe(200);
      expect(res.body.events.map((e: any) => e.event_name)).toContain(`v${v}`);
    }
  });
});

describe("isolation and webhooks", () => {
  it("another workspace's token does not see the contact", async () => {
    const u = await newUser(srv.ws);
    const other = await srv.newWorkspace("other events");
    expectErrorList(await other.api("/events", { body: { event_name: "x", created_at: 1, id: u.id } }), 404, "not_found");
    expectErrorList(await other.api(`/events?type=user&intercom_user_id=${u.id}`), 404, "not_found");
    expectErrorList(await other.api("/events/summaries", { body: { user_id: u.external_id, event_summaries: { event_name: "x" } } }), 404, "not_found");
  });

  it("emits event.created once per new event", async () => {
    const ws = await srv.newWorkspace("events hooks");
    const sub = await ws.api("/_opencom/webhooks", { body: { url: "http://127.0.0.1:9/hook", topics: ["event.created"], version: "2.14" } });
    expect(sub.status).toBe(200);
    const u = await newUser(ws);
    await ws.api("/events", { body: { event_name: "hooked", created_at: 1700000000, id: u.id } });
    await ws.api("/events", { body: { event_name: "hooked", created_at: 1700000000, id: u.id } });
    const d = (await ws.api("/_opencom/webhooks/deliveries?topic=event.created")).body.data;
    expect(d).toHaveLength(1);
  });
});
