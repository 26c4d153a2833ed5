// POST /contacts/{contact_id}/notes, GET /contacts/{contact_id}/notes, GET /notes/{note_id};
// GET /companies/{company_id}/notes (2.15+), POST /companies/{company_id}/notes (2.16+)
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { listEnvelope } from "../../platform/pagination.js";
import { createCompanyNote, createNote, getNote, listCompanyNotes, listNotes } from "./service.js";
import { presentNote, presentNotes } from "./present.js";
import { NoteBody } from "./schemas.js";

const ContactParams = Type.Object({ contact_id: Type.String() });
const CompanyParams = Type.Object({ company_id: Type.String() });
const PageQuery = Type.Object({ page: Type.Optional(Type.Integer()), per_page: Type.Optional(Type.Integer()), starting_after: Type.Optional(Type.String()) });

export default async function routes(app: App) {
  app.post(
    "/contacts/:contact_id/notes",
    {
      schema: {
        params: ContactParams,
        body: NoteBody,
      },
    },
    async (req) => {
      const c = ctx(req);
      return presentNote(c, await createNote(c, req.params.contact_id, req.body));
    },
  );

  app.get(
    "/contacts/:contact_id/notes",
    {
      schema: {
        params: ContactParams,
        querystring: Type.Object({ page: Type.Optional(Type.Integer()), per_page: Type.Optional(Type.Integer()), starting_after: Type.Optional(Type.String()) }),
      },
    },
    async (req) => {
      const c = ctx(req);
      const result = await listNotes(c, req.params.contact_id, req.query);
      return listEnvelope(await presentNotes(c, result.rows), result.total, result.page, result.perPage, result.next);
    },
  );

  app.get("/notes/:note_id", { schema: { params: Type.Object({ note_id: Type.String() }) } }, async (req) => {
    const c = ctx(req);
    return presentNote(c, await getNote(c, req.params.note_id));
  });

  app.post("/companies/:company_id/notes", { schema: { params: CompanyParams, body: NoteBody } }, async (req) => {
    const c = ctx(req);
    return presentNote(c, await createCompanyNote(c, req.params.company_id, req.body));
  });

  app.get("/companies/:company_id/notes", { schema: { params: CompanyParams, querystring: PageQuery } }, async (req) => {
    const c = ctx(req);
    const result = await listCompanyNotes(c, req.params.company_id, req.query);
    return listEnvelope(await presentNotes(c, result.rows), result.total, result.page, result.perPage, result.next);
  });
}
