// GET /contacts/{id}/merge_history (2.16): the contacts merged into a user (contact_merges, written by
// the merge in service.ts), cursor paged (`cursor` = the previous page's `next_cursor`), newest first
// unless `order=asc`. A lead or an unknown contact is a 404.
import { Type } from "typebox";
import type { App, Ctx } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { ApiError, invalidParam } from "../../platform/errors.js";
import { keysetPage, readPageRequest } from "../../platform/pagination.js";

const contactNotFound = () => new ApiError(404, "not_found", "Contact not found");

async function mergeHistoryPage(c: Ctx, id: string, q: { cursor?: string; per_page?: number; order?: string }) {
  const contact = await c.db.selectFrom("contacts").select(["id", "role"]).where("workspace_id", "=", c.wsId).where("id", "=", id).executeTakeFirst();
  if (!contact || contact.role !== "user") throw contactNotFound();
  if (q.order !== undefined && q.order !== "asc" && q.order !== "desc") throw invalidParam("order", "order must be asc or desc");
  const dir = q.order === "asc" ? "asc" : "desc";
  let page;
  try {
    page = readPageRequest({ per_page: q.per_page, starting_after: q.cursor }, { defaultPerPage: 50, maxPerPage: 150 });
  } catch {
    throw invalidParam(q.per_page !== undefined && (q.per_page < 1 || q.per_page > 150) ? "per_page" : "cursor", "per_page must be between 1 and 150 and cursor a next_cursor of this list");
  }
  const query = c.db.selectFrom("contact_merges").select(["source_id", "source_role", "merged_at"]).where("workspace_id", "=", c.wsId).where("target_id", "=", id);
  try {
    return await keysetPage(
      query,
      [
        { col: "merged_at", kind: "integer", dir, get: (r) => Number(r.merged_at) },
        { col: "source_id", kind: "string", dir, get: (r) => r.source_id },
      ],
      page,
    );
  } catch (e) {
    if (e instanceof ApiError && e.status === 400) throw invalidParam("cursor", "cursor is not a next_cursor of this list");
    throw e;
  }
}

export default async function routes(app: App) {
  app.get(
    "/contacts/:contact_id/merge_history",
    {
      schema: {
        params: Type.Object({ contact_id: Type.String({ maxLength: 64 }) }),
        querystring: Type.Object({ cursor: Type.Optional(Type.String({ maxLength: 1000 })), per_page: Type.Optional(Type.Integer()), order: Type.Optional(Type.String({ maxLength: 8 })) }),
      },
    },
    async (req) => {
      const r = await mergeHistoryPage(ctx(req), req.params.contact_id, req.query);
      return {
        type: "list",
        data: r.rows.map((m) => ({ type: "merge_history", source_contact_id: m.source_id, source_contact_role: m.source_role, merged_at: Number(m.merged_at) })),
        ...(r.next ? { next_cursor: r.next } : {}),
        has_more: r.next !== null,
      };
    },
  );
}
