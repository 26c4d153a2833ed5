// SQLite's statistics under analysis_limit (src/db/connection.ts, correctWorkspaceStatistics): ANALYZE
// reads about the first 400 entries of each index, and every opencom index leads with workspace_id, so
// the statistics said a workspace held ~400 rows and the planner walked a whole workspace by creation
// date for an external_id search (the index's first entries are the contacts without one). After the
// correction, the search's statements go by the external_id index. SQLite only (a store of its own).
import { CompiledQuery, createQueryId, sql, type KyselyPlugin, type RootOperationNode } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { correctWorkspaceStatistics, openStore, type Store } from "../../src/db/connection.js";
import { createWorkspace } from "../../src/bootstrap.js";
import { newContactRow } from "../../src/resources/contacts/service.js";
import { searchContacts } from "../../src/resources/contacts/search.js";
import { workspaceForToken } from "../../src/platform/auth.js";
import { serviceCtx } from "../../src/platform/http.js";

const N = 20_000;
let store: Store;
let token: string;
let wsId: string;

beforeAll(async () => {
  store = await openStore({ dataDir: ":memory:" });
  const ws = await createWorkspace(store.db, { name: "Statistics" });
  token = ws.token;
  wsId = ws.workspaceId;
  for (let from = 0; from < N; from += 500) {
    const rows = Array.from({ length: 500 }, (_, j) => {
      const i = from + j;
      return newContactRow(wsId, { id: `c${String(i).padStart(23, "0")}`, external_id: i % 10 < 7 ? `ext-${i}` : null, email: `u${i}@example.com`, created_at: 1_000_000 + i });
    });
    await store.db.insertInto("contacts").values(rows).execute();
  }
  await sql`pragma analysis_limit = 400`.execute(store.db);
  await sql`analyze`.execute(store.db);
});
afterAll(async () => store?.close());

/** The plans of the statements an external_id search runs. */
async function searchPlans(): Promise<string[]> {
  const seen = new Map<unknown, RootOperationNode>();
  const ran: RootOperationNode[] = [];
  const capture: KyselyPlugin = {
    transformQuery: (a) => (seen.set(a.queryId, a.node), a.node),
    transformResult: async (a) => (ran.push(seen.get(a.queryId)!), a.result),
  };
  const ws = (await workspaceForToken(store.db, token))!;
  const c = serviceCtx(store.db.withPlugin(capture), store.kind, ws, "2.14");
  const result = await searchContacts(c, { query: { field: "external_id", operator: "=", value: "ext-1201" } });
  expect(result.total).toBe(1);
  const plans: string[] = [];
  for (const node of ran.filter((n) => n.kind === "SelectQueryNode")) {
    const compiled = store.db.getExecutor().compileQuery(node, createQueryId());
    const rows = (await store.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]))).rows;
    plans.push(rows.map((r) => r.detail).join(" / "));
  }
  return plans;
}

describe("SQLite statistics under analysis_limit", () => {
  it("give a workspace its rows, and an external_id search goes by its index", async () => {
    const before = await sql<{ stat: string }>`select stat from sqlite_stat1 where idx = 'contacts_ws_external_id'`.execute(store.db);
    expect(Number(before.rows[0].stat.split(" ")[1])).toBeLessThan(1000);
    expect(await correctWorkspaceStatistics(store.db)).toBeGreaterThan(0);
    const after = await sql<{ stat: string }>`select stat from sqlite_stat1 where idx = 'contacts_ws_external_id'`.execute(store.db);
    expect(after.rows[0].stat.split(" ").slice(0, 2)).toEqual([String(N), String(N)]);
    const plans = await searchPlans();
    expect(plans.length).toBeGreaterThanOrEqual(1);
    for (const p of plans) expect(p).toContain("contacts_ws_external_id");
    // nothing left to correct: no second reload
    expect(await correctWorkspaceStatistics(store.db)).toBe(0);
  });
});
