// The two dialects opencom opens stores with.
// SQLite through better-sqlite3 runs each statement synchronously on the event loop. Kysely hands the one
// connection from query to query through promise continuations, so a queue of requests would run back to
// back without the loop ever reading a socket again (a health check waited for every queued search).
// This dialect yields to the event loop (setImmediate) before each acquisition of the connection and again
// once it holds it: the driver's lock hands the connection to the next waiter in a promise continuation,
// so a yield before the lock alone let 300 queued searches run back to back (health waited 1.4–2 s). With
// the second yield, between two statements (or two transactions) pending I/O — new requests, health
// checks — gets its turn.
//
// Both dialects (SQLite here, PostgreSQL below) report writes to the workspaces table (src/db/watch.ts).
import {
  CompiledQuery,
  PostgresDialect,
  PostgresDriver,
  SelectQueryNode,
  SqliteDialect,
  createQueryId,
  IdentifierNode,
  RawNode,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type PostgresDialectConfig,
  type QueryCompiler,
  type QueryResult,
  type SqliteDatabase,
  type SqliteDialectConfig,
} from "kysely";
import { watchWorkspaceWrites } from "./watch.js";

/** Whether a statement or a transaction holds the one SQLite connection (src/db/compiled.ts reads when it does not). */
export interface ConnectionState {
  held: boolean;
}

export type YieldingSqliteConfig = SqliteDialectConfig & { state?: ConnectionState };

/** A group commits before another transaction joins it once it holds this many transactions… */
export const GROUP_COMMIT_MAX = 16;
/** …or has been open this long (ms): the first of its transactions waits at most about this for its commit. */
export const GROUP_COMMIT_MAX_MS = 5;

interface Member {
  resolve: () => void;
  reject: (err: unknown) => void;
}

/** What Kysely holds between acquiring the connection and releasing it. */
interface Lease extends DatabaseConnection {
  /** the lease gave the connection up when its transaction was committed into the group */
  handedOff: boolean;
}

/**
 * The one SQLite connection, behind a lock that yields to the event loop (above), and committing
 * transactions in groups (group commit). A transaction runs in a savepoint of an outer transaction, the
 * group; when it ends, its savepoint is released (or rolled back alone, on an error) and the connection
 * goes to the next waiter. The group commits when nobody waits for the connection, when a statement
 * outside a transaction is about to run (so nothing outside a transaction ever reads a write that is not
 * committed), or once it holds GROUP_COMMIT_MAX transactions or is GROUP_COMMIT_MAX_MS old. A transaction's
 * commit resolves only after its group's COMMIT: a write is acknowledged only once it is committed, as
 * before; a failed COMMIT fails every transaction of the group. Why: each commit writes the pages it
 * changed to the WAL (a created contact touches ~26: the row, its indexes, the trigram index), and
 * transactions that queue behind each other touch the same index pages: committed together, they write
 * them once (a micro-benchmark of contact creates: ~395 µs each alone, ~170 µs in groups of 16).
 */
class YieldingSqliteDriver implements Driver {
  readonly #config: SqliteDialectConfig;
  #connection!: DatabaseConnection;
  #database!: SqliteDatabase;
  #locked = false;
  readonly #waiting: Array<() => void> = [];
  #group: { members: Member[]; opened: number } | null = null;
  /** the holder of the connection is inside a transaction (between begin and commit / rollback) */
  #inTransaction = false;

  constructor(
    private readonly state: ConnectionState = { held: false },
    config: SqliteDialectConfig,
  ) {
    this.#config = config;
  }

  async init(): Promise<void> {
    const database = typeof this.#config.database === "function" ? await this.#config.database() : this.#config.database;
    this.#database = database;
    this.#connection = watchWorkspaceWrites(new SqliteStatements(database));
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.#locked) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#locked = true;
    this.state.held = true;
    await new Promise<void>((resolve) => setImmediate(resolve));
    const lease: Lease = {
      handedOff: false,
      executeQuery: (query) => {
        // a statement outside a transaction reads and writes committed data only
        if (this.#group && !this.#inTransaction) this.#commitGroup();
        return this.#connection.executeQuery(query);
      },
      streamQuery: (query, chunkSize) => {
        if (this.#group && !this.#inTransaction) this.#commitGroup();
        return this.#connection.streamQuery(query, chunkSize);
      },
    };
    return lease;
  }

  async beginTransaction(): Promise<void> {
    const group = this.#group;
    if (group && (!this.#open() || group.members.length >= GROUP_COMMIT_MAX || performance.now() - group.opened >= GROUP_COMMIT_MAX_MS)) this.#commitGroup();
    if (!this.#group) {
      // immediate: the group takes the write lock at once. Deferred, it would take its snapshot at its first
      // read and, should another process sharing the file commit before the group's first write, every
      // writing transaction of the group would fail (SQLITE_BUSY_SNAPSHOT) until the group ended
      await this.#run("begin immediate");
      this.#group = { members: [], opened: performance.now() };
    }
    await this.#run("savepoint opencom_tx");
    this.#inTransaction = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await this.#run("release opencom_tx");
    this.#inTransaction = false;
    const group = this.#group!;
    const committed = new Promise<void>((resolve, reject) => group.members.push({ resolve, reject }));
    (connection as Lease).handedOff = true;
    this.#release();
    await committed;
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    // (a transaction whose group failed to commit is rolled back with it already)
    if ((connection as Lease).handedOff || !this.#inTransaction) return;
    this.#inTransaction = false;
    await this.#run("rollback to opencom_tx");
    await this.#run("release opencom_tx");
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    if ((connection as Lease).handedOff) return;
    if (this.#inTransaction) throw new Error("SQLite connection released inside a transaction");
    this.#release();
  }

  async savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler["compileQuery"]): Promise<void> {
    await connection.executeQuery(compile(parseSavepoint("savepoint", name), createQueryId()));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler["compileQuery"]): Promise<void> {
    await connection.executeQuery(compile(parseSavepoint("rollback to", name), createQueryId()));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler["compileQuery"]): Promise<void> {
    await connection.executeQuery(compile(parseSavepoint("release", name), createQueryId()));
  }

  async destroy(): Promise<void> {
    if (this.#group) this.#commitGroup();
    this.#database?.close();
  }

  /** Gives the connection to the next waiter; with nobody waiting, commits the open group first. */
  #release(): void {
    const next = this.#waiting.shift();
    if (next) return next();
    if (this.#group) this.#commitGroup();
    this.#locked = false;
    this.state.held = false;
  }

  /** COMMIT of the open group (synchronous: better-sqlite3), then its transactions learn the outcome. */
  #commitGroup(): void {
    const group = this.#group!;
    this.#group = null;
    let outcome: Promise<unknown>;
    try {
      // SQLite ends a transaction by itself on some errors (disk full, I/O): the group's writes are gone
      if (!this.#open()) throw new Error("SQLite rolled the transaction back (an earlier statement of its group failed)");
      outcome = this.#connection.executeQuery(CompiledQuery.raw("commit"));
    } catch (err) {
      outcome = Promise.reject(err);
    }
    outcome.then(
      () => group.members.forEach((m) => m.resolve()),
      (err: unknown) => {
        try {
          this.#connection.executeQuery(CompiledQuery.raw("rollback"));
        } catch {
          // (SQLite ended the transaction itself)
        }
        group.members.forEach((m) => m.reject(err));
      },
    );
  }

  /** Whether SQLite has a transaction open on the connection. */
  #open(): boolean {
    return (this.#database as { inTransaction?: boolean }).inTransaction !== false;
  }

  #run(text: string): Promise<unknown> {
    return this.#connection.executeQuery(CompiledQuery.raw(text));
  }
}

/** Kysely's SQLite connection, as its own driver makes it: statements run synchronously. */
class SqliteStatements implements DatabaseConnection {
  constructor(private readonly database: SqliteDatabase) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const stmt = this.database.prepare(query.sql);
    if (stmt.reader) return Promise.resolve({ rows: stmt.all(query.parameters) as R[] });
    const { changes, lastInsertRowid } = stmt.run(query.parameters);
    return Promise.resolve({
      numAffectedRows: changes === undefined || changes === null ? undefined : BigInt(changes),
      insertId: lastInsertRowid === undefined || lastInsertRowid === null ? undefined : BigInt(lastInsertRowid),
      rows: [],
    });
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(query.query)) throw new Error("SQLite streams select queries only");
    for (const row of this.database.prepare(query.sql).iterate(query.parameters)) yield { rows: [row as R] };
  }
}

/** `savepoint x`, `release x`, `rollback to x` as Kysely's own SQLite driver builds them (the name quoted). */
const parseSavepoint = (command: string, name: string) => RawNode.createWithChildren([RawNode.createWithSql(`${command} `), IdentifierNode.create(name)]);

class WatchedPostgresDriver extends PostgresDriver {
  override async acquireConnection(): Promise<DatabaseConnection> {
    return watchWorkspaceWrites(await super.acquireConnection());
  }
}

/** A dialect class like `Base` whose driver is made by `driver` from the same configuration. */
function withDriver<C>(Base: new (config: C) => Dialect, driver: (config: C) => Driver) {
  return class extends Base {
    readonly #config: C;
    constructor(config: C) {
      super(config);
      this.#config = config;
    }
    override createDriver(): Driver {
      return driver(this.#config);
    }
  };
}

export const YieldingSqliteDialect = withDriver(SqliteDialect, (config: YieldingSqliteConfig) => new YieldingSqliteDriver(config.state, config));
export const WatchedPostgresDialect = withDriver(PostgresDialect, (config: PostgresDialectConfig) => new WatchedPostgresDriver(config));
