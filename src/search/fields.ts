// Field declarations every model builds the same way: custom attributes kept as a JSON object column,
// typed by their data attribute (contacts and companies declare theirs with it).
import type { Expression } from "kysely";
import type { ScalarField, ValueType } from "./types.js";

/** A data attribute's type as a search value type ("datetime" attributes: calendar days unless `exactTimes`). */
export function customValueType(dataType: string, exactTimes: boolean): ValueType {
  const TYPES: Record<string, ValueType> = { string: "string", options: "string", integer: "integer", float: "float", boolean: "boolean", date: "date", datetime: "date" };
  if (dataType === "datetime" && exactTimes) return "datetime";
  return TYPES[dataType] ?? "string";
}

/** The member `key` of a JSON object text, read in memory the way dialect.jsonMember reads it in SQL. */
export function jsonMemberJs(text: string | null | undefined, key: string, type: ValueType): unknown {
  let attrs: Record<string, unknown>;
  try {
    attrs = JSON.parse(text || "{}");
  } catch {
    return null;
  }
  const v = attrs?.[key];
  if (type === "string") return typeof v === "string" ? v : null;
  if (type === "boolean") return typeof v === "boolean" ? (v ? 1 : 0) : null;
  return typeof v === "number" ? v : null;
}

/**
 * `custom_attributes.<key>` of a model whose custom attributes are the JSON column `column` (a qualified
 * name, e.g. "companies.custom_attributes"), or undefined for a name SQLite's JSON path cannot carry.
 */
export function customAttributeField(opts: {
  key: string;
  dataType: string;
  column: string;
  ref: (col: string) => Expression<unknown>;
  exactTimes: boolean;
  days: "workspace" | "utc";
}): ScalarField | undefined {
  if (/["\\]/.test(opts.key)) return undefined;
  const type = customValueType(opts.dataType, opts.exactTimes);
  const col = opts.column.slice(opts.column.lastIndexOf(".") + 1);
  return {
    kind: "scalar",
    name: `custom_attributes.${opts.key}`,
    type,
    days: opts.days,
    sql: (env) => env.d.jsonMember(opts.ref(opts.column), opts.key, type),
    js: (r: Record<string, unknown>) => jsonMemberJs(r[col] as string | null, opts.key, type),
  };
}
