// Snapshot files for the command line (opencom export / import, serve --import): reading and writing
// them, and the progress an import shows on the terminal.
import { readFile, writeFile } from "node:fs/promises";
import type { Store } from "./db/connection.js";
import { exportSnapshot, importSnapshot } from "./resources/opencom/snapshot-service.js";
import { ownedTables } from "./resources/index.js";

const snapshotTables = () => ({ owned: ownedTables() });

export async function readSnapshotFile(file: string): Promise<unknown> {
  const text = await readFile(file, "utf8");
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`${file} is not a JSON snapshot: ${(err as Error).message}`);
  }
}

export async function writeSnapshotFile(store: Store, wsId: string, file: string | undefined): Promise<number> {
  const snap = await exportSnapshot(store.db, wsId, snapshotTables(), Math.floor(Date.now() / 1000));
  const text = JSON.stringify(snap) + "\n";
  if (file && file !== "-") await writeFile(file, text);
  else process.stdout.write(text);
  return Object.values(snap.tables).reduce((n, rows) => n + rows.length, 0);
}

/** Loads a snapshot into a workspace; progress lines (a table's rows as they load) go to `say`. */
export async function importSnapshotInto(store: Store, wsId: string, doc: unknown, say?: (line: string) => void): Promise<Record<string, number>> {
  let lastTable = "";
  let lastShown = 0;
  const { rows } = await importSnapshot(store.db, store.kind, wsId, doc, snapshotTables(), (table, done, total) => {
    const now = Date.now();
    if (table !== lastTable || done === total || now - lastShown > 500) {
      say?.(`importing ${table}: ${done}/${total} rows`);
      lastTable = table;
      lastShown = now;
    }
  });
  return rows;
}
