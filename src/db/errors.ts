// Recognising database errors that are part of the contract (not bugs), on SQLite and PostgreSQL alike.

/**
 * Whether an error is a unique-constraint violation: SQLite SQLITE_CONSTRAINT_UNIQUE (or a primary key),
 * PostgreSQL 23505. Services catch it around an insert/update and turn it into a 409, so that
 * uniqueness holds under concurrent requests (never read-then-write).
 */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "23505";
}

/**
 * Whether an error is a foreign-key violation: SQLite SQLITE_CONSTRAINT_FOREIGNKEY, PostgreSQL 23503.
 * It means a write referred to a row that a concurrent request deleted: the error handler answers 404.
 */
export function isForeignKeyViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === "SQLITE_CONSTRAINT_FOREIGNKEY" || code === "23503";
}

/**
 * Whether two transactions collided in a way the database resolved by failing one: a PostgreSQL
 * deadlock (40P01) or serialization failure (40001). The request did nothing; the error handler answers 409.
 */
export function isTransactionConflict(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === "40P01" || code === "40001";
}

/**
 * Whether the store is overloaded: no pooled PostgreSQL connection became free within the bounded
 * wait, a statement ran past the statement timeout (57014), the server refuses more connections
 * (53300), or another process held SQLite's write lock past the busy timeout. The error handler
 * answers 503 service_unavailable with Retry-After.
 */
export function isOverload(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  if (!e) return false;
  if (e.code === "57014" || e.code === "53300" || e.code === "SQLITE_BUSY" || e.code === "SQLITE_BUSY_SNAPSHOT") return true;
  return typeof e.message === "string" && /timeout exceeded when trying to connect|Connection terminated due to connection timeout/.test(e.message);
}
