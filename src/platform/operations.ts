// The operation table: every distinct operation of the union of Intercom versions, derived from the
// official descriptions by scripts/gen-contract.mjs into src/contract/operations.json (structure only).
// Resources register their routes as usual; whatever operation of the table no resource registered
// answers 501 not_implemented naming the operation, never the generic 404.
import table from "../contract/operations.json" with { type: "json" };
import legacy from "../contract/legacy.json" with { type: "json" };
import type { RouteOptions } from "fastify";
import { ApiError } from "./errors.js";
import type { App } from "./http.js";
import { versionRank } from "./versions.js";

export interface RequestParam {
  name: string;
  in: "path" | "query" | "cookie";
  required: boolean;
  schema: Record<string, unknown>;
}

export interface RequestShape {
  params: RequestParam[];
  body?: Record<string, unknown>;
}

export interface Operation {
  /** "GET /contacts/{}" (parameter names erased) */
  key: string;
  operationId: string;
  method: string;
  /** the path as the newest description spells it */
  path: string;
  tag: string | null;
  /** the versions that describe it, oldest first */
  versions: string[];
  /** version -> key into requestShapes */
  request: Record<string, string>;
}

interface Table {
  versions: string[];
  operations: Operation[];
  requests: Record<string, RequestShape>;
}

const contract = table as unknown as Table;

export const OPERATIONS: readonly Operation[] = contract.operations;

/** "GET /contacts/{}" for both "/contacts/{id}" and Fastify's "/contacts/:id". */
export const operationKey = (method: string, path: string) =>
  `${method.toUpperCase()} ${path.replace(/\{[^}]+\}|:[A-Za-z0-9_]+/g, "{}")}`;

const byKey = new Map(OPERATIONS.map((o) => [o.key, o]));

/** Registered routes are few and fixed: their lookups (one per request) are remembered. */
const byRoute = new Map<string, Operation | undefined>();

export function operationFor(method: string, path: string): Operation | undefined {
  const route = `${method} ${path}`;
  if (!byRoute.has(route)) byRoute.set(route, byKey.get(operationKey(method, path)));
  return byRoute.get(route);
}

/**
 * The version whose description of an operation applies to a request: the requested one when it has
 * the operation, else the nearest that has it (the later one on a tie). An operation that arrived in
 * 2.16 answers a 2.14 caller as 2.16 describes it; one that left after 2.11 answers as 2.11 did.
 */
export function describedVersion(op: Operation, requested: string): string {
  if (op.versions.includes(requested)) return requested;
  const r = versionRank(requested);
  return [...op.versions].sort((a, b) => Math.abs(versionRank(a) - r) - Math.abs(versionRank(b) - r) || versionRank(b) - versionRank(a))[0] ?? requested;
}

/** The request shape (parameters and body structure) of an operation in a version, if it has one there. */
export function requestShape(op: Operation, version: string): RequestShape | undefined {
  const h = op.request[version];
  return h ? contract.requests[h] : undefined;
}

/** Fastify's spelling of a contract path: "/contacts/{id}" -> "/contacts/:id". */
export const fastifyPath = (path: string) => path.replace(/\{([^}]+)\}/g, ":$1");

/**
 * Routes opencom answers outside the table and outside /_opencom/: paths Intercom serves that no
 * version of the description lists (each with the reason). Everything else must be an operation.
 */
export const LEGACY_ROUTES: Readonly<Record<string, string>> = Object.fromEntries(
  (legacy as { operations: Array<{ key: string; why: string }> }).operations.map((o) => [o.key, o.why]),
);

/** The one route outside /_opencom/ that is no API: the web console's page (its assets are under /_opencom/console/). */
export const CONSOLE_PAGE = "GET /";

/** Routes registered outside /_opencom/ that are neither an operation of the table nor listed legacy. */
export function unknownRoutes(keys: Iterable<string>): string[] {
  return [...keys].filter((k) => !byKey.has(k) && !(k in LEGACY_ROUTES) && k !== CONSOLE_PAGE && !/^[A-Z]+ \/_opencom(\/|$)/.test(k) && !k.startsWith("HEAD "));
}

/**
 * Records every route the resources register (call before registering them), and afterwards registers
 * a 501 not_implemented answer for every operation of the table that no resource registered.
 */
export function trackOperations(app: App): { registerMissing: () => void; implemented: () => Set<string> } {
  const seen = new Set<string>();
  app.addHook("onRoute", (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const m of methods) seen.add(operationKey(m, route.url));
  });
  return {
    implemented: () => new Set([...seen].filter((k) => byKey.has(k))),
    registerMissing() {
      // routes are registered against the table: a path that is no operation is a typo or a new legacy route
      const unknown = unknownRoutes(seen);
      if (unknown.length) throw new Error(`routes outside the operation table (and not in LEGACY_ROUTES): ${unknown.join(", ")}`);
      for (const op of OPERATIONS) {
        if (seen.has(op.key)) continue;
        app.route({
          method: op.method as "GET",
          url: fastifyPath(op.path),
          config: { notImplemented: op.operationId },
          handler: async () => {
            throw new ApiError(501, "not_implemented", `opencom does not implement ${op.operationId} (${op.method} ${op.path}) yet`);
          },
        });
      }
    },
  };
}
