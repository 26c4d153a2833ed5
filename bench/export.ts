// The content data export over 100,000 messages: progress on the way, peak RSS, then the download.
//
//   npx tsx bench/export.ts [--store sqlite|postgres] [--messages 100000]
//   npm run bench:export -- --store postgres
//
// Seeds --messages admin replies (spread over 200 conversations) straight through Kysely, starts a real
// server in-process (its job worker does the export), asks for the export, prints its progress
// (GET /_opencom/jobs/{id}) and the process's RSS every second, then streams the download through
// gunzip and csv-parse and counts the rows. The export writes one gzip member per 1,000 rows, so its
// memory does not grow with the size of the range: the peak RSS above the seeded baseline is the figure.
// PostgreSQL: TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), in a schema dropped at the end.
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { parse } from "csv-parse";
import { sql } from "kysely";
import { buildApp } from "../src/app.js";
import { createWorkspace } from "../src/bootstrap.js";
import { dropPgSchema, openStore } from "../src/db/connection.js";
import { newContactRow } from "../src/resources/contacts/service.js";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const storeKind = arg("store", "sqlite");
const MESSAGES = Number(arg("messages", "100000"));
const CONVERSATIONS = 200;
const DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

async function main() {
  const schema = storeKind === "postgres" ? `bench_${randomBytes(4).toString("hex")}` : undefined;
  const store = storeKind === "postgres" ? await openStore({ databaseUrl: DATABASE_URL, pgSchema: schema }) : await openStore({ dataDir: ":memory:" });
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    const app = await buildApp({ store });
    const base = (await app.listen({ host: "127.0.0.1", port: 0 })).replace("[::1]", "127.0.0.1");
    const ws = await createWorkspace(store.db, { name: "Bench" });
    const headers = { Authorization: `Bearer ${ws.token}`, "Content-Type": "application/json", Accept: "application/json" };
    const call = async (path: string, body?: unknown) => {
      const res = await fetch(base + path, { method: body === undefined ? "GET" : "POST", headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const json = await res.json();
      if (res.status !== 200) throw new Error(`${path} → ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    const now = Math.floor(Date.now() / 1000);
    const started = performance.now();
    const convIds: number[] = [];
    for (let c = 0; c < CONVERSATIONS; c++) {
      const contact = newContactRow(ws.workspaceId, { email: `bench${c}@bench.example`, name: `Bench ${c}`, external_id: `b${c}`, role: "user", created_at: now });
      await store.db.insertInto("contacts").values(contact).execute();
      convIds.push(Number((await call("/conversations", { from: { type: "user", id: contact.id }, body: "Hello" })).conversation_id));
    }
    const batch = 500;
    for (let from = 0; from < MESSAGES; from += batch) {
      const rows = [];
      for (let i = from; i < Math.min(MESSAGES, from + batch); i++) {
        rows.push({
          workspace_id: ws.workspaceId, conversation_id: convIds[i % CONVERSATIONS], seq: 10 + Math.floor(i / CONVERSATIONS), part_type: "comment",
          body: `<p>reply ${i}</p>`, author_type: "admin", author_id: String(ws.adminId),
          assigned_to_type: null, assigned_to_id: null, attachments: "[]", external_id: null, redacted: 0, state: "open", created_at: now - MESSAGES + i, updated_at: now,
        });
      }
      await store.db.insertInto("conversation_parts").values(rows).execute();
    }
    await sql`analyze`.execute(store.db);
    const baseline = process.memoryUsage().rss;
    peak = baseline;
    console.log(`${storeKind}: seeded ${MESSAGES} messages in ${((performance.now() - started) / 1000).toFixed(1)} s; RSS ${mb(baseline)}`);

    const t0 = performance.now();
    const job = await call("/export/content/data", { created_at_after: now - MESSAGES - 10, created_at_before: now + 10 });
    let status = job.status as string;
    let lastPrint = 0;
    while (status !== "completed") {
      await new Promise((r) => setTimeout(r, 100));
      const p = await call(`/_opencom/jobs/${job.job_identifier}`);
      status = p.status;
      if (status === "failed" || status === "canceled") throw new Error(`export ${status}: ${p.error}`);
      if (performance.now() - lastPrint > 1000 || status === "completed") {
        lastPrint = performance.now();
        console.log(`  ${((performance.now() - t0) / 1000).toFixed(1)} s  ${status.padEnd(11)} ${p.processed}/${p.total ?? "?"}  RSS ${mb(process.memoryUsage().rss)}`);
      }
    }
    const exportS = (performance.now() - t0) / 1000;
    const exportPeak = peak;

    const t1 = performance.now();
    const res = await fetch(`${base}/download/content/data/${job.job_identifier}`, { headers: { ...headers, Accept: "application/octet-stream" } });
    let rows = 0;
    let bytes = 0;
    const counter = parse({ columns: true });
    counter.on("data", () => rows++);
    const body = Readable.fromWeb(res.body as never);
    body.on("data", (d: Buffer) => (bytes += d.length));
    await pipeline(body, createGunzip(), counter);
    const downloadS = (performance.now() - t1) / 1000;
    if (rows !== MESSAGES) throw new Error(`downloaded ${rows} rows, expected ${MESSAGES}`);
    console.log(`${storeKind}: export of ${MESSAGES} messages in ${exportS.toFixed(1)} s (${Math.round(MESSAGES / exportS)} rows/s); peak RSS ${mb(exportPeak)} (+${mb(exportPeak - baseline)} over the seeded baseline)`);
    console.log(`${storeKind}: download ${mb(bytes)} gzip, ${rows} CSV rows parsed in ${downloadS.toFixed(1)} s; peak RSS ${mb(peak)}`);
    await app.close();
  } finally {
    clearInterval(sampler);
    await store.close();
    if (schema) await dropPgSchema(DATABASE_URL, schema);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
