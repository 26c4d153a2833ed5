// Builds the HTTP application: platform hooks once, then every resource's routes.
import { randomUUID } from "node:crypto";
import Fastify, { type FastifyServerOptions } from "fastify";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Ajv } from "ajv";
import type { Store } from "./db/connection.js";
import { badRequest, clientErrorHandler, frameworkErrors, installErrorHandling, unauthorized } from "./platform/errors.js";
import { bearerToken, workspaceForToken } from "./platform/auth.js";
import { resolveVersion } from "./platform/versions.js";
import { shapeForVersion } from "./platform/views.js";
import type { App } from "./platform/http.js";
import { registerResources } from "./resources/index.js";

export interface RecordedExchange {
  method: string;
  route: string;
  status: number;
  version: string | null;
  body: string;
}

export interface AppOptions {
  store: Store;
  logger?: FastifyServerOptions["logger"];
  /** Called with every response (the conformance check records them). */
  record?: (x: RecordedExchange) => void;
}

export const BODY_LIMIT = 10 * 1024 * 1024;

const utf8 = new TextDecoder("utf-8", { fatal: true });
const NUL_MESSAGE = "Text may not contain the NUL character (\\u0000)";

/** Whether a parsed JSON value holds a NUL character in any string or key (iteratively: bodies may nest deeply). */
function hasNul(value: unknown): boolean {
  const stack = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === "string") {
      if (v.includes("\0")) return true;
    } else if (v && typeof v === "object") {
      for (const [k, child] of Object.entries(v)) {
        if (k.includes("\0")) return true;
        stack.push(child);
      }
    }
  }
  return false;
}

/** A copy of a schema whose integers are the exact (safe) ones: 1e308 or 2**63 is no id, count, page or timestamp. */
function safeIntegers(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(safeIntegers);
  if (!schema || typeof schema !== "object") return schema;
  const out: Record<string, unknown> = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, safeIntegers(v)]));
  if (out.type === "integer") {
    out.minimum ??= Number.MIN_SAFE_INTEGER;
    out.maximum ??= Number.MAX_SAFE_INTEGER;
  }
  return out;
}

export async function buildApp(opts: AppOptions): Promise<App> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: BODY_LIMIT,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    routerOptions: { ignoreTrailingSlash: true },
    return503OnClosing: true,
    frameworkErrors,
    clientErrorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;

  // Query strings and path parameters arrive as text and are coerced; JSON bodies are checked as sent.
  const ajvParams = new Ajv({ coerceTypes: "array", useDefaults: true, removeAdditional: true, allErrors: false, strict: false });
  const ajvBody = new Ajv({ coerceTypes: false, useDefaults: true, removeAdditional: false, allErrors: false, strict: false });
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === "body" ? ajvBody : ajvParams).compile(safeIntegers(schema) as object));

  // An empty JSON body (a POST with nothing to say, e.g. archive) is no body, not a parse error.
  // The body must be UTF-8, and its text free of NUL characters (which no database text column holds).
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (request, raw, done) => {
    let body: string;
    try {
      body = utf8.decode(raw as Buffer);
    } catch {
      return done(badRequest("parameter_invalid", "The request body is not valid UTF-8", "body"), undefined);
    }
    if (body.trim() === "") return done(null, undefined);
    return parseJson(request, body, (err: Error | null, json?: unknown) => {
      if (!err && body.includes("\\u0000") && hasNul(json)) return done(badRequest("parameter_invalid", NUL_MESSAGE, "body"), undefined);
      return done(err, json);
    });
  });

  app.decorate("store", opts.store);
  app.decorateRequest("workspace", null as never);
  app.decorateRequest("apiVersion", null as never);
  installErrorHandling(app);

  app.addHook("onRequest", async (request, reply) => {
    reply.header("X-Request-Id", request.id);
    if (/%00/.test(request.url)) throw badRequest("parameter_invalid", NUL_MESSAGE);
    if (request.routeOptions.config?.public || !request.routeOptions.url) return;
    const token = bearerToken(request.headers.authorization);
    const ws = token ? await workspaceForToken(opts.store.db, token) : null;
    if (!ws) throw unauthorized();
    request.workspace = ws;
    request.apiVersion = resolveVersion(request.headers["intercom-version"], ws.default_version);
  });

  app.addHook("preSerialization", async (request, reply, payload) => {
    const route = request.routeOptions.url;
    if (!request.apiVersion || !route || reply.statusCode >= 400 || payload === null || typeof payload !== "object") return payload;
    return shapeForVersion(request.apiVersion, request.method, route, reply.statusCode, payload);
  });

  if (opts.record) {
    const record = opts.record;
    app.addHook("onSend", async (request, reply, payload) => {
      if (typeof payload === "string" || payload === undefined || payload === null) {
        record({ method: request.method, route: request.routeOptions.url ?? "", status: reply.statusCode, version: request.apiVersion ?? null, body: payload ?? "" });
      }
      return payload;
    });
  }

  // Graceful stop: in-flight requests finish; a keep-alive connection is closed as soon as its
  // response is sent, so that close() does not wait for keep-alive timeouts.
  let closing = false;
  let sweeper: NodeJS.Timeout | undefined;
  app.addHook("preClose", async () => {
    closing = true;
    sweeper = setInterval(() => app.server.closeIdleConnections(), 50);
  });
  app.addHook("onSend", async (_request, reply, payload) => {
    if (closing) reply.header("Connection", "close");
    return payload;
  });
  app.addHook("onClose", async () => clearInterval(sweeper));

  await registerResources(app);
  return app;
}
