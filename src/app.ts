// Builds the HTTP application: platform hooks once, then every resource's routes.
import { randomUUID } from "node:crypto";
import Fastify, { type FastifyReply, type FastifyRequest, type FastifyServerOptions } from "fastify";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { Store } from "./db/connection.js";
import { badRequest, clientErrorHandler, frameworkErrors, installErrorHandling, unauthorized } from "./platform/errors.js";
import { installJsonBodyParser, installValidation, NUL_MESSAGE } from "./platform/requests.js";
import { bearerToken, cachedWorkspaceForToken, workspaceForToken, type Workspace } from "./platform/auth.js";
import { enforceIpAllowlist } from "./platform/ip-allowlist.js";
import { resolveVersion } from "./platform/versions.js";
import { shapeForVersion } from "./platform/views.js";
import type { App } from "./platform/http.js";
import { registerResources } from "./resources/index.js";
import { describedVersion, operationFor, trackOperations } from "./platform/operations.js";
import { installToolkit, type ToolkitHooks, type ToolkitOptions } from "./platform/toolkit.js";
import { installJobWorker } from "./platform/jobs.js";
import { installConsole } from "./platform/console.js";
import { Gate } from "./platform/gate.js";

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
/** How long a graceful stop lets in-flight requests finish before it closes their connections. */
export const CLOSE_GRACE_MS = 10_000;
/** How many responses of the routes marked `largePages` are built and sent at once. */
export const LARGE_PAGES = 2;

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
  app.decorateRequest("routeUrl", null);
  installErrorHandling(app);

  // One hook per phase, synchronous unless there is something to wait for: a token whose workspace is not
  // in memory (src/platform/auth.ts), a rate limit or faults (src/platform/toolkit.ts).
  const db = opts.store.db;
  let toolkit: ToolkitHooks | undefined;
  type Done = (err?: Error) => void;
  const admit = (request: FastifyRequest, reply: FastifyReply, ws: Workspace, done: Done) => {
    let pending: Promise<void> | undefined;
    try {
      request.workspace = ws;
      const route = request.routeUrl!;
      enforceIpAllowlist(ws, request.ip, route);
      request.apiVersion = resolveVersion(request.headers["intercom-version"], ws.default_version);
      // an operation the requested version does not describe answers as its nearest description does
      const op = operationFor(request.method, route);
      if (op) request.apiVersion = describedVersion(op, request.apiVersion);
      pending = toolkit!.admit(request, reply);
    } catch (err) {
      return done(err as Error);
    }
    // (done runs the rest of the request: never inside the try above, which would catch its errors twice)
    if (pending) pending.then(() => done(), done);
    else done();
  };
  app.addHook("onRequest", (request, reply, done) => {
    reply.header("X-Request-Id", request.id);
    const routeOptions = request.routeOptions;
    request.routeUrl = routeOptions.url ?? null;
    if (request.url.includes("%00")) return done(badRequest("parameter_invalid", NUL_MESSAGE));
    if (routeOptions.config?.public || !request.routeUrl) return done();
    const token = bearerToken(request.headers.authorization);
    if (!token) return done(unauthorized());
    const cached = cachedWorkspaceForToken(db, token);
    if (cached) return admit(request, reply, cached, done);
    workspaceForToken(db, token).then((ws) => (ws ? admit(request, reply, ws, done) : done(unauthorized())), done);
  });
  toolkit = installToolkit(app, opts.toolkit);
  installJobWorker(app);

  // A page of whole contacts at the limits is megabytes, held as rows, objects and the serialised string
  // until it is sent: LARGE_PAGES of them are built and sent at once, the others wait their turn (8 clients
  // reading the largest pages took the process past 500 MB RSS in one run of ten).
  // The gate is a preHandler of those routes only (added as they are registered): other routes pay nothing.
  const largePages = new Gate(LARGE_PAGES);
  const enterLargePages = (_request: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => {
    largePages.enter().then(() => {
      if (reply.raw.closed) {
        // the client left while waiting: its "close" has fired already and would never release the place
        // (two such requests shut the gate for good), and nobody is there to read the page
        largePages.leave();
        reply.hijack();
        return done();
      }
      // released when the response is over: sent, failed or abandoned by the client
      reply.raw.once("close", () => largePages.leave());
      done();
    }, done);
  };
  app.addHook("onRoute", (route) => {
    if (!route.config?.largePages) return;
    const own = route.preHandler === undefined ? [] : Array.isArray(route.preHandler) ? route.preHandler : [route.preHandler];
    route.preHandler = [...own, enterLargePages];
  });
  app.addHook("preHandler", (request, reply, done) => {
    toolkit!.lint(request, reply);
    done();
  });

  app.addHook("preSerialization", (request, reply, payload, done) => {
    const route = request.routeUrl;
    if (!request.apiVersion || !route || reply.statusCode >= 400 || payload === null || typeof payload !== "object") return done(null, payload);
    // (a throw here is caught by Fastify's hook runner and answered as an error)
    done(null, shapeForVersion(request.apiVersion, request.method, route, reply.statusCode, payload));
  });

  const record = opts.record;
  let closing = false;
  app.addHook("onSend", (request, reply, payload, done) => {
    if (record) {
      // a file (a Buffer or a stream: the export downloads) is recorded by its status, without its bytes
      const body = typeof payload === "string" ? payload : "";
      record({ method: request.method, route: request.routeUrl ?? "", status: reply.statusCode, version: request.apiVersion ?? null, body });
    }
    toolkit!.journal(request, reply, payload);
    if (closing) reply.header("Connection", "close");
    done(null, payload);
  });

  // Graceful stop: in-flight requests finish; a keep-alive connection is closed as soon as its
  // response is sent, so that close() does not wait for keep-alive timeouts.
  // A connection that carries no request but that Node does not count as idle (seen after clients gave up
  // on requests mid-flight, under load) would hold the stop until Node's headers timeout (60 s): after
  // CLOSE_GRACE_MS every connection left is closed.
  let sweeper: NodeJS.Timeout | undefined;
  let forcer: NodeJS.Timeout | undefined;
  app.addHook("preClose", async () => {
    closing = true;
    sweeper = setInterval(() => app.server.closeIdleConnections(), 50);
    forcer = setTimeout(() => app.server.closeAllConnections(), CLOSE_GRACE_MS);
  });
  app.addHook("onClose", async () => {
    clearInterval(sweeper);
    clearTimeout(forcer);
  });

  const operations = trackOperations(app);
  await registerResources(app);
  installConsole(app);
  operations.registerMissing();
  return app;
}
