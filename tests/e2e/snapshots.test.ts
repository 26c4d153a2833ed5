// Snapshots: GET /_opencom/snapshot exports a workspace's whole state, PUT loads one back atomically,
// and a snapshot moves between stores (SQLite → PostgreSQL → SQLite) with nothing lost.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dropPgSchema, openStore, type Store } from "../../src/db/connection.js";
import { createWorkspace } from "../../src/bootstrap.js";
import { exportSnapshot, importSnapshot, type Snapshot } from "../../src/resources/opencom/snapshot-service.js";
import { ownedTables } from "../../src/resources/index.js";
import pg from "pg";
import { expectErrorList, startTestServer, TEST_DATABASE_URL, usingPostgres, type TestServer, type TestWorkspace } from "../helpers/server.js";

let srv: TestServer;
let ws: TestWorkspace;

async function fill(w: TestWorkspace) {
  await w.api("/data_attributes", { body: { name: "plan", model: "contact", data_type: "string" } });
  const ada = (await w.api("/contacts", { body: { role: "user", email: "ada@example.com", name: "Ada", custom_attributes: { plan: "pro" } } })).body;
  const lead = (await w.api("/contacts", { body: { role: "lead", name: "Lead" } })).body;
  const acme = (await w.api("/companies", { body: { company_id: "acme", name: "Acme", monthly_spend: 12.5 } })).body;
  await w.api(`/contacts/${ada.id}/companies`, { body: { id: acme.id } });
  const tag = (await w.api("/tags", { body: { name: "vip" } })).body;
  await w.api(`/contacts/${ada.id}/tags`, { body: { id: tag.id } });
  await w.api(`/contacts/${ada.id}/notes`, { body: { body: "<p>Called</p>" } });
  const subs = (await w.api("/subscription_types")).body.data;
  await w.api(`/contacts/${lead.id}/subscriptions`, { body: { id: subs[0].id, consent_type: subs[0].consent_type } });
  return { ada, lead, acme, tag };
}

/** The tables of a snapshot with the workspace id taken out, for comparing across workspaces. */
const content = (s: Snapshot) =>
  Object.fromEntries(Object.entries(s.tables).map(([t, rows]) => [t, rows.map(({ workspace_id: _w, ...rest }) => rest)]));

beforeAll(async () => {
  srv = await startTestServer();
  ws = await srv.newWorkspace("Snapshots");
});
afterAll(async () => srv?.close());

describe("GET and PUT /_opencom/snapshot", () => {
  it("restores the exported state exactly, replacing what came after", async () => {
    const { ada, lead } = await fill(ws);
    const snap = (await ws.api("/_opencom/snapshot")).body as Snapshot;
    expect(snap).toMatchObject({ type: "opencom.snapshot", format: 1 });
    expect(snap.tables.contacts).toHaveLength(2);
    expect(snap.tables.admins.length).toBeGreaterThan(0);
    expect(JSON.stringify(snap)).not.toContain(ws.token);
    const before = (await ws.api(`/contacts/${ada.id}`)).body;

    await ws.api(`/contacts/${lead.id}`, { method: "DELETE" });
    await ws.api("/contacts", { body: { role: "user", email: "later@example.com" } });
    await ws.api(`/contacts/${ada.id}`, { method: "PUT", body: { name: "Changed" } });

    const res = await ws.api("/_opencom/snapshot", { method: "PUT", body: snap });
    expect(res.status).toBe(200);
    expect(res.body.rows.contacts).toBe(2);
    const again = (await ws.api("/_opencom/snapshot")).body as Snapshot;
    expect(again.tables).toEqual(snap.tables);
    expect((await ws.api(`/contacts/${ada.id}`)).body).toEqual(before);
    expect((await ws.api(`/contacts/${lead.id}`)).status).toBe(200);
    // the token still works and new rows get fresh ids after the import
    const fresh = await ws.api("/tags", { body: { name: "after-import" } });
    expect(fresh.status).toBe(200);
  });

  it("refuses a malformed snapshot naming the field, and changes nothing", async () => {
    const snap = (await ws.api("/_opencom/snapshot")).body as Snapshot;
    expect(expectErrorList(await ws.api("/_opencom/snapshot", { method: "PUT", body: { ...snap, format: 99 } }), 400).field).toBe("format");
    expect(expectErrorList(await ws.api("/_opencom/snapshot", { method: "PUT", body: { ...snap, tables: { secrets: [] } } }), 400).field).toBe("tables.secrets");
    const badColumn = { ...snap, tables: { ...snap.tables, tags: [{ ...snap.tables.tags[0], colour: "red" }] } };
    expect(expectErrorList(await ws.api("/_opencom/snapshot", { method: "PUT", body: badColumn }), 400).field).toBe("tables.tags[0].colour");
    expect(((await ws.api("/_opencom/snapshot")).body as Snapshot).tables).toEqual(snap.tables);
  });

  it("answers 409 and changes nothing when the ids collide with another workspace of the store", async () => {
    const other = await srv.newWorkspace("Other");
    await other.api("/contacts", { body: { role: "user", email: "mine@example.com" } });
    const theirs = (await other.api("/_opencom/snapshot")).body as Snapshot;
    const snap = (await ws.api("/_opencom/snapshot")).body as Snapshot;
    expectErrorList(await other.api("/_opencom/snapshot", { method: "PUT", body: snap }), 409, "conflict");
    expect(((await other.api("/_opencom/snapshot")).body as Snapshot).tables).toEqual(theirs.tables);
  });

  // PostgreSQL only (a SQLite file has no other schemas): another user of the database (another opencom in
  // its own schema, a parallel test) creating and dropping schemas meanwhile; reading every schema's
  // tables made an import fail with a 500.
  if (usingPostgres) {
    it("imports while other schemas of the database come and go", async () => {
      const snap = (await ws.api("/_opencom/snapshot")).body as Snapshot;
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      let churning = true;
      const churn = (async () => {
        while (churning) {
          const schema = `churn_${randomBytes(5).toString("hex")}`;
          await client.query(`create schema ${schema}; create table ${schema}.a (id serial primary key, x text); create index on ${schema}.a (x)`);
          await client.query(`drop schema ${schema} cascade`);
        }
      })();
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 60; i++) statuses.push((await ws.api("/_opencom/snapshot", { method: "PUT", body: snap })).status);
        expect(statuses.filter((s) => s !== 200)).toEqual([]);
      } finally {
        churning = false;
        await churn;
        await client.end();
      }
    });
  }
});

describe("a snapshot moves between stores", () => {
  const stores: Store[] = [];
  const schema = `snap_${randomBytes(5).toString("hex")}`;
  afterAll(async () => {
    for (const s of stores) await s.close();
    await dropPgSchema(TEST_DATABASE_URL, schema);
  });

  it("SQLite → PostgreSQL → SQLite compares equal", async () => {
    const source = await openStore({ dataDir: ":memory:" });
    const pgStore = await openStore({ databaseUrl: TEST_DATABASE_URL, pgSchema: schema, poolSize: 2 });
    const back = await openStore({ dataDir: ":memory:" });
    stores.push(source, pgStore, back);
    // the source state is made through the API of the test server's store, then exported
    const w = await srv.newWorkspace("Travelling");
    await fill(w);
    const original = (await w.api("/_opencom/snapshot")).body as Snapshot;

    const t = { owned: ownedTables() };
    const hops: Array<[Store, string]> = [];
    for (const store of [source, pgStore, back]) hops.push([store, (await createWorkspace(store.db, { name: "Target" })).workspaceId]);
    let current = original;
    for (const [store, wsId] of hops) {
      await importSnapshot(store.db, store.kind, wsId, current, t);
      current = await exportSnapshot(store.db, wsId, t, 0);
      expect(content(current), store.kind).toEqual(content(original));
    }
    // PostgreSQL's sequences moved past the imported ids: further writes get fresh ones
    const [pgHop, pgWs] = hops[1];
    const maxTag = Math.max(...original.tables.tags.map((r) => Number(r.id)));
    const inserted = await pgHop.db.insertInto("tags").values({ workspace_id: pgWs, name: "new", created_at: 0 } as never).returning("id").executeTakeFirstOrThrow();
    expect(Number(inserted.id)).toBeGreaterThan(maxTag);
  });
});
