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

/** A tag; with `applied`, the applied_at / applied_by of its link to a contact or company. */
export function presentTag(t: TagRow, applied?: TagApplication | null) {
  const base = { type: "tag", id: String(t.id), name: t.name };
  if (applied === undefined) return base;
  return {
    ...base,
    applied_at: applied?.applied_at ?? null,
    applied_by: applied?.admin_id != null ? { type: "admin", id: String(applied.admin_id) } : null,
  };
}

/** The `{type: "list", data}` body of GET /tags and GET /contacts/{id}/tags. */
export const tagList = <T>(data: T[]) => ({ type: "list" as const, data });
