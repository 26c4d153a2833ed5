// SQLite rows made objects by a generated function (src/db/connection.ts, objectRows): the same rows as
// better-sqlite3's own objects, for a whole contact, a page, duplicate column names and expressions; a
// `__proto__` column keeps better-sqlite3's rows; a schema change that adds a column under `select *` is
// followed. SQLite only (a store of its own, whichever store the suite runs on).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "../../src/db/connection.js";
import { newContactRow } from "../../src/resources/contacts/service.js";
import { createWorkspace } from "../../src/bootstrap.js";

let dir: string;
let store: Store;
let plain: SQLite.Database;
let ws: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "opencom-rows-"));
  store = await openStore({ dataDir: dir });
  ws = (await createWorkspace(store.db, { name: "Rows" })).workspaceId;
  await store.db
    .insertInto("contacts")
    .values(Array.from({ length: 5 }, (_, i) => newContactRow(ws, { id: `c${i}`, email: `r${i}@example.com`, name: i % 2 ? null : `Row ${i}`, created_at: 100 + i })))
    .execute();
  plain = new SQLite(path.join(dir, "opencom.sqlite"), { readonly: true });
});
afterAll(async () => {
  plain?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

const both = async (text: string) => ({ ours: (await sql.raw(text).execute(store.db)).rows, theirs: plain.prepare(text).all() });

describe("SQLite rows", () => {
  it("are the rows better-sqlite3 makes: a contact, a page, duplicate names, expressions", async () => {
    for (const text of [
      `select * from contacts where workspace_id = 'W' and id = 'c0'`,
      `select * from contacts where workspace_id = 'W' order by created_at`,
      `select c.id, c.email as id, count(*) as "count(*)", null as nada, 1.5 as x from contacts c where c.workspace_id = 'W' group by c.id`,
      `select * from contacts where workspace_id = 'W' and id = 'none'`,
    ].map((t) => t.replaceAll("'W'", `'${ws}'`))) {
      const { ours, theirs } = await both(text);
      expect(ours).toEqual(theirs);
      expect(ours.length).toBeGreaterThanOrEqual(text.includes("'none'") ? 0 : 1);
    }
    const [row] = (await sql.raw(`select * from contacts where workspace_id = '${ws}' and id = 'c0'`).execute(store.db)).rows as Record<string, unknown>[];
    expect(Object.keys(row)).toEqual(plain.prepare("select * from contacts limit 1").columns().map((c) => c.name));
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
  });

  it("keep better-sqlite3's rows for a column named __proto__", async () => {
    const { ours, theirs } = await both(`select id as "__proto__", email from contacts where workspace_id = '${ws}' and id = 'c1'`);
    expect(ours).toEqual(theirs);
    expect((ours[0] as Record<string, unknown>).email).toBe("r1@example.com");
  });

  it("follow a column added under select *", async () => {
    const text = `select * from tags where workspace_id = '${ws}'`;
    await sql`insert into tags (workspace_id, name, created_at) values (${ws}, ${"first"}, ${1})`.execute(store.db);
    const before = (await sql.raw(text).execute(store.db)).rows as Record<string, unknown>[];
    expect(before[0]).not.toHaveProperty("colour");
    await sql.raw(`alter table tags add column colour text default 'red'`).execute(store.db);
    const after = (await sql.raw(text).execute(store.db)).rows as Record<string, unknown>[];
    expect(after[0]).toMatchObject({ name: "first", colour: "red" });
  });
});
