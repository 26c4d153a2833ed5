// Notes on contacts and (2.15+) on companies: create (an admin's, sanitised HTML), read, and a contact's
// or a company's notes newest first. A note has exactly one owner (contact_id or company_id).
import type { Ctx } from "../../platform/http.js";
import { invalidParam, notFound } from "../../platform/errors.js";
import { toStoredHtml } from "../../platform/html.js";
import { nowSeconds, parseNumericId } from "../../platform/ids.js";
import { keysetPage, readPageRequest, withPageNumber } from "../../platform/pagination.js";
import { currentAdmin, findAdmin } from "../admins/service.js";
import { getContactRow } from "../contacts/service.js";
import { getCompanyRow } from "../companies/service.js";
import type { Selectable } from "kysely";
import type { NotesTable } from "../../db/types.js";
import type { NoteInput } from "./schemas.js";

export type NoteRow = Selectable<NotesTable>;

const noteNotFound = () => notFound("Resource Not Found", "not_found");

type Owner = { contact_id: string; company_id: null } | { contact_id: null; company_id: string };

/** The note's author: `admin_id` (an admin of the workspace, else 404), or the token's admin. */
async function noteRow(c: Ctx, owner: Owner, input: NoteInput): Promise<NoteRow> {
  if (input.body.trim() === "") throw invalidParam("body", "body must not be blank");
  const hasAdmin = input.admin_id !== undefined && input.admin_id !== null && input.admin_id !== "";
  const admin = hasAdmin ? await findAdmin(c, input.admin_id) : await currentAdmin(c);
  if (!admin) throw noteNotFound();
  const row = { workspace_id: c.wsId, ...owner, admin_id: admin.id, body: toStoredHtml(input.body), created_at: c.now() };
  const { id } = await c.db.insertInto("notes").values(row).returning("id").executeTakeFirstOrThrow();
  return { ...row, id: Number(id) };
}

/** Adds a note to a contact. The author is `admin_id` (which must be an admin of the workspace), else the token's admin. */
export async function createNote(c: Ctx, contactId: string, input: NoteInput): Promise<NoteRow> {
  const contact = await getContactRow(c, contactId);
  return noteRow(c, { contact_id: contact.id, company_id: null }, input);
}

/** POST /companies/{id}/notes (2.16+): a note on a company (404 company_not_found for another workspace's). */
export async function createCompanyNote(c: Ctx, companyId: string, input: NoteInput): Promise<NoteRow> {
  const company = await getCompanyRow(c, companyId);
  return noteRow(c, { contact_id: null, company_id: company.id }, input);
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
  return notesPage(c, "contact_id", contact.id, q);
}

/** GET /companies/{id}/notes (2.15+): a company's notes, paged like a contact's. */
export async function listCompanyNotes(c: Ctx, companyId: string, q: { page?: number; per_page?: number; starting_after?: string }) {
  const company = await getCompanyRow(c, companyId);
  return notesPage(c, "company_id", company.id, q);
}

async function notesPage(c: Ctx, owner: "contact_id" | "company_id", ownerId: string, q: { page?: number; per_page?: number; starting_after?: string }) {
  const { req, offset } = withPageNumber(readPageRequest(q), q.page);
  const base = c.db.selectFrom("notes").where("workspace_id", "=", c.wsId).where(owner, "=", ownerId);
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
