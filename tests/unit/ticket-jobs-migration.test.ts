// Migration 0201 on both stores: the rows of the old ticket_jobs table become `ticket_create` jobs of the
// jobs platform with the same meaning (identifier = the old id, status, the ticket made), the id sequence
// of `jobs` moves past the old ids, and ticket_jobs is gone.
import { randomUUID } from "node:crypto";
import { Migrator, sql, type Kysely, type Migration } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "../../src/db/connection.js";
import { migrateToLatest } from "../../src/db/migrate.js";
import { migrations } from "../../src/db/migrations/index.js";

const pg = process.env.OPENCOM_TEST_STORE === "postgres";
const schema = `t_ticket_jobs_${randomUUID().slice(0, 8)}`;
let store: Store | undefined;
afterAll(async () => {
  if (store && pg) await sql`drop schema ${sql.id(schema)} cascade`.execute(store.db);
  await store?.close();
});

describe("0201_ticket_jobs_to_jobs", () => {
  it("moves ticket_jobs rows onto the jobs platform with their meaning", async () => {
    store = await openStore(pg ? { databaseUrl: process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test", pgSchema: schema, migrate: false } : { dataDir: ":memory:", migrate: false });
    const db = store.db as unknown as Kysely<any>;
    const kind = store.kind;
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => Object.fromEntries(Object.entries(migrations).map(([name, make]) => [name, make(kind)])) as Record<string, Migration> },
      migrationTableName: "opencom_migrations",
      migrationLockTableName: "opencom_migrations_lock",
      ...(pg ? { migrationTableSchema: schema } : {}),
    });
    const before = await migrator.migrateTo("0200_content_stats");
    expect(before.error).toBeUndefined();
    await db.insertInto("workspaces").values({ id: "ws_m", name: "M", region: "US", timezone: "UTC", default_version: "2.14", created_at: 1, clock_offset: 0, clock_frozen_at: null, client_secret: null }).execute();
    // an export job exists already (its id 1), and three ticket jobs with ids 1..3 in their own table
    await db.insertInto("jobs").values({ workspace_id: "ws_m", identifier: "abcdefghij012345", kind: "content_export", status: "completed", params: "{}", state: "{}", processed: 0, total: 0, result: null, error: null, claim_token: null, lease_until: 0, created_at: 5, updated_at: 5, completed_at: 5 }).execute();
    const req = JSON.stringify({ ticket_type_id: "1", contacts: [{ id: "c1" }] });
    for (const [status, resource] of [["success", "77"], ["failed", null], ["pending", null]] as const) {
      await db.insertInto("ticket_jobs").values({ workspace_id: "ws_m", resource_type: "ticket", status, resource_id: resource, request: req, created_at: 10, updated_at: 20 }).execute();
    }
    await migrateToLatest(db, kind, pg ? schema : undefined);

    const rows = await db.selectFrom("jobs").selectAll().where("kind", "=", "ticket_create").orderBy("identifier").execute();
    expect(rows.map((r) => [r.identifier, r.status, r.result, r.completed_at === null ? null : Number(r.completed_at)])).toEqual([
      ["1", "completed", '{"resource_id":"77"}', 20],
      ["2", "failed", null, 20],
      ["3", "pending", null, null],
    ]);
    expect(JSON.parse(rows[2].params)).toEqual({ request: JSON.parse(req) });
    // a new job's id is past every old ticket job id (a new ticket job's identifier is its id)
    const next = await db.insertInto("jobs").values({ workspace_id: "ws_m", identifier: "zzzzzzzzzzzzzzzz", kind: "content_export", status: "completed", params: "{}", state: "{}", processed: 0, total: 0, result: null, error: null, claim_token: null, lease_until: 0, created_at: 5, updated_at: 5, completed_at: 5 }).returning("id").executeTakeFirstOrThrow();
    expect(Number(next.id)).toBeGreaterThan(3);
    // PostgreSQL lists the tables of every schema (other tests' included): only this test's schema counts
    const tables = (await db.introspection.getTables()).filter((t) => !pg || t.schema === schema).map((t) => t.name);
    expect(tables).toContain("jobs");
    expect(tables).not.toContain("ticket_jobs");
  });
});
