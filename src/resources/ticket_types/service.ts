// Ticket types, their attributes and the ticket states.
//
// Every type is created with Intercom's two built-in attributes (`_default_title_`,
// `_default_description_`). States are workspace-level: four per ticket category are seeded with a new
// workspace (submitted, in progress, waiting on customer, resolved — Intercom's defaults), and a type
// uses its category's states. Intercom edits states in its UI only, so the API lists them.
import type { Kysely, Selectable } from "kysely";
import type { DB } from "../../db/types.js";
import type { TicketStatesTable, TicketTypeAttributesTable, TicketTypesTable } from "../../db/tables/tickets.js";
import type { Ctx } from "../../platform/http.js";
import { badRequest, invalidParam, missingParam, notFound } from "../../platform/errors.js";
import { parseNumericId } from "../../platform/ids.js";
import { inTransaction } from "../../platform/writes.js";
import type { AttributeInput, TicketTypeInput } from "./schemas.js";

export type TicketTypeRow = Selectable<TicketTypesTable>;
export type TicketTypeAttributeRow = Selectable<TicketTypeAttributesTable>;
export type TicketStateRow = Selectable<TicketStatesTable>;
export type FullTicketType = TicketTypeRow & { attributes: TicketTypeAttributeRow[]; states: TicketStateRow[] };

export const TICKET_CATEGORIES = ["Customer", "Back-office", "Tracker"] as const;
export const ATTRIBUTE_DATA_TYPES = ["string", "list", "integer", "decimal", "boolean", "datetime", "files"] as const;
export const DEFAULT_ICON = "🎟️";
const MAX_ATTRIBUTES = 100;
const MAX_LIST_ITEMS = 100;

const typeNotFound = () => notFound("Ticket type not found", "not_found");
const attributeNotFound = () => notFound("Ticket type attribute not found", "not_found");

/** Intercom's default states, as its examples show them. */
const DEFAULT_STATES: Array<[string, string, string]> = [
  ["submitted", "Submitted", "Submitted"],
  ["in_progress", "In progress", "In progress"],
  ["waiting_on_customer", "Waiting on customer", "Waiting on you"],
  ["resolved", "Resolved", "Resolved"],
];

export async function seedTicketStates(db: Kysely<DB>, wsId: string): Promise<void> {
  await db
    .insertInto("ticket_states")
    .values(TICKET_CATEGORIES.flatMap((tc) => DEFAULT_STATES.map(([category, internal_label, external_label]) => ({ workspace_id: wsId, ticket_category: tc, category, internal_label, external_label, archived: 0 }))))
    .execute();
}

export async function listTicketStates(c: Ctx): Promise<Array<TicketStateRow & { types: TicketTypeRow[] }>> {
  const [states, types] = await Promise.all([
    c.db.selectFrom("ticket_states").selectAll().where("workspace_id", "=", c.wsId).orderBy("id").execute(),
    c.db.selectFrom("ticket_types").selectAll().where("workspace_id", "=", c.wsId).orderBy("id").execute(),
  ]);
  return states.map((s) => ({ ...s, types: types.filter((t) => t.category === s.ticket_category) }));
}

/** The states of a ticket category (a type's states), in order. */
export async function statesOfCategory(c: Ctx, ticketCategory: string): Promise<TicketStateRow[]> {
  return c.db.selectFrom("ticket_states").selectAll().where("workspace_id", "=", c.wsId).where("ticket_category", "=", ticketCategory).orderBy("id").execute();
}

async function full(c: Ctx, rows: TicketTypeRow[]): Promise<FullTicketType[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [attrs, states] = await Promise.all([
    c.db.selectFrom("ticket_type_attributes").selectAll().where("workspace_id", "=", c.wsId).where("ticket_type_id", "in", ids).orderBy("order_index").orderBy("id").execute(),
    c.db.selectFrom("ticket_states").selectAll().where("workspace_id", "=", c.wsId).orderBy("id").execute(),
  ]);
  return rows.map((r) => ({
    ...r,
    attributes: attrs.filter((a) => Number(a.ticket_type_id) === Number(r.id)),
    states: states.filter((s) => s.ticket_category === r.category),
  }));
}

export async function findTicketType(c: Ctx, rawId: unknown): Promise<TicketTypeRow | undefined> {
  const id = parseNumericId(rawId);
  if (id === null) return undefined;
  return c.db.selectFrom("ticket_types").selectAll().where("workspace_id", "=", c.wsId).where("id", "=", id).executeTakeFirst();
}

export async function getTicketType(c: Ctx, rawId: unknown): Promise<FullTicketType> {
  const row = await findTicketType(c, rawId);
  if (!row) throw typeNotFound();
  return (await full(c, [row]))[0]!;
}

export async function listTicketTypes(c: Ctx): Promise<FullTicketType[]> {
  const rows = await c.db.selectFrom("ticket_types").selectAll().where("workspace_id", "=", c.wsId).orderBy("id").execute();
  return full(c, rows);
}

export async function attributesOf(c: Ctx, ticketTypeId: number): Promise<TicketTypeAttributeRow[]> {
  return c.db.selectFrom("ticket_type_attributes").selectAll().where("workspace_id", "=", c.wsId).where("ticket_type_id", "=", ticketTypeId).orderBy("order_index").orderBy("id").execute();
}

function readTypeInput(input: TicketTypeInput): Partial<TicketTypeRow> {
  const out: Partial<TicketTypeRow> = {};
  if (input.name !== undefined) {
    if (input.name.trim() === "") throw invalidParam("name", "name must not be blank");
    out.name = input.name;
  }
  if (input.description !== undefined) out.description = input.description;
  if (input.icon !== undefined) out.icon = input.icon;
  if (input.category !== undefined) {
    if (!(TICKET_CATEGORIES as readonly string[]).includes(input.category)) throw invalidParam("category", `category must be one of ${TICKET_CATEGORIES.join(", ")}`);
    out.category = input.category;
  }
  if (input.is_internal !== undefined) out.is_internal = input.is_internal ? 1 : 0;
  if (input.archived !== undefined) out.archived = input.archived ? 1 : 0;
  return out;
}

export async function createTicketType(c: Ctx, input: TicketTypeInput): Promise<FullTicketType> {
  if (input.name === undefined) throw missingParam("name");
  const v = readTypeInput(input);
  const now = c.now();
  const id = await inTransaction(c, async (t) => {
    const row = await t.db
      .insertInto("ticket_types")
      .values({ workspace_id: t.wsId, name: v.name!, description: v.description ?? "", icon: v.icon ?? DEFAULT_ICON, category: v.category ?? "Customer", is_internal: v.is_internal ?? 0, archived: 0, created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    const base = { workspace_id: t.wsId, ticket_type_id: Number(row.id), description: "", data_type: "string", required_to_create: 0, required_to_create_for_contacts: 0, visible_on_create: 1, visible_to_contacts: 1, is_default: 1, archived: 0, created_at: now, updated_at: now };
    await t.db
      .insertInto("ticket_type_attributes")
      .values([
        { ...base, name: "_default_title_", input_options: JSON.stringify({ multiline: false }), order_index: 0 },
        { ...base, name: "_default_description_", input_options: JSON.stringify({ multiline: true }), order_index: 1 },
      ])
      .execute();
    return Number(row.id);
  });
  return getTicketType(c, id);
}

/** A partial update: only the given columns are written. */
export async function updateTicketType(c: Ctx, rawId: unknown, input: TicketTypeInput): Promise<FullTicketType> {
  const row = await findTicketType(c, rawId);
  if (!row) throw typeNotFound();
  const set = { ...readTypeInput(input), updated_at: c.now() };
  const res = await c.db.updateTable("ticket_types").set(set).where("workspace_id", "=", c.wsId).where("id", "=", row.id).executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw typeNotFound();
  return getTicketType(c, row.id);
}

function listOptions(listItems: string, existing: Array<{ id: string; label: string; archived: boolean }> = []) {
  const labels = [...new Set(listItems.split(",").map((s) => s.trim()).filter((s) => s !== ""))];
  if (labels.length === 0) throw invalidParam("list_items", "list_items must name at least one item");
  if (labels.length > MAX_LIST_ITEMS) throw invalidParam("list_items", `list_items has more than ${MAX_LIST_ITEMS} items`);
  let next = existing.reduce((m, o) => Math.max(m, Number(o.id) || 0), 0);
  const kept = labels.map((label) => existing.find((o) => o.label === label) ?? { id: String(++next), label, archived: false });
  // options no longer listed stay, archived (tickets may hold them)
  const archived = existing.filter((o) => !labels.includes(o.label)).map((o) => ({ ...o, archived: true }));
  return [...kept.map((o) => ({ ...o, archived: false })), ...archived];
}

function inputOptions(dataType: string, input: AttributeInput, current: Record<string, any> = {}): Record<string, unknown> {
  if (dataType === "string") return { multiline: input.multiline ?? current.multiline ?? false };
  if (dataType === "list") {
    if (input.list_items === undefined) {
      if (current.list_options) return current;
      throw missingParam("list_items", "list_items is required for a list attribute");
    }
    return { list_options: listOptions(input.list_items, current.list_options) };
  }
  if (dataType === "files") return { allow_multiple_values: input.allow_multiple_values ?? current.allow_multiple_values ?? false };
  return {};
}

const flag = (v: boolean | undefined) => (v === undefined ? undefined : v ? 1 : 0);

export async function createTicketTypeAttribute(c: Ctx, rawTypeId: unknown, input: AttributeInput): Promise<TicketTypeAttributeRow> {
  const type = await findTicketType(c, rawTypeId);
  if (!type) throw typeNotFound();
  if (input.name === undefined) throw missingParam("name");
  if (input.name.trim() === "") throw invalidParam("name", "name must not be blank");
  if (input.description === undefined) throw missingParam("description");
  if (input.data_type === undefined) throw missingParam("data_type");
  if (!(ATTRIBUTE_DATA_TYPES as readonly string[]).includes(input.data_type)) throw invalidParam("data_type", `data_type must be one of ${ATTRIBUTE_DATA_TYPES.join(", ")}`);
  const options = inputOptions(input.data_type, input);
  const now = c.now();
  return inTransaction(c, async (t) => {
    const existing = await t.db.selectFrom("ticket_type_attributes").select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.max("order_index").as("max")]).where("workspace_id", "=", t.wsId).where("ticket_type_id", "=", type.id).executeTakeFirstOrThrow();
    if (Number(existing.n) >= MAX_ATTRIBUTES) throw badRequest("parameter_invalid", `a ticket type has at most ${MAX_ATTRIBUTES} attributes`, "name");
    const taken = await t.db.selectFrom("ticket_type_attributes").select("id").where("ticket_type_id", "=", type.id).where("name", "=", input.name!).executeTakeFirst();
    if (taken) throw badRequest("parameter_invalid", "An attribute with this name already exists on the ticket type", "name");
    const row = {
      workspace_id: t.wsId,
      ticket_type_id: Number(type.id),
      name: input.name!,
      description: input.description!,
      data_type: input.data_type!,
      input_options: JSON.stringify(options),
      order_index: Number(existing.max ?? -1) + 1,
      required_to_create: flag(input.required_to_create) ?? 0,
      required_to_create_for_contacts: flag(input.required_to_create_for_contacts) ?? 0,
      visible_on_create: flag(input.visible_on_create) ?? 1,
      visible_to_contacts: flag(input.visible_to_contacts) ?? 1,
      is_default: 0,
      archived: 0,
      created_at: now,
      updated_at: now,
    };
    const { id } = await t.db.insertInto("ticket_type_attributes").values(row).returning("id").executeTakeFirstOrThrow();
    await t.db.updateTable("ticket_types").set({ updated_at: now }).where("id", "=", type.id).execute();
    return { ...row, id: Number(id) };
  });
}

export async function updateTicketTypeAttribute(c: Ctx, rawTypeId: unknown, rawId: unknown, input: AttributeInput): Promise<TicketTypeAttributeRow> {
  const type = await findTicketType(c, rawTypeId);
  if (!type) throw typeNotFound();
  const id = parseNumericId(rawId);
  if (id === null) throw attributeNotFound();
  const now = c.now();
  return inTransaction(c, async (t) => {
    let q = t.db.selectFrom("ticket_type_attributes").selectAll().where("workspace_id", "=", t.wsId).where("ticket_type_id", "=", type.id).where("id", "=", id);
    if (t.kind === "postgres") q = q.forUpdate();
    const row = await q.executeTakeFirst();
    if (!row) throw attributeNotFound();
    const set: Partial<TicketTypeAttributeRow> = { updated_at: now };
    if (input.name !== undefined && input.name !== row.name) {
      if (row.is_default) throw invalidParam("name", "the name of a default attribute cannot change");
      if (input.name.trim() === "") throw invalidParam("name", "name must not be blank");
      const taken = await t.db.selectFrom("ticket_type_attributes").select("id").where("ticket_type_id", "=", type.id).where("name", "=", input.name).executeTakeFirst();
      if (taken) throw badRequest("parameter_invalid", "An attribute with this name already exists on the ticket type", "name");
      set.name = input.name;
    }
    if (input.description !== undefined) set.description = input.description;
    for (const f of ["required_to_create", "required_to_create_for_contacts", "visible_on_create", "visible_to_contacts", "archived"] as const) {
      const v = flag(input[f]);
      if (v !== undefined) set[f] = v;
    }
    if (set.archived === 1 && row.is_default) throw invalidParam("archived", "a default attribute cannot be archived");
    if (input.multiline !== undefined || input.list_items !== undefined || input.allow_multiple_values !== undefined) {
      set.input_options = JSON.stringify(inputOptions(row.data_type, input, JSON.parse(row.input_options)));
    }
    const updated = await t.db.updateTable("ticket_type_attributes").set(set).where("id", "=", row.id).returningAll().executeTakeFirstOrThrow();
    await t.db.updateTable("ticket_types").set({ updated_at: now }).where("id", "=", type.id).execute();
    return updated;
  });
}
