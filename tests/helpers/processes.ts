// opencom as separate processes, for tests of the command line and of several servers on one store.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { dropPgSchema, openStore, type Store } from "../../src/db/connection.js";
import { TEST_DATABASE_URL, usingPostgres } from "./server.js";

export const root = path.resolve(import.meta.dirname, "../..");

/** A store of its own for processes to share: a SQLite directory, or a PostgreSQL schema (per the test store). */
export interface ProcessStore {
  /** the CLI flags that select it */
  args: string[];
  /** opens it in the test process too */
  open(): Promise<Store>;
  remove(): Promise<void>;
}

export async function processStore(prefix: string): Promise<ProcessStore> {
  if (usingPostgres) {
    const schema = `${prefix}_${randomBytes(5).toString("hex")}`;
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    await client.query(`create schema ${schema}`);
    await client.end();
    const url = new URL(TEST_DATABASE_URL);
    url.searchParams.set("options", `-c search_path=${schema}`);
    return {
      args: ["--database-url", url.toString()],
      open: () => openStore({ databaseUrl: TEST_DATABASE_URL, pgSchema: schema, poolSize: 1 }),
      remove: () => dropPgSchema(TEST_DATABASE_URL, schema),
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), `opencom-${prefix}-`));
  return {
    args: ["--data", dir],
    open: () => openStore({ dataDir: dir }),
    remove: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface Served {
  child: ChildProcess;
  url: string;
  token: string;
  workspace: string;
  exited: Promise<number | null>;
}

/** Runs `<command…> serve --port 0 <args>` and resolves once it prints its URL, workspace and token. */
export function serveProcess(command: string[], args: string[]): Promise<Served> {
  const [file, ...pre] = command;
  const child = spawn(file, [...pre, "serve", "--port", "0", "--log-level", "warn", ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stderr!.on("data", (d) => (err += d));
    child.stdout!.on("data", (d) => {
      out += d;
      const url = /serving the Intercom API at (\S+)/.exec(out)?.[1];
      const token = /access token: (\S+)/.exec(out)?.[1];
      const workspace = /workspace:\s+(\S+)/.exec(out)?.[1];
      if (url && token && workspace) resolve({ child, url, token, workspace, exited });
    });
    child.on("exit", (code) => reject(new Error(`serve exited with ${code}: ${err}${out}`)));
  });
}

/** Stops a served process (SIGTERM) and waits for it. */
export async function stopProcess(s: Served): Promise<number | null> {
  if (s.child.exitCode === null) s.child.kill("SIGTERM");
  return s.exited;
}
