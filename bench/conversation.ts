// GET /conversations/{id} on a long conversation, and a reply on it against a reply on a new one.
//
//   npx tsx bench/conversation.ts [--store sqlite|postgres] [--parts 2000] [--reps 200]
//   npm run bench:conversation -- --store postgres
//
// Seeds one conversation with --parts parts straight through Kysely, starts a real server in-process,
// then times GET /conversations/{id} (which answers the latest 500 parts; target: median < 20 ms on
// SQLite) and, alternately, an admin reply on the long conversation and on a fresh one-part conversation
// (target: long/new ≈ 1: a reply reads no part history, its sequence comes from the conversation row).
// PostgreSQL: TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), in a schema dropped at the end.
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
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
const PARTS = Number(arg("parts", "2000"));
const REPS = Number(arg("reps", "200"));
const DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

async function main() {
  const schema = storeKind === "postgres" ? `bench_${randomBytes(4).toString("hex")}` : undefined;
  const store = storeKind === "postgres" ? await openStore({ databaseUrl: DATABASE_URL, pgSchema: schema }) : await openStore({ dataDir: ":memory:" });
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
    const contact = newContactRow(ws.workspaceId, { email: "bench@bench.example", created_at: now });
    await store.db.insertInto("contacts").values(contact).execute();
    const writeIn = async () => (await call("/conversations", { from: { type: "user", id: contact.id }, body: "Hello" })).conversation_id as string;
    const longId = await writeIn();
    const started = performance.now();
    const batch = 500;
    for (let from = 0; from < PARTS; from += batch) {
      const rows = [];
      for (let i = from; i < Math.min(PARTS, from + batch); i++) {
        rows.push({
          workspace_id: ws.workspaceId, conversation_id: Number(longId), seq: i + 1, part_type: i % 2 ? "comment" : "note",
          body: `<p>part ${i + 1} with a body of a realistic length, a sentence or two of support conversation.</p>`,
          author_type: i % 3 ? "admin" : "user", author_id: i % 3 ? String(ws.adminId) : contact.id,
          assigned_to_type: null, assigned_to_id: null, attachments: "[]", external_id: null, redacted: 0, state: "open", created_at: now, updated_at: now,
        });
      }
      await store.db.insertInto("conversation_parts").values(rows).execute();
    }
    await store.db.updateTable("conversations").set({ part_seq: PARTS }).where("id", "=", Number(longId)).execute();
    await sql`analyze`.execute(store.db);
    console.log(`${storeKind}: seeded a conversation with ${PARTS} parts in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    // GET the long conversation
    const got = await call(`/conversations/${longId}`);
    if (got.conversation_parts.conversation_parts.length !== Math.min(500, PARTS)) throw new Error("GET did not answer the latest 500 parts");
    for (let i = 0; i < 20; i++) await call(`/conversations/${longId}`);
    const gets: number[] = [];
    for (let i = 0; i < REPS; i++) {
      const t = performance.now();
      await call(`/conversations/${longId}`);
      gets.push(performance.now() - t);
    }

    // replies: on the long conversation and on new ones, alternately
    const reply = (id: string, i: number) => call(`/conversations/${id}/reply`, { message_type: "comment", type: "admin", admin_id: String(ws.adminId), body: `reply ${i}` });
    const fresh: string[] = [];
    for (let i = 0; i < REPS; i++) fresh.push(await writeIn());
    const onLong: number[] = [];
    const onNew: number[] = [];
    for (let i = 0; i < REPS; i++) {
      let t = performance.now();
      await reply(longId, i);
      onLong.push(performance.now() - t);
      t = performance.now();
      await reply(fresh[i], i);
      onNew.push(performance.now() - t);
    }
    const med = (xs: number[]) => quantile(xs, 0.5);
    console.log(`GET /conversations/{id} (${PARTS} parts, latest 500 shown): median ${fmt(med(gets))}, p99 ${fmt(quantile(gets, 0.99))}`);
    console.log(`reply on the long conversation: median ${fmt(med(onLong))}, p99 ${fmt(quantile(onLong, 0.99))}`);
    console.log(`reply on a new conversation:   median ${fmt(med(onNew))}, p99 ${fmt(quantile(onNew, 0.99))}`);
    console.log(`ratio long/new (median): ${(med(onLong) / med(onNew)).toFixed(2)}`);
    await app.close();
  } finally {
    await store.close();
    if (schema) await dropPgSchema(DATABASE_URL, schema);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
