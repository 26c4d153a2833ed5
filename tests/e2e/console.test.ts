// The console's server side: its page at / and assets under /_opencom/console/ (public, confined to the
// built folder), and the live stream GET /_opencom/live (authenticated, the token's workspace only,
// ended when the server stops).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { CONSOLE_PAGE, unknownRoutes } from "../../src/platform/operations.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => {
  await srv?.close();
});

async function readUntil(res: Response, needle: string, timeoutMs = 5000): Promise<string> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  const timer = setTimeout(() => void reader.cancel(), timeoutMs);
  try {
    while (!text.includes(needle)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
    }
  } finally {
    clearTimeout(timer);
    await reader.cancel().catch(() => undefined);
  }
  return text;
}

describe("web console page and assets", () => {
  it("serves the page at / without a token", async () => {
    const res = await fetch(srv.url + "/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(await res.text()).toContain("opencom");
  });

  it("serves the built assets the page names", async () => {
    const html = await (await fetch(srv.url + "/")).text();
    const asset = html.match(/src="(\/_opencom\/console\/assets\/[^"]+\.js)"/)?.[1];
    expect(asset, "the console is built by npm run build").toBeTruthy();
    const res = await fetch(srv.url + asset!);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/javascript");
    expect(res.headers.get("cache-control")).toContain("immutable");
  });

  it("serves only files of the built folder, with known types", async () => {
    for (const p of ["/_opencom/console/..%2f..%2fpackage.json", "/_opencom/console/../../package.json", "/_opencom/console/assets/nope.js", "/_opencom/console/x.exe"]) {
      const res = await fetch(srv.url + p);
      expect(res.status).toBe(404);
      expect((await res.json()).type).toBe("error.list");
    }
  });

  it("is the one route outside /_opencom/ that is no operation", () => {
    expect(unknownRoutes([CONSOLE_PAGE, "GET /_opencom/console/*", "GET /_opencom/live"])).toEqual([]);
    expect(unknownRoutes(["GET /console"])).toEqual(["GET /console"]);
  });
});

describe("GET /_opencom/live", () => {
  it("needs the token", async () => {
    const res = await fetch(srv.url + "/_opencom/live");
    expect(res.status).toBe(401);
    expect((await res.json()).type).toBe("error.list");
  });

  it("streams the workspace's changes as server-sent events", async () => {
    const res = await fetch(srv.url + "/_opencom/live", { headers: { Authorization: `Bearer ${srv.ws.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const reading = readUntil(res, "contact.user.created");
    await new Promise((r) => setTimeout(r, 50));
    const other = await srv.newWorkspace("Other");
    await other.api("/contacts", { method: "POST", body: { role: "lead", name: "Elsewhere" } });
    const created = await srv.ws.api("/contacts", { method: "POST", body: { role: "user", email: "live@example.com" } });
    const text = await reading;
    expect(text).toContain("event: ready");
    const events = text.split("\n\n").filter((b) => b.startsWith("event: change")).map((b) => JSON.parse(b.split("data: ")[1]));
    expect(events).toEqual([{ topic: "contact.user.created", type: "contact", id: created.body.id }]);
  });

  it("does not hold a stopping server", async () => {
    const own = await startTestServer();
    const res = await fetch(own.url + "/_opencom/live", { headers: { Authorization: `Bearer ${own.ws.token}` } });
    expect(res.status).toBe(200);
    const started = Date.now();
    await own.close();
    expect(Date.now() - started).toBeLessThan(5000);
    await res.body?.cancel().catch(() => undefined);
  });
});
