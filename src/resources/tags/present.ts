// Tag rows → Intercom JSON. Contacts and companies present their tags through presentTag too.

export interface TagRow {
  id: number;
  name: string;
}

/** When and by whom a tag was applied to an object (a contact_tags / company_tags row). */
export interface TagApplication {
  applied_at: number;
  admin_id: number | null;
}

/**
 * A tag; with `applied`, the applied_at / applied_by of its link to a contact or company. applied_by
 * is left out when no admin is known (the contract's schema has no null reference).
 */
export function presentTag(t: TagRow, applied?: TagApplication | null): { type: string; id: string; name: string; applied_at?: number; applied_by?: { type: string; id: string } } {
  const base = { type: "tag", id: String(t.id), name: t.name };
  if (!applied) return base;
  return {
    ...base,
    applied_at: applied.applied_at,
    ...(applied.admin_id != null ? { applied_by: { type: "admin", id: String(applied.admin_id) } } : {}),
  };
}

/** The `{type: "list", data}` body of GET /tags and GET /contacts/{id}/tags. */
export const tagList = <T>(data: T[]) => ({ type: "list" as const, data });
