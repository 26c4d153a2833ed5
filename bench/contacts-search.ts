// Contact search latency against GET /contacts/{id}, as ratios measured in one run.
//   npx tsx bench/contacts-search.ts [--store postgres] [--contacts 100000] [--rounds 1500]
// Seeds a workspace of contacts straight through Kysely, starts a real server in-process and sends the
// requests interleaved (one of each per round, in a shuffled order) over keep-alive HTTP. Prints the
// query plans of the searches, then median and p99 of each and their ratio to GET.
import { newDataAttributeRow } from "../src/resources/data_attributes/service.js";
import { CompiledQuery, createQueryId, sql, type KyselyPlugin, type RootOperationNode } from "kysely";
import { buildApp } from "../src/app.js";
import { createWorkspace } from "../src/bootstrap.js";
import type { Store } from "../src/db/connection.js";
import type { ContactsTable } from "../src/db/types.js";
import { newContactRow } from "../src/resources/contacts/service.js";
import { workspaceForToken } from "../src/platform/auth.js";
import type { Ctx } from "../src/platform/http.js";
import { serviceCtx } from "../src/platform/http.js";
import { searchContacts } from "../src/resources/contacts/search.js";
import { openBenchStore, runAgainstBaseline, type Probe } from "./lib.js";

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const STORE = opt("store", "sqlite");
const N = Number(opt("contacts", "100000"));
const ROUNDS = Number(opt("rounds", "1500"));
const WARMUP = 200;
const DOMAINS = 1000;
const DATABASE_URL = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

const NAMES = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Margaret", "Ken", "Dennis", "Frances", "John", "Radia"];
const PLANS = ["free", "starter", "pro", "enterprise"];
const DAY = 86400;
const NOW = Math.floor(Date.now() / 1000);
const START = NOW - 730 * DAY;


function contact(ws: string, i: number): ContactsTable {
  const created = START + Math.floor((i / N) * 730 * DAY);
  return newContactRow(ws, {
    role: i % 10 < 7 ? "user" : "lead",
    external_id: i % 10 < 7 ? `ext-${i}` : null,
    email: `${NAMES[i % NAMES.length].toLowerCase()}.${i}@company${i % DOMAINS}.example.com`,
    phone: i % 3 === 0 ? `+1 555 ${String(i).padStart(7, "0")}` : null,
    name: `${NAMES[i % NAMES.length]} ${NAMES[(i * 7) % NAMES.length]}son`,
    has_hard_bounced: i % 97 === 0 ? 1 : 0,
    unsubscribed_from_emails: i % 13 === 0 ? 1 : 0,
    created_at: created,
    updated_at: created + (i % 50) * DAY,
    signed_up_at: i % 10 < 7 ? created : null,
    last_seen_at: i % 4 === 0 ? null : created + (i % 300) * DAY,
    browser: ["chrome", "firefox", "safari"][i % 3],
    browser_language: "en",
    os: ["macOS", "Windows", "Linux", "iOS"][i % 4],
    location_country: ["France", "Ireland", "United States", "Japan"][i % 4],
    custom_attributes: JSON.stringify({ plan: PLANS[i % PLANS.length], seats: i % 200 }),
  });
}

async function seed(store: Store, ws: string): Promise<string[]> {
  const ids: string[] = [];
  const batch = 400;
  await store.db
    .insertInto("data_attributes")
    .values(
      [
        ["plan", "string"],
        ["seats", "integer"],
      ].map(([name, type]) => newDataAttributeRow(ws, { model: "contact", name, data_type: type, created_at: NOW })),
    )
    .execute();
  for (let from = 0; from < N; from += batch) {
    const rows: ContactsTable[] = [];
    for (let i = from; i < Math.min(N, from + batch); i++) {
      const row = contact(ws, i);
      ids.push(row.id);
      rows.push(row);
    }
    await store.db.insertInto("contacts").values(rows).execute();
  }
  await sql`analyze`.execute(store.db);
  return ids;
}


/** Runs a search as the route does, capturing its SQL, and prints the plan of each statement. */
async function explain(store: Store, c: Ctx, label: string, query: unknown) {
  // transformQuery also sees subqueries as they are built; keep the statements that returned results
  const seen = new Map<unknown, RootOperationNode>();
  const captured: RootOperationNode[] = [];
  const capture: KyselyPlugin = {
    transformQuery: (a) => (seen.set(a.queryId, a.node), a.node),
    transformResult: async (a) => (captured.push(seen.get(a.queryId)!), a.result),
  };
  const db = store.db.withPlugin(capture);
  await searchContacts({ ...c, db }, { query });
  const prefix = store.kind === "postgres" ? "explain " : "explain query plan ";
  console.log(`\n  plans: ${label}`);
  for (const node of captured) {
    if (node.kind !== "SelectQueryNode") continue;
    const compiled = store.db.getExecutor().compileQuery(node, createQueryId());
    const res = await store.db.executeQuery(CompiledQuery.raw(prefix + compiled.sql, [...compiled.parameters]));
    const lines = (res.rows as Array<Record<string, unknown>>).map((r) => String(r["QUERY PLAN"] ?? r.detail));
    if (process.env.BENCH_SQL) console.log("    " + compiled.sql);
    console.log(`    ${lines.join("\n    ")}\n    --`);
  }
}

async function main() {
  const { store, cleanup } = await openBenchStore(STORE, DATABASE_URL);
  let closeApp: (() => Promise<void>) | null = null;
  try {
    const ws = await createWorkspace(store.db, { name: "bench" });
    const t0 = performance.now();
    const ids = await seed(store, ws.workspaceId);
    console.log(`store ${store.kind} ${store.engineVersion}: seeded ${N} contacts in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const app = await buildApp({ store });
    const address = await app.listen({ host: "127.0.0.1", port: 0 });
    const base = address.replace("[::1]", "127.0.0.1");
    closeApp = () => app.close();
    const headers = { Authorization: `Bearer ${ws.token}`, Accept: "application/json", "Content-Type": "application/json", "Intercom-Version": "2.14" };

    const rnd = (n: number) => Math.floor(Math.random() * n);
    const userIndex = () => {
      for (;;) {
        const i = rnd(N);
        if (i % 10 < 7) return i;
      }
    };
    const typicalQuery = (i: number) => ({
      operator: "AND",
      value: [
        { field: "email_domain", operator: "=", value: `company${i % DOMAINS}.example.com` },
        { field: "role", operator: "=", value: "user" },
        { field: "created_at", operator: ">", value: START + 180 * DAY },
      ],
    });
    const broadQuery = (days = 30) => ({
      operator: "AND",
      value: [
        { field: "role", operator: "=", value: "user" },
        { field: "custom_attributes.plan", operator: "=", value: PLANS[rnd(PLANS.length)] },
        { field: "created_at", operator: ">", value: NOW - days * DAY },
      ],
    });

    const search = (query: unknown) => fetch(`${base}/contacts/search`, { method: "POST", headers, body: JSON.stringify({ query }) });
    const probes: Probe[] = [
      { name: "GET /contacts/{id}", gate: null, run: () => fetch(`${base}/contacts/${ids[rnd(N)]}`, { headers }) },
      { name: "search email =", gate: 2, run: () => search({ field: "email", operator: "=", value: contact("", userIndex()).email!.toUpperCase() }) },
      { name: "search external_id =", gate: 2, run: () => search({ field: "external_id", operator: "=", value: `ext-${userIndex()}` }) },
      { name: "search 3-filter AND (domain, role, created_at)", gate: 20, run: () => search(typicalQuery(rnd(DOMAINS))) },
      { name: "search 3-filter AND (role, custom plan, last 30 days)", gate: 20, run: () => search(broadQuery()) },
      // half the workspace passes the date filter: every candidate's JSON is read to count the matches
      { name: "search 3-filter AND, wide (role, custom plan, last year)", gate: null, run: () => search(broadQuery(365)) },
    ];

    const wsRow = (await workspaceForToken(store.db, ws.token))!;
    const c: Ctx = serviceCtx(store.db, store.kind, wsRow, "2.14");
    await explain(store, c, "email =", { field: "email", operator: "=", value: "ada.12@company12.example.com" });
    await explain(store, c, "external_id =", { field: "external_id", operator: "=", value: "ext-12" });
    await explain(store, c, "3-filter AND", typicalQuery(12));
    await explain(store, c, "3-filter AND, custom attribute", broadQuery());
    await explain(store, c, "3-filter AND, wide", broadQuery(365));

    const held = await runAgainstBaseline(probes, { warmup: WARMUP, rounds: ROUNDS, title: `${N} contacts, store ${store.kind}`, width: 62 });
    process.exitCode = held ? 0 : 1;
  } finally {
    if (closeApp) await closeApp();
    await store.close();
    await cleanup();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
