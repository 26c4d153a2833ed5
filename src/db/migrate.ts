// Versioned migrations, run at start. Migrations are plain modules listed in migrations/index.ts.
import { Migrator, type Kysely, type Migration, type MigrationProvider } from "kysely";
import type { StoreKind } from "./connection.js";
import { migrations } from "./migrations/index.js";

export async function migrateToLatest(db: Kysely<any>, kind: StoreKind, schema?: string): Promise<void> {
  const provider: MigrationProvider = {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const [name, make] of Object.entries(migrations)) out[name] = make(kind);
      return out;
    },
  };
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: "opencom_migrations",
    migrationLockTableName: "opencom_migrations_lock",
    // PostgreSQL: look for the migration tables in our own schema only, not in any schema of the database
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  // Several processes may start on one database at the same moment. Each migration runs in a transaction
  // (both stores have transactional DDL), so a process that loses a race rolls back cleanly and, trying
  // again, finds the work done by the winner. SQLite has no migration lock of its own; this is it.
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await migrator.migrateToLatest();
    if (!error) return;
    if (attempt >= MIGRATION_ATTEMPTS) {
      const failed = results?.find((r) => r.status === "Error");
      throw new Error(`migration ${failed?.migrationName ?? "?"} failed: ${(error as Error).message ?? error}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 100));
  }
}

const MIGRATION_ATTEMPTS = 5;
