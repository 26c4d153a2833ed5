// Data attribute rows (custom) and standard attributes → Intercom JSON.
import type { Selectable } from "kysely";
import type { DataAttributesTable } from "../../db/types.js";
import type { StandardAttribute } from "./standard.js";
import type { DataAttributeRow } from "./service.js";
import { since } from "../../platform/since.js";

/**
 * The data_type a version knows: list attributes read "string" (with their options); "datetime" is
 * described only by Unstable and reads "date" before it.
 */
function dataTypeJson(stored: string, version: string): string {
  if (stored === "options") return "string";
  if (stored === "datetime") return since(version, "datetimeType") ? "datetime" : "date";
  return stored;
}

export function presentDataAttribute(a: DataAttributeRow, version: string) {
  return {
    type: "data_attribute",
    id: a.id,
    model: a.model,
    name: a.name,
    full_name: a.full_name,
    label: a.label,
    description: a.description ?? "",
    data_type: dataTypeJson(a.data_type, version),
    ...(a.options ? { options: (JSON.parse(a.options) as Array<{ value: string }>).map((o) => o.value) } : {}),
    api_writable: !!a.api_writable,
    ui_writable: !!a.ui_writable,
    messenger_writable: !!a.messenger_writable,
    custom: !!a.custom,
    archived: !!a.archived,
    admin_id: a.admin_id === null ? undefined : String(a.admin_id),
    created_at: a.created_at,
    updated_at: a.updated_at,
  };
}

export function presentStandardAttribute(a: StandardAttribute) {
  return {
    type: "data_attribute",
    model: a.model,
    name: a.name,
    full_name: a.full_name,
    label: a.label,
    description: a.description,
    data_type: a.data_type,
    api_writable: a.api_writable,
    ui_writable: false,
    messenger_writable: true,
    custom: false,
    archived: false,
  };
}
