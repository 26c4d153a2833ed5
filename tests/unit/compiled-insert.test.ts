// Compiled inserts (src/db/compiled.ts) on both stores: the rows written are the rows given, in order,
// for one row and for many; a row missing a column, with an undefined one or with a column of its own is
// refused before anything is written; more rows than MAX_COMPILED_ROWS go through Kysely's builder.
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "../../src/db/connection.js";
import { compiledInsert, MAX_COMPILED_ROWS } from "../../src/db/compiled.js";
import { createWorkspace } from "../../src/bootstrap.js";

const pg = process.env.OPENCOM_TEST_STORE === "postgres";
const schema = `t_compiled_insert_${randomUUID().slice(0, 8)}`;
let store: Store;
let ws: string;

const insertTags = compiledInsert("tags", ["workspace_id", "name", "created_at"]);
const tags = (prefix: string) =>
  store.db.selectFrom("tags").select(["name", "created_at"]).where("workspace_id", "=", ws).where("name", "like", `${prefix}%`).orderBy("id").execute();

beforeAll(async () => {
  store = await openStore(pg ? { databaseUrl: process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test", pgSchema: schema, poolSize: 2 } : { dataDir: ":memory:" });
  ws = (await createWorkspace(store.db, { name: "Compiled inserts" })).workspaceId;
});
afterAll(async () => {
  if (pg) await sql`drop schema ${sql.id(schema)} cascade`.execute(store.db);
  await store?.close();
});

describe("compiled inserts", () => {
  it("write the rows given, one or many, each call with its own values", async () => {
    await insertTags(store.db, store.kind, [{ workspace_id: ws, name: "one-a", created_at: 1 }]);
    await insertTags(store.db, store.kind, [{ workspace_id: ws, name: "one-b", created_at: 2 }]);
    expect(await tags("one-")).toEqual([
      { name: "one-a", created_at: 1 },
      { name: "one-b", created_at: 2 },
    ]);
    // columns given in another order than the list: placed by name
    const many = Array.from({ length: 7 }, (_, i) => ({ created_at: 100 + i, name: `many-${i}`, workspace_id: ws }));
    await insertTags(store.db, store.kind, many);
    expect(await tags("many-")).toEqual(many.map(({ name, created_at }) => ({ name, created_at })));
  });

  it("go through the builder past MAX_COMPILED_ROWS rows", async () => {
    const rows = Array.from({ length: MAX_COMPILED_ROWS + 1 }, (_, i) => ({ workspace_id: ws, name: `big-${String(i).padStart(3, "0")}`, created_at: i }));
    await insertTags(store.db, store.kind, rows);
    expect((await tags("big-")).map((r) => r.name)).toEqual(rows.map((r) => r.name));
  });

  it("refuse a row that does not give exactly the listed columns, writing nothing", async () => {
    const good = { workspace_id: ws, name: "refused-good", created_at: 1 };
    await expect(insertTags(store.db, store.kind, [good, { workspace_id: ws, name: "refused-missing" } as never])).rejects.toThrow(/columns are not/);
    await expect(insertTags(store.db, store.kind, [{ workspace_id: ws, name: "refused-undefined", created_at: undefined } as never])).rejects.toThrow(/created_at is missing/);
    await expect(insertTags(store.db, store.kind, [{ ...good, name: "refused-extra", colour: "red" } as never])).rejects.toThrow(/columns are not/);
    expect(await tags("refused-")).toEqual([]);
  });
});
