// Builds the HTTP application: platform hooks once, then every resource's routes.
import { randomUUID } from "node:crypto";
import Fastify, { type FastifyServerOptions } from "fastify";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { Store } from "./db/connection.js";
import { badRequest, clientErrorHandler, frameworkErrors, installErrorHandling, unauthorized } from "./platform/errors.js";
import { installJsonBodyParser, installValidation, NUL_MESSAGE } from "./platform/requests.js";
import { bearerToken, workspaceForToken } from "./platform/auth.js";
import { enforceIpAllowlist } from "./platform/ip-allowlist.js";
import { resolveVersion } from "./platform/versions.js";
import { shapeForVersion } from "./platform/views.js";
import type { App } from "./platform/http.js";
import { registerResources } from "./resources/index.js";
import { describedVersion, operationFor, trackOperations } from "./platform/operations.js";
import { installToolkit, type ToolkitOptions } from "./platform/toolkit.js";
import { installJobWorker } from "./platform/jobs.js";
import { installConsole } from "./platform/console.js";

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
  /** journal size, webhook worker */
  toolkit?: ToolkitOptions;
}

export const BODY_LIMIT = 10 * 1024 * 1024;

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

  installValidation(app);
  installJsonBodyParser(app);

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
    enforceIpAllowlist(ws, request.ip, request.routeOptions.url);
    request.apiVersion = resolveVersion(request.headers["intercom-version"], ws.default_version);
    // an operation the requested version does not describe answers as its nearest description does
    const op = operationFor(request.method, request.routeOptions.url);
    if (op) request.apiVersion = describedVersion(op, request.apiVersion);
  });
  installToolkit(app, opts.toolkit);
  installJobWorker(app);

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

  const operations = trackOperations(app);
  await registerResources(app);
  installConsole(app);
  operations.registerMissing();
  return app;
}
