// Article full-text search latency against GET /articles/{id}, as ratios measured in one run.
//   npx tsx bench/articles-search.ts [--store postgres] [--articles 10000] [--rounds 1000]
// Seeds a workspace of articles (English content, a French translation on every third) straight through
// Kysely, starts a real server in-process and sends the requests interleaved (one of each per round, in
// a shuffled order) over keep-alive HTTP. Prints median and p99 of each and their ratio to GET.
import { sql } from "kysely";
import { buildApp } from "../src/app.js";
import { createWorkspace } from "../src/bootstrap.js";
import type { Store } from "../src/db/connection.js";
import { htmlToText, searchText } from "../src/search/fulltext.js";
import { openBenchStore, runAgainstBaseline, type Probe } from "./lib.js";

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


async function main() {
  const { store, cleanup } = await openBenchStore(STORE, DATABASE_URL);
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

    const held = await runAgainstBaseline(probes, { warmup: WARMUP, rounds: ROUNDS, title: `${N} articles, store ${store.kind}`, width: 46 });
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
