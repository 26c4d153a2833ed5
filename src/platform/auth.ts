// Bearer tokens: stored as SHA-256 hashes, looked up by hash, compared in constant time.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import type { DB, WorkspacesTable } from "../db/types.js";
import { performance } from "node:perf_hooks";
import { nowSeconds } from "./ids.js";
import { workspaceGeneration } from "../db/watch.js";

export type Workspace = Selectable<WorkspacesTable> & {
  /** the admin the request's token acts as, if the token names one */
  token_admin_id: number | null;
};

export const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

/** A new access token: `oc_` + 40 base64url characters. */
export const newToken = () => "oc_" + randomBytes(30).toString("base64url");

export async function storeToken(db: Kysely<DB>, workspaceId: string, adminId: number | null, token: string, name: string | null = null): Promise<void> {
  await db
    .insertInto("access_tokens")
    .values({ workspace_id: workspaceId, admin_id: adminId, token_hash: hashToken(token), name, created_at: nowSeconds() })
    .execute();
}

/**
 * The access token of a request, as Intercom accepts it: `Authorization: Bearer <token>`, or HTTP Basic
 * with the token as user name and any (usually empty) password — what the hand-written intercom-client
 * 4.x/5.x SDKs (axios `auth: { username: token }`) and many older integrations send.
 */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (bearer) return bearer[1];
  const basic = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
  if (!basic) return null;
  const decoded = Buffer.from(basic[1], "base64").toString("utf8");
  const user = decoded.includes(":") ? decoded.slice(0, decoded.indexOf(":")) : decoded;
  return user.length > 0 && user.length <= 512 ? user : null;
}

/**
 * How long a token's binding (its workspace id and admin) and its workspace's row are served from memory:
 * a token revoked, or a workspace row changed, by another process (several share one database) is seen
 * here at the latest this long afterwards. A change made through this process's store is seen at once:
 * every write to the workspaces table moves a generation counter (src/db/watch.ts) and a cached row of an
 * older generation is read again; code that revokes tokens in this process calls invalidateWorkspace().
 */
export const TOKEN_CACHE_MS = 2000;
/** At most this many tokens are cached (the oldest go first); unknown tokens are never cached. */
const TOKEN_CACHE_MAX = 10_000;

interface CachedToken {
  db: Kysely<DB>;
  wsId: string;
  adminId: number | null;
  until: number;
  /** the workspace as read at generation `gen` (frozen: requests share it) */
  ws: Workspace | null;
  gen: number;
}

const tokenCache = new Map<string, CachedToken>();

/** Drops the cached binding of every token of a workspace (after a change to its row or its tokens). */
export function invalidateWorkspace(workspaceId: string): void {
  for (const [hash, entry] of tokenCache) if (entry.wsId === workspaceId) tokenCache.delete(hash);
}

/** Drops every cached token (tests; a store closed or reset under a running process). */
export function clearTokenCache(): void {
  tokenCache.clear();
}

/**
 * The workspace a token opens when memory already knows it (no statement, no await), else undefined and
 * the caller asks workspaceForToken.
 */
export function cachedWorkspaceForToken(db: Kysely<DB>, token: string): Workspace | undefined {
  const hit = tokenCache.get(hashToken(token));
  // (one process may hold several stores, e.g. tests: an entry is only good for the store it came from)
  if (hit && hit.ws && hit.db === db && hit.gen === workspaceGeneration() && hit.until > performance.now()) return hit.ws;
  return undefined;
}

/** The workspace a token opens, or null. The token's binding and the workspace row are cached for TOKEN_CACHE_MS. */
export async function workspaceForToken(db: Kysely<DB>, token: string): Promise<Workspace | null> {
  const hash = hashToken(token);
  const now = performance.now();
  const hit = tokenCache.get(hash);
  if (hit && hit.until > now && hit.db === db) {
    const gen = workspaceGeneration();
    if (hit.ws && hit.gen === gen) return hit.ws;
    const row = await db.selectFrom("workspaces").selectAll().where("id", "=", hit.wsId).executeTakeFirst();
    if (row) {
      const ws = Object.freeze({ ...row, token_admin_id: hit.adminId });
      hit.ws = ws;
      hit.gen = gen;
      return ws;
    }
  }
  if (hit) tokenCache.delete(hash);
  const gen = workspaceGeneration();
  const ws = await lookupToken(db, hash);
  if (ws) {
    Object.freeze(ws);
    tokenCache.set(hash, { db, wsId: ws.id, adminId: ws.token_admin_id, until: now + TOKEN_CACHE_MS, ws, gen });
    if (tokenCache.size > TOKEN_CACHE_MAX) tokenCache.delete(tokenCache.keys().next().value!);
  }
  return ws;
}

async function lookupToken(db: Kysely<DB>, hash: string): Promise<Workspace | null> {
  const row = await db
    .selectFrom("access_tokens")
    .innerJoin("workspaces", "workspaces.id", "access_tokens.workspace_id")
    .select(["access_tokens.token_hash", "access_tokens.admin_id as token_admin_id", "workspaces.id", "workspaces.name", "workspaces.region", "workspaces.timezone", "workspaces.default_version", "workspaces.created_at", "workspaces.client_secret", "workspaces.clock_offset", "workspaces.clock_frozen_at", "workspaces.clock_version", "workspaces.rate_limit_per_minute", "workspaces.faults_active", "workspaces.ip_allowlist_enabled", "workspaces.ip_allowlist"])
    .where("access_tokens.token_hash", "=", hash)
    .executeTakeFirst();
  if (!row) return null;
  // the index lookup found it; compare anyway in constant time so equality is never decided byte by byte
  if (!timingSafeEqual(Buffer.from(row.token_hash, "hex"), Buffer.from(hash, "hex"))) return null;
  const { token_hash: _unused, ...ws } = row;
  return ws;
}
