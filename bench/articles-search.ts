// Article full-text search latency against GET /articles/{id}, as ratios measured in one run.
//   npx tsx bench/articles-search.ts [--store postgres] [--articles 10000] [--rounds 1000]
// Seeds a workspace of articles (English content, a French translation on every third) straight through
// Kysely, starts a real server in-process and sends the requests interleaved (one of each per round, in
// a shuffled order) over keep-alive HTTP. Prints median and p99 of each and their ratio to GET.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { buildApp } from "../src/app.js";
import { createWorkspace } from "../src/bootstrap.js";
import { dropPgSchema, openStore, type Store } from "../src/db/connection.js";
import { htmlToText, searchText } from "../src/search/fulltext.js";

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const STORE = opt("store", "sqlite");
const N = Number(opt("articles", "10000"));
const ROUNDS = Number(opt("rounds", "1000"));
const WARMUP = 150;
const GATE = 5;
const DATABASE_URL = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

// a vocabulary of 2,000 made-up words, 120 of them in each body: a word is in about 6% of the articles;
// and one rare word per article out of 400 (0.25% of the articles each)
const VOCAB = Array.from({ length: 2000 }, (_, k) => `w${k.toString(36)}x${"abcdefghij"[k % 10]}`);
const TOPICS = ["billing", "password", "shipping", "refund", "account", "invoice", "integration", "export", "privacy", "mobile"];
const NOW = Math.floor(Date.now() / 1000);

async function openBenchStore(): Promise<{ store: Store; cleanup: () => Promise<void> }> {
  if (STORE === "postgres") {
    const schema = `bench_${randomBytes(5).toString("hex")}`;
    const store = await openStore({ databaseUrl: DATABASE_URL, pgSchema: schema, poolSize: 10 });
    return { store, cleanup: () => dropPgSchema(DATABASE_URL, schema) };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "opencom-bench-"));
  const store = await openStore({ dataDir: dir });
  return { store, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

function bodyOf(i: number): string {
  const words: string[] = [];
  for (let j = 0; j < 120; j++) words.push(VOCAB[(i * 31 + j * 17 + ((i * j) % 7)) % VOCAB.length]);
  return `<p>How to handle ${TOPICS[i % TOPICS.length]} questions, part ${i}: see r${i % 400}z.</p><p>${words.join(" ")}</p>`;
}

async function seed(store: Store, ws: string, author: number): Promise<number[]> {
  const ids: number[] = [];
  const batch = 200;
  for (let from = 0; from < N; from += batch) {
    const rows = [];
    for (let i = from; i < Math.min(N, from + batch); i++) {
      const t = NOW - (N - i) * 60;
      rows.push({ workspace_id: ws, parent_id: null, default_locale: "en", state: i % 5 === 0 ? "draft" : "published", author_id: author, views: 0, conversions: 0, created_at: t, updated_at: t });
    }
    const inserted = await store.db.insertInto("articles").values(rows).returning("id").execute();
    const contents = [];
    for (let k = 0; k < inserted.length; k++) {
      const i = from + k;
      const id = Number(inserted[k].id);
      ids.push(id);
      const title = `${TOPICS[i % TOPICS.length]} guide ${i}`;
      const body = bodyOf(i);
      const base = { workspace_id: ws, article_id: id, author_id: author, state: rows[k].state, created_at: rows[k].created_at, updated_at: rows[k].updated_at };
      contents.push({ ...base, locale: "en", title, description: "", body, search_text: searchText(title, "", htmlToText(body)) });
      if (i % 3 === 0) {
        const fr = `Guide ${i} : questions de ${TOPICS[i % TOPICS.length]}`;
        contents.push({ ...base, locale: "fr", title: fr, description: "", body: `<p>${fr}</p>`, search_text: searchText(fr) });
      }
    }
    await store.db.insertInto("article_contents").values(contents).execute();
  }
  await sql`analyze`.execute(store.db);
  return ids;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function main() {
  const { store, cleanup } = await openBenchStore();
  let closeApp: (() => Promise<void>) | null = null;
  try {
    const ws = await createWorkspace(store.db, { name: "bench" });
    const t0 = performance.now();
    const ids = await seed(store, ws.workspaceId, ws.adminId);
    console.log(`store ${store.kind} ${store.engineVersion}: seeded ${N} articles in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const app = await buildApp({ store });
    const address = await app.listen({ host: "127.0.0.1", port: 0 });
    const base = address.replace("[::1]", "127.0.0.1");
    closeApp = () => app.close();
    const headers = { Authorization: `Bearer ${ws.token}`, Accept: "application/json", "Intercom-Version": "2.14" };
    const rnd = (n: number) => Math.floor(Math.random() * n);
    const search = (q: string) => fetch(`${base}/articles/search?${q}`, { headers });

    type Probe = { name: string; gate: number | null; run: () => Promise<Response> };
    const probes: Probe[] = [
      { name: "GET /articles/{id}", gate: null, run: () => fetch(`${base}/articles/${ids[rnd(N)]}`, { headers }) },
      { name: "search a rare word (0.25%)", gate: GATE, run: () => search(`phrase=r${rnd(400)}z`) },
      { name: "search a body word (6%)", gate: GATE, run: () => search(`phrase=${VOCAB[rnd(VOCAB.length)]}`) },
      { name: "search two words, published", gate: GATE, run: () => search(`phrase=${TOPICS[rnd(10)]}%20${VOCAB[rnd(VOCAB.length)]}&state=published`) },
      { name: "search a body word, highlighted", gate: GATE, run: () => search(`phrase=${VOCAB[rnd(VOCAB.length)]}&highlight=true`) },
      { name: "search a topic word (10%)", gate: GATE, run: () => search(`phrase=${TOPICS[rnd(10)]}`) },
      // every article has the word: the whole index is read to count and order the matches
      { name: "search a word of every article (100%)", gate: null, run: () => search("phrase=questions") },
    ];
    // every probe finds something
    for (const p of probes.slice(1)) {
      const body = await (await p.run()).json();
      if (typeof body.total_count !== "number") throw new Error(`${p.name}: ${JSON.stringify(body)}`);
    }

    const times = probes.map(() => [] as number[]);
    for (let round = 0; round < WARMUP + ROUNDS; round++) {
      const order = probes.map((_, i) => i).sort(() => Math.random() - 0.5);
      for (const i of order) {
        const start = performance.now();
        const res = await probes[i].run();
        const body = await res.text();
        const ms = performance.now() - start;
        if (res.status !== 200) throw new Error(`${probes[i].name}: ${res.status} ${body}`);
        if (round >= WARMUP) times[i].push(ms);
      }
    }
    const g = [...times[0]].sort((a, b) => a - b);
    const [getMed, getP99] = [pct(g, 50), pct(g, 99)];
    console.log(`\n${N} articles, ${ROUNDS} interleaved rounds (after ${WARMUP} warm-up), store ${store.kind}`);
    console.log("probe".padEnd(46) + "median ms".padStart(10) + "p99 ms".padStart(10) + "  ratio median / p99 vs GET");
    let failed = false;
    probes.forEach((p, i) => {
      const s = [...times[i]].sort((a, b) => a - b);
      const med = pct(s, 50);
      const p99 = pct(s, 99);
      const rm = med / getMed;
      const rp = p99 / getP99;
      const ok = p.gate === null || (rm <= p.gate && rp <= p.gate);
      if (!ok) failed = true;
      const verdict = p.gate === null ? (i === 0 ? "" : "  (not gated)") : ok ? `  ok (≤ ${p.gate}×)` : `  OVER ${p.gate}×`;
      console.log(p.name.padEnd(46) + med.toFixed(3).padStart(10) + p99.toFixed(3).padStart(10) + (i === 0 ? "" : `  ${rm.toFixed(2)}× / ${rp.toFixed(2)}×`) + verdict);
    });
    process.exitCode = failed ? 1 : 0;
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
