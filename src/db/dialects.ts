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
import { PostgresDialect, PostgresDriver, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver } from "kysely";
import { watchWorkspaceWrites } from "./watch.js";

class YieldingSqliteDriver extends SqliteDriver {
  override async acquireConnection(): Promise<DatabaseConnection> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    const connection = await super.acquireConnection();
    await new Promise<void>((resolve) => setImmediate(resolve));
    return watchWorkspaceWrites(connection);
  }
}

export class YieldingSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];
  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new YieldingSqliteDriver(this.#config);
  }
}

class WatchedPostgresDriver extends PostgresDriver {
  override async acquireConnection(): Promise<DatabaseConnection> {
    return watchWorkspaceWrites(await super.acquireConnection());
  }
}

export class WatchedPostgresDialect extends PostgresDialect {
  readonly #config: ConstructorParameters<typeof PostgresDialect>[0];
  constructor(config: ConstructorParameters<typeof PostgresDialect>[0]) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new WatchedPostgresDriver(this.#config);
  }
}
