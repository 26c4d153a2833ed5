// The Fastify instance type and request context shared by every resource.
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from "fastify";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { Kysely } from "kysely";
import type { DB } from "../db/types.js";
import type { Store, StoreKind } from "../db/connection.js";
import type { Workspace } from "./auth.js";
import type { ApiVersion } from "./versions.js";
import { workspaceNow } from "./clock.js";

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

declare module "fastify" {
  interface FastifyInstance {
    store: Store;
  }
  interface FastifyRequest {
    /** The workspace of the request's token (every authenticated route). */
    workspace: Workspace;
    /** The Intercom-Version the response is shaped for. */
    apiVersion: ApiVersion;
    /** The matched route's path as registered ("/contacts/:contact_id"), null when none matched (read once: Fastify's routeOptions builds an object per read). */
    routeUrl: string | null;
  }
  interface FastifyContextConfig {
    /** Route needs no token (health). */
    public?: boolean;
    /** Set on the 501 routes of operations no resource implements yet (the operationId). */
    notImplemented?: string;
    /** Its pages can be megabytes (a list or search of whole contacts): see LARGE_PAGES in app.ts. */
    largePages?: boolean;
  }
}

/** What a service needs from a request: the database, the workspace and the version. */
export interface Ctx {
  db: Kysely<DB>;
  /** sqlite | postgres, for the rare query that must differ */
  kind: StoreKind;
  ws: Workspace;
  wsId: string;
  version: ApiVersion;
  /** unix seconds on the workspace clock */
  now: () => number;
}

/** A service context outside a request (tests, benchmarks, the CLI). */
export function serviceCtx(db: Kysely<DB>, kind: StoreKind, ws: Workspace, version: ApiVersion): Ctx {
  return { db, kind, ws, wsId: ws.id, version, now: () => workspaceNow(ws) };
}

export function ctx(req: FastifyRequest): Ctx {
  const ws = req.workspace;
  return { db: req.server.store.db, kind: req.server.store.kind, ws, wsId: ws.id, version: req.apiVersion, now: () => workspaceNow(ws) };
}
