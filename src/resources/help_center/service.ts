// The help center: one per workspace (seeded), its collections and, for 2.7–2.9, sections.
//
// - Collections nest by parent_id, three levels deep at most (depth 0, 1, 2). Versions 2.7–2.9 call the
//   top level "collections" and the levels below "sections" (a section's parent is a top-level
//   collection); 2.10 and later see every level as a collection (gate nestedCollections).
// - Deleting a collection deletes the collections inside it (foreign key cascade); its articles, and
//   theirs, then stand alone (parent set null by the foreign key), in the same statement.
// - Moving a collection (parent_id) keeps the three-level bound and never puts it inside itself.
import type { Kysely, Selectable } from "kysely";
import type { DB } from "../../db/types.js";
import type { HelpCenterCollectionsTable, HelpCentersTable } from "../../db/tables/content.js";
import type { Ctx } from "../../platform/http.js";
import { invalidParam, notFound } from "../../platform/errors.js";
import { parseNumericId } from "../../platform/ids.js";
import { keysetPage, readPageRequest } from "../../platform/pagination.js";
import { withPageNumber } from "../../platform/pagination.js";
import { since } from "../../platform/since.js";
import { DEFAULT_LOCALE, localeEntries } from "./locales.js";
import { lockedRow } from "../../platform/writes.js";
import type { GroupInput } from "./schemas.js";

export type HelpCenterRow = Selectable<HelpCentersTable>;
export type CollectionRow = Selectable<HelpCenterCollectionsTable>;

/** The deepest level of a collection (0 is the top). */
export const MAX_DEPTH = 2;
export const MAX_NAME = 255;
export const MAX_DESCRIPTION = 10_000;

export const resourceNotFound = () => notFound("Resource Not Found", "not_found");

/** A new workspace's help center: its identifier is the workspace id, its name the workspace's. */
export async function seedHelpCenter(db: Kysely<DB>, wsId: string): Promise<void> {
  const ws = await db.selectFrom("workspaces").select(["name", "created_at"]).where("id", "=", wsId).executeTakeFirstOrThrow();
  await db
    .insertInto("help_centers")
    .values({ workspace_id: wsId, identifier: wsId, display_name: `${ws.name} Help Center`, website_turned_on: 1, custom_domain: null, created_at: ws.created_at, updated_at: ws.created_at })
    .execute();
}

export async function listHelpCenters(c: Ctx): Promise<HelpCenterRow[]> {
  return c.db.selectFrom("help_centers").selectAll().where("workspace_id", "=", c.wsId).orderBy("id").execute();
}

export async function getHelpCenter(c: Ctx, rawId: unknown): Promise<HelpCenterRow> {
  const id = parseNumericId(rawId);
  const row = id === null ? undefined : await c.db.selectFrom("help_centers").selectAll().where("workspace_id", "=", c.wsId).where("id", "=", id).executeTakeFirst();
  if (!row) throw resourceNotFound();
  return row;
}

/** The workspace's help center (every workspace has one). */
export async function defaultHelpCenter(c: Ctx): Promise<HelpCenterRow> {
  const row = await c.db.selectFrom("help_centers").selectAll().where("workspace_id", "=", c.wsId).orderBy("id").limit(1).executeTakeFirst();
  if (!row) throw resourceNotFound();
  return row;
}

/** What a version calls a collection row: "collection", or (2.7–2.9, below the top level) "section". */
export const groupKind = (c: Ctx, row: { depth: number }): "collection" | "section" =>
  since(c.version, "nestedCollections") || row.depth === 0 ? "collection" : "section";

export async function findCollection(c: Ctx, rawId: unknown): Promise<CollectionRow | null> {
  const id = parseNumericId(rawId);
  if (id === null) return null;
  return (await c.db.selectFrom("help_center_collections").selectAll().where("workspace_id", "=", c.wsId).where("id", "=", id).executeTakeFirst()) ?? null;
}

/** A collection (or, 2.7–2.9, a section) of the workspace, as the version names it; else 404. */
export async function getGroup(c: Ctx, rawId: unknown, kind: "collection" | "section"): Promise<CollectionRow> {
  const row = await findCollection(c, rawId);
  if (!row || groupKind(c, row) !== kind) throw resourceNotFound();
  return row;
}

/** Sections exist in 2.7–2.9 only; later versions see them as collections. */
function checkSections(c: Ctx, kind: "collection" | "section") {
  if (kind === "section" && since(c.version, "nestedCollections")) throw notFound("Sections are collections since Intercom-Version 2.10", "not_found");
}

export async function listGroups(c: Ctx, kind: "collection" | "section", q: { page?: number; per_page?: number; starting_after?: string }) {
  checkSections(c, kind);
  const { req, offset } = withPageNumber(readPageRequest(q), q.page);
  let base = c.db.selectFrom("help_center_collections").where("workspace_id", "=", c.wsId);
  if (!since(c.version, "nestedCollections")) base = kind === "collection" ? base.where("depth", "=", 0) : base.where("depth", ">", 0);
  const [result, total] = await Promise.all([
    keysetPage(base.selectAll().offset(offset), [{ col: "id", kind: "integer", dir: "asc", get: (r) => r.id }], req),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { ...result, total: Number(total.n), perPage: req.perPage };
}

interface GroupContent {
  name?: unknown;
  description?: unknown;
}

function checkText(field: string, v: unknown, max: number, required: boolean): string | null | undefined {
  if (v === undefined || v === null) return v as undefined | null;
  if (typeof v !== "string") throw invalidParam(field, `${field} must be a string`);
  if (required && v.trim() === "") throw invalidParam(field, `${field} must not be blank`);
  if (v.length > max) throw invalidParam(field, `${field} is longer than ${max} characters`);
  return v;
}

/** Name, description and the other locales' content of a create or update; the default locale's entry merges into name/description. */
function readContent(input: GroupInput, existing: CollectionRow | null) {
  let name = checkText("name", input.name, MAX_NAME, true);
  let description = checkText("description", input.description, MAX_DESCRIPTION, false);
  const others: Record<string, { name: string; description: string }> = existing ? JSON.parse(existing.translated_content) : {};
  for (const [locale, entry] of localeEntries<GroupContent>(input.translated_content)) {
    const n = checkText(`translated_content.${locale}.name`, entry.name, MAX_NAME, true);
    const d = checkText(`translated_content.${locale}.description`, entry.description, MAX_DESCRIPTION, false);
    if (locale === DEFAULT_LOCALE) {
      name ??= n ?? undefined;
      description ??= d;
      continue;
    }
    const prev = others[locale];
    const merged = { name: n ?? prev?.name, description: d ?? prev?.description ?? "" };
    if (!merged.name) throw invalidParam(`translated_content.${locale}.name`, `translated_content.${locale}.name is required`);
    others[locale] = merged as { name: string; description: string };
  }
  return { name: name ?? undefined, description, others };
}

/** The parent of a new or moved collection: one of the workspace's, not too deep; 404 when unknown. */
async function readParent(c: Ctx, raw: unknown, field: string): Promise<CollectionRow | null> {
  if (raw === undefined || raw === null || raw === "") return null;
  const parent = await findCollection(c, raw);
  if (!parent) throw notFound("Parent collection not found", "not_found");
  if (parent.depth >= MAX_DEPTH) throw invalidParam(field, `collections nest at most ${MAX_DEPTH + 1} levels deep`);
  return parent;
}

/** Creates a collection (2.10+: anywhere; 2.7–2.9: at the top) or, as `section`, a section in a top-level collection. */
export async function createGroup(c: Ctx, input: GroupInput, kind: "collection" | "section"): Promise<CollectionRow> {
  checkSections(c, kind);
  const content = readContent(input, null);
  if (content.name === undefined) throw invalidParam("name", "name is required");
  const hc = input.help_center_id === undefined || input.help_center_id === null ? await defaultHelpCenter(c) : await getHelpCenter(c, input.help_center_id);
  let parent: CollectionRow | null = null;
  if (kind === "section") {
    parent = await findCollection(c, input.parent_id);
    if (!parent || parent.depth !== 0) throw notFound("Parent collection not found", "not_found");
  } else if (since(c.version, "nestedCollections")) {
    parent = await readParent(c, input.parent_id, "parent_id");
  }
  const now = c.now();
  const row = {
    workspace_id: c.wsId,
    help_center_id: parent ? parent.help_center_id : hc.id,
    parent_id: parent ? parent.id : null,
    depth: parent ? parent.depth + 1 : 0,
    name: content.name,
    description: content.description ?? "",
    translated_content: JSON.stringify(content.others),
    icon: "book-bookmark",
    order_index: 0,
    created_at: now,
    updated_at: now,
  };
  const { id } = await c.db.insertInto("help_center_collections").values(row).returning("id").executeTakeFirstOrThrow();
  return { ...row, id: Number(id) };
}

/** The depth below a collection its deepest descendant reaches (0: no children). */
async function subtreeHeight(db: Kysely<DB>, id: number): Promise<number> {
  const children = await db.selectFrom("help_center_collections").select("id").where("parent_id", "=", id).execute();
  if (children.length === 0) return 0;
  const grand = await db.selectFrom("help_center_collections").select("id").where("parent_id", "in", children.map((r) => r.id)).limit(1).execute();
  return grand.length ? 2 : 1;
}

/** Updates a collection or section: name, description, translated content, and (2.10+) its parent. Under a row lock. */
export async function updateGroup(c: Ctx, rawId: unknown, input: GroupInput, kind: "collection" | "section"): Promise<CollectionRow> {
  const current = await getGroup(c, rawId, kind);
  return c.db.transaction().execute(async (tx) => {
    const row = await lockedRow({ ...c, db: tx }, "help_center_collections", current.id);
    if (!row) throw resourceNotFound();
    const content = readContent(input, row);
    const now = c.now();
    const set: Partial<CollectionRow> = { translated_content: JSON.stringify(content.others), updated_at: now };
    if (content.name !== undefined) set.name = content.name;
    if (content.description !== undefined) set.description = content.description ?? "";
    const moving = kind === "collection" && since(c.version, "nestedCollections") && input.parent_id !== undefined;
    if (moving) {
      const tc = { ...c, db: tx };
      const parent = await readParent(tc, input.parent_id, "parent_id");
      if (parent && (parent.id === row.id || (await isDescendant(tx, parent, row.id)))) throw invalidParam("parent_id", "a collection cannot be moved inside itself");
      const depth = parent ? parent.depth + 1 : 0;
      if (depth + (await subtreeHeight(tx, row.id)) > MAX_DEPTH) throw invalidParam("parent_id", `collections nest at most ${MAX_DEPTH + 1} levels deep`);
      set.parent_id = parent ? parent.id : null;
      set.depth = depth;
      // the levels below follow
      const children = await tx.selectFrom("help_center_collections").select("id").where("parent_id", "=", row.id).execute();
      if (children.length) {
        await tx.updateTable("help_center_collections").set({ depth: depth + 1 }).where("parent_id", "=", row.id).execute();
        await tx.updateTable("help_center_collections").set({ depth: depth + 2 }).where("parent_id", "in", children.map((r) => r.id)).execute();
      }
    }
    await tx.updateTable("help_center_collections").set(set).where("id", "=", row.id).execute();
    return { ...row, ...set };
  });
}

async function isDescendant(db: Kysely<DB>, node: CollectionRow, ancestorId: number): Promise<boolean> {
  let parentId = node.parent_id;
  for (let i = 0; i <= MAX_DEPTH && parentId !== null; i++) {
    if (parentId === ancestorId) return true;
    const p = await db.selectFrom("help_center_collections").select("parent_id").where("id", "=", parentId).executeTakeFirst();
    parentId = p?.parent_id ?? null;
  }
  return false;
}

/** Deletes a collection or section, the collections inside it, and detaches their articles (foreign keys). */
export async function deleteGroup(c: Ctx, rawId: unknown, kind: "collection" | "section"): Promise<number> {
  const row = await getGroup(c, rawId, kind);
  const res = await c.db.deleteFrom("help_center_collections").where("workspace_id", "=", c.wsId).where("id", "=", row.id).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw resourceNotFound();
  return row.id;
}
