// Starts a real opencom server on an ephemeral port for end-to-end tests, on SQLite (default)
// or PostgreSQL (OPENCOM_TEST_STORE=postgres; each server gets its own schema, dropped at close).
import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { createHash, randomBytes } from "node:crypto";
import { IntercomClient } from "intercom-client";
import { buildApp, type RecordedExchange } from "../../src/app.js";
import { dropPgSchema, openStore, type Store } from "../../src/db/connection.js";
import { createWorkspace, type CreatedWorkspace } from "../../src/bootstrap.js";
import type { App } from "../../src/platform/http.js";

export const usingPostgres = process.env.OPENCOM_TEST_STORE === "postgres";
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** The conformance check sets OPENCOM_RECORD_DIR: every distinct response is appended there as JSON lines. */
function recorder(): ((x: RecordedExchange) => void) | undefined {
  const dir = process.env.OPENCOM_RECORD_DIR;
  if (!dir) return undefined;
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${process.pid}-${randomBytes(4).toString("hex")}.jsonl`);
  // An exchange the server already answered the same way (operation, status, version and body) validates
  // the same: it is written once. The robustness walk reads the same ~60 paths after every refused write,
  // which without this wrote 190,000 lines (315 MB) per shard for the check to validate again and again.
  const seen = new Set<string>();
  return (x) => {
    const key = createHash("sha1").update(`${x.method} ${x.route} ${x.status} ${x.version}\n`).update(x.body).digest("base64");
    if (seen.has(key)) return;
    seen.add(key);
    appendFileSync(file, JSON.stringify(x) + "\n");
  };
}

export interface TestWorkspace extends CreatedWorkspace {
  client: IntercomClient;
  /** fetch against the server with this workspace's token (and JSON content type when a body is given) */
  api: (path: string, init?: ApiInit) => Promise<ApiResponse>;
}

export interface ApiInit {
  method?: string;
  body?: unknown;
  version?: string;
  headers?: Record<string, string>;
  token?: string | null;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

export interface TestServer {
  url: string;
  app: App;
  store: Store;
  /** the first workspace */
  ws: TestWorkspace;
  /** creates another workspace with its own token */
  newWorkspace(name?: string): Promise<TestWorkspace>;
  close(): Promise<void>;
}

export async function startTestServer(): Promise<TestServer> {
  const schema = usingPostgres ? `t_${randomBytes(6).toString("hex")}` : undefined;
  const store = usingPostgres
    ? await openStore({ databaseUrl: TEST_DATABASE_URL, pgSchema: schema, poolSize: 4 })
    : await openStore({ dataDir: ":memory:" });
  const app = await buildApp({ store, record: recorder() });
  const address = await app.listen({ host: "127.0.0.1", port: 0 });
  const url = address.replace("[::1]", "127.0.0.1");

  const makeWs = async (name?: string): Promise<TestWorkspace> => {
    const created = await createWorkspace(store.db, { name });
    return {
      ...created,
      client: new IntercomClient({ token: created.token, baseUrl: url }),
      api: (p, init) => call(url, created.token, p, init),
    };
  };
  const ws = await makeWs("Test workspace");
  return {
    url,
    app,
    store,
    ws,
    newWorkspace: makeWs,
    async close() {
      await app.close();
      await store.close();
      if (schema) await dropPgSchema(TEST_DATABASE_URL, schema);
    },
  };
}

export async function call(base: string, token: string, p: string, init: ApiInit = {}): Promise<ApiResponse> {
  const headers: Record<string, string> = { Accept: "application/json", ...(init.headers ?? {}) };
  const tok = init.token === undefined ? token : init.token;
  if (tok !== null) headers.Authorization = `Bearer ${tok}`;
  if (init.version) headers["Intercom-Version"] = init.version;
  let body: string | undefined;
  if (init.body !== undefined) {
    body = typeof init.body === "string" ? init.body : JSON.stringify(init.body);
    headers["Content-Type"] ??= "application/json";
  }
  const res = await fetch(base + p, { method: init.method ?? (body ? "POST" : "GET"), headers, body });
  const text = await res.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

/** Asserts the shape of an Intercom error.list and returns its first error. */
export function expectErrorList(res: ApiResponse, status: number, code?: string) {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${res.text}`);
  const b = res.body;
  if (!b || b.type !== "error.list" || !Array.isArray(b.errors) || b.errors.length === 0 || typeof b.request_id !== "string") {
    throw new Error(`not an error.list: ${res.text}`);
  }
  if (code && b.errors[0].code !== code) throw new Error(`expected code ${code}, got ${b.errors[0].code}: ${res.text}`);
  return b.errors[0] as { code: string; message: string; field?: string };
}
