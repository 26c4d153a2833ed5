// Custom object types (opencom's API defines them per workspace; Intercom's UI does) and their
// instances: create-or-update by external_id (one instance per type and external_id: a unique index),
// get by id or external_id, list (2.16+), delete by id or external_id.
import type { Selectable } from "kysely";
import type { CustomObjectInstancesTable, CustomObjectTypesTable } from "../../db/tables/custom-objects.js";
import type { Ctx } from "../../platform/http.js";
import { badRequest, conflict, invalidParam, missingParam, notFound } from "../../platform/errors.js";
import { parseNumericId } from "../../platform/ids.js";
import { readPageNumber } from "../../platform/pagination.js";
import { inTransaction, lockedRow } from "../../platform/writes.js";
import { atLeast } from "../../platform/versions.js";
import { isUniqueViolation } from "../../platform/db-errors.js";
import type { InstanceInput, TypeInput } from "./schemas.js";

export type TypeRow = Selectable<CustomObjectTypesTable>;
export type InstanceRow = Selectable<CustomObjectInstancesTable>;
export interface Instance extends InstanceRow {
  identifier: string;
}

/** 2.16 describes GET /custom_object_instances/{type} as a list (external_id optional); 2.13–2.15 as a find by external_id. */
export const LIST_SINCE = "2.16";
export const listsInstances = (c: Ctx) => atLeast(c.version, LIST_SINCE);

export const ATTRIBUTE_TYPES = ["string", "integer", "decimal", "boolean", "date", "contact_reference", "conversation_reference"] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];
export interface AttributeDef {
  name: string;
  data_type: AttributeType;
  description?: string;
}

/** The largest custom_attributes of one instance, as JSON (like a contact's). */
const MAX_ATTRIBUTES_JSON = 16 * 1024;
const MAX_ATTRIBUTES = 100;
const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

const typeNotFound = (identifier: string) => notFound(`Custom object type \`${identifier}\` not found`, "not_found");
const instanceNotFound = () => notFound("Custom object instance not found", "not_found");

export function attributesOf(t: TypeRow): AttributeDef[] {
  try {
    const a = JSON.parse(t.attributes);
    return Array.isArray(a) ? a : [];
  } catch {
    return [];
  }
}

// ---- types (opencom's API) -------------------------------------------------------------------

export async function createType(c: Ctx, input: TypeInput): Promise<TypeRow> {
  if (!IDENTIFIER.test(input.identifier)) {
    throw invalidParam("identifier", "identifier must start with a letter and hold only letters, digits and underscores (at most 64)");
  }
  const seen = new Set<string>();
  const attributes: AttributeDef[] = (input.attributes ?? []).map((a, i) => {
    const dataType = (a.data_type ?? "string") as AttributeType;
    if (!ATTRIBUTE_TYPES.includes(dataType)) throw invalidParam(`attributes[${i}].data_type`, `attributes[${i}].data_type must be one of ${ATTRIBUTE_TYPES.join(", ")}`);
    if (!/^[A-Za-z0-9_]{1,190}$/.test(a.name)) throw invalidParam(`attributes[${i}].name`, `attributes[${i}].name must hold only letters, digits and underscores`);
    if (seen.has(a.name)) throw invalidParam(`attributes[${i}].name`, `attributes[${i}].name ${a.name} is given twice`);
    seen.add(a.name);
    return { name: a.name, data_type: dataType, ...(a.description !== undefined ? { description: a.description } : {}) };
  });
  const now = c.now();
  const row = {
    workspace_id: c.wsId,
    identifier: input.identifier,
    name: input.name ?? input.identifier,
    description: input.description ?? null,
    attributes: JSON.stringify(attributes),
    created_at: now,
    updated_at: now,
  };
  try {
    const inserted = await c.db
      .insertInto("custom_object_types")
      .values(row)
      .onConflict((oc) => oc.columns(["workspace_id", "identifier"]).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!inserted) throw conflict(`A custom object type with identifier ${input.identifier} already exists`, "identifier");
    return inserted;
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(`A custom object type with identifier ${input.identifier} already exists`, "identifier");
    throw err;
  }
}

export async function listTypes(c: Ctx): Promise<TypeRow[]> {
  return c.db.selectFrom("custom_object_types").selectAll().where("workspace_id", "=", c.wsId).orderBy("id").limit(1000).execute();
}

/** Deletes a type with its instances (their rows cascade). */
export async function deleteType(c: Ctx, identifier: string): Promise<TypeRow> {
  const row = await c.db.deleteFrom("custom_object_types").where("workspace_id", "=", c.wsId).where("identifier", "=", identifier).returningAll().executeTakeFirst();
  if (!row) throw typeNotFound(identifier);
  return row;
}

async function findType(c: Ctx, identifier: string): Promise<TypeRow> {
  const row = await c.db.selectFrom("custom_object_types").selectAll().where("workspace_id", "=", c.wsId).where("identifier", "=", identifier).executeTakeFirst();
  if (!row) throw typeNotFound(identifier);
  return row;
}

// ---- instances --------------------------------------------------------------------------------

export type Scalar = string | number | boolean | null;

interface Reference {
  ref_kind: "contact" | "conversation";
  ref_id: string;
}

/** Checks values against the type's attributes (a type that declares none takes any scalar). */
async function checkAttributes(t: Ctx, type: TypeRow, attrs: Record<string, Scalar>): Promise<void> {
  const defs = attributesOf(type);
  if (defs.length === 0) return;
  const byName = new Map(defs.map((d) => [d.name, d]));
  for (const [name, value] of Object.entries(attrs)) {
    const field = `custom_attributes.${name}`;
    const def = byName.get(name);
    if (!def) throw invalidParam(field, `${name} is not an attribute of the custom object type ${type.identifier}`);
    if (value === null) continue;
    const bad = (what: string) => invalidParam(field, `${name} must be ${what}`);
    switch (def.data_type) {
      case "string":
        if (typeof value !== "string") throw bad("a string");
        break;
      case "integer":
      case "date":
        if (!Number.isInteger(typeof value === "string" && /^-?\d+$/.test(value) ? Number(value) : value)) throw bad(def.data_type === "date" ? "a unix timestamp" : "an integer");
        break;
      case "decimal":
        if (!Number.isFinite(typeof value === "string" && value.trim() !== "" ? Number(value) : value)) throw bad("a number");
        break;
      case "boolean":
        if (typeof value !== "boolean" && value !== "true" && value !== "false") throw bad("a boolean");
        break;
      case "contact_reference": {
        const found = await t.db.selectFrom("contacts").select("id").where("workspace_id", "=", t.wsId).where("id", "=", String(value)).executeTakeFirst();
        if (!found) throw invalidParam(field, `${name} names no contact of this workspace (${String(value)})`);
        break;
      }
      case "conversation_reference": {
        const id = parseNumericId(value);
        const found = id === null ? undefined : await t.db.selectFrom("conversations").select("id").where("workspace_id", "=", t.wsId).where("id", "=", id).executeTakeFirst();
        if (!found) throw invalidParam(field, `${name} names no conversation of this workspace (${String(value)})`);
        break;
      }
    }
  }
}

function referencesOf(type: TypeRow, attrs: Record<string, Scalar>): Reference[] {
  const refs = new Map<string, Reference>();
  for (const d of attributesOf(type)) {
    const v = attrs[d.name];
    if (v === null || v === undefined) continue;
    if (d.data_type === "contact_reference") refs.set(`contact ${v}`, { ref_kind: "contact", ref_id: String(v) });
    if (d.data_type === "conversation_reference") refs.set(`conversation ${parseNumericId(v)}`, { ref_kind: "conversation", ref_id: String(parseNumericId(v)) });
  }
  return [...refs.values()];
}

async function writeReferences(t: Ctx, type: TypeRow, instanceId: number, attrs: Record<string, Scalar>): Promise<void> {
  await t.db.deleteFrom("custom_object_references").where("workspace_id", "=", t.wsId).where("instance_id", "=", instanceId).execute();
  const refs = referencesOf(type, attrs);
  if (refs.length > 0) {
    await t.db
      .insertInto("custom_object_references")
      .values(refs.map((r) => ({ workspace_id: t.wsId, instance_id: instanceId, type_id: type.id, ...r })))
      .execute();
  }
}

function checkInput(input: InstanceInput): string {
  const externalId = input.external_id;
  if (externalId === undefined) throw missingParam("external_id", "external_id is required");
  if (externalId.trim() === "") throw invalidParam("external_id", "external_id must not be blank");
  const attrs = input.custom_attributes ?? {};
  const names = Object.keys(attrs);
  if (names.length > MAX_ATTRIBUTES) throw invalidParam("custom_attributes", `custom_attributes holds at most ${MAX_ATTRIBUTES} attributes`);
  for (const [name, v] of Object.entries(attrs)) {
    if (v !== null && typeof v === "object") throw invalidParam(`custom_attributes.${name}`, `${name} must be a string, a number, a boolean or null`);
    if (typeof v === "string" && v.length > 255) throw invalidParam(`custom_attributes.${name}`, `${name} is longer than 255 characters`);
  }
  return externalId;
}

/**
 * Creates the instance, or updates the one with this external_id: inserted "on conflict do nothing",
 * else the winner updated under its lock; custom_attributes are merged (a null removes one), the
 * external times change when given. Both answer 200.
 */
export async function upsertInstance(c: Ctx, identifier: string, input: InstanceInput): Promise<Instance> {
  const externalId = checkInput(input);
  return inTransaction(c, async (t) => {
    const type = await findType(t, identifier);
    const attrs = input.custom_attributes ?? {};
    await checkAttributes(t, type, attrs);
    const now = t.now();
    const given = Object.fromEntries(Object.entries(attrs).filter(([, v]) => v !== null));
    const inserted = await t.db
      .insertInto("custom_object_instances")
      .values({
        workspace_id: t.wsId,
        type_id: type.id,
        external_id: externalId,
        custom_attributes: JSON.stringify(given),
        external_created_at: input.external_created_at ?? null,
        external_updated_at: input.external_updated_at ?? null,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(["workspace_id", "type_id", "external_id"]).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) {
      await writeReferences(t, type, inserted.id, given);
      return { ...inserted, identifier: type.identifier };
    }
    const found = await t.db
      .selectFrom("custom_object_instances")
      .select("id")
      .where("workspace_id", "=", t.wsId)
      .where("type_id", "=", type.id)
      .where("external_id", "=", externalId)
      .executeTakeFirst();
    const current = found ? await lockedRow(t, "custom_object_instances", found.id) : null;
    if (!current) throw conflict("The custom object instance was deleted while it was being written; retry");
    const merged: Record<string, Scalar> = { ...(JSON.parse(current.custom_attributes) as Record<string, Scalar>) };
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null) delete merged[k];
      else merged[k] = v;
    }
    const json = JSON.stringify(merged);
    if (json.length > MAX_ATTRIBUTES_JSON) throw invalidParam("custom_attributes", `custom_attributes may hold at most ${MAX_ATTRIBUTES_JSON} bytes of JSON`);
    const updated = await t.db
      .updateTable("custom_object_instances")
      .set({
        custom_attributes: json,
        ...(input.external_created_at !== undefined ? { external_created_at: input.external_created_at } : {}),
        ...(input.external_updated_at !== undefined ? { external_updated_at: input.external_updated_at } : {}),
        updated_at: now,
      })
      .where("workspace_id", "=", t.wsId)
      .where("id", "=", current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeReferences(t, type, updated.id, merged);
    return { ...updated, identifier: type.identifier };
  });
}

async function byExternalId(c: Ctx, type: TypeRow, externalId: string): Promise<InstanceRow | undefined> {
  return c.db
    .selectFrom("custom_object_instances")
    .selectAll()
    .where("workspace_id", "=", c.wsId)
    .where("type_id", "=", type.id)
    .where("external_id", "=", externalId)
    .executeTakeFirst();
}

export async function findByExternalId(c: Ctx, identifier: string, externalId: string | undefined): Promise<Instance> {
  if (externalId === undefined) throw missingParam("external_id", "external_id is required");
  const type = await findType(c, identifier);
  const row = await byExternalId(c, type, externalId);
  if (!row) throw instanceNotFound();
  return { ...row, identifier: type.identifier };
}

/** GET …/{id}: the path names the Intercom id or, failing that, the external_id. */
export async function getInstance(c: Ctx, identifier: string, rawId: string): Promise<Instance> {
  const type = await findType(c, identifier);
  const id = parseNumericId(rawId);
  const row =
    (id === null
      ? undefined
      : await c.db.selectFrom("custom_object_instances").selectAll().where("workspace_id", "=", c.wsId).where("type_id", "=", type.id).where("id", "=", id).executeTakeFirst()) ??
    (await byExternalId(c, type, rawId));
  if (!row) throw instanceNotFound();
  return { ...row, identifier: type.identifier };
}

export interface Deleted {
  id: string;
  identifier: string;
}

export async function deleteById(c: Ctx, identifier: string, rawId: string): Promise<Deleted> {
  const type = await findType(c, identifier);
  const id = parseNumericId(rawId);
  if (id === null) throw instanceNotFound();
  const res = await c.db.deleteFrom("custom_object_instances").where("workspace_id", "=", c.wsId).where("type_id", "=", type.id).where("id", "=", id).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw instanceNotFound();
  return { id: String(id), identifier: type.identifier };
}

export async function deleteByExternalId(c: Ctx, identifier: string, externalId: string | undefined): Promise<Deleted> {
  if (externalId === undefined) throw missingParam("external_id", "external_id is required");
  const type = await findType(c, identifier);
  const row = await c.db
    .deleteFrom("custom_object_instances")
    .where("workspace_id", "=", c.wsId)
    .where("type_id", "=", type.id)
    .where("external_id", "=", externalId)
    .returning("id")
    .executeTakeFirst();
  if (!row) throw instanceNotFound();
  return { id: String(row.id), identifier: type.identifier };
}

export interface ListQuery {
  references_contact_id?: string;
  references_conversation_id?: string;
  page?: unknown;
  per_page?: unknown;
}

export const DEFAULT_LIST_PER_PAGE = 20;
export const MAX_LIST_PER_PAGE = 150;

/** page / per_page of the list, checked whenever given (whatever mode the request is in). */
export function readListPaging(q: { page?: unknown; per_page?: unknown }): { page: number; perPage: number } {
  const page = q.page === undefined ? 1 : readPageNumber(q.page);
  const perPage = q.per_page === undefined ? DEFAULT_LIST_PER_PAGE : Number(q.per_page);
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_LIST_PER_PAGE) {
    throw invalidParam("per_page", `per_page must be an integer between 1 and ${MAX_LIST_PER_PAGE}`);
  }
  return { page, perPage };
}

/** 2.16+: every instance of the type, or those referring to a contact / a conversation; newest first. */
export async function listInstances(c: Ctx, identifier: string, q: ListQuery) {
  if (q.references_contact_id !== undefined && q.references_conversation_id !== undefined) {
    throw badRequest("parameter_invalid", "Give references_contact_id or references_conversation_id, not both", "references_conversation_id");
  }
  const { page, perPage } = readListPaging(q);
  const type = await findType(c, identifier);
  const ref =
    q.references_contact_id !== undefined
      ? { kind: "contact", id: q.references_contact_id }
      : q.references_conversation_id !== undefined
        ? { kind: "conversation", id: String(parseNumericId(q.references_conversation_id) ?? q.references_conversation_id) }
        : null;
  let base = c.db.selectFrom("custom_object_instances as i").where("i.workspace_id", "=", c.wsId).where("i.type_id", "=", type.id);
  if (ref) {
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom("custom_object_references as r")
          .select("r.instance_id")
          .where("r.workspace_id", "=", c.wsId)
          .where("r.type_id", "=", type.id)
          .where("r.ref_kind", "=", ref.kind)
          .where("r.ref_id", "=", ref.id)
          .whereRef("r.instance_id", "=", "i.id"),
      ),
    );
  }
  const [rows, total] = await Promise.all([
    base.selectAll("i").orderBy("i.id", "desc").limit(perPage).offset((page - 1) * perPage).execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map((r) => ({ ...r, identifier: type.identifier })), total: Number(total.n), page, perPage };
}
