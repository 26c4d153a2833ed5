// HTTP throughput of the hot paths against a bare Fastify baseline, measured side by side in one run.
//
//   npm run bench:http [-- --store sqlite|postgres] [--duration 3] [--rounds 2] [--connections 32] [--contacts 500] [--cold-only]
//
// Starts opencom (`bin/opencom serve`, built from src by the npm script) and a bare Fastify that answers
// each probe with a static copy of opencom's own response, each in its own process; drives them
// alternately with autocannon (warm-up, then `rounds` runs of `duration` seconds each per side) and prints
// requests/s, p50, p99 and the ratio opencom / baseline per probe. A probe whose route answers 501 (not
// implemented yet) is skipped. Also prints the cold-start time: spawn to a 200 from /_opencom/health on
// a fresh store (median of 3).
// PostgreSQL: TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), in a schema dropped at the end.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import Fastify from "fastify";
import pg from "pg";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

// ---------------------------------------------------------------- the baseline process

/** `--baseline <file>`: a bare Fastify answering every probe route with the static body the file gives. */
async function serveBaseline(file: string) {
  const { readFileSync } = await import("node:fs");
  const bodies = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  const app = Fastify({ logger: false });
  for (const [key, body] of Object.entries(bodies)) {
    const [method, url] = key.split(" ");
    app.route({ method: method as "GET", url, handler: async () => body });
  }
  const address = await app.listen({ host: "127.0.0.1", port: 0 });
  process.stdout.write(`baseline at ${address}\n`);
}

// ---------------------------------------------------------------- probes

interface Fixture {
  api: (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>;
  contactId: string;
  email: string;
  adminId: string;
}

interface Probe {
  name: string;
  method: "GET" | "POST" | "PUT";
  /** the Fastify route the baseline registers */
  route: string;
  /** prepares what the probe needs; null when the route is not implemented (501) */
  setup: (f: Fixture) => Promise<{ path: string; body?: () => unknown } | null>;
}

let unique = 0;
const uniqueEmail = () => `probe-${process.pid}-${unique++}@bench.example`;

/** The probes; add one here (the conversation probes run as soon as their routes exist). */
const PROBES: Probe[] = [
  { name: "GET /contacts/{id}", method: "GET", route: "/contacts/:id", setup: async (f) => ({ path: `/contacts/${f.contactId}` }) },
  { name: "POST /contacts", method: "POST", route: "/contacts", setup: async () => ({ path: "/contacts", body: () => ({ email: uniqueEmail(), name: "Probe" }) }) },
  { name: "GET /contacts (50)", method: "GET", route: "/contacts", setup: async () => ({ path: "/contacts?per_page=50" }) },
  {
    name: "POST /contacts/search (email =)",
    method: "POST",
    route: "/contacts/search",
    setup: async (f) => ({ path: "/contacts/search", body: () => ({ query: { field: "email", operator: "=", value: f.email } }) }),
  },
  {
    name: "GET /conversations/{id}",
    method: "GET",
    route: "/conversations/:id",
    setup: async (f) => {
      const id = await conversation(f);
      return id ? { path: `/conversations/${id}` } : null;
    },
  },
  {
    name: "POST /conversations/{id}/reply",
    method: "POST",
    route: "/conversations/:id/reply",
    setup: async (f) => {
      const id = await conversation(f);
      if (!id) return null;
      return { path: `/conversations/${id}/reply`, body: () => ({ message_type: "comment", type: "admin", admin_id: f.adminId, body: "A reply" }) };
    },
  },
];

async function conversation(f: Fixture): Promise<string | null> {
  const res = await f.api("POST", "/conversations", { from: { type: "user", id: f.contactId }, body: "Hello" });
  if (res.status === 501 || res.status === 404) return null;
  if (res.status >= 300) throw new Error(`POST /conversations: ${res.status} ${JSON.stringify(res.body)}`);
  return String(res.body.conversation_id ?? res.body.id);
}

// ---------------------------------------------------------------- processes

function waitForLine(child: ChildProcess, re: RegExp, what: string): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    const timer = setTimeout(() => reject(new Error(`${what}: no start within 30 s\n${out}\n${err}`)), 30_000);
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = re.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
    child.on("exit", (code) => reject(new Error(`${what} exited with ${code}\n${out}\n${err}`)));
  });
}

interface Store {
  args: string[];
  cleanup: () => Promise<void>;
}

async function freshStore(kind: string): Promise<Store> {
  if (kind === "postgres") {
    const schema = `bench_${randomBytes(5).toString("hex")}`;
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    await client.query(`create schema ${schema}`);
    await client.end();
    const url = new URL(DATABASE_URL);
    url.searchParams.set("options", `-c search_path=${schema}`);
    return {
      args: ["--database-url", url.toString()],
      cleanup: async () => {
        const c = new pg.Client({ connectionString: DATABASE_URL });
        await c.connect();
        await c.query(`drop schema if exists ${schema} cascade`);
        await c.end();
      },
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), "opencom-http-"));
  return { args: ["--data", dir], cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

async function startOpencom(store: Store): Promise<{ child: ChildProcess; url: string; token: string; ms: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(ROOT, "bin/opencom"), "serve", "--port", "0", "--log-level", "warn", ...store.args], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const m = await waitForLine(child, /serving the Intercom API at (\S+)[\s\S]*access token: (\S+)/, "opencom");
  const url = m[1];
  // healthy: the health route answers 200
  for (;;) {
    const res = await fetch(`${url}/_opencom/health`).catch(() => null);
    if (res?.status === 200) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  return { child, url, token: m[2], ms: performance.now() - started };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

// ---------------------------------------------------------------- measuring

interface Run {
  rps: number;
  p50: number;
  p99: number;
  bad: number;
}

async function drive(url: string, token: string, method: string, p: { path: string; body?: () => unknown }, seconds: number, connections: number): Promise<Run> {
  const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: "application/json", "Intercom-Version": "2.14" };
  if (p.body) headers["Content-Type"] = "application/json";
  const result = await autocannon({
    url: url + p.path,
    connections,
    duration: seconds,
    method: method as "GET",
    headers,
    requests: [{ method: method as "GET", path: p.path, setupRequest: (req: any) => (p.body ? { ...req, body: JSON.stringify(p.body()) } : req) }],
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, bad: result.non2xx + result.errors + result.timeouts };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const kind = arg("store", "sqlite");
  const seconds = Number(arg("duration", "3"));
  const rounds = Number(arg("rounds", "2"));
  const connections = Number(arg("connections", "32"));
  const contacts = Number(arg("contacts", "500"));
  console.log(`store: ${kind}; autocannon ${connections} connections, ${rounds} × ${seconds} s per side and probe (after a 1 s warm-up), loopback`);

  // cold start: a fresh store each time
  const colds: number[] = [];
  for (let i = 0; i < Number(arg("starts", "3")); i++) {
    const s = await freshStore(kind);
    const o = await startOpencom(s);
    colds.push(o.ms);
    await stop(o.child);
    await s.cleanup();
  }
  console.log(`cold start (spawn → healthy, fresh store): median ${median(colds).toFixed(0)} ms (${colds.map((x) => x.toFixed(0)).join(", ")})`);
  if (process.argv.includes("--cold-only")) return;

  const store = await freshStore(kind);
  const opencom = await startOpencom(store);
  const bodiesFile = path.join(mkdtempSync(path.join(tmpdir(), "opencom-baseline-")), "bodies.json");
  let baseline: ChildProcess | undefined;
  try {
    const api: Fixture["api"] = async (method, p, body) => {
      const res = await fetch(opencom.url + p, {
        method,
        headers: { Authorization: `Bearer ${opencom.token}`, "Intercom-Version": "2.14", ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    };
    // seed: contacts with tags and a note on the probed one, as a real read would find
    let first: { id: string; email: string } | undefined;
    for (let i = 0; i < contacts; i += 25) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(25, contacts - i) }, (_, j) => api("POST", "/contacts", { email: `seed${i + j}@bench.example`, name: `Seed ${i + j}` })),
      );
      for (const r of batch) if (r.status !== 200) throw new Error(`seed: ${r.status} ${JSON.stringify(r.body)}`);
      first ??= { id: batch[0].body.id, email: batch[0].body.email };
    }
    const me = await api("GET", "/me");
    const tag = await api("POST", "/tags", { name: "bench" });
    await api("POST", `/contacts/${first!.id}/tags`, { id: tag.body.id });
    await api("POST", `/contacts/${first!.id}/notes`, { body: "A note", admin_id: me.body.id });
    const fixture: Fixture = { api, contactId: first!.id, email: first!.email, adminId: String(me.body.id) };

    // the probes that run, and the static bodies of the baseline (opencom's own answers)
    const active: Array<{ probe: Probe; p: { path: string; body?: () => unknown } }> = [];
    const bodies: Record<string, unknown> = {};
    for (const probe of PROBES) {
      const p = await probe.setup(fixture);
      const sample = p ? await api(probe.method, p.path, p.body?.()) : null;
      if (!p || !sample || sample.status === 501) {
        console.log(`skipped ${probe.name}: not implemented`);
        continue;
      }
      if (sample.status !== 200) throw new Error(`${probe.name}: ${sample.status} ${JSON.stringify(sample.body)}`);
      active.push({ probe, p });
      bodies[`${probe.method} ${probe.route}`] = sample.body;
    }
    writeFileSync(bodiesFile, JSON.stringify(bodies));
    baseline = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--baseline", bodiesFile], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    const baseUrl = (await waitForLine(baseline, /baseline at (\S+)/, "baseline"))[1];

    const rows: string[] = [];
    const pad = (s: string, n: number) => s.padEnd(n);
    rows.push(`${pad("probe", 34)}${pad("opencom req/s", 15)}${pad("p50/p99 ms", 13)}${pad("baseline req/s", 16)}${pad("p50/p99 ms", 13)}ratio`);
    for (const { probe, p } of active) {
      await drive(opencom.url, opencom.token, probe.method, p, 1, connections);
      await drive(baseUrl, "x", probe.method, p, 1, connections);
      const o: Run[] = [];
      const b: Run[] = [];
      for (let r = 0; r < rounds; r++) {
        // alternate which side goes first
        if (r % 2 === 0) {
          o.push(await drive(opencom.url, opencom.token, probe.method, p, seconds, connections));
          b.push(await drive(baseUrl, "x", probe.method, p, seconds, connections));
        } else {
          b.push(await drive(baseUrl, "x", probe.method, p, seconds, connections));
          o.push(await drive(opencom.url, opencom.token, probe.method, p, seconds, connections));
        }
      }
      const bad = o.reduce((n, x) => n + x.bad, 0);
      const sum = (xs: Run[]) => ({
        rps: xs.reduce((n, x) => n + x.rps, 0) / xs.length,
        p50: median(xs.map((x) => x.p50)),
        p99: Math.max(...xs.map((x) => x.p99)),
      });
      const so = sum(o);
      const sb = sum(b);
      rows.push(
        `${pad(probe.name, 34)}${pad(so.rps.toFixed(0), 15)}${pad(`${so.p50}/${so.p99}`, 13)}${pad(sb.rps.toFixed(0), 16)}${pad(`${sb.p50}/${sb.p99}`, 13)}${(so.rps / sb.rps).toFixed(2)}×` +
          (bad ? `  (${bad} non-2xx or errors!)` : ""),
      );
      console.log(rows[rows.length - 1]);
    }
    console.log("\n" + rows.join("\n"));
  } finally {
    if (baseline) await stop(baseline);
    await stop(opencom.child);
    await store.cleanup();
    rmSync(path.dirname(bodiesFile), { recursive: true, force: true });
  }
}

const baselineFile = arg("baseline", "");
(baselineFile ? serveBaseline(baselineFile) : main()).catch((err) => {
  console.error(err);
  process.exit(1);
});
