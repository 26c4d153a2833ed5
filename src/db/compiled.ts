// Hot reads. Kysely builds and compiles a query's tree on every call (operation nodes, frozen copies, a
// visitor pass): for a point read that is a fair share of a request. A query made with compiledOnce is
// built once per dialect, with placeholder arguments, and each call only puts its arguments into the
// compiled statement's parameter list (the SQLite statement cache then finds the prepared statement by
// its text).
//
// On SQLite a hot read also runs at once when no statement or transaction holds the connection: the
// statement is synchronous anyway, and going through the driver costs two event-loop turns (the yields
// of src/db/dialects.ts, which are there for long statements, not point reads) and the connection
// lock's promises. When the connection is held — a transaction is open, on this request or another — the
// read queues through the driver as any statement does, so it never reads inside someone else's
// transaction. A transaction's own reads (`db` a Transaction) always go through it.
//
// On PostgreSQL a hot read is a named prepared statement: each pooled connection parses and plans it once
// (the one-contact links union spent most of its 0.7 ms in planning; prepared, 0.28 ms). The names are
// given here, by SQL text, and used by the pool's clients (src/db/connection.ts).
//
// The rule for a builder: each argument must reach the query as a bound value, unchanged (no
// `Number(arg)`, no branch on its value); constants in the builder stay constants. A builder that breaks
// the rule is caught on its first use: every argument must appear among the parameters.
import { CompiledQuery, type Compilable, type Kysely } from "kysely";
import type { DB } from "./types.js";
import type { StoreKind } from "./connection.js";

type Slot = { arg: number } | { value: unknown };

interface Template {
  sql: string;
  slots: Slot[];
}

/** A stand-in value for argument i, unlike any real value. */
const placeholder = (i: number) => `\u0000opencom-argument-${i}\u0000`;

/**
 * A query of `arity` arguments compiled once per store kind. Call the result with the database (or a
 * transaction) and the arguments; it answers the rows.
 */
export function compiledOnce<R, A extends unknown[]>(arity: A["length"], build: (db: Kysely<DB>, ...args: A) => Compilable<R>) {
  const templates = new Map<StoreKind, Template>();
  const template = (db: Kysely<DB>, kind: StoreKind): Template => {
    let t = templates.get(kind);
    if (t) return t;
    const args = Array.from({ length: arity }, (_, i) => placeholder(i)) as A;
    const compiled = build(db, ...args).compile();
    const slots = compiled.parameters.map((p): Slot => {
      const i = typeof p === "string" ? args.indexOf(p) : -1;
      return i >= 0 ? { arg: i } : { value: p };
    });
    for (let i = 0; i < arity; i++) {
      if (!slots.some((s) => "arg" in s && s.arg === i)) throw new Error(`compiledOnce: argument ${i} does not reach the query as a parameter`);
    }
    t = { sql: compiled.sql, slots };
    templates.set(kind, t);
    if (kind === "postgres") prepareOnPostgres(t.sql);
    return t;
  };
  return async (db: Kysely<DB>, kind: StoreKind, ...args: A): Promise<R[]> => {
    const t = template(db, kind);
    return readRows<R>(db, t.sql, t.slots.map((s) => ("arg" in s ? args[s.arg] : s.value)));
  };
}

/** PostgreSQL statement names by SQL text: the hot reads, at most MAX_PREPARED of them. */
const preparedNames = new Map<string, string>();
const MAX_PREPARED = 300;
/** readNow's texts vary with their `in` lists: they may take this many names, leaving the rest to fixed ones */
const MAX_PREPARED_VARYING = 200;

/** Makes a read's SQL a named prepared statement on PostgreSQL (a fixed text run often). */
export function prepareOnPostgres(sql: string, cap = MAX_PREPARED): void {
  if (!preparedNames.has(sql) && preparedNames.size < cap) preparedNames.set(sql, `opencom_hot_${preparedNames.size + 1}`);
}

/** The prepared statement name of a SQL text, if it is a hot read. */
export const preparedName = (sql: string): string | undefined => preparedNames.get(sql);

/** Runs a read statement now if it can (an SQLite store whose connection is free); undefined if not. */
export type ImmediateReader = (sql: string, parameters: readonly unknown[]) => unknown[] | undefined;

const immediateReaders = new WeakMap<Kysely<DB>, ImmediateReader>();

/** Called by the store that opens `db` (SQLite). */
export function registerImmediateReads(db: Kysely<DB>, reader: ImmediateReader): void {
  immediateReaders.set(db, reader);
}

/** The rows of a built query (a select), read as readRows reads: for reads whose shape varies (`in` lists). */
export function readNow<R>(db: Kysely<DB>, query: Compilable<R>): Promise<R[]> {
  const compiled = query.compile();
  // (PostgreSQL's placeholders are $1, $2, …: SQLite's texts take no names)
  if (compiled.sql.includes("$1")) prepareOnPostgres(compiled.sql, MAX_PREPARED_VARYING);
  return readRows<R>(db, compiled.sql, compiled.parameters);
}

/** The rows of one read statement (a select): at once when the store allows, else through the driver. */
export async function readRows<R>(db: Kysely<DB>, sql: string, parameters: readonly unknown[]): Promise<R[]> {
  const now = immediateReaders.get(db)?.(sql, parameters);
  if (now) return now as R[];
  return (await db.executeQuery<R>(CompiledQuery.raw(sql, parameters as unknown[]))).rows;
}
