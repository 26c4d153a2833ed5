// Folders (Unstable): a tree by parent_folder_id. A parent must be a folder of the workspace and never
// the folder itself or one inside it (400). A folder is deleted only when it holds nothing (no folders;
// opencom's content does not go into folders yet, so content_count is the number of folders inside).
import type { Selectable } from "kysely";
import type { FoldersTable } from "../../db/tables/content-extras.js";
import type { Ctx } from "../../platform/http.js";
import { ApiError, invalidParam, missingParam, notFound } from "../../platform/errors.js";
import { parseNumericId } from "../../platform/ids.js";
import { readPageNumber, readPageRequest } from "../../platform/pagination.js";
import { inTransaction } from "../../platform/writes.js";
import type { FolderInput } from "./schemas.js";

export type FolderRow = Selectable<FoldersTable> & { content_count: number };
export const MAX_DEPTH_WALK = 1000;
const folderNotFound = () => notFound("Folder not found", "folder_not_found");

async function withCount(c: Ctx, row: Selectable<FoldersTable>): Promise<FolderRow> {
  const { n } = await c.db.selectFrom("folders").select((eb) => eb.fn.countAll<number | string>().as("n")).where("parent_folder_id", "=", row.id).executeTakeFirstOrThrow();
  return { ...row, content_count: Number(n) };
}

async function findRow(c: Ctx, raw: unknown) {
  const id = parseNumericId(raw);
  return id === null ? undefined : await c.db.selectFrom("folders").selectAll().where("workspace_id", "=", c.wsId).where("id", "=", id).executeTakeFirst();
}

export async function getFolder(c: Ctx, raw: unknown): Promise<FolderRow> {
  const row = await findRow(c, raw);
  if (!row) throw folderNotFound();
  return withCount(c, row);
}

export async function listFolders(c: Ctx, q: { page?: unknown; per_page?: unknown; parent_folder_id?: unknown }) {
  const perPage = readPageRequest({ per_page: q.per_page }, { defaultPerPage: 50 }).perPage;
  const page = q.page === undefined || q.page === "" ? 1 : readPageNumber(q.page);
  let base = c.db.selectFrom("folders").where("workspace_id", "=", c.wsId);
  if (q.parent_folder_id !== undefined && q.parent_folder_id !== "") {
    const pid = parseNumericId(q.parent_folder_id);
    if (pid === null) throw invalidParam("parent_folder_id");
    base = base.where("parent_folder_id", "=", pid);
  }
  const { n } = await base.select((eb) => eb.fn.countAll<number | string>().as("n")).executeTakeFirstOrThrow();
  const rows = await base.selectAll().orderBy("id").limit(perPage).offset((page - 1) * perPage).execute();
  return { rows: await Promise.all(rows.map((r) => withCount(c, r))), total: Number(n), page, perPage };
}

function text(v: unknown, field: string, max: number): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== "string") throw invalidParam(field, `${field} must be a string`);
  if (v.length > max) throw invalidParam(field, `${field} is longer than ${max} characters`);
  return v;
}

/** The parent id, checked: a folder of the workspace that is not `self` nor inside it. */
async function checkParent(c: Ctx, raw: unknown, self: number | null): Promise<number | null> {
  if (raw === null || raw === undefined) return null;
  const parent = await findRow(c, raw);
  if (!parent) throw invalidParam("parent_folder_id", "parent_folder_id is not a folder of this workspace");
  let cur: number | null = parent.id;
  for (let i = 0; cur !== null && i < MAX_DEPTH_WALK; i++) {
    if (cur === self) throw invalidParam("parent_folder_id", "a folder cannot be inside itself");
    const r = await c.db.selectFrom("folders").select("parent_folder_id").where("id", "=", cur).executeTakeFirst();
    cur = r?.parent_folder_id ?? null;
  }
  return parent.id;
}

export async function createFolder(c: Ctx, input: FolderInput): Promise<FolderRow> {
  if (typeof input.name !== "string" || input.name.trim() === "") throw missingParam("folder.name", "name is required");
  const name = text(input.name, "folder.name", 255)!;
  const parent = await checkParent(c, input.parent_folder_id, null);
  const now = c.now();
  const row = await c.db
    .insertInto("folders")
    .values({ workspace_id: c.wsId, name, description: text(input.description, "folder.description", 10_000), emoji: text(input.emoji, "folder.emoji", 32), parent_folder_id: parent, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  return withCount(c, row);
}

export async function updateFolder(c: Ctx, raw: unknown, input: FolderInput): Promise<FolderRow> {
  return inTransaction(c, async (t) => {
    const row = await findRow(t, raw);
    if (!row) throw folderNotFound();
    const patch: Partial<Selectable<FoldersTable>> = { updated_at: t.now() };
    if (input.name !== undefined) {
      if (typeof input.name !== "string" || input.name.trim() === "") throw invalidParam("folder.name", "name must be a non-blank string");
      patch.name = text(input.name, "folder.name", 255)!;
    }
    if (input.description !== undefined) patch.description = text(input.description, "folder.description", 10_000);
    if (input.emoji !== undefined) patch.emoji = text(input.emoji, "folder.emoji", 32);
    if (input.parent_folder_id !== undefined) patch.parent_folder_id = await checkParent(t, input.parent_folder_id, row.id);
    const updated = await t.db.updateTable("folders").set(patch).where("id", "=", row.id).returningAll().executeTakeFirst();
    if (!updated) throw folderNotFound();
    return withCount(t, updated);
  });
}

export async function deleteFolder(c: Ctx, raw: unknown): Promise<number> {
  const row = await findRow(c, raw);
  if (!row) throw folderNotFound();
  const child = await c.db.selectFrom("folders").select("id").where("parent_folder_id", "=", row.id).limit(1).executeTakeFirst();
  if (child) throw new ApiError(400, "folder_not_empty", "A folder can be deleted only when it contains no content");
  const r = await c.db.deleteFrom("folders").where("workspace_id", "=", c.wsId).where("id", "=", row.id).executeTakeFirst();
  if (Number(r.numDeletedRows) === 0) throw folderNotFound();
  return row.id;
}
