// Identity verification secrets (Unstable): 256-bit random values made here, answered once at creation;
// a delete is soft (the row stays, no longer listed, a second delete is a 404).
import { randomBytes } from "node:crypto";
import type { Selectable } from "kysely";
import type { IdentityVerificationSecretsTable } from "../../db/tables/settings.js";
import type { Ctx } from "../../platform/http.js";
import { ApiError } from "../../platform/errors.js";
import { parseNumericId } from "../../platform/ids.js";
import type { SecretInput } from "./schemas.js";

export type SecretRow = Selectable<IdentityVerificationSecretsTable>;

const unprocessable = (field: string, message: string) => new ApiError(422, "parameter_invalid", message, field);
const secretNotFound = () => new ApiError(404, "identity_verification_secret_not_found", "Identity verification secret not found");

export async function listSecrets(c: Ctx): Promise<SecretRow[]> {
  return c.db.selectFrom("identity_verification_secrets").selectAll().where("workspace_id", "=", c.wsId).where("deleted_at", "is", null).orderBy("id").limit(1000).execute();
}

export async function createSecret(c: Ctx, input: SecretInput): Promise<SecretRow> {
  if (input.name === undefined) throw unprocessable("name", "name is required");
  if (input.name.trim() === "") throw unprocessable("name", "name must not be blank");
  if (!input.supports_android && !input.supports_ios && !input.supports_web) {
    throw unprocessable("supports_web", "the secret must be enabled for at least one platform (supports_android, supports_ios or supports_web)");
  }
  const row = {
    workspace_id: c.wsId,
    name: input.name,
    secret: randomBytes(32).toString("base64url"),
    supports_android: input.supports_android ? 1 : 0,
    supports_ios: input.supports_ios ? 1 : 0,
    supports_web: input.supports_web ? 1 : 0,
    created_at: c.now(),
    deleted_at: null,
  };
  const { id } = await c.db.insertInto("identity_verification_secrets").values(row).returning("id").executeTakeFirstOrThrow();
  return { ...row, id: Number(id) };
}

/** Soft delete, decided by the update's row count: of parallel deletes one succeeds. */
export async function deleteSecret(c: Ctx, rawId: unknown): Promise<void> {
  const id = parseNumericId(rawId);
  if (id === null) throw secretNotFound();
  const res = await c.db
    .updateTable("identity_verification_secrets")
    .set({ deleted_at: c.now() })
    .where("workspace_id", "=", c.wsId)
    .where("id", "=", id)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw secretNotFound();
}
