// Contacts: the create / update rules, uniqueness, lookups, list, archive / block, delete and merge.
import { sql, type ExpressionBuilder, type Kysely, type Updateable } from "kysely";
import type { ContactsTable, DB } from "../../db/types.js";
import { compiledInsert, compiledOnce } from "../../db/compiled.js";
import type { Ctx } from "../../platform/http.js";
import { ApiError, badRequest, conflict, invalidParam, missingParam, notFound } from "../../platform/errors.js";
import { isUniqueViolation } from "../../platform/db-errors.js";
import { inTransaction, lockedRow } from "../../platform/writes.js";
import { hexId } from "../../platform/ids.js";
import { keysetPage, keysetPageCounted, readPageRequest, type PageRequest } from "../../platform/pagination.js";
import { since } from "../../platform/since.js";
import { findAdmin } from "../admins/service.js";
import { checkCustomAttributes, mergeCustomAttributes } from "../data_attributes/custom-attributes.js";
import type { Selectable } from "kysely";

export type ContactRow = Selectable<ContactsTable>;

export type { SocialProfile } from "./schemas.js";
import { emitContact, emitContactDeleted, emitContactMerged } from "./webhooks.js";
import { recordContactActivity, recordMergeFailed } from "./activities.js";
import type { ContactInput, MergeInput } from "./schemas.js";

export const userNotFound = () => notFound("User Not Found", "not_found");

/** Nullable text columns taken from the input as they are. */
export const TEXT_FIELDS = [
  "phone", "name", "avatar", "language_override", "browser", "browser_version", "browser_language", "os",
  "android_app_name", "android_app_version", "android_device", "android_os_version", "android_sdk_version",
  "ios_app_name", "ios_app_version", "ios_device", "ios_os_version", "ios_sdk_version",
] as const;

/** Unix-second timestamp columns. */
export const TIME_FIELDS = [
  "signed_up_at", "last_seen_at", "last_replied_at", "last_contacted_at", "last_email_opened_at", "last_email_clicked_at",
  "android_last_seen_at", "ios_last_seen_at",
] as const;

/** Boolean flags, stored as 0/1 (null in the input means false). */
export const FLAG_FIELDS = ["unsubscribed_from_emails", "has_hard_bounced", "marked_email_as_spam"] as const;

export const ROLES = ["user", "lead"] as const;

type ContactPatch = Updateable<ContactsTable>;

const EMAIL = /^[^\s@]+@[^\s@]+$/;

const blankToNull = (v: string | null | undefined) => (v === undefined ? undefined : v === null || v.trim() === "" ? null : v.trim());

async function ownerColumn(c: Ctx, raw: number | string | null): Promise<number | null> {
  if (raw === null || raw === "") return null;
  const admin = await findAdmin(c, raw);
  if (!admin) throw invalidParam("owner_id", `owner_id ${raw} is not an admin of this workspace`);
  return admin.id;
}

function socialProfilesColumn(raw: NonNullable<ContactInput["social_profiles"]>): string {
  const list = Array.isArray(raw) ? raw : (raw.data ?? []);
  return JSON.stringify(list.map((p) => ({ name: p.name, url: p.url })));
}

/**
 * The columns an input sets, checked against the workspace (owner, custom attributes, email format, role).
 * `stored` is the current row for an update, absent for a create. Writes nothing.
 */
async function columnsFromInput(c: Ctx, input: ContactInput, stored?: ContactRow): Promise<ContactPatch> {
  const patch: ContactPatch = {};
  if (input.role !== undefined) {
    if (!(ROLES as readonly string[]).includes(input.role)) throw invalidParam("role", "role must be one of: user, lead");
    if (stored && stored.role === "user" && input.role === "lead") throw invalidParam("role", "A user cannot be converted to a lead");
    patch.role = input.role;
  }
  const email = blankToNull(input.email);
  if (email !== undefined) {
    if (email !== null && !EMAIL.test(email)) throw invalidParam("email", `email ${email} is not a valid email address`);
    patch.email = email;
  }
  if (input.external_id !== undefined) patch.external_id = blankToNull(input.external_id === null ? null : String(input.external_id));
  for (const f of TEXT_FIELDS) if (input[f] !== undefined) patch[f] = input[f];
  for (const f of TIME_FIELDS) if (input[f] !== undefined) patch[f] = input[f];
  for (const f of FLAG_FIELDS) if (input[f] !== undefined) patch[f] = input[f] ? 1 : 0;
  if (input.owner_id !== undefined) patch.owner_id = await ownerColumn(c, input.owner_id);
  if (input.location !== undefined) {
    const loc = input.location ?? { country: null, region: null, city: null };
    if (loc.country !== undefined) patch.location_country = loc.country;
    if (loc.region !== undefined) patch.location_region = loc.region;
    if (loc.city !== undefined) patch.location_city = loc.city;
  }
  if (input.social_profiles !== undefined) patch.social_profiles = input.social_profiles === null ? null : socialProfilesColumn(input.social_profiles);
  if (input.custom_attributes !== undefined) {
    const changes = await checkCustomAttributes(c, "contact", input.custom_attributes);
    const current = stored ? (JSON.parse(stored.custom_attributes) as Record<string, unknown>) : {};
    patch.custom_attributes = JSON.stringify(mergeCustomAttributes(current, changes));
  }
  return patch;
}

// ---------------------------------------------------------------- lookups

const contactById = compiledOnce(2, (db, wsId: string, id: string) => db.selectFrom("contacts").selectAll().where("workspace_id", "=", wsId).where("id", "=", id));

export async function findContactRow(c: Ctx, id: string): Promise<ContactRow | null> {
  const [row] = await contactById(c.db, c.kind, c.wsId, String(id));
  return row ?? null;
}

/** The contact, or 404 not_found "User Not Found" (unknown id, another workspace's id, merged away). */
export async function getContactRow(c: Ctx, id: string): Promise<ContactRow> {
  const row = await findContactRow(c, id);
  if (!row) throw userNotFound();
  return row;
}

/** The contact a merged-away id now lives on, if the id was merged. */
export async function mergedInto(c: Ctx, id: string): Promise<string | null> {
  const m = await c.db.selectFrom("contact_merges").select("target_id").where("workspace_id", "=", c.wsId).where("source_id", "=", String(id)).executeTakeFirst();
  return m?.target_id ?? null;
}

/** A user with this email (case-insensitive) or external id, other than `exceptId`. */
async function existingUser(c: Ctx, email: string | null | undefined, externalId: string | null | undefined, exceptId?: string): Promise<string | null> {
  if (!email && !externalId) return null;
  let q = c.db
    .selectFrom("contacts")
    .select("id")
    .where("workspace_id", "=", c.wsId)
    .where("role", "=", "user")
    .where((eb) => {
      const ors = [];
      if (email) ors.push(eb(sql<string>`lower(${sql.ref("email")})`, "=", email.toLowerCase()));
      if (externalId) ors.push(eb("external_id", "=", externalId));
      return eb.or(ors);
    });
  if (exceptId) q = q.where("id", "!=", exceptId);
  const row = await q.executeTakeFirst();
  return row?.id ?? null;
}

const duplicate = (existingId: string | null) =>
  conflict(existingId ? `A contact matching those details already exists with id=${existingId}` : "A contact matching those details already exists");

/**
 * Runs a write that may break a user's email / external_id uniqueness, turning the database's unique
 * violation into a 409 that names the existing contact. The partial unique indexes decide; the lookup only
 * finds the id for the message. Inside a caller's transaction (visitors convert through createContact) a
 * violation aborts the transaction on PostgreSQL, so the id is looked up before the write there instead.
 */
async function uniquely<T>(c: Ctx, email: string | null | undefined, externalId: string | null | undefined, exceptId: string | undefined, write: () => Promise<T>): Promise<T> {
  const inTransaction = c.db.isTransaction;
  if (inTransaction) {
    const existing = await existingUser(c, email, externalId, exceptId);
    if (existing) throw duplicate(existing);
  }
  try {
    return await write();
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    throw duplicate(inTransaction ? null : await existingUser(c, email, externalId, exceptId));
  }
}

// ---------------------------------------------------------------- create / update

/** A complete contacts row: the given fields over the defaults of a new contact (also used to seed tests and benchmarks). */
export function newContactRow(workspaceId: string, fields: Partial<ContactRow> & { created_at: number }): ContactRow {
  return {
    id: hexId(fields.created_at),
    workspace_id: workspaceId,
    role: "user",
    external_id: null,
    email: null,
    phone: null,
    name: null,
    avatar: null,
    owner_id: null,
    has_hard_bounced: 0,
    marked_email_as_spam: 0,
    unsubscribed_from_emails: 0,
    archived: 0,
    blocked: 0,
    updated_at: fields.created_at,
    signed_up_at: null,
    last_seen_at: null,
    last_replied_at: null,
    last_contacted_at: null,
    last_email_opened_at: null,
    last_email_clicked_at: null,
    language_override: null,
    browser: null,
    browser_version: null,
    browser_language: null,
    os: null,
    android_app_name: null,
    android_app_version: null,
    android_device: null,
    android_os_version: null,
    android_sdk_version: null,
    android_last_seen_at: null,
    ios_app_name: null,
    ios_app_version: null,
    ios_device: null,
    ios_os_version: null,
    ios_sdk_version: null,
    ios_last_seen_at: null,
    location_country: null,
    location_region: null,
    location_city: null,
    social_profiles: null,
    custom_attributes: "{}",
    ...fields,
  };
}

/** A complete row, as newContactRow makes it, inserted by a statement compiled once. */
const insertContact = compiledInsert("contacts", Object.keys(newContactRow("", { created_at: 0 })) as (keyof ContactsTable & string)[]);

/** Creates a user or lead. Also used by visitors to convert a visitor into a contact. */
export async function createContact(c: Ctx, input: ContactInput): Promise<ContactRow> {
  if (input.email === undefined && input.external_id === undefined && input.role === undefined) {
    throw missingParam("email", "One of email, external_id or role is required");
  }
  const patch = await columnsFromInput(c, { ...input, role: input.role ?? "user" });
  const now = c.now();
  const row = newContactRow(c.wsId, { ...(patch as Partial<ContactRow>), role: patch.role as string, created_at: now });
  const isUser = row.role === "user";
  await uniquely(c, isUser ? row.email : null, isUser ? row.external_id : null, undefined, () =>
    inTransaction(c, async (t) => {
      await insertContact(t.db, t.kind, [row]);
      await recordContactActivity(t, "contact.created", row);
      await emitContact(t, `contact.${row.role}.created`, row);
    }),
  );
  return row;
}

/**
 * Applies a PUT: only the fields sent change; updated_at moves when anything does. The row is read,
 * merged (custom attributes) and written under its lock, so concurrent PUTs lose nothing.
 */
export async function updateContact(c: Ctx, id: string, input: ContactInput): Promise<ContactRow> {
  return inTransaction(c, async (t) => {
    const stored = await lockedRow(t, "contacts", id);
    if (!stored) throw userNotFound();
    const patch = await columnsFromInput(t, input, stored);
    const changed = Object.entries(patch).filter(([k, v]) => (stored as unknown as Record<string, unknown>)[k] !== v);
    if (changed.length === 0) return stored;
    const next: ContactRow = { ...stored, ...(patch as Partial<ContactRow>), updated_at: Math.max(t.now(), stored.updated_at) };
    const isUser = next.role === "user";
    const result = await uniquely(t, isUser ? next.email : null, isUser ? next.external_id : null, stored.id, () =>
      t.db
        .updateTable("contacts")
        .set({ ...Object.fromEntries(changed), updated_at: next.updated_at })
        .where("workspace_id", "=", t.wsId)
        .where("id", "=", stored.id)
        .executeTakeFirst(),
    );
    if (Number(result.numUpdatedRows) === 0) throw userNotFound(); // deleted or merged meanwhile
    await emitContact(t, `contact.${next.role}.updated`, next);
    // the finer topics Intercom has for some of these changes
    if (stored.role === "lead" && next.role === "user") {
      await recordContactActivity(t, "contact.role_updated", next);
      await emitContact(t, "contact.lead.signed_up", next);
    }
    if (next.email !== stored.email && next.email !== null) {
      await emitContact(t, "contact.email.updated", next);
      if (stored.role === "lead" && next.role === "lead" && stored.email === null) await emitContact(t, "contact.lead.added_email", next);
    }
    return next;
  });
}

// ---------------------------------------------------------------- delete, archive, block

export async function deleteContact(c: Ctx, id: string): Promise<ContactRow> {
  const row = await getContactRow(c, id);
  // notes, tags, companies and subscription links go with it (foreign keys cascade); of concurrent
  // deletes only the one that removed the row answers it (and emits contact.deleted)
  await inTransaction(c, async (t) => {
    const res = await t.db.deleteFrom("contacts").where("workspace_id", "=", t.wsId).where("id", "=", row.id).executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw userNotFound();
    await recordContactActivity(t, "contact.deleted", row);
    await emitContactDeleted(t, row);
  });
  return row;
}

export async function setContactFlag(c: Ctx, id: string, flag: "archived" | "blocked", value: boolean): Promise<ContactRow> {
  const row = await getContactRow(c, id);
  const v = value ? 1 : 0;
  if (row[flag] === v) return row;
  const updated_at = Math.max(c.now(), row.updated_at);
  const next = { ...row, [flag]: v, updated_at };
  await inTransaction(c, async (t) => {
    const result = await t.db.updateTable("contacts").set({ [flag]: v, updated_at }).where("workspace_id", "=", t.wsId).where("id", "=", row.id).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw userNotFound(); // deleted or merged meanwhile
    // Intercom's topics: contact.archived, and (so spelled) contact.unarchive
    if (flag === "archived") await emitContact(t, value ? "contact.archived" : "contact.unarchive", next);
  });
  return next;
}

// ---------------------------------------------------------------- reads

/** A user by external id (leads are not found by external id). */
export async function findUserByExternalId(c: Ctx, externalId: string): Promise<ContactRow> {
  const row = await c.db
    .selectFrom("contacts")
    .selectAll()
    .where("workspace_id", "=", c.wsId)
    .where("role", "=", "user")
    .where("external_id", "=", externalId)
    .executeTakeFirst();
  if (!row) throw userNotFound();
  return row;
}

/** GET /contacts: every contact that is not archived, oldest first, keyset-paged on (created_at, id). */
export async function listContacts(c: Ctx, page: PageRequest) {
  const base = c.db.selectFrom("contacts").where("workspace_id", "=", c.wsId).where("archived", "=", 0);
  return keysetPageCounted(
    base.selectAll(),
    [
      { col: "created_at", kind: "integer", dir: "asc", get: (r) => r.created_at },
      { col: "id", kind: "string", dir: "asc", get: (r) => r.id },
    ],
    page,
    async () => (await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n,
  );
}

// ---------------------------------------------------------------- merge

const sameText = (a: string | null, b: string | null) => !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();

/** Why a merge of `from` into `into` is refused (empty: allowed), in the order the merge checks them. */
export interface MergeRefusal {
  code: "invalid_merge_role_pair" | "no_shared_identifier";
  /** the error the merge answers for it */
  error: () => ApiError;
}

/**
 * The rules a merge checks once both contacts exist. POST /contacts/merge answers the first refusal's
 * error; POST /contacts/merge/preview lists them all (merge-preview.ts).
 */
export function mergeRefusals(c: Ctx, from: ContactRow, into: ContactRow, input: MergeInput): MergeRefusal[] {
  const out: MergeRefusal[] = [];
  if (from.id === into.id) out.push({ code: "invalid_merge_role_pair", error: () => invalidParam("from", "from and into must be different contacts") });
  if (from.role !== "lead") out.push({ code: "invalid_merge_role_pair", error: () => invalidParam("from", "from must be a contact with the lead role") });
  if (into.role !== "user") out.push({ code: "invalid_merge_role_pair", error: () => invalidParam("into", "into must be a contact with the user role") });
  if (since(c.version, "mergeDuplicateValidation") && !input.skip_duplicate_validation && !sameText(from.email, into.email) && !sameText(from.phone, into.phone)) {
    out.push({
      code: "no_shared_identifier",
      error: () =>
        badRequest(
          "invalid_merge",
          "Contacts can only be merged when they are duplicates (matching email or phone). Pass skip_duplicate_validation=true to override this check.",
        ),
    });
  }
  return out;
}

/** The columns a merge writes on the surviving user: its empty fields take the lead's values, later activity times win, custom attributes are joined (the user's win). */
export function mergeFill(from: ContactRow, into: ContactRow): ContactPatch {
  const fill: ContactPatch = {};
  const intoRec = into as unknown as Record<string, unknown>;
  const fromRec = from as unknown as Record<string, unknown>;
  for (const f of MERGE_FILLED_FIELDS) {
    if (intoRec[f] === null && fromRec[f] !== null) (fill as Record<string, unknown>)[f] = fromRec[f];
  }
  for (const f of TIME_FIELDS) {
    const a = into[f];
    const b = from[f];
    if (b !== null && (a === null || (f !== "signed_up_at" && b > a))) fill[f] = b;
  }
  const attrs = { ...JSON.parse(from.custom_attributes), ...JSON.parse(into.custom_attributes) };
  fill.custom_attributes = JSON.stringify(attrs);
  return fill;
}

/** Columns a merge fills on the user only when the user has none. */
export const MERGE_FILLED_FIELDS = [...TEXT_FIELDS, "email", "location_country", "location_region", "location_city", "social_profiles", "owner_id"] as const;

/** The links a merge moves from the lead to the user (those the user does not have already), by table and the column naming the linked object. */
export const MERGE_MOVED_LINKS = [
  ["contact_tags", "tag_id"],
  ["contact_companies", "company_id"],
  ["contact_subscriptions", "subscription_type_id"],
  ["conversation_contacts", "conversation_id"],
  ["ticket_contacts", "ticket_id"],
] as const;

/**
 * Merges a lead into a user. The lead's tags, companies, subscription choices, conversations and tickets
 * move to the user (what the user has already stays as it is), its notes too, and the user's empty fields
 * take the lead's values; the lead is then removed, leaving a record of the merge (GET on its id: 404, or
 * 410 with a Link from 2.16). A refused merge is recorded as a contact.merge_failed activity.
 */
export async function mergeContacts(c: Ctx, input: MergeInput): Promise<ContactRow> {
  try {
    return await inTransaction(c, (t) => mergeLocked(t, input));
  } catch (err) {
    if (err instanceof ApiError && err.status === 400 && !c.db.isTransaction) await recordMergeFailed(c, input, err.message);
    throw err;
  }
}

/** The merge, in a transaction holding both contacts (locked in id order, so two merges cannot deadlock). */
async function mergeLocked(c: Ctx, input: MergeInput): Promise<ContactRow> {
  const locked = new Map<string, ContactRow | null>();
  for (const id of [...new Set([String(input.from), String(input.into)])].sort()) locked.set(id, await lockedRow(c, "contacts", id));
  const from = locked.get(String(input.from));
  if (!from) throw notFound("User Not Found", "not_found");
  const into = locked.get(String(input.into));
  if (!into) throw notFound("User Not Found", "not_found");
  const refused = mergeRefusals(c, from, into, input);
  if (refused.length > 0) throw refused[0].error();

  const now = Math.max(c.now(), into.updated_at);
  const fill = mergeFill(from, into);

  await uniquely(c, (fill.email as string | undefined) ?? null, null, into.id, () =>
    inTransaction(c, async ({ db: tx }) => {
      const ws = c.wsId;
      // links the user does not have yet move over; the rest go with the lead
      for (const [table, key] of MERGE_MOVED_LINKS) {
        await (tx as unknown as Kysely<any>)
          .updateTable(table)
          .set({ contact_id: into.id })
          .where("workspace_id", "=", ws)
          .where("contact_id", "=", from.id)
          .where(key, "not in", (eb: ExpressionBuilder<any, any>) => eb.selectFrom(table).select(key).where("contact_id", "=", into.id))
          .execute();
      }
      await tx.updateTable("notes").set({ contact_id: into.id }).where("workspace_id", "=", ws).where("contact_id", "=", from.id).execute();
      // earlier merges into the lead now point at the user
      await tx.updateTable("contact_merges").set({ target_id: into.id }).where("workspace_id", "=", ws).where("target_id", "=", from.id).execute();
      await tx.deleteFrom("contacts").where("workspace_id", "=", ws).where("id", "=", from.id).execute();
      await tx.updateTable("contacts").set({ ...fill, updated_at: now }).where("workspace_id", "=", ws).where("id", "=", into.id).execute();
      await tx.insertInto("contact_merges").values({ workspace_id: ws, source_id: from.id, target_id: into.id, source_role: from.role, merged_at: now }).execute();
    }),
  );
  const merged = await getContactRow(c, into.id);
  await recordContactActivity(c, "contact.merged", merged, { merge_source_id: from.id, merge_target_id: into.id });
  await emitContactMerged(c, merged, from.id);
  return merged;
}

export interface MergeHistoryItem {
  source_contact_id: string;
  source_contact_role: string;
  merged_at: number;
}

/** The merges into a contact, newest first. */
export async function mergeHistory(c: Ctx, contactId: string): Promise<MergeHistoryItem[]> {
  const rows = await c.db
    .selectFrom("contact_merges")
    .select(["source_id", "source_role", "merged_at"])
    .where("workspace_id", "=", c.wsId)
    .where("target_id", "=", contactId)
    .orderBy("merged_at", "desc")
    .orderBy("source_id", "desc")
    .execute();
  return rows.map((r) => ({ source_contact_id: r.source_id, source_contact_role: r.source_role, merged_at: r.merged_at }));
}

/** The merges into each of several contacts (one query; a page of search results), newest first. */
export async function mergeHistories(c: Ctx, contactIds: string[]): Promise<Map<string, MergeHistoryItem[]>> {
  const out = new Map<string, MergeHistoryItem[]>(contactIds.map((id) => [id, []]));
  if (contactIds.length === 0) return out;
  const rows = await c.db
    .selectFrom("contact_merges")
    .select(["target_id", "source_id", "source_role", "merged_at"])
    .where("workspace_id", "=", c.wsId)
    .where("target_id", "in", contactIds)
    .orderBy("merged_at", "desc")
    .orderBy("source_id", "desc")
    .execute();
  for (const r of rows) out.get(r.target_id)?.push({ source_contact_id: r.source_id, source_contact_role: r.source_role, merged_at: r.merged_at });
  return out;
}

/** GET of a merged-away id: 404 up to 2.15; from 2.16, 410 contact_merged with a Link to the contact it became. */
export async function contactGone(c: Ctx, id: string): Promise<ApiError & { link?: string }> {
  const target = since(c.version, "mergeHistory") ? await mergedInto(c, id) : null;
  if (!target) return userNotFound();
  const err = new ApiError(410, "contact_merged", "This contact has been merged. See the 'Link' header for the canonical contact.") as ApiError & { link?: string };
  err.link = `</contacts/${target}>; rel="canonical"`;
  return err;
}

// ---------------------------------------------------------------- a contact's companies


/**
 * GET /companies/{id}/contacts: the company's contacts, by contact id (cursor pages). The caller has
 * already checked that the company exists in the workspace.
 */
export async function listCompanyContacts(c: Ctx, companyId: string, page: PageRequest): Promise<{ rows: ContactRow[]; total: number; next: string | null; page: number }> {
  const base = c.db
    .selectFrom("contact_companies")
    .innerJoin("contacts", "contacts.id", "contact_companies.contact_id")
    .where("contact_companies.workspace_id", "=", c.wsId)
    .where("contact_companies.company_id", "=", companyId);
  return keysetPageCounted(
    base.selectAll("contacts"),
    [{ col: "contact_companies.contact_id", kind: "string", dir: "asc", get: (r) => r.id }],
    page,
    async () => (await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n,
  );
}
