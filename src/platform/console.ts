// The web console (web/, built by `npm run build` into dist/web): its page at `/` and its assets under
// /_opencom/console/, both public (the page signs in with a token and then calls the API like any client);
// and the live stream GET /_opencom/live: server-sent events of the token's workspace's state changes
// (platform/live.ts), authenticated like the API (Authorization header; the console reads it with fetch).
import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ServerResponse } from "node:http";
import type { App } from "./http.js";
import { subscribeLive } from "./live.js";
import { notFound } from "./errors.js";

/** <package root>/dist/web, from src/platform (tsx, tests), dist/platform (built) and dist/opencom.mjs (the bundle). */
export const CONSOLE_DIR = path.join(packageRoot(path.dirname(fileURLToPath(import.meta.url))), "dist/web");

/** The nearest folder at or above `dir` holding a package.json (this module's package). */
function packageRoot(dir: string): string {
  for (let d = dir; ; d = path.dirname(d)) {
    if (existsSync(path.join(d, "package.json"))) return d;
    if (path.dirname(d) === d) return path.resolve(dir, "../..");
  }
}
export const CONSOLE_PREFIX = "/_opencom/console/";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json; charset=utf-8",
};

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>opencom</title>
<p>The opencom console is not built: run <code>npm run build</code> and restart. The API works without it.</p>`;

/** Live streams open now: ended when the server closes (they never go idle by themselves). */
const streams = new Set<ServerResponse>();

export function installConsole(app: App, dir = CONSOLE_DIR) {
  const page = async () => {
    try {
      return await readFile(path.join(dir, "index.html"), "utf8");
    } catch {
      return NOT_BUILT;
    }
  };
  // the page runs only its own files and talks only to this server
  const sendPage = async (_req: unknown, reply: import("fastify").FastifyReply) =>
    reply
      .header("Content-Type", TYPES[".html"])
      .header("Cache-Control", "no-cache")
      .header("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'")
      .header("X-Content-Type-Options", "nosniff")
      .send(await page());
  app.get("/", { config: { public: true } }, sendPage);
  app.get(CONSOLE_PREFIX, { config: { public: true } }, sendPage);

  app.get<{ Params: { "*": string } }>(`${CONSOLE_PREFIX}*`, { config: { public: true } }, async (req, reply) => {
    const rel = req.params["*"] ?? "";
    const file = path.resolve(dir, rel);
    const ext = path.extname(file);
    if (!file.startsWith(dir + path.sep) || !TYPES[ext]) throw notFound("No such console file");
    let body: Buffer;
    try {
      if (!(await stat(file)).isFile()) throw new Error("not a file");
      body = await readFile(file);
    } catch {
      throw notFound("No such console file");
    }
    // hashed asset names (assets/…-<hash>.js) never change
    const immutable = rel.startsWith("assets/");
    return reply
      .header("Content-Type", TYPES[ext])
      .header("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache")
      .send(body);
  });

  app.get("/_opencom/live", async (req, reply) => {
    const wsId = req.workspace.id;
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
      "X-Request-Id": req.id,
    });
    res.write(`retry: 2000\nevent: ready\ndata: {}\n\n`);
    streams.add(res);
    const unsubscribe = subscribeLive(wsId, (e) => {
      res.write(`event: change\ndata: ${JSON.stringify({ topic: e.topic, type: e.type ?? null, id: e.id ?? null })}\n\n`);
    });
    const beat = setInterval(() => res.write(`: keep-alive\n\n`), 15_000);
    const end = () => {
      clearInterval(beat);
      unsubscribe();
      streams.delete(res);
    };
    req.raw.on("close", end);
    res.on("close", end);
  });

  app.addHook("preClose", async () => {
    for (const res of streams) res.end();
    streams.clear();
  });
}
