// The statement that reads a contact's (or a page's) tags, notes, companies and subscriptions goes by
// contact on SQLite even while the store has no statistics: it once counted one contact's notes by walking
// every note of the workspace (notes_ws_id) until the next ANALYZE. SQLite's plan is checked here; the
// store is fresh, so it has no statistics for these tables.
import { CompiledQuery } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "../../src/db/connection.js";
import { linksSql } from "../../src/resources/contacts/present.js";

let store: Store;
beforeAll(async () => {
  store = await openStore({ dataDir: ":memory:" });
});
afterAll(async () => store?.close());

describe("a contact's links on SQLite", () => {
  for (const n of [1, 3]) {
    it(`read by contact, never by workspace (${n} contact${n > 1 ? "s" : ""})`, async () => {
      const text = linksSql("sqlite", n);
      const params = (text.match(/\?/g) ?? []).map(() => "x");
      const plan = (await store.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${text}`, params))).rows.map((r) => r.detail);
      // every read of the four tables searches by contact (no SCAN of a table, no workspace index)
      const reads = plan.filter((d) => /^(SEARCH|SCAN) (contact_tags|notes|contact_companies|contact_subscriptions)\b/.test(d));
      expect(reads.length).toBeGreaterThanOrEqual(4);
      for (const d of reads) expect(d).toMatch(/^SEARCH \w+ USING (COVERING )?INDEX \w+ \(contact_id=\?/);
      expect(plan.some((d) => d.includes("notes_contact_created"))).toBe(true);
      expect(plan.filter((d) => /_ws_|notes_ws_id/.test(d))).toEqual([]);
    });
  }
});
