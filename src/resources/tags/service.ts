// Tags: the workspace's tags, and tagging contacts and companies.
//
// - Tag names are case-insensitive and unique per workspace (index tags_ws_lower_name): POST /tags with
//   a name finds the tag of that name or creates it; concurrent creates of one name make one tag.
// - POST /tags takes four forms (the contract's oneOf): {name} create, {id, name} rename,
//   {name, companies: [{id | company_id, untag?}]} tag / untag companies, {name, users: [{id}]} tag
//   contacts (opencom also honours `untag: true` on users, as on companies). Every company / contact is
//   found before anything is written, and the writes of one request are one transaction.
// - A tag a segment's stored query uses cannot be deleted (400 tag_has_dependent_objects).
// - Attaching a tag a contact already has keeps the first application; detaching one the contact does
//   not have answers the tag all the same (both idempotent).
import type { Kysely } from "kysely";
import { sql } from "kysely";
import type { DB } from "../../db/types.js";
import type { Ctx } from "../../platform/http.js";
import { badRequest, invalidParam, notFound } from "../../platform/errors.js";
import { isUniqueViolation } from "../../platform/db-errors.js";
import { nowSeconds, parseNumericId } from "../../platform/ids.js";
import { currentAdmin } from "../admins/service.js";
import { companyNotFound } from "../companies/service.js";
import { getContactRow, userNotFound } from "../contacts/service.js";
import { segmentsUsing } from "../segments/service.js";
import { inTransaction } from "../../platform/writes.js";
import { emitContactTags } from "./webhooks.js";
import type { CompanyRef, TagRequest, UserRef } from "./schemas.js";

export interface TagRow {
  id: number;
  name: string;
}

/** When and by whom a tag was applied to an object (a contact_tags / company_tags row). */
export interface TagApplication {
  applied_at: number;
  admin_id: number | null;
}

export const tagNotFound = () => notFound("Resource Not Found", "not_found");

/** The longest tag name accepted. */
export const MAX_TAG_NAME = 255;

// ---------------------------------------------------------------- lookups

async function findTag(db: Kysely<DB>, wsId: string, rawId: unknown): Promise<TagRow | null> {
  const id = parseNumericId(rawId);
  if (id === null) return null;
  const row = await db.selectFrom("tags").select(["id", "name"]).where("workspace_id", "=", wsId).where("id", "=", id).executeTakeFirst();
  return row ?? null;
}

/** The tag an application names (on a conversation, ticket or content): 404 tag_not_found when it is
 * not the workspace's. */
export async function tagToApply(c: Ctx, rawId: unknown): Promise<TagRow> {
  const tag = await findTag(c.db, c.wsId, rawId);
  if (!tag) throw tagNotApplied();
  return tag;
}

/** A tag that is not the workspace's, or not applied where a removal names it. */
export const tagNotApplied = () => notFound("Tag not found", "tag_not_found");

/** The tag with this id in the request's workspace, or 404 not_found. */
export async function getTag(c: Ctx, rawId: unknown): Promise<TagRow> {
  const tag = await findTag(c.db, c.wsId, rawId);
  if (!tag) throw tagNotFound();
  return tag;
}

async function findTagByName(db: Kysely<DB>, wsId: string, name: string): Promise<TagRow | null> {
  const row = await db
    .selectFrom("tags")
    .select(["id", "name"])
    .where("workspace_id", "=", wsId)
    // folded by the store on both sides, as the unique index folds it
    .where(sql<string>`lower(${sql.ref("name")})`, "=", sql<string>`lower(${name})`)
    .executeTakeFirst();
  return row ?? null;
}

/** The tag of this name (case-insensitively), created if there is none. */
async function tagNamed(db: Kysely<DB>, wsId: string, name: string): Promise<TagRow> {
  const found = await findTagByName(db, wsId, name);
  if (found) return found;
  await db.insertInto("tags").values({ workspace_id: wsId, name, created_at: nowSeconds() }).onConflict((oc) => oc.doNothing()).execute();
  return (await findTagByName(db, wsId, name))!;
}

/** A tag name as sent: a non-empty string, trimmed. */
function tagName(raw: unknown): string {
  if (raw === undefined || raw === null) throw invalidParam("name", "name is required: the name of the tag");
  if (typeof raw !== "string" || raw.trim() === "") throw invalidParam("name", "name must be a non-empty string");
  const name = raw.trim();
  if (name.length > MAX_TAG_NAME) throw invalidParam("name", `name must be at most ${MAX_TAG_NAME} characters`);
  return name;
}

/** The admin a tagging is recorded against: the token's admin, else the workspace's first. */
const actingAdminId = async (c: Ctx) => (await currentAdmin(c)).id;

// ---------------------------------------------------------------- GET /tags, GET/DELETE /tags/{id}

export async function listTags(c: Ctx): Promise<TagRow[]> {
  return c.db.selectFrom("tags").select(["id", "name"]).where("workspace_id", "=", c.wsId).orderBy("id").execute();
}

export async function deleteTag(c: Ctx, rawId: unknown): Promise<void> {
  const tag = await getTag(c, rawId);
  const id = String(tag.id);
  const segments = await segmentsUsing(c.db, c.wsId, (field, value) => field === "tag_id" && (Array.isArray(value) ? value.map(String).includes(id) : String(value) === id));
  if (segments.length > 0) {
    throw badRequest("tag_has_dependent_objects", `Unable to delete Tag with dependent objects. Segments: ${segments.join(", ")}.`);
  }
  // its contact and company links go with it (foreign keys cascade, also for links made meanwhile);
  // of concurrent deletes only the one that removed the row answers 200
  const res = await c.db.deleteFrom("tags").where("workspace_id", "=", c.wsId).where("id", "=", tag.id).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw tagNotFound();
}

// ---------------------------------------------------------------- POST /tags

const isUntag = (v: boolean | string | undefined) => v === true || v === "true";

/** POST /tags in any of its forms; answers the tag. */
export async function tagRequest(c: Ctx, body: TagRequest): Promise<TagRow> {
  if (body.companies !== undefined && body.users !== undefined) {
    throw invalidParam("companies", "Send either companies or users, not both");
  }
  const name = tagName(body.name);
  if (body.companies !== undefined) return tagCompanies(c, name, body.companies);
  if (body.users !== undefined) return tagUsers(c, name, body.users);
  if (body.id !== undefined && body.id !== null) return renameTag(c, body.id, name);
  return tagNamed(c.db, c.wsId, name);
}

async function renameTag(c: Ctx, rawId: unknown, name: string): Promise<TagRow> {
  const tag = await getTag(c, rawId);
  if (tag.name === name) return tag;
  const taken = await findTagByName(c.db, c.wsId, name);
  const duplicate = () => invalidParam("name", `A tag named '${taken?.name ?? name}' already exists`);
  if (taken && taken.id !== tag.id) throw duplicate();
  try {
    await c.db.updateTable("tags").set({ name }).where("workspace_id", "=", c.wsId).where("id", "=", tag.id).execute();
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicate();
    throw err;
  }
  return { id: tag.id, name };
}

/** Splits references into the ids to tag and to untag (each once). */
function split<T extends { untag?: boolean | string }>(refs: T[], key: (r: T) => string) {
  const tag = new Set<string>();
  const untag = new Set<string>();
  for (const r of refs) (isUntag(r.untag) ? untag : tag).add(key(r));
  return { tag: [...tag], untag: [...untag].filter((id) => !tag.has(id)) };
}

/**
 * Applies a tag to some rows and removes it from others in one transaction. The tag is created when
 * something is tagged with it; a request that only untags needs the tag to exist.
 */
async function applyTag(
  c: Ctx,
  name: string,
  table: "contact_tags" | "company_tags",
  ids: { tag: string[]; untag: string[] },
): Promise<TagRow> {
  const adminId = ids.tag.length > 0 ? await actingAdminId(c) : null;
  const owner = table === "contact_tags" ? "contact_id" : "company_id";
  return inTransaction(c, async (t) => {
    const tx = t.db;
    const tag = ids.tag.length > 0 ? await tagNamed(tx, c.wsId, name) : await findTagByName(tx, c.wsId, name);
    if (!tag) throw tagNotFound();
    // the two link tables differ only in the column naming what is tagged
    const links = tx as unknown as Kysely<Record<string, Record<string, unknown>>>;
    const now = c.now();
    if (ids.tag.length) {
      const added = await links
        .insertInto(table)
        .values(ids.tag.map((id) => ({ workspace_id: c.wsId, [owner]: id, tag_id: tag.id, admin_id: adminId, created_at: now })))
        .onConflict((oc) => oc.doNothing())
        .returning(owner)
        .execute();
      if (table === "contact_tags") await emitContactTags(t, "created", tag, added.map((r) => String(r[owner])));
    }
    if (ids.untag.length) {
      const removed = await links.deleteFrom(table).where("workspace_id", "=", c.wsId).where("tag_id", "=", tag.id).where(owner, "in", ids.untag).returning(owner).execute();
      if (table === "contact_tags") await emitContactTags(t, "deleted", tag, removed.map((r) => String(r[owner])));
    }
    return tag;
  });
}

/** Tags / untags companies named by Intercom id or by company_id; any unknown company is a 404 before any write. */
async function tagCompanies(c: Ctx, name: string, refs: CompanyRef[]): Promise<TagRow> {
  if (refs.length === 0) throw invalidParam("companies", "companies must name at least one company");
  const byId = new Set<string>();
  const byCompanyId = new Set<string>();
  refs.forEach((r, i) => {
    if (r.id !== undefined && r.id !== null && r.id !== "") byId.add(String(r.id));
    else if (r.company_id !== undefined && r.company_id !== null && r.company_id !== "") byCompanyId.add(String(r.company_id));
    else throw invalidParam(`companies[${i}]`, `companies[${i}] needs an id or a company_id`);
  });
  const rows =
    byId.size + byCompanyId.size === 0
      ? []
      : await c.db
          .selectFrom("companies")
          .select(["id", "company_id"])
          .where("workspace_id", "=", c.wsId)
          .where((eb) => eb.or([...(byId.size ? [eb("id", "in", [...byId])] : []), ...(byCompanyId.size ? [eb("company_id", "in", [...byCompanyId])] : [])]))
          .execute();
  const ids = new Set(rows.map((r) => r.id));
  const byExternal = new Map(rows.map((r) => [r.company_id, r.id]));
  const resolve = (r: CompanyRef): string => {
    const id = r.id !== undefined && r.id !== null && r.id !== "" ? (ids.has(String(r.id)) ? String(r.id) : undefined) : byExternal.get(String(r.company_id));
    if (!id) throw companyNotFound();
    return id;
  };
  return applyTag(c, name, "company_tags", split(refs, resolve));
}

/** Tags / untags contacts by Intercom id; any unknown contact is a 404 before any write. */
async function tagUsers(c: Ctx, name: string, refs: UserRef[]): Promise<TagRow> {
  if (refs.length === 0) throw invalidParam("users", "users must name at least one contact");
  refs.forEach((r, i) => {
    if (typeof r.id !== "string" || r.id === "") throw invalidParam(`users[${i}].id`, `users[${i}] needs the id of a contact`);
  });
  const wanted = [...new Set(refs.map((r) => r.id!))];
  const found = await c.db.selectFrom("contacts").select("id").where("workspace_id", "=", c.wsId).where("id", "in", wanted).execute();
  if (found.length !== wanted.length) throw userNotFound();
  return applyTag(c, name, "contact_tags", split(refs, (r) => r.id!));
}

// ---------------------------------------------------------------- contacts' tags

async function contactTagLink(c: Ctx, contactId: string, tagId: number): Promise<TagApplication | null> {
  const link = await c.db
    .selectFrom("contact_tags")
    .select(["created_at as applied_at", "admin_id"])
    .where("workspace_id", "=", c.wsId)
    .where("contact_id", "=", contactId)
    .where("tag_id", "=", tagId)
    .executeTakeFirst();
  return link ?? null;
}

/** A tag with its application to one object (undefined/null: none). */
export interface AppliedTag {
  tag: TagRow;
  applied: TagApplication | null | undefined;
}

/** POST /contacts/{contact_id}/tags: attaches an existing tag (idempotent); answers it with its application. */
export async function attachTagToContact(c: Ctx, contactId: string, rawTagId: unknown): Promise<AppliedTag> {
  const contact = await getContactRow(c, contactId);
  const tag = await getTag(c, rawTagId);
  const adminId = await actingAdminId(c);
  await inTransaction(c, async (t) => {
    const added = await t.db
      .insertInto("contact_tags")
      .values({ workspace_id: c.wsId, contact_id: contact.id, tag_id: tag.id, admin_id: adminId, created_at: c.now() })
      .onConflict((oc) => oc.doNothing())
      .returning("contact_id")
      .execute();
    await emitContactTags(t, "created", tag, added.map((r) => r.contact_id));
  });
  return { tag, applied: await contactTagLink(c, contact.id, tag.id) };
}

/** DELETE /contacts/{contact_id}/tags/{tag_id}: detaches a tag; answers it with the application removed. */
export async function detachTagFromContact(c: Ctx, contactId: string, rawTagId: unknown): Promise<AppliedTag> {
  const contact = await getContactRow(c, contactId);
  const tag = await getTag(c, rawTagId);
  const link = await contactTagLink(c, contact.id, tag.id);
  if (link) {
    await inTransaction(c, async (t) => {
      const removed = await t.db.deleteFrom("contact_tags").where("workspace_id", "=", c.wsId).where("contact_id", "=", contact.id).where("tag_id", "=", tag.id).returning("contact_id").execute();
      await emitContactTags(t, "deleted", tag, removed.map((r) => r.contact_id));
    });
  }
  return { tag, applied: link };
}

/**
 * GET /contacts/{contact_id}/tags: the contact's tags with their application, oldest application
 * first. The caller has already checked that the contact exists in the workspace.
 */
export async function tagsForContact(c: Ctx, contactId: string): Promise<Array<TagRow & TagApplication>> {
  return c.db
    .selectFrom("contact_tags")
    .innerJoin("tags", "tags.id", "contact_tags.tag_id")
    .select(["tags.id", "tags.name", "contact_tags.created_at as applied_at", "contact_tags.admin_id"])
    .where("contact_tags.workspace_id", "=", c.wsId)
    .where("contact_tags.contact_id", "=", contactId)
    .orderBy("contact_tags.created_at")
    .orderBy("tags.id")
    .execute();
}
