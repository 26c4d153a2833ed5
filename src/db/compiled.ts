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
import { CompiledQuery, type Compilable, type Insertable, type Kysely } from "kysely";
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
 * The compiled text of what `build` makes from `arity` stand-in arguments, and where each argument lands
 * among its parameters (a parameter that is no argument is a constant of the builder). An argument that
 * does not reach the parameters unchanged is refused.
 */
function compileTemplate(kind: StoreKind, arity: number, build: (args: string[]) => Compilable<unknown>, what: string): Template {
  const args = Array.from({ length: arity }, (_, i) => placeholder(i));
  const compiled = build(args).compile();
  const slots = compiled.parameters.map((p): Slot => {
    const i = typeof p === "string" ? args.indexOf(p) : -1;
    return i >= 0 ? { arg: i } : { value: p };
  });
  const reached = new Set(slots.flatMap((s) => ("arg" in s ? [s.arg] : [])));
  for (let i = 0; i < arity; i++) {
    if (!reached.has(i)) throw new Error(`${what}: argument ${i} does not reach the query as a parameter`);
  }
  if (kind === "postgres") prepareOnPostgres(compiled.sql);
  return { sql: compiled.sql, slots };
}

const parametersOf = (t: Template, args: readonly unknown[]) => t.slots.map((s) => ("arg" in s ? args[s.arg] : s.value));

/**
 * A query of `arity` arguments compiled once per store kind. Call the result with the database (or a
 * transaction) and the arguments; it answers the rows.
 */
export function compiledOnce<R, A extends unknown[]>(arity: A["length"], build: (db: Kysely<DB>, ...args: A) => Compilable<R>) {
  const templates = new Map<StoreKind, Template>();
  return async (db: Kysely<DB>, kind: StoreKind, ...args: A): Promise<R[]> => {
    let t = templates.get(kind);
    if (!t) templates.set(kind, (t = compileTemplate(kind, arity, (stand) => build(db, ...(stand as A)), "compiledOnce")));
    return readRows<R>(db, t.sql, parametersOf(t, args));
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

/** The most rows a compiled insert takes in one statement (its texts are cached per row count). */
export const MAX_COMPILED_ROWS = 100;

/**
 * An insert of whole rows into `table`, compiled once per store kind and number of rows (by the template
 * of compiledOnce: the rows' values are its arguments, row by row, column by column). Kysely builds an
 * insert's tree anew on every call (a 45-column contact: 18 µs; a journal batch of 50 entries: 147 µs);
 * here a call only lays its rows' values out. Each row must give every column of `columns` and no other
 * (undefined is refused: the builder would have left the column to its default). More than
 * MAX_COMPILED_ROWS rows go through Kysely's builder.
 */
export function compiledInsert<T extends keyof DB & string>(table: T, columns: readonly (keyof Insertable<DB[T]> & string)[]) {
  const templates = new Map<string, Template>();
  const width = columns.length;
  const build = (db: Kysely<DB>, n: number) => (args: string[]) =>
    db.insertInto(table).values(Array.from({ length: n }, (_, r) => Object.fromEntries(columns.map((c, j) => [c, args[r * width + j]]))) as never);
  return async (db: Kysely<DB>, kind: StoreKind, rows: readonly Insertable<DB[T]>[]): Promise<void> => {
    if (rows.length === 0) return;
    if (rows.length > MAX_COMPILED_ROWS) {
      await db
        .insertInto(table)
        .values(rows as never)
        .execute();
      return;
    }
    // every listed column given (none undefined) and as many keys as columns: exactly the listed columns
    const values: unknown[] = [];
    for (const row of rows) {
      let keys = 0;
      for (const _ in row) keys++;
      if (keys !== width) throw new Error(`compiledInsert(${table}): a row whose columns are not ${columns.join(", ")}`);
      for (const column of columns) {
        const value = (row as Record<string, unknown>)[column];
        if (value === undefined) throw new Error(`compiledInsert(${table}): ${column} is missing`);
        values.push(value);
      }
    }
    const key = `${kind} ${rows.length}`;
    let t = templates.get(key);
    if (!t) templates.set(key, (t = compileTemplate(kind, values.length, build(db, rows.length), `compiledInsert(${table})`)));
    await db.executeQuery(CompiledQuery.raw(t.sql, parametersOf(t, values)));
  };
}
