// Workspaces: creation (with the data every new workspace starts with) and the bootstrap workspace.
import type { Kysely } from "kysely";
import type { DB } from "./db/types.js";
import { hashToken, newToken, storeToken } from "./platform/auth.js";
import { nowSeconds, workspaceId } from "./platform/ids.js";
import { DEFAULT_VERSION } from "./platform/versions.js";
import { seedWorkspace } from "./resources/index.js";

export interface NewWorkspace {
  name?: string;
  region?: string;
  timezone?: string;
  adminName?: string;
  adminEmail?: string;
  /** use this token instead of generating one */
  token?: string;
}

export interface CreatedWorkspace {
  workspaceId: string;
  adminId: number;
  teamId: number;
  token: string;
}

/** Creates a workspace with its first admin, team and seed data, and a token; all or nothing. */
export async function createWorkspace(db: Kysely<DB>, opts: NewWorkspace = {}): Promise<CreatedWorkspace> {
  const token = opts.token ?? newToken();
  return db.transaction().execute(async (tx) => {
    const id = workspaceId();
    const now = nowSeconds();
    await tx
      .insertInto("workspaces")
      .values({
        id,
        name: opts.name ?? "opencom",
        region: opts.region ?? "US",
        timezone: opts.timezone ?? "UTC",
        default_version: DEFAULT_VERSION,
        created_at: now,
      })
      .execute();
    const admin = await tx
      .insertInto("admins")
      .values({
        workspace_id: id,
        name: opts.adminName ?? "Ada Admin",
        email: opts.adminEmail ?? `admin@${id}.opencom.test`,
        job_title: "Owner",
        away_mode_enabled: 0,
        away_mode_reassign: 0,
        away_status_reason_id: null,
        has_inbox_seat: 1,
        email_verified: 1,
        avatar_url: null,
        created_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const team = await tx
      .insertInto("teams")
      .values({ workspace_id: id, name: "Support", assignment_limit: null, distribution_method: "round_robin", created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await tx.insertInto("team_admins").values({ workspace_id: id, team_id: team.id, admin_id: admin.id }).execute();
    await seedWorkspace(tx, id, admin.id);
    await storeToken(tx, id, admin.id, token, "bootstrap");
    return { workspaceId: id, adminId: admin.id, teamId: team.id, token };
  });
}

/** Creates a token for an existing workspace, acting as its first admin. */
export async function createToken(db: Kysely<DB>, wsId: string, name = "cli"): Promise<string | null> {
  const ws = await db.selectFrom("workspaces").select("id").where("id", "=", wsId).executeTakeFirst();
  if (!ws) return null;
  const admin = await db.selectFrom("admins").select("id").where("workspace_id", "=", wsId).orderBy("id").limit(1).executeTakeFirst();
  const token = newToken();
  await storeToken(db, wsId, admin?.id ?? null, token, name);
  return token;
}

/**
 * The first workspace of the store, created on first start. A given token is added to it if new;
 * without one, a fresh token is minted so that every start can print a working token.
 */
export async function ensureBootstrap(db: Kysely<DB>, token?: string): Promise<{ workspaceId: string; token: string; created: boolean }> {
  const first = await db.selectFrom("workspaces").select("id").orderBy("created_at").orderBy("id").limit(1).executeTakeFirst();
  if (!first) {
    try {
      const created = await createWorkspace(db, { token });
      return { workspaceId: created.workspaceId, token: created.token, created: true };
    } catch (err) {
      // another opencom process on the same database may have bootstrapped at the same moment
      const again = await db.selectFrom("workspaces").select("id").orderBy("created_at").orderBy("id").limit(1).executeTakeFirst();
      if (!again) throw err;
      return { workspaceId: again.id, ...(await tokenFor(db, again.id, token)), created: false };
    }
  }
  return { workspaceId: first.id, ...(await tokenFor(db, first.id, token)), created: false };
}

async function tokenFor(db: Kysely<DB>, wsId: string, token?: string): Promise<{ token: string }> {
  if (token) {
    const existing = await db.selectFrom("access_tokens").select("workspace_id").where("token_hash", "=", hashToken(token)).executeTakeFirst();
    if (existing && existing.workspace_id !== wsId) throw new Error("the given token belongs to another workspace");
    if (!existing) {
      const admin = await db.selectFrom("admins").select("id").where("workspace_id", "=", wsId).orderBy("id").limit(1).executeTakeFirst();
      await storeToken(db, wsId, admin?.id ?? null, token, "bootstrap");
    }
    return { token };
  }
  return { token: (await createToken(db, wsId, "serve"))! };
}
