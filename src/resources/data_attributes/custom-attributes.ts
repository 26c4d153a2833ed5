// Custom attribute values of contacts and companies, checked against the workspace's data attributes.
// Contacts and companies both call checkCustomAttributes before they write.
import type { Ctx } from "../../platform/http.js";
import { ApiError } from "../../platform/errors.js";

export type AttributeModel = "contact" | "company";

export interface CustomAttributeDef {
  name: string;
  data_type: string; // string | integer | float | boolean | date | datetime | options
  options: string[] | null;
  archived: boolean;
}

export async function customAttributeDefs(c: Ctx, model: AttributeModel): Promise<Map<string, CustomAttributeDef>> {
  const rows = await c.db
    .selectFrom("data_attributes")
    .select(["name", "data_type", "options", "archived"])
    .where("workspace_id", "=", c.wsId)
    .where("model", "=", model)
    .where("custom", "=", 1)
    .execute();
  return new Map(
    rows.map((r) => [
      r.name,
      {
        name: r.name,
        data_type: r.data_type,
        options: r.options ? (JSON.parse(r.options) as Array<{ value: string }>).map((o) => o.value) : null,
        archived: !!r.archived,
      },
    ]),
  );
}

const invalid = (field: string, message: string) => new ApiError(400, "parameter_invalid", message, field);

/** Parses a date value (unix seconds, or an ISO-8601 string) to unix seconds. */
function toUnixSeconds(v: unknown): number | null {
  if (typeof v === "number" && Number.isFinite(v)) return Math.floor(v);
  if (typeof v === "string" && v.trim() !== "") {
    if (/^\d+$/.test(v)) return Number(v);
    const ms = Date.parse(v);
    if (!Number.isNaN(ms)) return Math.floor(ms / 1000);
  }
  return null;
}

/**
 * Checks the custom attributes of a create or update against the workspace's data attributes
 * and returns them normalised (dates as unix seconds). `null` clears a value. An unknown or archived
 * attribute, or a value of the wrong type, is a 400 naming the attribute.
 */
export async function checkCustomAttributes(c: Ctx, model: AttributeModel, input: unknown): Promise<Record<string, unknown>> {
  if (input === undefined || input === null) return {};
  if (typeof input !== "object" || Array.isArray(input)) throw invalid("custom_attributes", "custom_attributes must be an object");
  const defs = await customAttributeDefs(c, model);
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(input as Record<string, unknown>)) {
    const field = `custom_attributes.${name}`;
    const def = defs.get(name);
    if (!def) throw invalid(field, `Custom attribute '${name}' does not exist`);
    if (def.archived) throw invalid(field, `Custom attribute '${name}' is archived`);
    if (value === null) {
      out[name] = null;
      continue;
    }
    switch (def.data_type) {
      case "string":
        if (typeof value !== "string") throw invalid(field, `Custom attribute '${name}' must be a string`);
        if (value.length > MAX_CUSTOM_TEXT) throw invalid(field, `Custom attribute '${name}' must be at most ${MAX_CUSTOM_TEXT} characters`);
        out[name] = value;
        break;
      case "options":
        if (typeof value !== "string" || (def.options && !def.options.includes(value))) {
          throw invalid(field, `Custom attribute '${name}' must be one of: ${(def.options ?? []).join(", ")}`);
        }
        out[name] = value;
        break;
      case "integer":
        if (typeof value !== "number" || !Number.isInteger(value)) throw invalid(field, `Custom attribute '${name}' must be an integer`);
        out[name] = value;
        break;
      case "float":
        if (typeof value !== "number" || !Number.isFinite(value)) throw invalid(field, `Custom attribute '${name}' must be a number`);
        out[name] = value;
        break;
      case "boolean":
        if (typeof value !== "boolean") throw invalid(field, `Custom attribute '${name}' must be a boolean`);
        out[name] = value;
        break;
      case "date":
      case "datetime": {
        const t = toUnixSeconds(value);
        if (t === null) throw invalid(field, `Custom attribute '${name}' must be a date (unix seconds or ISO-8601)`);
        out[name] = t;
        break;
      }
      default:
        out[name] = value;
    }
  }
  return out;
}

/** The longest string value of a custom attribute. */
export const MAX_CUSTOM_TEXT = 255;
/** The most an object's custom attributes may hold, as stored JSON text (bounds every object and page). */
export const MAX_CUSTOM_ATTRIBUTES_BYTES = 16_384;

/**
 * Merges checked values into stored ones; null removes an attribute. Call it with the stored values read
 * under the row's lock (src/platform/writes.ts). A result larger than MAX_CUSTOM_ATTRIBUTES_BYTES is a 400.
 */
export function mergeCustomAttributes(stored: Record<string, unknown>, changes: Record<string, unknown>): Record<string, unknown> {
  const merged = { ...stored };
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) delete merged[k];
    else merged[k] = v;
  }
  if (Buffer.byteLength(JSON.stringify(merged)) > MAX_CUSTOM_ATTRIBUTES_BYTES) {
    throw invalid("custom_attributes", `custom_attributes may hold at most ${MAX_CUSTOM_ATTRIBUTES_BYTES} bytes of JSON per object`);
  }
  return merged;
}
