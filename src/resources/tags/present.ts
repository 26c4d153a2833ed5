// Tag rows → Intercom JSON. Contacts and companies present their tags through presentTag too.
import type { TagRow, TagApplication } from "./service.js";
import { since } from "../../platform/since.js";

/** 2.11 alone describes applied_at and applied_by as present on every tag (applied_by a reference). */
const appliedRequired = (version?: string) => version !== undefined && since(version, "tagAppliedRequired");

export interface TagJson {
  type: string;
  id: string;
  name: string;
  applied_at?: number | null;
  applied_by?: { type: string; id: string | null };
}

/**
 * A tag; with `applied`, the applied_at / applied_by of its link to a contact or company. applied_by
 * is left out when no admin is known (the contract's schema has no null reference), except in 2.11,
 * whose schema requires both: there they read null and a reference without id.
 */
export function presentTag(t: TagRow, applied?: TagApplication | null, version?: string): TagJson {
  const base: TagJson = { type: "tag", id: String(t.id), name: t.name };
  const required = appliedRequired(version);
  if (!applied) return required ? { ...base, applied_at: null, applied_by: { type: "admin", id: null } } : base;
  const by = applied.admin_id != null ? { type: "admin", id: String(applied.admin_id) } : required ? { type: "admin", id: null } : undefined;
  return { ...base, applied_at: applied.applied_at, ...(by ? { applied_by: by } : {}) };
}

/** The `{type: "list", data}` body of GET /tags and GET /contacts/{id}/tags. */
export const tagList = <T>(data: T[]) => ({ type: "list" as const, data });
