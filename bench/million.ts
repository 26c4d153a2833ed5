// A store of 1,000,000 contacts, served: the server's memory, and whether a page costs the same at any depth.
//
//   npm run bench:million [-- --store sqlite|postgres] [--contacts 1000000] [--clients 8]
//
// Seeds the contacts straight through Kysely into a fresh store (in this process, which then closes it),
// starts `bin/opencom serve` on that store in a process of its own (built by the npm script), and:
//  1. walks GET /contacts?per_page=150 from the first page to the last, timing every page;
//  2. walks a search that matches a tenth of the store (role = lead, 150 a page) to its end;
//  3. runs indexed-equality searches and reads by id;
//  4. has `--clients` clients walk pages of 150 at once, from the start and from the deepest cursor.
// It samples the server's RSS every 50 ms and prints its peak (VmHWM) and the cost of the first pages
// against the last ones. Gates: peak RSS < 300 MB; the last pages' median ≤ 1.5 × the first pages'.
// PostgreSQL: TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), in a schema dropped at the end.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { createWorkspace } from "../src/bootstrap.js";
import { newContactRow } from "../src/resources/contacts/service.js";
import { dropPgSchema, openStore } from "../src/db/connection.js";
import { pct } from "./lib.js";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const storeKind = arg("store", "sqlite");
const CONTACTS = Number(arg("contacts", "1000000"));
const CLIENTS = Number(arg("clients", "8"));
const DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const PER_PAGE = 150;

async function seed(): Promise<{ args: string[]; token: string; cleanup: () => Promise<void> }> {
  const dir = storeKind === "sqlite" ? mkdtempSync(path.join(tmpdir(), "opencom-million-")) : null;
  const schema = `million_${randomBytes(5).toString("hex")}`;
  const store = dir ? await openStore({ dataDir: dir }) : await openStore({ databaseUrl: DATABASE_URL, pgSchema: schema, poolSize: 2 });
  const cleanup = async () => (dir ? rmSync(dir, { recursive: true, force: true }) : dropPgSchema(DATABASE_URL, schema));
  const ws = await createWorkspace(store.db, { name: "Million" });
  const base = Math.floor(Date.now() / 1000) - CONTACTS;
  const batch = 500;
  const started = performance.now();
  for (let from = 0; from < CONTACTS; from += batch) {
    const rows = [];
    for (let i = from; i < Math.min(CONTACTS, from + batch); i++) {
      rows.push(
        newContactRow(ws.workspaceId, {
          role: i % 10 === 0 ? "lead" : "user",
          email: `person${i}@million.example`,
          external_id: i % 10 === 0 ? null : `ext-${i}`,
          name: `Person ${i}`,
          phone: `+1555${String(i).padStart(7, "0")}`,
          created_at: base + Math.floor(i / 3),
        }),
      );
    }
    await store.db.insertInto("contacts").values(rows).execute();
    if (from % 100_000 === 0 && from > 0) process.stdout.write(`  seeded ${from}…\n`);
  }
  await sql`analyze`.execute(store.db);
  console.log(`seeded ${CONTACTS} contacts in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const args = dir ? ["--data", dir] : ["--database-url", pgUrl(schema)];
  await store.close();
  return { args, token: ws.token, cleanup };
}

/** The schema a bench store lives in, as a URL the server process opens. */
function pgUrl(schema: string): string {
  const url = new URL(DATABASE_URL);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return url.toString();
}

function startServer(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn(process.execPath, [path.join(ROOT, "bin/opencom"), "serve", "--port", String(port), "--log-level", "warn", ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /serving the Intercom API at (\S+)/.exec(out);
      if (m) resolve({ child, url: m[1] });
    });
    child.on("exit", (code) => reject(new Error(`server exited (${code}) before serving: ${out}`)));
  });
}

function rssOf(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb("VmRSS") / 1024, hwm: kb("VmHWM") / 1024 };
}

async function main() {
  console.log(`store: ${storeKind}, ${CONTACTS} contacts`);
  const { args, token, cleanup } = await seed();
  const { child, url } = await startServer(args);
  const headers = { Authorization: `Bearer ${token}`, Accept: "application/json", "Content-Type": "application/json", "Intercom-Version": "2.14" };
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, rssOf(child.pid!).rss)), 50);
  const call = async (method: string, p: string, body?: unknown) => {
    const res = await fetch(url + p, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = (await res.json()) as any;
    if (res.status !== 200) throw new Error(`${method} ${p}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const timed = async <T>(f: () => Promise<T>): Promise<[T, number]> => {
    const t = performance.now();
    const r = await f();
    return [r, performance.now() - t];
  };
  try {
    console.log(`server RSS after start: ${rssOf(child.pid!).rss.toFixed(0)} MB`);

    // 1. the whole list, 150 a page
    const listTimes: number[] = [];
    let cursor: string | undefined;
    let deepest: string | undefined;
    let seen = 0;
    const walkStart = performance.now();
    do {
      const q = `/contacts?per_page=${PER_PAGE}${cursor ? `&starting_after=${encodeURIComponent(cursor)}` : ""}`;
      const [body, ms] = await timed(() => call("GET", q));
      listTimes.push(ms);
      seen += body.data.length;
      if (cursor) deepest = cursor;
      cursor = body.pages?.next?.starting_after;
    } while (cursor);
    if (seen !== CONTACTS) throw new Error(`the walk saw ${seen} contacts of ${CONTACTS}`);
    report(`GET /contacts?per_page=150, ${listTimes.length} pages in ${((performance.now() - walkStart) / 1000).toFixed(0)} s`, listTimes);

    // 2. a search matching a tenth, walked to its end
    const searchTimes: number[] = [];
    let searchCursor: string | undefined;
    let found = 0;
    do {
      const pagination: Record<string, unknown> = { per_page: PER_PAGE };
      if (searchCursor) pagination.starting_after = searchCursor;
      const [body, ms] = await timed(() => call("POST", "/contacts/search", { query: { field: "role", operator: "=", value: "lead" }, pagination }));
      searchTimes.push(ms);
      found += body.data.length;
      searchCursor = body.pages?.next?.starting_after;
    } while (searchCursor);
    if (found !== CONTACTS / 10) throw new Error(`the search found ${found} leads of ${CONTACTS / 10}`);
    report(`POST /contacts/search role = lead, ${searchTimes.length} pages`, searchTimes);

    // 3. indexed equality and reads by id, across the store
    const eqTimes: number[] = [];
    const idTimes: number[] = [];
    for (let r = 0; r < 200; r++) {
      const i = 1 + Math.floor((r / 200) * (CONTACTS - 1)) + (r % 9);
      const [hit, ms] = await timed(() => call("POST", "/contacts/search", { query: { field: "email", operator: "=", value: `person${i}@million.example` } }));
      eqTimes.push(ms);
      if (hit.data.length !== 1) throw new Error(`email search for person${i}: ${hit.data.length} results`);
      const [, ms2] = await timed(() => call("GET", `/contacts/${hit.data[0].id}`));
      idTimes.push(ms2);
    }
    report("POST /contacts/search email = (200 spread over the store)", eqTimes, false);
    report("GET /contacts/{id} (the same 200)", idTimes, false);

    // 4. several clients at once, half from the start, half from the deepest page
    const concurrent = await Promise.all(
      Array.from({ length: CLIENTS }, async (_, k) => {
        let c: string | undefined = k % 2 === 0 ? undefined : deepest;
        const times: number[] = [];
        for (let n = 0; n < 40; n++) {
          const q: string = `/contacts?per_page=${PER_PAGE}${c ? `&starting_after=${encodeURIComponent(c)}` : ""}`;
          const [body, ms] = await timed(() => call("GET", q));
          times.push(ms);
          c = body.pages?.next?.starting_after ?? (k % 2 === 0 ? undefined : deepest);
        }
        return times;
      }),
    );
    report(`${CLIENTS} clients × 40 pages of 150 at once`, concurrent.flat(), false);

    const { hwm } = rssOf(child.pid!);
    const maxRss = Math.max(peak, hwm);
    const rssOk = maxRss < 300;
    const flat = depthRatio(listTimes) <= 1.5 && depthRatio(searchTimes) <= 1.5;
    console.log(`\nserver peak RSS ${maxRss.toFixed(0)} MB (VmHWM ${hwm.toFixed(0)} MB; sampled ${peak.toFixed(0)} MB): ${rssOk ? "ok (< 300 MB)" : "OVER 300 MB"}`);
    console.log(`depth: list last/first ${depthRatio(listTimes).toFixed(2)}, search last/first ${depthRatio(searchTimes).toFixed(2)}: ${flat ? "flat (≤ 1.5)" : "NOT FLAT"}`);
    if (!rssOk || !flat) process.exitCode = 1;
  } finally {
    clearInterval(sampler);
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    await cleanup();
  }
}

const median = (xs: number[]) => pct([...xs].sort((a, b) => a - b), 50);

/** Median of the last 50 pages over the median of the first 50 (the first page, which warms up, left out). */
function depthRatio(times: number[]): number {
  const n = Math.min(50, Math.floor((times.length - 1) / 2));
  return median(times.slice(-n)) / median(times.slice(1, 1 + n));
}

function report(title: string, times: number[], depth = true) {
  const s = [...times].sort((a, b) => a - b);
  const line = `${title}: median ${pct(s, 50).toFixed(1)} ms, p99 ${pct(s, 99).toFixed(1)} ms`;
  console.log(depth ? `${line}; first pages ${median(times.slice(1, 51)).toFixed(1)} ms, last pages ${median(times.slice(-50)).toFixed(1)} ms` : line);
}

await main();
