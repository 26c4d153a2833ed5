import type { Deleted, Instance, Scalar, TypeRow } from "./service.js";
import { attributesOf } from "./service.js";

/**
 * An instance. The schema types every custom attribute value as a string (Intercom's examples show
 * numbers): values given as numbers or booleans are answered as their text, so that the answer is valid
 * against the schema of every version.
 */
export function presentInstance(i: Instance) {
  const stored = JSON.parse(i.custom_attributes) as Record<string, Scalar>;
  const custom_attributes: Record<string, string> = {};
  for (const [k, v] of Object.entries(stored)) if (v !== null) custom_attributes[k] = typeof v === "string" ? v : String(v);
  return {
    id: String(i.id),
    type: i.identifier,
    custom_attributes,
    external_id: i.external_id,
    external_created_at: i.external_created_at === null ? null : Number(i.external_created_at),
    external_updated_at: i.external_updated_at === null ? null : Number(i.external_updated_at),
    created_at: Number(i.created_at),
    updated_at: Number(i.updated_at),
  };
}

export function presentDeleted(d: Deleted) {
  return { id: d.id, object: d.identifier, deleted: true };
}

/** opencom's own representation of a type (/_opencom/custom_object_types). */
export function presentType(t: TypeRow) {
  return {
    type: "custom_object_type",
    identifier: t.identifier,
    name: t.name,
    description: t.description,
    attributes: attributesOf(t),
    created_at: Number(t.created_at),
    updated_at: Number(t.updated_at),
  };
}
