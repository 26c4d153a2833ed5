// GET /contacts: does the last page cost the same as the first? Keyset pagination says it should.
//
//   npx tsx bench/contacts-pagination.ts [--store sqlite|postgres] [--contacts 100000] [--reps 300] [--per-page 50]
//   npm run bench:pagination -- --store postgres
//
// Seeds the contacts straight through Kysely in batches, starts a real server in-process, walks the
// cursors to the last page, then times the first and the last page alternately and prints median and
// p99 of each and their ratio (target: last/first ≤ 1.5). It also prints the plans of the page and count
// queries the server ran for the last page, and fails if the page query does not use the list index.
// PostgreSQL: TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), in a schema dropped at the end.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { sql, type CompiledQuery, type KyselyPlugin, type QueryResult, type RootOperationNode, type UnknownRow } from "kysely";
import { buildApp } from "../src/app.js";
import { createWorkspace } from "../src/bootstrap.js";
import { dropPgSchema, openStore, type Store } from "../src/db/connection.js";
import type { Ctx } from "../src/platform/http.js";
import { serviceCtx } from "../src/platform/http.js";
import { readPageRequest } from "../src/platform/pagination.js";
import { listContacts, newContactRow } from "../src/resources/contacts/service.js";

const LIST_INDEX = "contacts_ws_active_created";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const storeKind = arg("store", "sqlite");
const CONTACTS = Number(arg("contacts", "100000"));
const REPS = Number(arg("reps", "300"));
const PER_PAGE = Number(arg("per-page", "50"));
const DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

async function seed(store: Store, wsId: string): Promise<void> {
  // several contacts share a second, as they do in real imports; ids break the ties
  const base = Math.floor(Date.now() / 1000) - CONTACTS;
  const batch = 500; // 46 columns a row: SQLite binds at most 32,766 values a statement
  const started = performance.now();
  for (let from = 0; from < CONTACTS; from += batch) {
    const rows = [];
    for (let i = from; i < Math.min(CONTACTS, from + batch); i++) {
      const created = base + Math.floor(i / 3);
      rows.push(
        newContactRow(wsId, {
          role: i % 10 === 0 ? "lead" : "user",
          email: `person${i}@bench.example`,
          name: `Person ${i}`,
          created_at: created,
        }),
      );
    }
    await store.db.insertInto("contacts").values(rows).execute();
  }
  await sql`analyze`.execute(store.db);
  console.log(`seeded ${CONTACTS} contacts in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** Captures the SQL a service runs, to EXPLAIN exactly what the server executes. */
function captureQueries(store: Store, out: CompiledQuery[]): KyselyPlugin {
  return {
    transformQuery({ node, queryId }) {
      out.push(store.db.getExecutor().compileQuery(node as RootOperationNode, queryId));
      return node;
    },
    async transformResult({ result }): Promise<QueryResult<UnknownRow>> {
      return result;
    },
  };
}

async function explain(store: Store, q: CompiledQuery): Promise<string> {
  const prefix = store.kind === "sqlite" ? "explain query plan " : "explain ";
  const res = await store.db.executeQuery({ ...q, sql: prefix + q.sql, query: q.query });
  return res.rows.map((r) => String((r as Record<string, unknown>).detail ?? (r as Record<string, unknown>)["QUERY PLAN"])).join("\n    ");
}

async function main() {
  const dir = storeKind === "sqlite" ? mkdtempSync(path.join(tmpdir(), "opencom-bench-")) : null;
  const schema = storeKind === "postgres" ? `bench_${randomBytes(5).toString("hex")}` : undefined;
  const store = storeKind === "postgres" ? await openStore({ databaseUrl: DATABASE_URL, pgSchema: schema, poolSize: 4 }) : await openStore({ dataDir: dir! });
  const app = await buildApp({ store });
  try {
    console.log(`store: ${store.kind} ${store.engineVersion} (${store.location}), ${CONTACTS} contacts, per_page ${PER_PAGE}, ${REPS} repetitions`);
    const ws = await createWorkspace(store.db, { name: "Bench" });
    await seed(store, ws.workspaceId);
    const url = (await app.listen({ host: "127.0.0.1", port: 0 })).replace("[::1]", "127.0.0.1");
    const get = async (query: string) => {
      const res = await fetch(`${url}/contacts?${query}`, { headers: { Authorization: `Bearer ${ws.token}`, Accept: "application/json" } });
      if (res.status !== 200) throw new Error(`GET /contacts?${query}: ${res.status} ${await res.text()}`);
      return (await res.json()) as { data: unknown[]; total_count: number; pages: { page: number; total_pages: number; next?: { starting_after: string } } };
    };

    // walk to the last page
    const walkStart = performance.now();
    let cursor: string | undefined;
    let lastCursor: string | undefined;
    let pages = 0;
    let seen = 0;
    do {
      const body = await get(new URLSearchParams({ per_page: String(PER_PAGE), ...(cursor ? { starting_after: cursor } : {}) }).toString());
      pages++;
      seen += body.data.length;
      if (body.pages.next) lastCursor = body.pages.next.starting_after;
      cursor = body.pages.next?.starting_after;
    } while (cursor);
    if (seen !== CONTACTS) throw new Error(`the walk saw ${seen} contacts, expected ${CONTACTS}`);
    console.log(`walked ${pages} pages (${seen} contacts, each once) in ${((performance.now() - walkStart) / 1000).toFixed(1)} s`);

    const firstQuery = `per_page=${PER_PAGE}`;
    const lastQuery = `per_page=${PER_PAGE}&starting_after=${encodeURIComponent(lastCursor!)}`;
    for (let i = 0; i < 20; i++) await get(i % 2 ? lastQuery : firstQuery); // warm up
    const first: number[] = [];
    const last: number[] = [];
    for (let i = 0; i < REPS; i++) {
      for (const [q, into] of (i % 2 ? [[lastQuery, last], [firstQuery, first]] : [[firstQuery, first], [lastQuery, last]]) as Array<[string, number[]]>) {
        const t = performance.now();
        await get(q);
        into.push(performance.now() - t);
      }
    }
    const m1 = quantile(first, 0.5);
    const m2 = quantile(last, 0.5);
    const p1 = quantile(first, 0.99);
    const p2 = quantile(last, 0.99);
    console.log(`first page: median ${fmt(m1)}, p99 ${fmt(p1)}`);
    console.log(`last page (${pages}): median ${fmt(m2)}, p99 ${fmt(p2)}`);
    console.log(`ratio last/first: median ${(m2 / m1).toFixed(2)}, p99 ${(p2 / p1).toFixed(2)} (target ≤ 1.5)`);

    // the plans of the queries the server runs for the last page
    const captured: CompiledQuery[] = [];
    const wsRow = await store.db.selectFrom("workspaces").selectAll().where("id", "=", ws.workspaceId).executeTakeFirstOrThrow();
    const c: Ctx = serviceCtx(store.db.withPlugin(captureQueries(store, captured)), store.kind, { ...wsRow, token_admin_id: ws.adminId }, "2.14");
    await listContacts(c, readPageRequest({ per_page: PER_PAGE, starting_after: lastCursor }));
    for (const q of captured) {
      const plan = await explain(store, q);
      console.log(`\n${q.sql}\n    ${plan}`);
      // the page itself must be a range scan of the index; the count may be a full scan when, as here,
      // one workspace holds the whole table (PostgreSQL rightly prefers a sequential scan then)
      if (/order by/i.test(q.sql) && !plan.includes(LIST_INDEX)) {
        console.error(`\nFAIL: the page query does not use ${LIST_INDEX}`);
        process.exitCode = 1;
      }
    }
    if (m2 / m1 > 1.5) {
      console.error(`\nFAIL: last/first median ratio ${(m2 / m1).toFixed(2)} is above 1.5`);
      process.exitCode = 1;
    }
  } finally {
    await app.close();
    await store.close();
    if (schema) await dropPgSchema(DATABASE_URL, schema);
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
