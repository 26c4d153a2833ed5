// Notes on contacts: create (an admin's, sanitised HTML), read, and a contact's notes newest first.
import type { Ctx } from "../../platform/http.js";
import { invalidParam, notFound } from "../../platform/errors.js";
import { toStoredHtml } from "../../platform/html.js";
import { nowSeconds, parseNumericId } from "../../platform/ids.js";
import { keysetPage, readPageRequest, withPageNumber } from "../../platform/pagination.js";
import { currentAdmin, findAdmin } from "../admins/service.js";
import { getContactRow } from "../contacts/service.js";
import type { Selectable } from "kysely";
import type { NotesTable } from "../../db/types.js";

export type NoteRow = Selectable<NotesTable>;

const noteNotFound = () => notFound("Resource Not Found", "not_found");

/** Adds a note to a contact. The author is `admin_id` (which must be an admin of the workspace), else the token's admin. */
export async function createNote(c: Ctx, contactId: string, input: { body: string; admin_id?: string | number | null }): Promise<NoteRow> {
  const contact = await getContactRow(c, contactId);
  if (input.body.trim() === "") throw invalidParam("body", "body must not be blank");
  const hasAdmin = input.admin_id !== undefined && input.admin_id !== null && input.admin_id !== "";
  const admin = hasAdmin ? await findAdmin(c, input.admin_id) : await currentAdmin(c);
  if (!admin) throw noteNotFound();
  const row = { workspace_id: c.wsId, contact_id: contact.id, admin_id: admin.id, body: toStoredHtml(input.body), created_at: c.now() };
  const { id } = await c.db.insertInto("notes").values(row).returning("id").executeTakeFirstOrThrow();
  return { ...row, id: Number(id) };
}

export async function getNote(c: Ctx, rawId: string): Promise<NoteRow> {
  const id = parseNumericId(rawId);
  const row = id === null ? undefined : await c.db.selectFrom("notes").selectAll().where("workspace_id", "=", c.wsId).where("id", "=", id).executeTakeFirst();
  if (!row) throw noteNotFound();
  return row;
}

/** A contact's notes, newest first: cursor (starting_after) or page number (page), with the total. */
export async function listNotes(c: Ctx, contactId: string, q: { page?: number; per_page?: number; starting_after?: string }) {
  const contact = await getContactRow(c, contactId);
  const { req, offset } = withPageNumber(readPageRequest(q), q.page);
  const base = c.db.selectFrom("notes").where("workspace_id", "=", c.wsId).where("contact_id", "=", contact.id);
  const [result, total] = await Promise.all([
    keysetPage(
      base.selectAll().offset(offset),
      [
        { col: "created_at", kind: "integer", dir: "desc", get: (r) => r.created_at },
        { col: "id", kind: "integer", dir: "desc", get: (r) => r.id },
      ],
      req,
    ),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { ...result, total: Number(total.n), perPage: req.perPage };
}
