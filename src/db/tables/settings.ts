// Table types of the workspace settings area (see src/db/types.ts: DB extends every area's tables).
import type { Generated } from "kysely";

export interface AwayStatusReasonsTable {
  id: Generated<number>;
  workspace_id: string;
  label: string;
  emoji: string | null;
  order: number;
  deleted: number;
  created_at: number;
  updated_at: number;
}

/** Identity verification (secure mode) secrets; `secret` is answered once, at creation. */
export interface IdentityVerificationSecretsTable {
  id: Generated<number>;
  workspace_id: string;
  name: string;
  secret: string;
  supports_android: number;
  supports_ios: number;
  supports_web: number;
  created_at: number;
  /** soft delete: set once, the secret no longer listed */
  deleted_at: number | null;
}

/** Audiences: predicates and role predicates as JSON arrays. */
export interface AudiencesTable {
  id: Generated<number>;
  workspace_id: string;
  name: string;
  predicates: string;
  role_predicates: string;
  created_at: number;
  updated_at: number;
}

export interface SettingsTables {
  audiences: AudiencesTable;
  away_status_reasons: AwayStatusReasonsTable;
  identity_verification_secrets: IdentityVerificationSecretsTable;
}
