// What the benchmarks share: a throw-away store of either kind, and the interleaved run of probes
// whose medians and p99s are reported as ratios against the first probe (the baseline), measured in
// the same process and rounds.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { dropPgSchema, openStore, type Store } from "../src/db/connection.js";

export async function openBenchStore(kind: string, databaseUrl: string): Promise<{ store: Store; cleanup: () => Promise<void> }> {
  if (kind === "postgres") {
    const schema = `bench_${randomBytes(5).toString("hex")}`;
    const store = await openStore({ databaseUrl, pgSchema: schema, poolSize: 10 });
    return { store, cleanup: () => dropPgSchema(databaseUrl, schema) };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "opencom-bench-"));
  const store = await openStore({ dataDir: dir });
  return { store, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

export const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** A request measured; `gate`: the largest ratio to the baseline accepted (null: reported only). */
export interface Probe {
  name: string;
  gate: number | null;
  run: () => Promise<Response>;
}

/**
 * Runs the probes in random order each round (the first `warmup` rounds unmeasured), prints each
 * probe's median and p99 and their ratios to the first probe's, and answers whether every gate held.
 */
export async function runAgainstBaseline(probes: Probe[], o: { warmup: number; rounds: number; title: string; width: number }): Promise<boolean> {
  const times = probes.map(() => [] as number[]);
  for (let round = 0; round < o.warmup + o.rounds; round++) {
    const order = probes.map((_, i) => i).sort(() => Math.random() - 0.5);
    for (const i of order) {
      const start = performance.now();
      const res = await probes[i].run();
      const body = await res.text();
      const ms = performance.now() - start;
      if (res.status !== 200) throw new Error(`${probes[i].name}: ${res.status} ${body}`);
      if (round >= o.warmup) times[i].push(ms);
    }
  }
  const base = [...times[0]].sort((a, b) => a - b);
  const [getMed, getP99] = [pct(base, 50), pct(base, 99)];
  console.log(`\n${o.title}, ${o.rounds} interleaved rounds (after ${o.warmup} warm-up)`);
  console.log("probe".padEnd(o.width) + "median ms".padStart(10) + "p99 ms".padStart(10) + "  ratio median / p99 vs GET");
  let held = true;
  probes.forEach((p, i) => {
    const s = [...times[i]].sort((a, b) => a - b);
    const med = pct(s, 50);
    const p99 = pct(s, 99);
    const rm = med / getMed;
    const rp = p99 / getP99;
    const ok = p.gate === null || (rm <= p.gate && rp <= p.gate);
    if (!ok) held = false;
    const verdict = p.gate === null ? (i === 0 ? "" : "  (not gated)") : ok ? `  ok (≤ ${p.gate}×)` : `  OVER ${p.gate}×`;
    console.log(p.name.padEnd(o.width) + med.toFixed(3).padStart(10) + p99.toFixed(3).padStart(10) + (i === 0 ? "" : `  ${rm.toFixed(2)}× / ${rp.toFixed(2)}×`) + verdict);
  });
  return held;
}
