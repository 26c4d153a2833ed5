// The toolkit end to end: the workspace clock, the request journal (with lint), fault injection,
// rate limits and webhooks delivered to a real receiver.
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";
import { sleep, startReceiver, type Receiver } from "../helpers/receiver.js";

let srv: TestServer;
let other: TestWorkspace;
beforeAll(async () => {
  srv = await startTestServer();
  other = await srv.newWorkspace("Other");
});
afterAll(async () => srv?.close());

const realNow = () => Math.floor(Date.now() / 1000);

describe("clock", () => {
  it("is real time by default, set and frozen by PUT, advanced by POST, real again after DELETE", async () => {
    const ws = await srv.newWorkspace("Clock");
    const first = await ws.api("/_opencom/clock");
    expect(first.status).toBe(200);
    expect(first.body.frozen).toBe(false);
    expect(Math.abs(first.body.now - realNow())).toBeLessThanOrEqual(2);

    const set = await ws.api("/_opencom/clock", { method: "PUT", body: { now: 1_700_000_000 } });
    expect(set.body).toMatchObject({ now: 1_700_000_000, frozen: true });
    expect((await ws.api("/_opencom/clock")).body).toMatchObject({ now: 1_700_000_000, frozen: true });

    // timestamps come from the clock
    const contact = await ws.api("/contacts", { body: { role: "user", email: "clock@example.com" } });
    expect(contact.status).toBe(200);
    expect(contact.body.created_at).toBe(1_700_000_000);

    const adv = await ws.api("/_opencom/clock/advance", { body: { seconds: 3600 } });
    expect(adv.body).toMatchObject({ now: 1_700_003_600, frozen: true });
    const upd = await ws.api(`/contacts/${contact.body.id}`, { method: "PUT", body: { name: "Later" } });
    expect(upd.body.updated_at).toBe(1_700_003_600);

    // the other workspace's clock is untouched
    expect(Math.abs((await other.api("/_opencom/clock")).body.now - realNow())).toBeLessThanOrEqual(2);

    const back = await ws.api("/_opencom/clock", { method: "DELETE" });
    expect(back.body.frozen).toBe(false);
    expect(Math.abs(back.body.now - realNow())).toBeLessThanOrEqual(2);

    expectErrorList(await ws.api("/_opencom/clock", { method: "PUT", body: { now: "soon" } }), 400, "parameter_invalid");
    expectErrorList(await ws.api("/_opencom/clock/advance", { body: { seconds: -5 } }), 400, "parameter_invalid");
  });

  it("advancing a running clock keeps it running, ahead", async () => {
    const ws = await srv.newWorkspace("Clock2");
    const adv = await ws.api("/_opencom/clock/advance", { body: { seconds: 86400 } });
    expect(adv.body.frozen).toBe(false);
    expect(Math.abs(adv.body.now - (realNow() + 86400))).toBeLessThanOrEqual(2);
  });
});

describe("request journal", () => {
  it("records requests newest first without the token, with lint warnings also sent as a header", async () => {
    const ws = await srv.newWorkspace("Journal");
    const created = await ws.api("/contacts", { body: { role: "user", email: "j@example.com", custom_atributes: { plan: "pro" } }, version: "2.14" });
    expect(created.status).toBe(200);
    expect(created.headers.get("x-opencom-warnings")).toContain("custom_atributes");
    const clean = await ws.api("/contacts", { body: { role: "lead", name: "Clean" } });
    expect(clean.headers.get("x-opencom-warnings")).toBeNull();
    await ws.api(`/contacts/${created.body.id}`);
    await ws.api("/contacts/nope");

    const all = await ws.api("/_opencom/requests");
    expect(all.status).toBe(200);
    const entries = all.body.data;
    expect(entries).toHaveLength(4);
    expect(entries[0]).toMatchObject({ method: "GET", path: "/contacts/nope", status: 404, route: "/contacts/:contact_id" });
    expect(entries[3]).toMatchObject({ method: "POST", path: "/contacts", status: 200, intercom_version: "2.14" });
    expect(entries[3].request_body).toEqual({ role: "user", email: "j@example.com", custom_atributes: { plan: "pro" } });
    expect(entries[3].response_body.id).toBe(created.body.id);
    expect(entries[3].warnings).toHaveLength(1);
    expect(entries[3].warnings[0]).toContain("custom_atributes");
    expect(entries[2].warnings).toEqual([]);
    expect(typeof entries[0].duration_ms).toBe("number");
    expect(JSON.stringify(all.body)).not.toContain(ws.token);

    expect((await ws.api("/_opencom/requests?method=POST")).body.data).toHaveLength(2);
    expect((await ws.api("/_opencom/requests?status=404")).body.data).toHaveLength(1);
    expect((await ws.api("/_opencom/requests?path=/contacts/")).body.data).toHaveLength(2);
    expect((await ws.api("/_opencom/requests?path=" + encodeURIComponent("/contacts/{contact_id}"))).body.data).toHaveLength(2);
    expect((await ws.api("/_opencom/requests?since=" + (realNow() + 3600))).body.data).toHaveLength(0);
    const page = await ws.api("/_opencom/requests?per_page=3");
    expect(page.body.data).toHaveLength(3);
    const rest = await ws.api(`/_opencom/requests?per_page=3&starting_after=${page.body.pages.next.starting_after}`);
    expect(rest.body.data).toHaveLength(1);

    // another workspace sees none of it
    expect((await other.api("/_opencom/requests?path=/contacts/nope")).body.data).toHaveLength(0);

    expect((await ws.api("/_opencom/requests", { method: "DELETE" })).body.deleted).toBe(4);
    expect((await ws.api("/_opencom/requests")).body.data).toHaveLength(0);
    expectErrorList(await ws.api("/_opencom/requests?status=abc"), 400, "parameter_invalid");
  });

  it("keeps at most the configured number of entries per workspace", async () => {
    const { trimJournal } = await import("../../src/platform/journal.js");
    const ws = await srv.newWorkspace("Bounded");
    for (let i = 0; i < 6; i++) await ws.api("/me");
    await ws.api("/_opencom/requests"); // flushes
    await trimJournal(srv.store.db, ws.workspaceId, 4);
    const left = (await ws.api("/_opencom/requests")).body.data;
    expect(left).toHaveLength(4);
  });

  it("trims a workspace's journal to the limit each time a twentieth of it has been written", async () => {
    const { Journal, trimEvery } = await import("../../src/platform/journal.js");
    expect([trimEvery(1), trimEvery(20), trimEvery(100), trimEvery(10_000)]).toEqual([1, 1, 5, 500]);
    const [a, b] = [await srv.newWorkspace("Trim A"), await srv.newWorkspace("Trim B")];
    const journal = new Journal(srv.store.db, srv.store.kind, 100);
    const entry = (workspace_id: string) => ({ workspace_id, created_at: 1, method: "GET", path: "/me", route: "/me", query: null, version: "2.14", request_body: null, status: 200, response_body: "{}", duration_ms: 1, warnings: "[]" });
    const count = async (wsId: string) =>
      Number((await srv.store.db.selectFrom("request_journal").select((eb) => eb.fn.countAll<number>().as("n")).where("workspace_id", "=", wsId).executeTakeFirstOrThrow()).n);
    const write = async (wsId: string, n: number) => {
      for (let i = 0; i < n; i++) journal.record(entry(wsId));
      await journal.flush();
    };
    await write(a.workspaceId, 103); // past a twentieth (5): trimmed to 100
    expect(await count(a.workspaceId)).toBe(100);
    await write(a.workspaceId, 4); // four since the trim: kept, up to 5 % over
    expect(await count(a.workspaceId)).toBe(104);
    await write(b.workspaceId, 3); // another workspace counts its own
    expect(await count(b.workspaceId)).toBe(3);
    await write(a.workspaceId, 1); // the fifth: trimmed again, the newest kept
    expect(await count(a.workspaceId)).toBe(100);
    expect(await count(b.workspaceId)).toBe(3);
  });
});

describe("faults", () => {
  it("answers the injected status without touching state, `times` times, then passes", async () => {
    const ws = await srv.newWorkspace("Faults");
    const f = await ws.api("/_opencom/faults", { body: { method: "POST", path: "/contacts", status: 503, code: "service_unavailable", message: "down", times: 2 } });
    expect(f.status).toBe(200);
    expect(f.body).toMatchObject({ type: "fault", status: 503, times: 2, remaining: 2 });
    for (let i = 0; i < 2; i++) {
      const err = expectErrorList(await ws.api("/contacts", { body: { role: "user", email: `f${i}@example.com` } }), 503, "service_unavailable");
      expect(err.message).toBe("down");
    }
    expect((await ws.api("/contacts")).body.total_count).toBe(0);
    expect((await ws.api("/contacts", { body: { role: "user", email: "ok@example.com" } })).status).toBe(200);
    expect((await ws.api("/_opencom/faults")).body.data[0].remaining).toBe(0);
    // the other workspace is never affected
    expect((await other.api("/contacts", { body: { role: "lead" } })).status).toBe(200);
  });

  it("matches path globs, adds latency, and is deleted by id or all at once", async () => {
    const ws = await srv.newWorkspace("Faults2");
    const slow = (await ws.api("/_opencom/faults", { body: { path: "/contacts/*", latency_ms: 300 } })).body;
    const t0 = Date.now();
    expect((await ws.api("/contacts/abc")).status).toBe(404);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    const t1 = Date.now();
    await ws.api("/contacts");
    expect(Date.now() - t1).toBeLessThan(290);
    expect((await ws.api(`/_opencom/faults/${slow.id}`, { method: "DELETE" })).body.deleted).toBe(true);
    expectErrorList(await ws.api(`/_opencom/faults/${slow.id}`, { method: "DELETE" }), 404, "not_found");

    await ws.api("/_opencom/faults", { body: { status: 500 } });
    expectErrorList(await ws.api("/tags"), 500, "server_error");
    expect((await ws.api("/_opencom/faults", { method: "DELETE" })).body.deleted).toBe(1);
    expect((await ws.api("/tags")).status).toBe(200);

    expectErrorList(await ws.api("/_opencom/faults", { body: { status: 200 } }), 400, "parameter_invalid");
    expectErrorList(await ws.api("/_opencom/faults", { body: { probability: 2 } }), 400, "parameter_invalid");
  });
});

describe("rate limits", () => {
  it("are off by default, then enforced in 10-second windows of ceil(limit/6) with headers", async () => {
    const ws = await srv.newWorkspace("Limited");
    const free = await ws.api("/me");
    expect(free.headers.get("x-ratelimit-limit")).toBeNull();

    await ws.api("/_opencom/clock", { method: "PUT", body: { now: 1_700_000_000 } });
    expect((await ws.api("/_opencom/rate_limit", { method: "PUT", body: { per_minute: 18 } })).body.per_minute).toBe(18);
    for (let i = 0; i < 3; i++) {
      const r = await ws.api("/me");
      expect(r.status).toBe(200);
      expect(r.headers.get("x-ratelimit-limit")).toBe("3");
      expect(r.headers.get("x-ratelimit-remaining")).toBe(String(2 - i));
      expect(r.headers.get("x-ratelimit-reset")).toBe("1700000010");
    }
    const over = await ws.api("/contacts", { body: { role: "lead" } });
    const err = expectErrorList(over, 429, "rate_limit_exceeded");
    expect(err.message).toBe("Exceeded rate limit of 3 in 10_seconds");
    expect(over.headers.get("x-ratelimit-remaining")).toBe("0");
    // no credentials: no rate-limit headers
    const anon = await ws.api("/me", { token: null });
    expect(anon.status).toBe(401);
    expect(anon.headers.get("x-ratelimit-limit")).toBeNull();
    // the next window
    await ws.api("/_opencom/clock/advance", { body: { seconds: 10 } });
    const next = await ws.api("/me");
    expect(next.status).toBe(200);
    expect(next.headers.get("x-ratelimit-reset")).toBe("1700000020");
    // off again
    await ws.api("/_opencom/rate_limit", { method: "PUT", body: { per_minute: null } });
    expect((await ws.api("/me")).headers.get("x-ratelimit-limit")).toBeNull();
    expectErrorList(await ws.api("/_opencom/rate_limit", { method: "PUT", body: { per_minute: 0 } }), 400, "parameter_invalid");
  });
});

describe("webhooks", () => {
  let rx: Receiver;
  beforeAll(async () => {
    rx = await startReceiver();
  });
  afterAll(async () => rx?.close());

  it("manages subscriptions", async () => {
    const ws = await srv.newWorkspace("Subs");
    const created = await ws.api("/_opencom/webhooks", { body: { url: rx.url, topics: ["contact.user.created"], version: "2.10" } });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ type: "webhook_subscription", url: rx.url, topics: ["contact.user.created"], version: "2.10", active: true });
    const id = created.body.id;
    expect((await ws.api("/_opencom/webhooks")).body.data).toHaveLength(1);
    expect((await ws.api(`/_opencom/webhooks/${id}`, { method: "PUT", body: { topics: ["contact.lead.created"], active: false } })).body).toMatchObject({ topics: ["contact.lead.created"], active: false });
    expectErrorList(await other.api(`/_opencom/webhooks/${id}`), 404, "not_found");
    expectErrorList(await ws.api("/_opencom/webhooks", { body: { url: "ftp://x", topics: ["contact.user.created"] } }), 400, "parameter_invalid");
    expectErrorList(await ws.api("/_opencom/webhooks", { body: { url: rx.url, topics: ["contact.user.created"], version: "9.9" } }), 400, "parameter_invalid");
    expect((await ws.api(`/_opencom/webhooks/${id}`, { method: "DELETE" })).body.deleted).toBe(true);
    expectErrorList(await ws.api(`/_opencom/webhooks/${id}`), 404, "not_found");
  });

  it("delivers a signed notification_event with the item shaped for the subscription's version", async () => {
    const ws = await srv.newWorkspace("Hooks");
    const secret = (await ws.api("/_opencom/workspace")).body.client_secret;
    expect(secret).toMatch(/^[0-9a-f]{48}$/);
    const sub = (await ws.api("/_opencom/webhooks", { body: { url: rx.url, topics: ["contact.user.created", "contact.deleted"], version: "2.14" } })).body;
    const start = rx.received.length;
    const contact = (await ws.api("/contacts", { body: { role: "user", email: "hook@example.com" } })).body;
    await ws.api("/contacts", { body: { role: "lead", name: "not subscribed" } });
    const [got] = (await rx.waitFor(start + 1)).slice(start);
    expect(got.headers["user-agent"]).toBe("intercom-parrot-service-client/1.0");
    expect(got.headers["content-type"]).toContain("application/json");
    const expected = "sha1=" + createHmac("sha1", secret).update(got.body).digest("hex");
    expect(got.headers["x-hub-signature"]).toBe(expected);
    expect(got.json).toMatchObject({ type: "notification_event", app_id: ws.workspaceId, topic: "contact.user.created", delivery_attempts: 1, data: { type: "notification_event_data" } });
    expect(got.json.id).toMatch(/^notif_/);
    expect(typeof got.json.created_at).toBe("number");
    expect(typeof got.json.first_sent_at).toBe("number");
    expect(got.json.data.item).toMatchObject({ type: "contact", id: contact.id, email: "hook@example.com", role: "user" });

    await ws.api(`/contacts/${contact.id}`, { method: "DELETE" });
    const [del] = (await rx.waitFor(start + 2)).slice(start + 1);
    expect(del.json.topic).toBe("contact.deleted");
    expect(del.json.data.item.id).toBe(contact.id);
    await sleep(700);
    expect(rx.received.length).toBe(start + 2); // the lead was not subscribed to

    const deliveries = (await ws.api(`/_opencom/webhooks/deliveries?subscription_id=${sub.id}&status=delivered`)).body.data;
    expect(deliveries).toHaveLength(2);
    expect(deliveries[1]).toMatchObject({ topic: "contact.user.created", status: "delivered", delivery_attempts: 1 });
    expect(deliveries[1].attempts[0].status).toBe(200);
    expect(deliveries[1].request.headers["X-Hub-Signature"]).toBe(expected);
    expect(JSON.parse(deliveries[1].request.body).id).toBe(got.json.id);
    expect((await ws.api("/_opencom/webhooks/deliveries?topic=contact.deleted")).body.data).toHaveLength(1);
    expect((await other.api("/_opencom/webhooks/deliveries")).body.data).toHaveLength(0);

    // redeliver and ping
    const again = await ws.api(`/_opencom/webhooks/deliveries/${deliveries[1].id}/redeliver`, { method: "POST" });
    expect(again.status).toBe(200);
    const [re] = (await rx.waitFor(start + 3)).slice(start + 2);
    expect(re.json.topic).toBe("contact.user.created");
    expect(re.json.data.item.id).toBe(contact.id);
    const ping = await ws.api(`/_opencom/webhooks/${sub.id}/ping`, { method: "POST" });
    expect(ping.body.topic).toBe("ping");
    const [p] = (await rx.waitFor(start + 4)).slice(start + 3);
    expect(p.json.topic).toBe("ping");
    expect(p.json.data.item.type).toBe("ping");
  });

  it("retries a 500 exactly once, after the clock moves 61 s, then marks it failed", async () => {
    const bad = await startReceiver();
    bad.status = 500;
    try {
      const ws = await srv.newWorkspace("Retry");
      await ws.api("/_opencom/clock", { method: "PUT", body: { now: 1_800_000_000 } });
      await ws.api("/_opencom/webhooks", { body: { url: bad.url, topics: ["contact.user.created"] } });
      await ws.api("/contacts", { body: { role: "user", email: "retry@example.com" } });
      await bad.waitFor(1);
      await sleep(1200);
      expect(bad.received).toHaveLength(1); // not before the minute is up
      let d = (await ws.api("/_opencom/webhooks/deliveries")).body.data[0];
      expect(d).toMatchObject({ status: "pending", delivery_attempts: 1, next_attempt_at: 1_800_000_060 });
      await ws.api("/_opencom/clock/advance", { body: { seconds: 61 } });
      await bad.waitFor(2, 3000);
      expect(bad.received[1].json.delivery_attempts).toBe(2);
      expect(bad.received[1].json.id).toBe(bad.received[0].json.id);
      expect(bad.received[1].json.first_sent_at).toBe(1_800_000_000);
      await ws.api("/_opencom/clock/advance", { body: { seconds: 3600 } });
      await sleep(1200);
      expect(bad.received).toHaveLength(2);
      d = (await ws.api("/_opencom/webhooks/deliveries")).body.data[0];
      expect(d).toMatchObject({ status: "failed", delivery_attempts: 2 });
      expect(d.attempts.map((a: { status: number }) => a.status)).toEqual([500, 500]);
    } finally {
      await bad.close();
    }
  });

  it("a 410 deactivates the subscription; a 429 delays the delivery", async () => {
    const gone = await startReceiver();
    gone.status = 410;
    try {
      const ws = await srv.newWorkspace("Gone");
      await ws.api("/_opencom/clock", { method: "PUT", body: { now: 1_800_000_000 } });
      const sub = (await ws.api("/_opencom/webhooks", { body: { url: gone.url, topics: ["contact.user.created"] } })).body;
      await ws.api("/contacts", { body: { role: "user", email: "gone@example.com" } });
      await gone.waitFor(1);
      await sleep(300);
      expect((await ws.api(`/_opencom/webhooks/${sub.id}`)).body.active).toBe(false);
      expect((await ws.api("/_opencom/webhooks/deliveries")).body.data[0].status).toBe("failed");
      await ws.api("/contacts", { body: { role: "user", email: "gone2@example.com" } });
      await ws.api("/_opencom/clock/advance", { body: { seconds: 120 } });
      await sleep(800);
      expect(gone.received).toHaveLength(1);

      // 429: delayed, then delivered once the receiver accepts
      gone.status = 429;
      await ws.api(`/_opencom/webhooks/${sub.id}`, { method: "PUT", body: { active: true } });
      await ws.api("/contacts", { body: { role: "user", email: "busy@example.com" } });
      await gone.waitFor(2);
      await sleep(300);
      const d = (await ws.api("/_opencom/webhooks/deliveries?status=pending")).body.data[0];
      expect(d.next_attempt_at).toBe(1_800_000_120 + 60);
      gone.status = 200;
      await ws.api("/_opencom/clock/advance", { body: { seconds: 60 } });
      await gone.waitFor(3, 3000);
      await sleep(300);
      expect((await ws.api(`/_opencom/webhooks/deliveries/${d.id}`)).body.status).toBe("delivered");
    } finally {
      await gone.close();
    }
  });
});
