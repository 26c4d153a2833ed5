// Which rows a process may keep in memory, and when it must read them again: every statement that
// writes the `workspaces` table through a store of this process moves a generation counter (when it
// runs, and again when its transaction ends), so a cached workspace row tagged with an older generation
// is read again. Changes made by another process sharing the database are not seen here: a cache of
// workspace rows bounds their age by time as well (src/platform/auth.ts).
import type { CompiledQuery, DatabaseConnection, QueryResult } from "kysely";

let generation = 0;

/** Moves on every write to the workspaces table made through this process's stores. */
export const workspaceGeneration = () => generation;

/** The SQL of a write to the workspaces table (Kysely quotes the name; a hand-written one may not). */
const WORKSPACE_WRITE = /^\s*(?:update|insert\s+into|insert\s+or\s+\w+\s+into|replace\s+into|delete\s+from)\s+"?workspaces"?(?:[\s(]|$)/i;

const watched = new WeakSet<DatabaseConnection>();
/** connections whose open transaction wrote the workspaces table */
const wroteWorkspaces = new WeakSet<DatabaseConnection>();

/**
 * Makes a driver's connection report writes to the workspaces table (patched once per connection): the
 * generation moves before and after the statement runs, and after the commit or rollback of a
 * transaction that made one, so a reader that read the row while the transaction was open (PostgreSQL,
 * another pooled connection) cannot keep the old row under the new generation.
 */
export function watchWorkspaceWrites<C extends DatabaseConnection>(connection: C): C {
  if (watched.has(connection)) return connection;
  watched.add(connection);
  const execute = connection.executeQuery.bind(connection);
  connection.executeQuery = (<R>(query: CompiledQuery): Promise<QueryResult<R>> => {
    const text = query.sql;
    if (WORKSPACE_WRITE.test(text)) {
      generation++;
      wroteWorkspaces.add(connection);
      return execute<R>(query).finally(() => void generation++);
    }
    if (wroteWorkspaces.has(connection) && /^\s*(?:commit|rollback|end)\b/i.test(text)) {
      return execute<R>(query).finally(() => {
        generation++;
        wroteWorkspaces.delete(connection);
      });
    }
    return execute<R>(query);
  }) as C["executeQuery"];
  return connection;
}
