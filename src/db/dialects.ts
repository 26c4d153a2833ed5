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
import { PostgresDialect, PostgresDriver, SqliteDialect, SqliteDriver, type DatabaseConnection, type Dialect, type Driver, type PostgresDialectConfig, type SqliteDialectConfig } from "kysely";
import { watchWorkspaceWrites } from "./watch.js";

/** Whether a statement or a transaction holds the one SQLite connection (src/db/compiled.ts reads when it does not). */
export interface ConnectionState {
  held: boolean;
}

export type YieldingSqliteConfig = SqliteDialectConfig & { state?: ConnectionState };

class YieldingSqliteDriver extends SqliteDriver {
  constructor(private readonly state: ConnectionState = { held: false }, config: SqliteDialectConfig) {
    super(config);
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    const connection = await super.acquireConnection();
    this.state.held = true;
    await new Promise<void>((resolve) => setImmediate(resolve));
    return watchWorkspaceWrites(connection);
  }

  override async releaseConnection(): Promise<void> {
    this.state.held = false;
    return super.releaseConnection();
  }
}

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
