// The toolkit with real opencom processes on one store: the webhook outbox survives a kill -9, several
// processes deliver each notification exactly once, rate-limit counts are shared, and the CLI manages
// webhook subscriptions.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "../helpers/server.js";
import { processStore, root, serveProcess, stopProcess, type ProcessStore, type Served } from "../helpers/processes.js";
import { sleep, startReceiver, type Receiver } from "../helpers/receiver.js";

const opencom = [process.execPath, "--import", "tsx", "tests/helpers/cli-entry.ts"];
let store: ProcessStore;
let rx: Receiver;
const running: Served[] = [];

const cli = (args: string[]) => execFileSync(opencom[0], [...opencom.slice(1), ...args, ...store.args], { cwd: root, encoding: "utf8", stdio: "pipe" });

beforeAll(async () => {
  store = await processStore("tk");
  rx = await startReceiver();
}, 60_000);

afterAll(async () => {
  await Promise.all(running.map(stopProcess));
  await rx?.close();
  await store?.remove();
});

describe("toolkit across processes", () => {
  it("delivers after a kill -9, exactly once with two processes, with shared rate-limit counts", async () => {
    // A commits changes but delivers nothing (its notifications wait in the outbox)
    const a = await serveProcess(opencom, [...store.args, "--no-webhooks", "--rate-limit", "600"]);
    running.push(a);
    const added = cli(["webhooks", "add", "--url", rx.url, "--topic", "contact.user.created", "--topic", "contact.deleted"]);
    const subId = added.split("\t")[0];
    expect(subId).toMatch(/^\d+$/);
    expect(cli(["webhooks", "list"])).toContain(`${subId}\t${rx.url}`);

    const me = await call(a.url, a.token, "/me");
    expect(me.headers.get("x-ratelimit-limit")).toBe("100");
    const first = await call(a.url, a.token, "/contacts", { body: { role: "user", email: "before-kill@example.com" } });
    expect(first.status).toBe(200);
    await sleep(800);
    expect(rx.received).toHaveLength(0);
    a.child.kill("SIGKILL");
    await a.exited;

    const [b, c] = await Promise.all([serveProcess(opencom, store.args), serveProcess(opencom, store.args)]);
    running.push(b, c);
    const [got] = await rx.waitFor(1, 10_000);
    expect(got.json.topic).toBe("contact.user.created");
    expect(got.json.data.item.id).toBe(first.body.id);

    // the rate-limit count of a window is shared by the processes
    for (let tries = 0; tries < 3; tries++) {
      const r1 = await call(b.url, b.token, "/me");
      const r2 = await call(c.url, c.token, "/me");
      if (r1.headers.get("x-ratelimit-reset") !== r2.headers.get("x-ratelimit-reset")) continue;
      expect(Number(r2.headers.get("x-ratelimit-remaining"))).toBe(Number(r1.headers.get("x-ratelimit-remaining")) - 1);
      break;
    }

    const N = 20;
    const made = await Promise.all(
      Array.from({ length: N }, (_, i) => call((i % 2 ? b : c).url, b.token, "/contacts", { body: { role: "user", email: `p${i}@example.com` } })),
    );
    expect(made.every((m) => m.status === 200)).toBe(true);
    await rx.waitFor(N + 1, 15_000);
    await sleep(1500);
    expect(rx.received).toHaveLength(N + 1);
    const ids = new Set(rx.received.map((r) => r.json.id));
    expect(ids.size).toBe(N + 1);
    const items = new Set(rx.received.map((r) => r.json.data.item.id));
    for (const m of made) expect(items.has(m.body.id)).toBe(true);

    expect(cli(["webhooks", "remove", subId])).toContain(`removed ${subId}`);
    expect(cli(["webhooks", "list"])).not.toContain(rx.url);
  }, 420_000);
});
