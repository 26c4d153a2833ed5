// Data attributes: the standard ones (static, standard.ts) and the workspace's custom ones.
//
// - A custom attribute's name is unique in the workspace across both models, case-insensitively
//   (index data_attributes_ws_custom_name), and may not be a standard attribute's name: the contract's
//   examples refuse a people attribute named like an existing company one.
// - Names: letters, digits, spaces, underscores, hyphens and currency symbols.
// - List attributes: data_type "options" with at least two distinct options ({value} objects, or plain
//   strings as 2.7 describes them); 2.7's form, data_type "string" with options, makes one too. They are
//   stored as data_type "options" (so custom attribute values are checked against them) and read
//   "string" with their options.
// - An update may change description, messenger_writable, archived and a list's options; never the
//   name, model or data_type (400). Archiving an attribute a segment's stored query uses is a 422.
import type { Insertable } from "kysely";
import type { DataAttributesTable } from "../../db/types.js";
import type { Ctx } from "../../platform/http.js";
import { ApiError, invalidParam, missingParam } from "../../platform/errors.js";
import { isUniqueViolation } from "../../platform/db-errors.js";
import { nowSeconds, parseNumericId } from "../../platform/ids.js";
import { currentAdmin } from "../admins/service.js";
import { segmentsUsing } from "../segments/service.js";
import type { AttributeModel } from "./custom-attributes.js";
import { isStandardName, STANDARD_ATTRIBUTES, type StandardAttribute } from "./standard.js";
import type { CreateDataAttributeInput, UpdateDataAttributeInput } from "./schemas.js";
import type { Selectable } from "kysely";

export type DataAttributeRow = Selectable<DataAttributesTable>;

export const MODELS: readonly AttributeModel[] = ["contact", "company"];
export const DATA_TYPES = ["string", "integer", "float", "boolean", "date", "datetime", "options"] as const;
export const MAX_NAME = 190;
export const MAX_OPTIONS = 1000;

const NAME = /^[\p{L}\p{N}\p{Sc}_\- ]+$/u;

const modelWord = (m: string) => (m === "contact" ? "people" : "company");

const attributeNotFound = () => new ApiError(404, "field_not_found", "We couldn't find that data attribute to update");

// ---------------------------------------------------------------- GET /data_attributes

/** One entry of GET /data_attributes: a standard attribute (fixed) or a custom one (a row). */
export type ListedAttribute = { standard: StandardAttribute } | { custom: DataAttributeRow };

export async function listDataAttributes(c: Ctx, q: { model?: string; include_archived?: boolean }): Promise<ListedAttribute[]> {
  if (q.model !== undefined && ![...MODELS, "conversation"].includes(q.model)) {
    throw invalidParam("model", "model must be one of contact, company, conversation");
  }
  // opencom keeps no conversation attributes: that model lists nothing
  const models = q.model === undefined ? MODELS : MODELS.filter((m) => m === q.model);
  if (models.length === 0) return [];
  let query = c.db.selectFrom("data_attributes").selectAll().where("workspace_id", "=", c.wsId).where("custom", "=", 1).where("model", "in", [...models]);
  if (!q.include_archived) query = query.where("archived", "=", 0);
  const custom = await query.orderBy("model").orderBy("id").execute();
  return models.flatMap((m): ListedAttribute[] => [
    ...STANDARD_ATTRIBUTES[m].map((standard) => ({ standard })),
    ...custom.filter((a) => a.model === m).map((a) => ({ custom: a })),
  ]);
}

// ---------------------------------------------------------------- checks

/** The options of a list attribute as stored: [{value}], at least two, distinct. */
function optionsColumn(raw: unknown): string {
  if (!Array.isArray(raw)) throw invalidParam("options", "Options isn't an array");
  const values = raw.map((o, i) => {
    const v = typeof o === "string" ? o : o && typeof o === "object" && !Array.isArray(o) ? (o as { value?: unknown }).value : undefined;
    if (typeof v !== "string" || v.trim() === "") throw invalidParam(`options[${i}]`, `options[${i}] must be {"value": "<non-empty text>"}`);
    return v.trim();
  });
  if (values.length < 2) throw invalidParam("options", "A list attribute needs at least two options");
  if (values.length > MAX_OPTIONS) throw invalidParam("options", `A list attribute has at most ${MAX_OPTIONS} options`);
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) throw invalidParam("options", `The option '${v}' is listed twice`);
    seen.add(v);
  }
  return JSON.stringify(values.map((value) => ({ value })));
}

function optionalText(field: string, v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") throw invalidParam(field, `${field} must be a string`);
  return v;
}

function optionalBool(field: string, v: unknown): boolean | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "boolean") throw invalidParam(field, `${field} must be true or false`);
  return v;
}

/** The message for a name another attribute has. */
function nameTaken(name: string, existingModel: string, newModel: string) {
  return invalidParam(
    "name",
    `You already have '${name}' in your ${modelWord(existingModel)} data. To save this as new ${modelWord(newModel)} data, use a different name.`,
  );
}

async function customNamed(c: Ctx, name: string): Promise<{ name: string; model: string } | undefined> {
  const rows = await c.db.selectFrom("data_attributes").select(["name", "model"]).where("workspace_id", "=", c.wsId).where("custom", "=", 1).execute();
  return rows.find((r) => r.name.toLowerCase() === name.toLowerCase());
}

// ---------------------------------------------------------------- POST /data_attributes

// Leniency (Intercom is more lenient than its description, which requires `name`): an attribute created
// without a name but with a description is named after its description (the characters a name may hold;
// " 2", " 3" … added when that name is taken). Evidence: the official intercom-node integration suite for
// SDK 7.x (tests/integration/dataAttributes.test.ts, "create") sends only model, data_type "string",
// description "Dummy description" and options ["yey", "yoy"] — the SDK's 7.x request type has no `name`.
async function nameFromDescription(c: Ctx, model: AttributeModel, description: unknown): Promise<string | undefined> {
  if (typeof description !== "string") return undefined;
  const base = description.replace(/[^\p{L}\p{N}\p{Sc}_\- ]+/gu, " ").replace(/\s+/g, " ").trim().slice(0, MAX_NAME - 6).trim();
  if (!base) return undefined;
  for (let n = 1; n <= 1000; n++) {
    const name = n === 1 ? base : `${base} ${n}`;
    if (!isStandardName(model, name) && !(await customNamed(c, name))) return name;
  }
  return undefined;
}

export async function createDataAttribute(c: Ctx, input: CreateDataAttributeInput): Promise<DataAttributeRow> {
  if ((input.name === undefined || input.name === null) && typeof input.model === "string" && (MODELS as readonly string[]).includes(input.model)) {
    const derived = await nameFromDescription(c, input.model as AttributeModel, input.description);
    if (derived !== undefined) input = { ...input, name: derived };
  }
  if (input.name === undefined || input.name === null) throw missingParam("name");
  if (typeof input.name !== "string") throw invalidParam("name", "name must be a string");
  const name = input.name.trim();
  if (input.model === undefined || input.model === null) throw missingParam("model", "The Data Attribute model field must be either contact or company");
  if (typeof input.model !== "string" || !(MODELS as readonly string[]).includes(input.model)) {
    throw invalidParam("model", "The Data Attribute model field must be either contact or company");
  }
  const model = input.model as AttributeModel;
  if (name === "" || !NAME.test(name)) {
    throw invalidParam("name", "Your name for this attribute must only contain alphanumeric characters, currency symbols, and hyphens");
  }
  if (name.length > MAX_NAME) throw invalidParam("name", `name must be at most ${MAX_NAME} characters`);
  if (input.data_type === undefined || input.data_type === null) throw missingParam("data_type");
  if (typeof input.data_type !== "string" || !(DATA_TYPES as readonly string[]).includes(input.data_type)) {
    throw invalidParam("data_type", "Data Type isn't an option");
  }
  let dataType: string = input.data_type;
  let options: string | null = null;
  const hasOptions = input.options !== undefined && input.options !== null;
  if (dataType === "options" && !hasOptions) throw missingParam("options", "A list attribute needs at least two options");
  if (hasOptions) {
    if (dataType !== "options" && dataType !== "string") throw invalidParam("options", "options can only be given to a list attribute (data_type options)");
    options = optionsColumn(input.options);
    dataType = "options";
  }
  const description = optionalText("description", input.description) ?? null;
  const messengerWritable = optionalBool("messenger_writable", input.messenger_writable) ?? false;

  if (isStandardName(model, name)) throw nameTaken(name, model, model);
  const taken = await customNamed(c, name);
  if (taken) throw nameTaken(taken.name, taken.model, model);

  const adminId = (await currentAdmin(c)).id;
  const now = c.now();
  const values = newDataAttributeRow(c.wsId, { model, name, description, data_type: dataType, options, messenger_writable: messengerWritable ? 1 : 0, admin_id: adminId, created_at: now });
  let id: number;
  try {
    const inserted = await c.db.insertInto("data_attributes").values(values).returning("id").executeTakeFirstOrThrow();
    id = Number(inserted.id);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const winner = await customNamed(c, name);
    throw nameTaken(winner?.name ?? name, winner?.model ?? model, model);
  }
  return { ...values, id };
}

/** A complete row of a custom data attribute (also used to seed tests and benchmarks). */
export function newDataAttributeRow(
  workspaceId: string,
  fields: Pick<Insertable<DataAttributesTable>, "model" | "name" | "data_type" | "created_at"> & Partial<Insertable<DataAttributesTable>>,
) {
  return {
    workspace_id: workspaceId,
    full_name: `custom_attributes.${fields.name}`,
    label: fields.name,
    description: null,
    options: null,
    api_writable: 1,
    ui_writable: 0,
    messenger_writable: 0,
    custom: 1,
    archived: 0,
    admin_id: null,
    updated_at: fields.created_at,
    ...fields,
  };
}

// ---------------------------------------------------------------- PUT /data_attributes/{id}

export async function updateDataAttribute(c: Ctx, rawId: unknown, input: UpdateDataAttributeInput): Promise<DataAttributeRow> {
  const id = parseNumericId(rawId);
  const row = id === null ? undefined : await c.db.selectFrom("data_attributes").selectAll().where("workspace_id", "=", c.wsId).where("id", "=", id).where("custom", "=", 1).executeTakeFirst();
  if (!row) throw attributeNotFound();

  if (input.data_type !== undefined) throw invalidParam("data_type", "The data type of an attribute cannot be changed through the API");
  if (input.name !== undefined && input.name !== row.name) throw invalidParam("name", "The name of an attribute cannot be changed");
  if (input.model !== undefined && input.model !== row.model) throw invalidParam("model", "The model of an attribute cannot be changed");

  const patch: Partial<DataAttributeRow> = {};
  const description = optionalText("description", input.description);
  if (description !== undefined) patch.description = description;
  const messengerWritable = optionalBool("messenger_writable", input.messenger_writable);
  if (messengerWritable !== undefined) patch.messenger_writable = messengerWritable ? 1 : 0;
  if (input.options !== undefined && input.options !== null) {
    if (row.data_type !== "options") throw invalidParam("options", "options can only be set on a list attribute; its data type cannot be changed");
    patch.options = optionsColumn(input.options);
  }
  const archived = optionalBool("archived", input.archived);
  if (archived !== undefined) {
    if (archived && !row.archived && row.model === "contact") {
      const using = await segmentsUsing(c.db, c.wsId, (field) => field === row.full_name);
      if (using.length > 0) throw new ApiError(422, "data_invalid", "The Data Attribute you are trying to archive has a dependant object");
    }
    patch.archived = archived ? 1 : 0;
  }

  const changed = Object.entries(patch).some(([k, v]) => (row as unknown as Record<string, unknown>)[k] !== v);
  if (!changed) return row;
  const next = { ...row, ...patch, updated_at: Math.max(c.now(), row.updated_at) };
  await c.db
    .updateTable("data_attributes")
    .set({ ...patch, updated_at: next.updated_at })
    .where("workspace_id", "=", c.wsId)
    .where("id", "=", row.id)
    .execute();
  return next;
}
