// The concurrency discipline every write follows (see README, Development):
//
// - A partial update reads, merges and writes its row inside one transaction, holding the row:
//   `lockedRow` takes it `FOR UPDATE` on PostgreSQL (concurrent writers of that row queue up), and
//   SQLite runs one transaction at a time on its single connection. Nothing is merged from a row read
//   outside the transaction, so no concurrent change is lost.
// - A delete answers from its affected-row count: of 50 parallel deletes of one row, one removes it
//   (200) and the others find nothing (404).
// - Whatever must happen exactly once (a visitor's conversion, one company per company_id, one user per
//   email) is decided by the database: a delete that must remove the row first, or a unique constraint.
// - A write that loses a race against a delete fails on a foreign key; a duplicate fails on a unique
//   index: src/platform/errors.ts turns both into 404 / 409 for every resource, never a 500.
import type { Kysely, Selectable } from "kysely";
import type { DB } from "../db/types.js";
import type { Ctx } from "./http.js";

/** Runs `fn` in a transaction with a context bound to it; joins the caller's transaction if there is one. */
export async function inTransaction<T>(c: Ctx, fn: (t: Ctx) => Promise<T>): Promise<T> {
  if (c.db.isTransaction) return fn(c);
  return c.db.transaction().execute((tx) => fn({ ...c, db: tx }));
}

/** The tables whose rows belong to a workspace and have an id. */
type OwnedTable = { [K in keyof DB]: DB[K] extends { workspace_id: unknown; id: unknown } ? K : never }[keyof DB];

/**
 * The row of `table` with this id in the workspace, locked for the rest of the transaction `t` runs in
 * (PostgreSQL FOR UPDATE; SQLite's transactions are serial already), or null.
 */
export async function lockedRow<TB extends OwnedTable>(t: Ctx, table: TB, id: string | number): Promise<Selectable<DB[TB]> | null> {
  if (!t.db.isTransaction) throw new Error("lockedRow needs a transaction (inTransaction)");
  const db = t.db as unknown as Kysely<any>;
  let q = db.selectFrom(table).selectAll().where("workspace_id", "=", t.wsId).where("id", "=", id);
  if (t.kind === "postgres") q = q.forUpdate();
  return ((await q.executeTakeFirst()) as Selectable<DB[TB]> | undefined) ?? null;
}
