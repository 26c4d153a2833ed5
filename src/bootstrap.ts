// Workspaces: creation (with the data every new workspace starts with) and the bootstrap workspace.
import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "./db/types.js";
import { hashToken, newToken, storeToken } from "./platform/auth.js";
import { isUniqueViolation } from "./platform/db-errors.js";
import { nowSeconds, workspaceId } from "./platform/ids.js";
import { DEFAULT_VERSION } from "./platform/versions.js";
import { seedWorkspace } from "./resources/index.js";
import { newAdminRow } from "./resources/admins/service.js";

export interface NewWorkspace {
  name?: string;
  region?: string;
  timezone?: string;
  adminName?: string;
  adminEmail?: string;
  /** use this token instead of generating one */
  token?: string;
  /** record it as the store's bootstrap workspace (fails if there is one already) */
  bootstrap?: boolean;
}

export interface CreatedWorkspace {
  workspaceId: string;
  adminId: number;
  teamId: number;
  token: string;
  /** the key webhook notifications are signed with */
  clientSecret: string;
}

/** Creates a workspace with its first admin, team and seed data, and a token; all or nothing. */
export async function createWorkspace(db: Kysely<DB>, opts: NewWorkspace = {}): Promise<CreatedWorkspace> {
  const token = opts.token ?? newToken();
  return db.transaction().execute(async (tx) => {
    const id = workspaceId();
    const now = nowSeconds();
    const clientSecret = randomBytes(24).toString("hex");
    await tx
      .insertInto("workspaces")
      .values({
        id,
        name: opts.name ?? "opencom",
        region: opts.region ?? "US",
        timezone: opts.timezone ?? "UTC",
        default_version: DEFAULT_VERSION,
        created_at: now,
        client_secret: clientSecret,
        rate_limit_per_minute: null,
        clock_frozen_at: null,
        clock_offset: 0,
        clock_version: 0,
        faults_active: 0,
        ip_allowlist_enabled: 0,
      })
      .execute();
    if (opts.bootstrap) await tx.insertInto("opencom_settings").values({ key: BOOTSTRAP_KEY, value: id }).execute();
    const admin = await tx
      .insertInto("admins")
      .values(
        newAdminRow(id, {
          name: opts.adminName ?? "Ada Admin",
          email: opts.adminEmail ?? `admin@${id}.opencom.test`,
          job_title: "Owner",
          created_at: now,
        }),
      )
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
    return { workspaceId: id, adminId: admin.id, teamId: team.id, token, clientSecret };
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

const BOOTSTRAP_KEY = "bootstrap_workspace";

export async function bootstrapWorkspaceId(db: Kysely<DB>): Promise<string | null> {
  const row = await db.selectFrom("opencom_settings").select("value").where("key", "=", BOOTSTRAP_KEY).executeTakeFirst();
  return row?.value ?? null;
}

/**
 * The bootstrap workspace of the store, created on first start. A given token is added to it if new;
 * without one, a fresh token is minted so that every start can print a working token. Processes that
 * start together race on the settings row's primary key: one creates the workspace, the others roll
 * back and use it.
 */
export async function ensureBootstrap(db: Kysely<DB>, token?: string): Promise<{ workspaceId: string; token: string; created: boolean }> {
  const existing = await bootstrapWorkspaceId(db);
  if (existing) return { workspaceId: existing, ...(await tokenFor(db, existing, token)), created: false };
  try {
    const created = await createWorkspace(db, { token, bootstrap: true });
    return { workspaceId: created.workspaceId, token: created.token, created: true };
  } catch (err) {
    const winner = await bootstrapWorkspaceId(db);
    if (!winner || !isUniqueViolation(err)) throw err;
    return { workspaceId: winner, ...(await tokenFor(db, winner, token)), created: false };
  }
}

async function tokenFor(db: Kysely<DB>, wsId: string, token?: string): Promise<{ token: string }> {
  if (token) {
    const existing = await db.selectFrom("access_tokens").select("workspace_id").where("token_hash", "=", hashToken(token)).executeTakeFirst();
    if (existing && existing.workspace_id !== wsId) throw new Error("the given token belongs to another workspace");
    if (!existing) {
      const admin = await db.selectFrom("admins").select("id").where("workspace_id", "=", wsId).orderBy("id").limit(1).executeTakeFirst();
      // another process may store the same token at the same moment: then it is there, which is all we need
      await storeToken(db, wsId, admin?.id ?? null, token, "bootstrap").catch((err) => {
        if (!isUniqueViolation(err)) throw err;
      });
    }
    return { token };
  }
  return { token: (await createToken(db, wsId, "serve"))! };
}
