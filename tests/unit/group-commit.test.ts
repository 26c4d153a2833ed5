// Group commit on SQLite (src/db/dialects.ts): transactions queued behind each other commit together, a
// transaction's promise resolves only once its COMMIT is done (a second connection sees its rows by
// then), a failing transaction is undone alone, a statement outside a transaction never reads a write
// that is not committed, another process cannot commit in the middle of a group, and a failed COMMIT fails
// every transaction of its group. SQLite only: on PostgreSQL each transaction commits on its own pooled
// connection.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, sql, type SqliteDatabase } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GROUP_COMMIT_MAX, YieldingSqliteDialect } from "../../src/db/dialects.js";

interface T {
  gc: { id: number; v: string };
}

let dir: string;
let raw: SQLite.Database;
let other: SQLite.Database;
let db: Kysely<T>;
/** the statements the driver ran, in order */
let ran: string[];
/** makes the next COMMIT fail */
let failNextCommit = false;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "opencom-group-commit-"));
  const file = path.join(dir, "db.sqlite");
  raw = new SQLite(file);
  raw.pragma("journal_mode = WAL");
  raw.exec("create table gc (id integer primary key, v text not null)");
  ran = [];
  const database: SqliteDatabase & { inTransaction: boolean } = {
    close: () => raw.close(),
    get inTransaction() {
      return raw.inTransaction;
    },
    prepare(text: string) {
      ran.push(text);
      if (text === "commit" && failNextCommit) {
        failNextCommit = false;
        throw Object.assign(new Error("disk I/O error"), { code: "SQLITE_IOERR" });
      }
      return raw.prepare(text);
    },
  };
  db = new Kysely<T>({ dialect: new YieldingSqliteDialect({ database }) });
  // another connection to the same file: it sees committed rows only
  other = new SQLite(file, { readonly: true });
});

afterEach(async () => {
  other.close();
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const committedIds = () => (other.prepare("select id from gc order by id").all() as { id: number }[]).map((r) => r.id);
const insert = (id: number) => db.transaction().execute((tx) => tx.insertInto("gc").values({ id, v: `row ${id}` }).execute());
const commits = () => ran.filter((t) => t === "commit").length;

describe("SQLite group commit", () => {
  it("commits transactions queued together in fewer COMMITs, and resolves each only once committed", async () => {
    const seenAtResolve: boolean[] = [];
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => insert(i + 1).then(() => seenAtResolve.push(committedIds().includes(i + 1)))),
    );
    expect(seenAtResolve).toHaveLength(40);
    expect(seenAtResolve.every(Boolean)).toBe(true);
    expect(committedIds()).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(commits()).toBeLessThan(40);
    // a group holds at most GROUP_COMMIT_MAX transactions
    expect(commits()).toBeGreaterThanOrEqual(Math.ceil(40 / GROUP_COMMIT_MAX));
    expect(ran.filter((t) => t === "savepoint opencom_tx")).toHaveLength(40);
  });

  it("commits a lone transaction at once", async () => {
    await insert(1);
    expect(commits()).toBe(1);
    expect(committedIds()).toEqual([1]);
  });

  it("undoes a failing transaction alone; the others of its group commit", async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        db.transaction().execute(async (tx) => {
          await tx.insertInto("gc").values({ id: i + 1, v: "x" }).execute();
          if (i === 4) throw new Error("the fifth fails");
        }),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual(Array.from({ length: 10 }, (_, i) => (i === 4 ? "rejected" : "fulfilled")));
    expect((outcomes[4] as PromiseRejectedResult).reason.message).toBe("the fifth fails");
    expect(committedIds()).toEqual([1, 2, 3, 4, 6, 7, 8, 9, 10]);
    expect(commits()).toBeLessThan(9);
  });

  it("commits the group before a statement outside a transaction runs", async () => {
    // queued in this order: a transaction, a plain read, another transaction
    const first = insert(1);
    const read = db.selectFrom("gc").select("id").execute().then((rows) => ({ rows: rows.map((r) => r.id), committed: committedIds() }));
    const second = insert(2);
    const seen = await read;
    await Promise.all([first, second]);
    // the read saw the first transaction's row, and by then it was committed
    expect(seen.rows).toEqual([1]);
    expect(seen.committed).toEqual([1]);
  });

  it("holds the write lock for the group, so another process's commit cannot fail its writes", async () => {
    const writer = new SQLite(path.join(dir, "db.sqlite"), { timeout: 0 });
    try {
      await db.transaction().execute(async (tx) => {
        await tx.selectFrom("gc").select("id").execute();
        // another connection (another opencom process on the same file) cannot write in between…
        expect(() => writer.prepare("insert into gc (id, v) values (500, 'other')").run()).toThrow(/locked|busy/i);
        // …so the group's write, after its read, does not fail on a snapshot gone stale (SQLITE_BUSY_SNAPSHOT)
        await tx.insertInto("gc").values({ id: 1, v: "x" }).execute();
      });
      expect(committedIds()).toEqual([1]);
      writer.prepare("insert into gc (id, v) values (500, 'other')").run();
      expect(committedIds()).toEqual([1, 500]);
    } finally {
      writer.close();
    }
  });

  it("fails every transaction of a group whose COMMIT fails, and carries on afterwards", async () => {
    failNextCommit = true;
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => insert(i + 1)));
    const failed = outcomes.filter((o) => o.status === "rejected") as PromiseRejectedResult[];
    expect(failed.length).toBeGreaterThan(0);
    for (const f of failed) expect(f.reason.message).toBe("disk I/O error");
    // what was reported committed is committed; what failed is not there
    const ok = outcomes.flatMap((o, i) => (o.status === "fulfilled" ? [i + 1] : []));
    expect(committedIds()).toEqual(ok);
    // the connection is usable again
    await insert(100);
    expect(committedIds()).toContain(100);
    expect(raw.inTransaction).toBe(false);
    expect((await sql<{ n: number }>`select count(*) as n from gc`.execute(db)).rows[0].n).toBe(ok.length + 1);
  });
});
