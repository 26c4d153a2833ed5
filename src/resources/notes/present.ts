// Note rows → Intercom JSON (author: the admin object).
import type { Selectable } from "kysely";
import type { NotesTable } from "../../db/types.js";
import type { Ctx } from "../../platform/http.js";
import { findAdmin, type AdminRow } from "../admins/service.js";
import { presentAdmin } from "../admins/present.js";
import type { NoteRow } from "./service.js";

/** Presents notes, loading each distinct author once. */
export async function presentNotes(c: Ctx, rows: NoteRow[]) {
  const authorIds = [...new Set(rows.map((r) => r.admin_id).filter((id): id is number => id !== null))];
  const authors = new Map<number, AdminRow | null>();
  await Promise.all(authorIds.map(async (id) => authors.set(id, await findAdmin(c, id))));
  return rows.map((r) => {
    const author = r.admin_id === null ? null : authors.get(r.admin_id);
    return {
      type: "note",
      id: String(r.id),
      created_at: r.created_at,
      // one owner: a contact's note has no company; a company's note (2.15+) a null contact
      contact: r.contact_id === null ? null : { type: "contact", id: r.contact_id },
      ...(r.company_id === null ? {} : { company: { type: "company", id: r.company_id } }),
      author: author ? presentAdmin(author, c.version) : null,
      body: r.body,
    };
  });
}

export async function presentNote(c: Ctx, row: NoteRow) {
  return (await presentNotes(c, [row]))[0];
}
