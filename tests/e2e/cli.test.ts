// The command line, run as a user runs it: ./bin/opencom from the built package.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IntercomClient } from "intercom-client";
import { usingPostgres } from "../helpers/server.js";
import { processStore, root, serveProcess, type ProcessStore } from "../helpers/processes.js";

const bin = path.join(root, "bin/opencom");
let store: ProcessStore;
let storeArgs: string[];

beforeAll(async () => {
  execFileSync("npm", ["run", "--silent", "build:server"], { cwd: root, stdio: "pipe" });
  store = await processStore("cli");
  storeArgs = store.args;
}, 120_000);

afterAll(async () => store?.remove());

function run(args: string[], env: Record<string, string> = {}) {
  try {
    const stdout = execFileSync(bin, args, { cwd: root, encoding: "utf8", stdio: "pipe", env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr: "" };
  } catch (err) {
    const e = err as { status: number; stdout: string; stderr: string };
    return { code: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

const serve = (extra: string[] = []) => serveProcess([bin], [...storeArgs, ...extra]);

describe("opencom CLI", () => {
  it("prints help for every command", () => {
    for (const args of [["--help"], ["serve", "--help"], ["workspaces", "create", "--help"], ["tokens", "create", "--help"]]) {
      const r = run(args);
      expect(r.code, args.join(" ")).toBe(0);
      expect(r.stdout).toMatch(/Usage: opencom/);
    }
    expect(run(["serve", "--help"]).stdout).toMatch(/--database-url/);
  });

  it("answers a bad flag with one clear line and a non-zero exit", () => {
    const r = run(["serve", "--port", "abc"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/port/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const unknown = run(["serve", "--bogus"]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/unknown option/);
  });

  it("answers an unreachable database with one clear line", () => {
    const r = run(["serve", "--database-url", "postgres://nobody@127.0.0.1:1/none"]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/cannot connect to PostgreSQL/);
  });

  it("answers an unknown workspace for tokens create", () => {
    const r = run(["tokens", "create", "--workspace", "zzzzzzzz", ...storeArgs]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no workspace zzzzzzzz/);
  });

  it("serves, manages workspaces alongside, stops on SIGTERM mid-load and starts again on the same data", async () => {
    const first = await serve(["--token", "oc_cli_test_token"]);
    expect(first.token).toBe("oc_cli_test_token");
    const client = new IntercomClient({ token: first.token, baseUrl: first.url });
    const me = await client.admins.identify();
    expect(me?.app?.id_code).toBe(first.workspace);
    const health = await fetch(`${first.url}/_opencom/health`).then((r) => r.json());
    expect(health.storage.kind).toBe(usingPostgres ? "postgres" : "sqlite");

    // a second workspace and a new token, created while the server runs on the same store
    const created = run(["workspaces", "create", "--name", "Second", ...storeArgs]);
    expect(created.code).toBe(0);
    const wsId = /workspace_id: (\S+)/.exec(created.stdout)![1];
    const wsToken = /token: (\S+)/.exec(created.stdout)![1];
    const second = await new IntercomClient({ token: wsToken, baseUrl: first.url }).admins.identify();
    expect(second?.app?.id_code).toBe(wsId);
    expect(second?.app?.name).toBe("Second");
    const minted = run(["tokens", "create", "--workspace", wsId, ...storeArgs]);
    expect(minted.code).toBe(0);
    const third = await new IntercomClient({ token: minted.stdout.trim(), baseUrl: first.url }).admins.identify();
    expect(third?.app?.id_code).toBe(wsId);

    // SIGTERM while requests are in flight: they finish or are refused, and the process exits 0
    const load = Array.from({ length: 60 }, () =>
      fetch(`${first.url}/admins`, { headers: { Authorization: `Bearer ${first.token}` } })
        .then((r) => r.status)
        .catch(() => "refused"),
    );
    await new Promise((r) => setTimeout(r, 5));
    first.child.kill("SIGTERM");
    const statuses = await Promise.all(load);
    expect(await first.exited).toBe(0);
    expect(statuses.every((s) => s === 200 || s === 503 || s === "refused")).toBe(true);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);

    // same data: same bootstrap workspace, the old token still works, a fresh one is printed
    const again = await serve();
    expect(again.workspace).toBe(first.workspace);
    expect(again.token).not.toBe(first.token);
    const old = await new IntercomClient({ token: first.token, baseUrl: again.url }).admins.list();
    expect(old.admins?.length).toBe(1);
    again.child.kill("SIGINT");
    expect(await again.exited).toBe(0);
  }, 60_000);
});
