// Bearer tokens: stored as SHA-256 hashes, looked up by hash, compared in constant time.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB, WorkspacesTable } from "../db/types.js";
import { nowSeconds } from "./ids.js";

export type Workspace = WorkspacesTable & {
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

export async function workspaceForToken(db: Kysely<DB>, token: string): Promise<Workspace | null> {
  const hash = hashToken(token);
  const row = await db
    .selectFrom("access_tokens")
    .innerJoin("workspaces", "workspaces.id", "access_tokens.workspace_id")
    .select(["access_tokens.token_hash", "access_tokens.admin_id as token_admin_id", "workspaces.id", "workspaces.name", "workspaces.region", "workspaces.timezone", "workspaces.default_version", "workspaces.created_at"])
    .where("access_tokens.token_hash", "=", hash)
    .executeTakeFirst();
  if (!row) return null;
  // the index lookup found it; compare anyway in constant time so equality is never decided byte by byte
  if (!timingSafeEqual(Buffer.from(row.token_hash, "hex"), Buffer.from(hash, "hex"))) return null;
  const { token_hash: _unused, ...ws } = row;
  return ws;
}
