// No acknowledged write is lost when the process is killed (kill -9) under load, on either store.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "../helpers/server.js";
import { processStore, serveProcess, type ProcessStore, type Served } from "../helpers/processes.js";

const opencom = [process.execPath, "--import", "tsx", "tests/helpers/cli-entry.ts"];
const token = "oc_durability_token";
let store: ProcessStore;
let served: Served;

beforeAll(async () => {
  store = await processStore("dur");
  served = await serveProcess(opencom, ["--token", token, ...store.args]);
}, 90_000);

afterAll(async () => {
  if (served && served.child.exitCode === null) served.child.kill("SIGKILL");
  await store?.remove();
});

describe("kill -9 under load", () => {
  it("keeps every contact whose create was answered 200", async () => {
    const acknowledged: string[] = [];
    let stop = false;
    let n = 0;
    const writer = async () => {
      while (!stop) {
        const res = await call(served.url, token, "/contacts", { body: { email: `kill${n++}@durability.test` } }).catch(() => null);
        if (res?.status === 200) acknowledged.push(res.body.id);
      }
    };
    const writers = Array.from({ length: 6 }, writer);
    // kill while writes are in flight
    while (acknowledged.length < 40) await new Promise((r) => setTimeout(r, 20));
    served.child.kill("SIGKILL");
    await served.exited;
    stop = true;
    await Promise.all(writers);
    const db = await store.open();
    try {
      const ids = new Set((await db.db.selectFrom("contacts").select("id").execute()).map((r) => r.id));
      expect(acknowledged.length).toBeGreaterThanOrEqual(40);
      for (const id of acknowledged) expect(ids.has(id)).toBe(true);
    } finally {
      await db.close();
    }
  }, 60_000);
});
