// Opens the store: SQLite (better-sqlite3) by default, PostgreSQL (pg) when a URL is given.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { Kysely, sql, type RawBuilder, type SqliteDatabase } from "kysely";
import SQLite from "better-sqlite3";
import type pg from "pg";
import type { DB } from "./types.js";
import { migrateToLatest } from "./migrate.js";
import { isUniqueViolation } from "./errors.js";
import { WatchedPostgresDialect, YieldingSqliteDialect, type ConnectionState } from "./dialects.js";
import { preparedName, registerImmediateReads } from "./compiled.js";

export type StoreKind = "sqlite" | "postgres";

export interface Store {
  db: Kysely<DB>;
  kind: StoreKind;
  /** Human-readable location: a file path, ":memory:" or a redacted URL. */
  location: string;
  /** Server version of the database engine. */
  engineVersion: string;
  /** PostgreSQL: the schema the tables live in (first of the search path). */
  schema?: string;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** PostgreSQL connection URL; when set, PostgreSQL is used instead of SQLite. */
  databaseUrl?: string;
  /** PostgreSQL schema to use (created if missing); used by tests to isolate runs. */
  pgSchema?: string;
  /** Directory of the SQLite file, or ":memory:". */
  dataDir?: string;
  /** Run migrations (default true). */
  migrate?: boolean;
  /** Pool size for PostgreSQL (default DEFAULT_POOL_SIZE). */
  poolSize?: number;
}

export class StoreError extends Error {}

/** PostgreSQL connections per process unless --pool-size / OPENCOM_POOL_SIZE says otherwise. */
export const DEFAULT_POOL_SIZE = 10;
/** How long a request waits for a free pooled connection before it answers 503 (bounded wait). */
export const POOL_WAIT_MS = 10_000;
/** No statement runs longer than this (PostgreSQL statement_timeout); past it the request answers 503. */
export const STATEMENT_TIMEOUT_MS = 30_000;

/**
 * pg, imported on a PostgreSQL store's first open: a SQLite server never loads it (its import cost
 * ~50 ms of a cold start: it pulls in Node's fetch implementation).
 */
let pgModule: Promise<typeof pg> | undefined;
function loadPg(): Promise<typeof pg> {
  pgModule ??= import("pg").then(({ default: loaded }) => {
    // int8 and numeric come back from pg as strings; every integer we store fits in a double.
    loaded.types.setTypeParser(20, (v) => Number(v));
    loaded.types.setTypeParser(1700, (v) => Number(v));
    return loaded;
  });
  return pgModule;
}

export async function openStore(opts: StoreOptions = {}): Promise<Store> {
  const store = opts.databaseUrl ? await openPostgres(opts) : openSqlite(opts);
  if (opts.migrate !== false) {
    try {
      await migrateToLatest(store.db, store.kind, store.schema);
    } catch (err) {
      await store.close().catch(() => undefined);
      throw err;
    }
  }
  return store;
}

/**
 * WAL pages after which a commit copies the WAL back into the database file (a checkpoint, ending in
 * fsync calls, on the server's thread). SQLite's default is 1,000 pages (4 MB); a contact's create writes
 * ~26 (the row, its 12 indexes, the trigram index, the activity), so every ~40th write waited for one. At
 * 4,000 a checkpoint comes a quarter as often and copies pages rewritten meanwhile once: a micro-benchmark
 * of creates and journal batches on the shared 2-core machine blocked the thread 820–1,100 µs per write
 * instead of 1,020–1,320 µs. The WAL file stays under ~16 MB; durability is the same (a commit is in the WAL
 * before the response is sent, checkpointed or not).
 */
export const WAL_CHECKPOINT_PAGES = 4000;

/**
 * journal_mode = WAL. Switching a new file to WAL needs the database to itself, and SQLite answers
 * SQLITE_BUSY at once (the busy timeout does not apply) while another process opening the same new file
 * does the same: several `opencom serve` starting together on one new SQLite store then failed with
 * "database is locked". Retried for up to 10 s; on a file already in WAL it is a no-op.
 */
function switchToWal(database: SQLite.Database): void {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      database.pragma("journal_mode = WAL");
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== "SQLITE_BUSY" || Date.now() > deadline) throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20 + Math.floor(Math.random() * 30));
    }
  }
}

function openSqlite(opts: StoreOptions): Store {
  const dir = opts.dataDir ?? ".opencom";
  let file = ":memory:";
  if (dir !== ":memory:") {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (err) {
      throw new StoreError(`cannot create data directory ${dir}: ${(err as Error).message}`);
    }
    file = path.join(dir, "opencom.sqlite");
  }
  let database: SQLite.Database;
  try {
    database = new SQLite(file);
    database.pragma("busy_timeout = 5000");
    switchToWal(database);
    database.pragma("foreign_keys = ON");
    database.pragma("synchronous = NORMAL");
    database.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
  } catch (err) {
    throw new StoreError(`cannot open SQLite database ${file}: ${(err as Error).message}`);
  }
  const state: ConnectionState = { held: false };
  const statements = withStatementCache(database);
  const db = new Kysely<DB>({ dialect: new YieldingSqliteDialect({ database: statements, state }) });
  registerImmediateReads(db, (text, parameters) => (state.held || !database.open ? undefined : (statements.prepare(text).all(parameters as unknown[]) as unknown[])));
  const version = (database.prepare("select sqlite_version() as v").get() as { v: string }).v;
  const optimizer = startSqliteOptimizer(db);
  return {
    db,
    kind: "sqlite",
    location: file,
    engineVersion: version,
    close: () => {
      clearInterval(optimizer);
      return db.destroy();
    },
  };
}

/** How often SQLite refreshes the statistics its planner chooses indexes by. */
export const SQLITE_OPTIMIZE_MS = 60_000;
/** How often a store checks whether its tables changed enough since their statistics were taken (SQLite: tenfold; PostgreSQL: see startPostgresAnalyzer). */
export const STATISTICS_CHECK_MS = 5_000;

/**
 * SQLite plans by statistics (sqlite_stat1): without them it takes `workspace_id = ?` for selective and
 * walks a whole workspace where a trigram or id lookup would do. ANALYZE, sampling at most
 * analysis_limit rows per index (a few milliseconds at any size), refreshes them now and every minute.
 * Between those, `PRAGMA optimize` (every STATISTICS_CHECK_MS; ~5 µs when nothing changed) analyzes a
 * table whose size changed tenfold: a store filled right after its start (an import, a benchmark's seed)
 * otherwise ran on the empty store's statistics for up to a minute, and an email search walked every
 * contact of the workspace by creation date (1.3 ms instead of an index probe).
 */
function startSqliteOptimizer(db: Kysely<DB>): NodeJS.Timeout {
  // (each analysis is followed by the correction of its workspace counts)
  const analyzed = (statement: RawBuilder<unknown>) => () =>
    statement
      .execute(db)
      .then(() => correctWorkspaceStatistics(db))
      .catch(() => undefined);
  const optimize = analyzed(sql`analyze`);
  const check = analyzed(sql`pragma optimize = 0x10002`);
  void sql`pragma analysis_limit = 400`.execute(db).then(optimize, () => undefined);
  let n = 0;
  const every = Math.round(SQLITE_OPTIMIZE_MS / STATISTICS_CHECK_MS);
  const timer = setInterval(() => void (++n % every === 0 ? optimize() : check()), STATISTICS_CHECK_MS);
  timer.unref();
  return timer;
}

/** The indexes led by workspace_id, per store (the schema's indexes change only by migrations, run before). */
const workspaceLedIndexes = new WeakMap<Kysely<DB>, Set<string>>();

/**
 * ANALYZE under analysis_limit reads about the first 400 entries of each index. opencom's indexes lead with
 * workspace_id, and a store mostly holds one workspace, so the statistics said a workspace had ~400 rows:
 * the planner then walked a whole workspace in an index's order (created_at, for the page's order) for a
 * search whose filter another index answers at once, and took a run of NULLs at an index's start (30 % of
 * contacts without an external_id) for one key's rows. Over 100,000 contacts an external_id search cost
 * 32 ms instead of 2, and a domain, role and date search 35 ms instead of 5 (`npm run bench:search`). After
 * each analysis, every index led by workspace_id is given at least the table's rows divided by the
 * workspaces as its rows per workspace (the count SQLite's sample cannot see); the planner reloads the
 * statistics only when one changed. The result is what a full ANALYZE finds for a store's main workspace,
 * at the cost of a few statements instead of reading every index.
 */
export async function correctWorkspaceStatistics(db: Kysely<DB>): Promise<number> {
  const { rows: stats } = await sql<{ tbl: string; idx: string | null; stat: string }>`select tbl, idx, stat from sqlite_stat1`.execute(db);
  if (stats.length === 0) return 0;
  let led = workspaceLedIndexes.get(db);
  if (!led) {
    const { rows: leading } = await sql<{ idx: string }>`
      select m.name as idx from sqlite_master m, pragma_index_info(m.name) i
      where m.type = 'index' and i.seqno = 0 and i.name = 'workspace_id'`.execute(db);
    led = new Set(leading.map((r) => r.idx));
    workspaceLedIndexes.set(db, led);
  }
  const [{ n }] = (await sql<{ n: number }>`select count(*) as n from workspaces`.execute(db)).rows;
  const workspaces = Math.max(1, Number(n));
  const changes: { tbl: string; idx: string; stat: string }[] = [];
  for (const { tbl, idx, stat } of stats) {
    if (!idx || !led.has(idx)) continue;
    const parts = stat.split(" ");
    const total = Number(parts[0]);
    const perWorkspace = Number(parts[1]);
    if (!Number.isFinite(total) || !Number.isFinite(perWorkspace)) continue;
    const wanted = Math.ceil(total / workspaces);
    if (perWorkspace >= wanted) continue;
    parts[1] = String(wanted);
    changes.push({ tbl, idx, stat: parts.join(" ") });
  }
  if (changes.length === 0) return 0;
  await db.transaction().execute(async (t) => {
    for (const c of changes) await sql`update sqlite_stat1 set stat = ${c.stat} where tbl = ${c.tbl} and idx = ${c.idx}`.execute(t);
  });
  // (the planner reads sqlite_stat1 again; prepared statements are planned again on their next run)
  await sql`analyze sqlite_schema`.execute(db);
  return changes.length;
}

/** How many prepared SQLite statements are kept for reuse (least recently used go first). */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * The database as the SQLite driver (src/db/dialects.ts) sees it, with its prepared statements kept by SQL text: a
 * statement is compiled by SQLite once and reused (better-sqlite3 re-prepares it by itself should the
 * schema change). The driver runs one query at a time, and none of opencom's queries stream, so a cached
 * statement is never in use twice at once.
 */
function withStatementCache(database: SQLite.Database): SqliteDatabase & { readonly inTransaction: boolean } {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => database.close(),
    /** (read by the dialect's group commit) */
    get inTransaction() {
      return database.inTransaction;
    },
    prepare(text: string) {
      let stmt = cache.get(text);
      if (stmt) {
        // most recently used last
        cache.delete(text);
        cache.set(text, stmt);
        return stmt;
      }
      stmt = database.prepare(text);
      if (stmt.reader) stmt = objectRows(stmt);
      cache.set(text, stmt);
      if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      return stmt;
    },
  };
}

type Row = Record<string, unknown>;

/** A function making a row object of a raw row, built from the statement's column names. */
function rowMaker(stmt: SQLite.Statement): ((raw: unknown[]) => Row) | undefined {
  const names = stmt.columns().map((c) => c.name);
  // (a literal's "__proto__" key would set the prototype: such a statement keeps better-sqlite3's rows)
  if (names.includes("__proto__")) return undefined;
  // duplicate names: the last column wins, as in better-sqlite3's own rows
  return new Function("r", `return {${names.map((n, i) => `${JSON.stringify(n)}: r[${i}]`).join(", ")}};`) as (raw: unknown[]) => Row;
}

/**
 * A reader statement whose rows better-sqlite3 answers as arrays, made objects by a function generated
 * from the statement's column names. better-sqlite3 builds a row object property by property through
 * V8's API: a 44-column contact row cost 17 µs that way, 7–9 µs as an array made an object here. If a
 * schema change alters the statement's columns (SQLite prepares it again, `*` included), the function is
 * made again.
 */
function objectRows(stmt: SQLite.Statement): SQLite.Statement {
  let make = rowMaker(stmt);
  if (!make) return stmt;
  let width = stmt.columns().length;
  stmt.raw(true);
  const rows = (raw: unknown[][]): Row[] => {
    if (raw.length > 0 && raw[0].length !== width) {
      stmt.raw(false);
      make = rowMaker(stmt);
      width = stmt.columns().length;
      stmt.raw(true);
      if (!make) throw new Error("a statement's columns changed to include __proto__");
    }
    const out = new Array<Row>(raw.length);
    for (let i = 0; i < raw.length; i++) out[i] = make!(raw[i]);
    return out;
  };
  return {
    reader: true,
    all: (...params: unknown[]) => rows(stmt.all(...params) as unknown[][]),
    get: (...params: unknown[]) => {
      const r = stmt.get(...params) as unknown[] | undefined;
      return r === undefined ? undefined : rows([r])[0];
    },
    *iterate(...params: unknown[]) {
      for (const r of stmt.iterate(...params) as IterableIterator<unknown[]>) yield rows([r])[0];
    },
    columns: () => stmt.columns(),
  } as unknown as SQLite.Statement;
}

async function openPostgres(opts: StoreOptions): Promise<Store> {
  const url = opts.databaseUrl!;
  const redacted = redact(url);
  if (opts.pgSchema && !/^[a-z_][a-z0-9_]*$/.test(opts.pgSchema)) throw new StoreError(`invalid schema name ${opts.pgSchema}`);
  const pg = await loadPg();
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? DEFAULT_POOL_SIZE,
    connectionTimeoutMillis: POOL_WAIT_MS,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    ...(opts.pgSchema ? { options: `-c search_path=${opts.pgSchema}` } : {}),
  });
  pool.on("error", () => undefined); // idle client errors must not crash the process
  pool.on("connect", usePreparedStatements);
  let version: string;
  let schema: string | undefined;
  try {
    if (opts.pgSchema) {
      // "if not exists" still races with a concurrent create of the same schema: the loser may ignore it
      await pool.query(`create schema if not exists ${opts.pgSchema}`).catch((err) => {
        if (!isUniqueViolation(err)) throw err;
      });
    }
    const res = await pool.query("select current_setting('server_version') as v, current_schema() as s");
    version = String(res.rows[0].v);
    schema = res.rows[0].s ?? undefined;
    if (!schema) throw new Error("no schema of the search path exists");
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new StoreError(`cannot connect to PostgreSQL at ${redacted}: ${(err as Error).message}`);
  }
  const db = new Kysely<DB>({ dialect: new WatchedPostgresDialect({ pool }) });
  const analyzer = startPostgresAnalyzer(db);
  return {
    db,
    kind: "postgres",
    location: redacted,
    engineVersion: version,
    schema,
    close: async () => {
      clearInterval(analyzer);
      await db.destroy();
    },
  };
}

/**
 * A pooled client runs the hot reads (src/db/compiled.ts) as named prepared statements: parsed and planned
 * once per connection. Kysely's driver calls `query(text, values)`; other statements pass through.
 */
function usePreparedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (config: unknown, values?: unknown) => unknown;
  client.query = ((text: unknown, values?: unknown, callback?: unknown) => {
    const name = typeof text === "string" && callback === undefined ? preparedName(text) : undefined;
    return name ? query({ name, text, values }) : (query as (...args: unknown[]) => unknown)(text, values, callback);
  }) as typeof client.query;
}

/**
 * PostgreSQL plans by statistics as well. Autovacuum refreshes them only if the server runs it (this
 * machine's test server has it off) and then up to a minute (its naptime) after the change. Without them,
 * an email search over 42,000 contacts walked the whole workspace by creation date on the statistics of a
 * nearly empty table: 12 ms instead of an index probe (`bench:http` search 259 req/s). Every
 * STATISTICS_CHECK_MS, the tables of opencom's schema changed by more than autovacuum's own default
 * threshold (50 rows plus 10 %) since their last analysis are analyzed. ANALYZE samples a bounded number
 * of rows and blocks neither reads nor writes; processes sharing the database take turns on a table.
 */
function startPostgresAnalyzer(db: Kysely<DB>): NodeJS.Timeout {
  let running = false;
  const check = async () => {
    if (running) return;
    running = true;
    try {
      const stale = await sql<{ relname: string }>`
        select s.relname from pg_stat_user_tables s join pg_class c on c.oid = s.relid
        where s.schemaname = current_schema() and s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)`.execute(db);
      for (const t of stale.rows) await sql`analyze ${sql.id(t.relname)}`.execute(db);
    } catch {
      // a store closing, or its schema dropped: the next check (if any) tries again
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void check(), STATISTICS_CHECK_MS);
  timer.unref();
  return timer;
}

/** Drops a PostgreSQL schema (tests). */
export async function dropPgSchema(databaseUrl: string, schema: string): Promise<void> {
  const pg = await loadPg();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "postgres://…";
  }
}

export { sql };
