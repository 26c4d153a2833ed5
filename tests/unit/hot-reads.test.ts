// Hot reads (src/db/compiled.ts) on both stores: a query compiled once answers what Kysely's own builder
// answers, with each call's arguments; a builder that alters an argument is refused on first use; a hot
// read never sees another transaction's uncommitted row; on SQLite, with the connection free, it runs
// without waiting for an event-loop turn; on PostgreSQL it is a prepared statement.
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "../../src/db/connection.js";
import { compiledOnce, readRows } from "../../src/db/compiled.js";
import { newContactRow } from "../../src/resources/contacts/service.js";
import { createWorkspace } from "../../src/bootstrap.js";

const pg = process.env.OPENCOM_TEST_STORE === "postgres";
const schema = `t_hot_reads_${randomUUID().slice(0, 8)}`;
let store: Store;
let ws: string;

const byId = compiledOnce(2, (db, wsId: string, id: string) => db.selectFrom("contacts").select(["id", "email"]).where("workspace_id", "=", wsId).where("id", "=", id));

beforeAll(async () => {
  store = await openStore(pg ? { databaseUrl: process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test", pgSchema: schema, poolSize: 1 } : { dataDir: ":memory:" });
  ws = (await createWorkspace(store.db, { name: "Hot reads" })).workspaceId;
  await store.db
    .insertInto("contacts")
    .values([newContactRow(ws, { id: "c1", email: "one@example.com", created_at: 10 }), newContactRow(ws, { id: "c2", email: "two@example.com", created_at: 11 })])
    .execute();
});
afterAll(async () => {
  if (pg) await sql`drop schema ${sql.id(schema)} cascade`.execute(store.db);
  await store?.close();
});

describe("hot reads", () => {
  it("answer what the builder answers, with each call's own arguments", async () => {
    for (const id of ["c1", "c2", "nope"]) {
      const built = await store.db.selectFrom("contacts").select(["id", "email"]).where("workspace_id", "=", ws).where("id", "=", id).execute();
      expect(await byId(store.db, store.kind, ws, id)).toEqual(built);
    }
    expect(await byId(store.db, store.kind, "ws_other", "c1")).toEqual([]);
  });

  it("refuse a builder whose argument does not reach the query unchanged", async () => {
    const bad = compiledOnce(1, (db, n: number) => db.selectFrom("contacts").select("id").where("created_at", "=", Number(n) + 1));
    await expect(bad(store.db, store.kind, 10)).rejects.toThrow(/argument 0/);
  });

  it("never read another transaction's uncommitted row", async () => {
    let inserted!: () => void;
    const insertedOnce = new Promise<void>((resolve) => (inserted = resolve));
    let read: Promise<unknown[]> | undefined;
    const tx = store.db
      .transaction()
      .execute(async (t) => {
        await t.insertInto("contacts").values(newContactRow(ws, { id: "c3", email: "three@example.com", created_at: 12 })).execute();
        inserted();
        // the read starts while the row is written but not committed; the transaction then rolls back
        await new Promise((resolve) => setTimeout(resolve, 50));
        throw new Error("roll back");
      })
      .catch((err: Error) => err.message);
    await insertedOnce;
    read = byId(store.db, store.kind, ws, "c3");
    expect(await tx).toBe("roll back");
    expect(await read).toEqual([]);
  });

  // (registered on PostgreSQL only; its pool has one connection here, so the catalog read sees it)
  if (pg)
    it("are prepared statements on PostgreSQL, planned once per connection", async () => {
      await byId(store.db, store.kind, ws, "c1");
      const names = await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(store.db);
      const hot = names.rows.filter((r) => r.name.startsWith("opencom_hot_"));
      expect(hot.some((r) => /from "contacts"/.test(r.statement) && /"email"/.test(r.statement))).toBe(true);
      // other statements are not kept
      expect(names.rows.some((r) => r.statement.includes("pg_prepared_statements"))).toBe(false);
    });

  // (registered on SQLite only: PostgreSQL reads always go through its pool)
  if (!pg)
    it("run at once on SQLite when the connection is free", async () => {
      let turned = false;
      setImmediate(() => (turned = true));
      const rows = await readRows<{ id: string }>(store.db, `select id from contacts where workspace_id = ? order by id`, [ws]);
      expect(rows.map((r) => r.id)).toEqual(["c1", "c2"]);
      expect(turned).toBe(false);
    });
});
