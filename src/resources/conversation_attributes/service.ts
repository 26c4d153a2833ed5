// Conversation attributes (2.16): typed custom fields of conversations. A name is unique per workspace
// (case-insensitive, decided by a unique index); the data type is fixed at creation; DELETE archives.
// List attributes own options (label, archived), added, relabelled and archived one by one.
import { randomUUID } from "node:crypto";
import type { Selectable } from "kysely";
import type { ConversationAttributeOptionsTable, ConversationAttributesTable } from "../../db/tables/inbox-extras.js";
import type { Ctx } from "../../platform/http.js";
import { ApiError, notFound } from "../../platform/errors.js";
import { parseNumericId } from "../../platform/ids.js";
import { inTransaction } from "../../platform/writes.js";
import { MAX_OPTIONS, type CreateAttributeInput, type OptionInput, type UpdateAttributeInput } from "./schemas.js";

export type AttributeRow = Selectable<ConversationAttributesTable>;
export type OptionRow = Selectable<ConversationAttributeOptionsTable>;

export const DATA_TYPES = ["string", "integer", "list", "decimal", "boolean", "datetime", "relationship", "files"];
export const MAX_ATTRIBUTES = 500;

const attributeNotFound = () => notFound("Conversation attribute not found", "conversation_attribute_not_found");
const optionNotFound = () => notFound("Conversation attribute option not found", "conversation_attribute_option_not_found");
/** The documented answer to content it cannot take: 422 parameter_invalid. */
const invalid = (field: string, message: string) => new ApiError(422, "parameter_invalid", message, field);

function readName(v: unknown): string {
  if (typeof v !== "string" || v.trim() === "") throw invalid("name", "name must be a non-blank string");
  if (v.length > 255) throw invalid("name", "name is longer than 255 characters");
  return v.trim();
}

function readLabel(v: unknown): string {
  if (typeof v !== "string" || v.trim() === "") throw invalid("label", "label must be a non-blank string");
  if (v.length > 255) throw invalid("label", "label is longer than 255 characters");
  return v.trim();
}

async function readTeams(c: Ctx, v: unknown): Promise<string> {
  if (!Array.isArray(v) || v.length > 100) throw invalid("visible_to_team_ids", "visible_to_team_ids must be an array of at most 100 team ids");
  const ids = v.map((t) => parseNumericId(t));
  if (ids.some((t) => t === null)) throw invalid("visible_to_team_ids", "visible_to_team_ids must hold team ids");
  const unique = [...new Set(ids as number[])];
  if (unique.length > 0) {
    const found = await c.db.selectFrom("teams").select("id").where("workspace_id", "=", c.wsId).where("id", "in", unique).execute();
    if (found.length !== unique.length) throw invalid("visible_to_team_ids", "visible_to_team_ids names a team that does not exist");
  }
  return JSON.stringify(unique.map(String));
}

function readReference(v: unknown): string {
  const r = v as { type?: unknown; object_type_id?: unknown } | null;
  if (!r || typeof r !== "object" || Array.isArray(r) || (r.type !== "one" && r.type !== "many")) throw invalid("reference", "reference.type must be one or many");
  if (r.object_type_id !== undefined && (typeof r.object_type_id !== "string" || r.object_type_id.length > 255)) throw invalid("reference", "reference.object_type_id must be a string");
  return JSON.stringify({ type: r.type, ...(r.object_type_id !== undefined ? { object_type_id: r.object_type_id } : {}) });
}

function readBool(v: unknown, field: string): number {
  if (typeof v !== "boolean") throw invalid(field, `${field} must be a boolean`);
  return v ? 1 : 0;
}

/** The attribute's columns an input sets (create and update share them). */
async function readCommon(c: Ctx, input: UpdateAttributeInput, dataType: string) {
  const out: Partial<AttributeRow> = {};
  if (input.name !== undefined) out.name = readName(input.name);
  if (input.description !== undefined && input.description !== null) {
    if (typeof input.description !== "string" || input.description.length > 1000) throw invalid("description", "description must be a string of at most 1000 characters");
    out.description = input.description;
  }
  if (input.required !== undefined && input.required !== null) out.required = readBool(input.required, "required");
  if (input.multiline !== undefined && input.multiline !== null) {
    if (dataType !== "string") throw invalid("multiline", "multiline applies to string attributes only");
    out.multiline = readBool(input.multiline, "multiline");
  }
  if (input.visible_to_team_ids !== undefined && input.visible_to_team_ids !== null) out.visible_to_team_ids = await readTeams(c, input.visible_to_team_ids);
  if (input.reference !== undefined && input.reference !== null) {
    if (dataType !== "relationship") throw invalid("reference", "reference applies to relationship attributes only");
    out.reference = readReference(input.reference);
  }
  return out;
}

const nameTaken = () => invalid("name", "A conversation attribute with this name already exists");

export async function createAttribute(c: Ctx, input: CreateAttributeInput): Promise<AttributeRow> {
  if (input.name === undefined || input.name === null) throw invalid("name", "name is required");
  const dataType = input.data_type;
  if (typeof dataType !== "string" || !DATA_TYPES.includes(dataType)) {
    throw invalid("data_type", `data_type '${String(dataType)}' is not valid. Allowed types: ${DATA_TYPES.join(", ")}`);
  }
  const v = await readCommon(c, input, dataType);
  if (dataType === "relationship" && v.reference === undefined) throw invalid("reference", "a relationship attribute needs a reference");
  let labels: string[] = [];
  if (input.options !== undefined && input.options !== null) {
    if (dataType !== "list") throw invalid("options", "Options can only be managed on list attributes");
    if (!Array.isArray(input.options) || input.options.length > MAX_OPTIONS) throw invalid("options", `options must be an array of at most ${MAX_OPTIONS}`);
    labels = input.options.map((o) => readLabel((o as { label?: unknown } | null)?.label));
  }
  const now = c.now();
  return inTransaction(c, async (t) => {
    const count = await t.db.selectFrom("conversation_attributes").select((eb) => eb.fn.countAll<number>().as("n")).where("workspace_id", "=", t.wsId).executeTakeFirstOrThrow();
    if (Number(count.n) >= MAX_ATTRIBUTES) throw invalid("name", `a workspace has at most ${MAX_ATTRIBUTES} conversation attributes`);
    const row = {
      workspace_id: t.wsId,
      name: v.name!,
      name_key: v.name!.toLowerCase(),
      description: v.description ?? "",
      data_type: dataType,
      required: v.required ?? 0,
      multiline: v.multiline ?? 0,
      visible_to_team_ids: v.visible_to_team_ids ?? "[]",
      reference: v.reference ?? null,
      archived: 0,
      admin_id: t.ws.token_admin_id ?? null,
      created_at: now,
      updated_at: now,
    };
    const inserted = await t.db
      .insertInto("conversation_attributes")
      .values(row)
      .onConflict((oc) => oc.columns(["workspace_id", "name_key"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) throw nameTaken();
    const id = Number(inserted.id);
    if (labels.length > 0) {
      await t.db
        .insertInto("conversation_attribute_options")
        .values(labels.map((label, i) => ({ id: randomUUID(), workspace_id: t.wsId, attribute_id: id, label, archived: 0, position: i, created_at: now })))
        .execute();
    }
    return { ...row, id };
  });
}

export async function getAttribute(c: Ctx, rawId: unknown): Promise<AttributeRow> {
  const id = parseNumericId(rawId);
  const row = id === null ? undefined : await c.db.selectFrom("conversation_attributes").selectAll().where("workspace_id", "=", c.wsId).where("id", "=", id).executeTakeFirst();
  if (!row) throw attributeNotFound();
  return row;
}

/** A partial update: only the given columns are written; the name stays unique. */
export async function updateAttribute(c: Ctx, rawId: unknown, input: UpdateAttributeInput): Promise<AttributeRow> {
  const row = await getAttribute(c, rawId);
  if (input.data_type !== undefined && input.data_type !== row.data_type) throw invalid("data_type", "data_type cannot be changed");
  const v = await readCommon(c, input, row.data_type);
  const set: Partial<AttributeRow> = { ...v, updated_at: c.now() };
  if (v.name !== undefined) set.name_key = v.name.toLowerCase();
  try {
    const updated = await c.db.updateTable("conversation_attributes").set(set).where("workspace_id", "=", c.wsId).where("id", "=", row.id).returningAll().executeTakeFirst();
    if (!updated) throw attributeNotFound();
    return updated;
  } catch (e) {
    if (isUniqueViolation(e)) throw nameTaken();
    throw e;
  }
}

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown };
  return err?.code === "23505" || err?.code === "SQLITE_CONSTRAINT_UNIQUE" || (typeof err?.message === "string" && err.message.includes("UNIQUE constraint failed"));
}

export async function archiveAttribute(c: Ctx, rawId: unknown): Promise<AttributeRow> {
  const row = await getAttribute(c, rawId);
  const updated = await c.db.updateTable("conversation_attributes").set({ archived: 1, updated_at: c.now() }).where("workspace_id", "=", c.wsId).where("id", "=", row.id).returningAll().executeTakeFirst();
  if (!updated) throw attributeNotFound();
  return updated;
}

export async function listAttributes(c: Ctx, includeArchived: boolean): Promise<AttributeRow[]> {
  let q = c.db.selectFrom("conversation_attributes").selectAll().where("workspace_id", "=", c.wsId);
  if (!includeArchived) q = q.where("archived", "=", 0);
  return q.orderBy("id", "desc").limit(MAX_ATTRIBUTES).execute();
}

/** The options of these list attributes, by attribute id, in order. */
export async function optionsOf(c: Ctx, attributeIds: number[]): Promise<Map<number, OptionRow[]>> {
  const out = new Map<number, OptionRow[]>();
  if (attributeIds.length === 0) return out;
  const rows = await c.db
    .selectFrom("conversation_attribute_options")
    .selectAll()
    .where("workspace_id", "=", c.wsId)
    .where("attribute_id", "in", attributeIds)
    .orderBy("position")
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  for (const r of rows) {
    const k = Number(r.attribute_id);
    if (!out.has(k)) out.set(k, []);
    out.get(k)!.push(r);
  }
  return out;
}

async function listAttribute(c: Ctx, rawId: unknown): Promise<AttributeRow> {
  const row = await getAttribute(c, rawId);
  if (row.data_type !== "list") throw invalid("id", "Options can only be managed on list attributes");
  return row;
}

const touch = (c: Ctx, row: AttributeRow) =>
  c.db.updateTable("conversation_attributes").set({ updated_at: c.now() }).where("workspace_id", "=", c.wsId).where("id", "=", row.id).returningAll().executeTakeFirst();

export async function addOption(c: Ctx, rawId: unknown, input: OptionInput): Promise<AttributeRow> {
  const row = await listAttribute(c, rawId);
  const label = readLabel(input.label);
  return inTransaction(c, async (t) => {
    const n = await t.db.selectFrom("conversation_attribute_options").select((eb) => eb.fn.countAll<number>().as("n")).where("workspace_id", "=", t.wsId).where("attribute_id", "=", row.id).executeTakeFirstOrThrow();
    if (Number(n.n) >= MAX_OPTIONS) throw invalid("label", `a list attribute has at most ${MAX_OPTIONS} options`);
    await t.db.insertInto("conversation_attribute_options").values({ id: randomUUID(), workspace_id: t.wsId, attribute_id: row.id, label, archived: 0, position: Number(n.n), created_at: t.now() }).execute();
    const updated = await touch(t, row);
    if (!updated) throw attributeNotFound();
    return updated;
  });
}

async function changeOption(c: Ctx, rawId: unknown, optionId: string, set: { label?: string; archived?: number }): Promise<AttributeRow> {
  const row = await listAttribute(c, rawId);
  return inTransaction(c, async (t) => {
    const res = await t.db.updateTable("conversation_attribute_options").set(set).where("workspace_id", "=", t.wsId).where("attribute_id", "=", row.id).where("id", "=", optionId).executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw optionNotFound();
    const updated = await touch(t, row);
    if (!updated) throw attributeNotFound();
    return updated;
  });
}

export const updateOption = (c: Ctx, rawId: unknown, optionId: string, input: OptionInput) => changeOption(c, rawId, optionId, { label: readLabel(input.label) });
export const archiveOption = (c: Ctx, rawId: unknown, optionId: string) => changeOption(c, rawId, optionId, { archived: 1 });
