// Ecommerce catalog uploads. Intercom's UI connects a store; opencom's API creates the connector
// (`POST /_opencom/ecommerce/connectors`). A catalog is a JSON array of products (`id`, `title`, an
// https `url` required), uploaded at once (202, synced) or in parts: the first part opens a session
// (one per connector, a unique index), each part is itself a JSON array, `part_number` runs 1, 2, …
// (a retried part replaces itself), and `finalize=true` syncs the parts together. A sync replaces the
// connector's products by id (absent ids are removed) in one transaction, so it is done when the 202
// answers; the job's status reads "processing" as Intercom's does when the sync starts.
import { randomBytes } from "node:crypto";
import type { Selectable } from "kysely";
import type { EcommerceConnectorsTable } from "../../db/tables/channels.js";
import type { Ctx } from "../../platform/http.js";
import { ApiError, missingParam, notFound } from "../../platform/errors.js";
import { isUniqueViolation } from "../../platform/db-errors.js";
import { parseNumericId } from "../../platform/ids.js";
import { inTransaction } from "../../platform/writes.js";

export type EcommerceConnectorRow = Selectable<EcommerceConnectorsTable>;

const unprocessable = (code: string, message: string) => new ApiError(422, code, message);
const connectorNotFound = () => notFound("No connector found with the provided id.", "import_source_not_found");
const sessionNotFound = () => notFound("No active upload session found for the provided import_job_id.", "upload_session_not_found");
const sessionOpen = () => new ApiError(409, "sync_in_progress", "A multipart upload is already in progress. Use import_job_id to continue.");

export async function createEcommerceConnector(c: Ctx, name: string): Promise<EcommerceConnectorRow> {
  const row = { workspace_id: c.wsId, name, last_import_job_id: null, created_at: c.now() };
  const { id } = await c.db.insertInto("ecommerce_connectors").values(row).returning("id").executeTakeFirstOrThrow();
  return { ...row, id: Number(id) };
}

export async function getEcommerceConnector(c: Ctx, rawId: unknown): Promise<EcommerceConnectorRow> {
  const id = parseNumericId(rawId);
  const row = id === null ? undefined : await c.db.selectFrom("ecommerce_connectors").selectAll().where("workspace_id", "=", c.wsId).where("id", "=", id).executeTakeFirst();
  if (!row) throw connectorNotFound();
  return row;
}

export async function listProducts(c: Ctx, rawId: unknown) {
  const connector = await getEcommerceConnector(c, rawId);
  const rows = await c.db.selectFrom("ecommerce_products").select(["data"]).where("connector_id", "=", connector.id).orderBy("product_id").execute();
  return { connector, products: rows.map((r) => JSON.parse(r.data) as Record<string, unknown>) };
}

/** The products of one catalog file (or part), checked. */
function readCatalog(data: Buffer): Array<Record<string, unknown>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data.toString("utf8"));
  } catch {
    throw unprocessable("invalid_catalog_format", "catalog must be a JSON array");
  }
  if (!Array.isArray(parsed)) throw unprocessable("invalid_catalog_format", "catalog must be a JSON array");
  for (const [i, p] of parsed.entries()) {
    if (!p || typeof p !== "object" || Array.isArray(p)) throw unprocessable("invalid_catalog_format", "each item in the catalog array must be a JSON object");
    const o = p as Record<string, unknown>;
    for (const f of ["id", "title", "url"]) if (typeof o[f] !== "string" || o[f] === "") throw unprocessable("invalid_catalog_format", `product ${i}: ${f} is required`);
    if (!/^https:\/\/\S+$/.test(o.url as string)) throw unprocessable("invalid_catalog_format", `product ${i}: url must be a valid https:// URL`);
  }
  return parsed as Array<Record<string, unknown>>;
}

const jobId = () => `job_${randomBytes(10).toString("hex")}`;

/** Replaces the connector's products with the catalog's (inside the caller's transaction). */
async function sync(t: Ctx, connectorId: number, job: string, products: Array<Record<string, unknown>>) {
  const byId = new Map(products.map((p) => [p.id as string, p]));
  await t.db.deleteFrom("ecommerce_products").where("connector_id", "=", connectorId).execute();
  const now = t.now();
  const rows = [...byId.values()].map((p) => ({ workspace_id: t.wsId, connector_id: connectorId, product_id: p.id as string, data: JSON.stringify(p), updated_at: now }));
  for (let i = 0; i < rows.length; i += 500) await t.db.insertInto("ecommerce_products").values(rows.slice(i, i + 500)).execute();
  await t.db.updateTable("ecommerce_connectors").set({ last_import_job_id: job }).where("id", "=", connectorId).execute();
  return byId.size;
}

export interface UploadInput {
  catalog: Buffer | null;
  catalogIsFile: boolean;
  finalize: string | undefined;
  importJobId: string | undefined;
  partNumber: string | undefined;
}

export type UploadResult = { kind: "part"; importJobId: string; nextPart: number } | { kind: "synced"; importJobId: string };

export async function uploadCatalog(c: Ctx, rawId: unknown, u: UploadInput): Promise<UploadResult> {
  const connector = await getEcommerceConnector(c, rawId);
  if (u.finalize !== undefined && u.finalize !== "true" && u.finalize !== "false") throw new ApiError(400, "parameter_invalid", "finalize must be true or false", "finalize");
  const catalog = () => {
    if (u.catalog === null) throw missingParam("catalog", "catalog file is required");
    if (!u.catalogIsFile) throw missingParam("catalog", "catalog must be an uploaded file");
    return readCatalog(u.catalog);
  };
  const now = c.now();

  if (u.finalize === undefined) {
    // single-file upload: not while a multipart session is open
    const products = catalog();
    const open = await c.db.selectFrom("ecommerce_import_jobs").select("id").where("open_for", "=", connector.id).executeTakeFirst();
    if (open) throw sessionOpen();
    const id = jobId();
    await inTransaction(c, async (t) => {
      const count = await sync(t, connector.id, id, products);
      await t.db.insertInto("ecommerce_import_jobs").values({ id, workspace_id: c.wsId, connector_id: connector.id, state: "completed", open_for: null, next_part: 1, product_count: count, created_at: now, updated_at: now }).execute();
    });
    return { kind: "synced", importJobId: id };
  }

  if (u.finalize === "false" && u.importJobId === undefined) {
    if (u.partNumber !== undefined && u.partNumber !== "1") throw unprocessable("import_job_id_required", "Include import_job_id to continue an existing upload session.");
    const products = catalog();
    const id = jobId();
    try {
      await inTransaction(c, async (t) => {
        await t.db.insertInto("ecommerce_import_jobs").values({ id, workspace_id: c.wsId, connector_id: connector.id, state: "uploading", open_for: connector.id, next_part: 2, product_count: null, created_at: now, updated_at: now }).execute();
        await t.db.insertInto("ecommerce_import_parts").values({ workspace_id: c.wsId, job_id: id, part_number: 1, content: JSON.stringify(products) }).execute();
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw sessionOpen(); // one open session per connector
      throw e;
    }
    return { kind: "part", importJobId: id, nextPart: 2 };
  }

  if (u.importJobId === undefined) throw unprocessable("import_job_id_required", "Include import_job_id to continue an existing upload session.");
  const importJobId = u.importJobId;
  return inTransaction(c, async (t) => {
    let q = t.db.selectFrom("ecommerce_import_jobs").selectAll().where("id", "=", importJobId).where("workspace_id", "=", c.wsId).where("connector_id", "=", connector.id);
    if (c.kind === "postgres") q = q.forUpdate();
    const job = await q.executeTakeFirst();
    if (!job) throw sessionNotFound();
    if (u.finalize === "true") {
      if (job.state !== "uploading") throw new ApiError(409, "upload_session_not_finalizable", "Upload session cannot be finalized in its current state.");
      const parts = await t.db.selectFrom("ecommerce_import_parts").select(["content"]).where("job_id", "=", job.id).orderBy("part_number").execute();
      const products = parts.flatMap((p) => JSON.parse(p.content) as Array<Record<string, unknown>>);
      const count = await sync(t, connector.id, job.id, products);
      await t.db.updateTable("ecommerce_import_jobs").set({ state: "completed", open_for: null, product_count: count, updated_at: now }).where("id", "=", job.id).execute();
      await t.db.deleteFrom("ecommerce_import_parts").where("job_id", "=", job.id).execute();
      return { kind: "synced" as const, importJobId: job.id };
    }
    if (job.state !== "uploading") throw sessionNotFound();
    const n = u.partNumber === undefined ? NaN : Number(u.partNumber);
    if (!Number.isInteger(n) || n < 1 || !/^[0-9]+$/.test(u.partNumber ?? "")) throw unprocessable("invalid_part_number", "part_number must be a positive integer");
    if (n > job.next_part) throw unprocessable("invalid_part_number", `Expected part ${job.next_part}, got ${n}`);
    const products = catalog();
    const content = JSON.stringify(products);
    // a retried part replaces itself
    await t.db.insertInto("ecommerce_import_parts").values({ workspace_id: c.wsId, job_id: job.id, part_number: n, content }).onConflict((oc) => oc.columns(["job_id", "part_number"]).doUpdateSet({ content })).execute();
    const next = n === job.next_part ? n + 1 : job.next_part;
    await t.db.updateTable("ecommerce_import_jobs").set({ next_part: next, updated_at: now }).where("id", "=", job.id).execute();
    return { kind: "part" as const, importJobId: job.id, nextPart: next };
  });
}
