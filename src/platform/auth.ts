// Bearer tokens: stored as SHA-256 hashes, looked up by hash, compared in constant time.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import type { DB, WorkspacesTable } from "../db/types.js";
import { nowSeconds } from "./ids.js";

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

export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1] : null;
}

export async function workspaceForToken(db: Kysely<DB>, token: string): Promise<Workspace | null> {
  const hash = hashToken(token);
  const row = await db
    .selectFrom("access_tokens")
    .innerJoin("workspaces", "workspaces.id", "access_tokens.workspace_id")
    .select(["access_tokens.token_hash", "access_tokens.admin_id as token_admin_id", "workspaces.id", "workspaces.name", "workspaces.region", "workspaces.timezone", "workspaces.default_version", "workspaces.created_at", "workspaces.client_secret", "workspaces.clock_offset", "workspaces.clock_frozen_at", "workspaces.clock_version", "workspaces.rate_limit_per_minute", "workspaces.faults_active"])
    .where("access_tokens.token_hash", "=", hash)
    .executeTakeFirst();
  if (!row) return null;
  // the index lookup found it; compare anyway in constant time so equality is never decided byte by byte
  if (!timingSafeEqual(Buffer.from(row.token_hash, "hex"), Buffer.from(hash, "hex"))) return null;
  const { token_hash: _unused, ...ws } = row;
  return ws;
}
