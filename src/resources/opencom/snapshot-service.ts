// Snapshots: a workspace's whole state as one JSON document, and loading one back (replacing the
// workspace's state, atomically). The tables come from the resource registry (what each resource owns)
// plus the people of the workspace (admins, teams); access tokens are never exported (they are secrets)
// and are kept on import. Rows keep their ids, so a snapshot restores into the workspace it came from or
// into another store (SQLite ⇄ PostgreSQL); loading it beside the workspace it came from, in one store,
// collides on ids and answers 409.
import { sql, type Kysely } from "kysely";
import type { DB } from "../../db/types.js";
import type { StoreKind } from "../../db/connection.js";
import { ApiError, badRequest, conflict } from "../../platform/errors.js";
import { isUniqueViolation } from "../../platform/db-errors.js";

export const SNAPSHOT_FORMAT = 1;

/** The people of a workspace: kept by a reset, replaced by a snapshot import. Parents first. */
const PEOPLE_TABLES = ["admins", "teams", "team_admins"] as const;

export interface Snapshot {
  type: "opencom.snapshot";
  format: number;
  exported_at: number;
  workspace: { id: string; name: string; region: string; timezone: string; default_version: string; created_at: number };
  /** table name -> rows (every column; workspace_id as exported) */
  tables: Record<string, Array<Record<string, unknown>>>;
}

export interface SnapshotTables {
  /** the tables the resources own, children before parents (the reset order) */
  owned: readonly string[];
}

/** Every table of a snapshot, parents first (the insert order). */
export function snapshotOrder(t: SnapshotTables): string[] {
  return [...PEOPLE_TABLES, ...[...t.owned].reverse()];
}

const stable = (row: Record<string, unknown>) => JSON.stringify(row, Object.keys(row).sort());

/** Columns the store derives itself (PostgreSQL's generated full-text vectors): never exported, dropped on import. */
const DERIVED_COLUMNS = ["search_vector"];
const withoutDerived = (row: Record<string, unknown>) => {
  const out = { ...row };
  for (const col of DERIVED_COLUMNS) delete out[col];
  return out;
};

/** The workspace's state as one document; rows in a stable order, so equal states export equal. */
export async function exportSnapshot(db: Kysely<DB>, wsId: string, t: SnapshotTables, now: number): Promise<Snapshot> {
  const any = db as unknown as Kysely<any>;
  const ws = await db.selectFrom("workspaces").select(["id", "name", "region", "timezone", "default_version", "created_at"]).where("id", "=", wsId).executeTakeFirstOrThrow();
  const tables: Snapshot["tables"] = {};
  for (const table of snapshotOrder(t)) {
    const rows = (await any.selectFrom(table).selectAll().where("workspace_id", "=", wsId).execute()) as Array<Record<string, unknown>>;
    tables[table] = rows.map(withoutDerived).sort((a, b) => (stable(a) < stable(b) ? -1 : 1));
  }
  return { type: "opencom.snapshot", format: SNAPSHOT_FORMAT, exported_at: now, workspace: ws, tables };
}

/** What an import says as it goes (the CLI prints it). */
export type Progress = (table: string, done: number, total: number) => void;

const BATCH_VALUES = 30_000; // under SQLite's limit of bound values per statement

/** Tables older snapshots hold that no longer exist (ticket_jobs: POST /tickets/enqueue's jobs are `jobs` rows since migration 0201). */
const RETIRED = new Set(["ticket_jobs"]);

/** Checks a document before any write: its kind, format, tables and columns. */
/**
 * The columns of the store's tables. PostgreSQL: read from the catalog for opencom's own schema only.
 * Kysely's introspection lists every schema's tables through catalog functions, and a schema dropped
 * meanwhile by another user of the database (another opencom, a parallel test) made it fail ('schema "…"
 * does not exist'): an import answered 500 in the fresh-clone CI run with two test files at once.
 */
async function tableColumns(db: Kysely<DB>, kind: StoreKind): Promise<Map<string, Set<string>>> {
  const columns = new Map<string, Set<string>>();
  if (kind === "postgres") {
    const { rows } = await sql<{ table_name: string; column_name: string }>`
      select c.relname as table_name, a.attname as column_name
      from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped`.execute(db);
    for (const r of rows) columns.set(r.table_name, (columns.get(r.table_name) ?? new Set()).add(r.column_name));
    return columns;
  }
  for (const meta of await db.introspection.getTables()) columns.set(meta.name, new Set(meta.columns.map((c) => c.name)));
  return columns;
}

async function checkSnapshot(db: Kysely<DB>, kind: StoreKind, doc: unknown, known: Set<string>): Promise<Snapshot> {
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) throw badRequest("parameter_invalid", "A snapshot is a JSON object", "body");
  const s = doc as Partial<Snapshot>;
  if (s.type !== "opencom.snapshot") throw badRequest("parameter_invalid", 'type must be "opencom.snapshot"', "type");
  if (s.format !== SNAPSHOT_FORMAT) throw badRequest("parameter_invalid", `format ${String(s.format)} is not supported; this opencom reads format ${SNAPSHOT_FORMAT}`, "format");
  if (!s.tables || typeof s.tables !== "object" || Array.isArray(s.tables)) throw badRequest("parameter_invalid", "tables must be an object of table name -> rows", "tables");
  const columns = await tableColumns(db, kind);
  for (const [table, rows] of Object.entries(s.tables)) {
    // a table since retired (its rows moved elsewhere by a migration): an older snapshot's empty list is ignored
    if (!known.has(table) && RETIRED.has(table) && Array.isArray(rows) && rows.length === 0) continue;
    if (!known.has(table)) throw badRequest("parameter_invalid", `${table} is not a table a snapshot holds`, `tables.${table}`);
    if (!Array.isArray(rows)) throw badRequest("parameter_invalid", `tables.${table} must be an array of rows`, `tables.${table}`);
    const cols = columns.get(table) ?? new Set<string>();
    rows.forEach((row, i) => {
      if (!row || typeof row !== "object" || Array.isArray(row)) throw badRequest("parameter_invalid", `tables.${table}[${i}] must be an object`, `tables.${table}[${i}]`);
      for (const [k, v] of Object.entries(row)) {
        if (!cols.has(k)) throw badRequest("parameter_invalid", `${table} has no column ${k}`, `tables.${table}[${i}].${k}`);
        if (v !== null && typeof v === "object") throw badRequest("parameter_invalid", `tables.${table}[${i}].${k} must be a scalar`, `tables.${table}[${i}].${k}`);
      }
    });
  }
  return s as Snapshot;
}

/**
 * Replaces the workspace's state with a snapshot's, in one transaction: the owned tables and the people
 * are emptied and loaded again with the workspace id rewritten; settings (name, timezone, default version)
 * follow the snapshot. Tokens stay; a token whose admin is gone acts as the first admin.
 */
export async function importSnapshot(
  db: Kysely<DB>,
  kind: StoreKind,
  wsId: string,
  doc: unknown,
  t: SnapshotTables,
  progress?: Progress,
): Promise<{ rows: Record<string, number> }> {
  const order = snapshotOrder(t);
  const snap = await checkSnapshot(db, kind, doc, new Set(order));
  const counts: Record<string, number> = {};
  try {
    await db.transaction().execute(async (tx) => {
      const any = tx as unknown as Kysely<any>;
      for (const table of [...order].reverse()) await any.deleteFrom(table).where("workspace_id", "=", wsId).execute();
      for (const table of order) {
        const rows = (snap.tables[table] ?? []).map((r) => ({ ...withoutDerived(r), workspace_id: wsId }));
        counts[table] = rows.length;
        if (rows.length === 0) continue;
        const width = Math.max(1, Object.keys(rows[0]).length);
        const batch = Math.max(1, Math.floor(BATCH_VALUES / width));
        for (let i = 0; i < rows.length; i += batch) {
          await any.insertInto(table).values(rows.slice(i, i + batch)).execute();
          progress?.(table, Math.min(i + batch, rows.length), rows.length);
        }
        if (kind === "postgres" && "id" in rows[0] && typeof rows[0].id === "number") {
          // explicit ids do not move a serial's sequence: move it past the largest id
          await sql`select setval(pg_get_serial_sequence(${table}, 'id'), greatest((select max(id) from ${sql.table(table)}), 1))`.execute(tx);
        }
      }
      const w = snap.workspace;
      if (w && typeof w === "object") {
        await tx
          .updateTable("workspaces")
          .set({
            ...(typeof w.name === "string" ? { name: w.name } : {}),
            ...(typeof w.timezone === "string" ? { timezone: w.timezone } : {}),
            ...(typeof w.default_version === "string" ? { default_version: w.default_version } : {}),
          })
          .where("id", "=", wsId)
          .execute();
      }
      const first = await tx.selectFrom("admins").select("id").where("workspace_id", "=", wsId).orderBy("id").limit(1).executeTakeFirst();
      await tx
        .updateTable("access_tokens")
        .set({ admin_id: first?.id ?? null })
        .where("workspace_id", "=", wsId)
        .where("admin_id", "is not", null)
        .where("admin_id", "not in", (eb) => eb.selectFrom("admins").select("id").where("workspace_id", "=", wsId))
        .execute();
    });
  } catch (err) {
    if (err instanceof ApiError) throw err;
    if (isUniqueViolation(err)) {
      throw conflict("The snapshot's ids collide with another workspace of this store: import it into the workspace it came from, or into another store");
    }
    throw err;
  }
  return { rows: counts };
}
