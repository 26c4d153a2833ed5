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
