// GET /contacts/activities (Unstable): the workspace's contact activity events, oldest first, cursor
// paged (`starting_after` = the previous page's `pages.next.starting_after`, which is the id of its last
// event; `per_page` 1–150, default 50).
//
// What opencom records, each in the transaction of the change (contacts/service.ts):
// - contact.created: POST /contacts, and a visitor converted into a contact;
// - contact.role_updated: PUT /contacts/{id} turning a lead into a user;
// - contact.merged: POST /contacts/merge (contact_id = the surviving user, with merge_source_id / merge_target_id);
// - contact.merge_failed: a merge refused for its roles or for sharing no identifier (contact_id = the lead,
//   failure_reason = the error's message), written after the refused merge rolled back;
// - contact.deleted: DELETE /contacts/{id}.
// An event keeps the contact's external_id and role at the time of the event; events stay after their
// contact is deleted or merged away.
import { Type, type Static } from "typebox";
import type { App, Ctx } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { invalidParam } from "../../platform/errors.js";
import { compiledInsert } from "../../db/compiled.js";
import type { ContactRow } from "./service.js";
import type { MergeInput } from "./schemas.js";

export type ContactActivityType = "contact.created" | "contact.role_updated" | "contact.deleted" | "contact.merged" | "contact.merge_failed";

/** Writes one activity event for a contact (call it with the change's transaction). */
export async function recordContactActivity(
  t: Ctx,
  event: ContactActivityType,
  row: Pick<ContactRow, "id" | "external_id" | "role">,
  extra: { merge_source_id?: string; merge_target_id?: string; failure_reason?: string } = {},
): Promise<void> {
  await insertActivity(t.db, t.kind, [
    {
      workspace_id: t.wsId,
      event_type: event,
      contact_id: row.id,
      external_id: row.external_id,
      role: row.role,
      merge_source_id: extra.merge_source_id ?? null,
      merge_target_id: extra.merge_target_id ?? null,
      failure_reason: extra.failure_reason ?? null,
      created_at: t.now(),
    },
  ]);
}

const insertActivity = compiledInsert("contact_activities", [
  "workspace_id",
  "event_type",
  "contact_id",
  "external_id",
  "role",
  "merge_source_id",
  "merge_target_id",
  "failure_reason",
  "created_at",
]);

/** A refused merge: recorded on the lead (`from`) when it exists. */
export async function recordMergeFailed(c: Ctx, input: MergeInput, reason: string): Promise<void> {
  const from = await c.db.selectFrom("contacts").select(["id", "external_id", "role"]).where("workspace_id", "=", c.wsId).where("id", "=", String(input.from)).executeTakeFirst();
  if (!from) return;
  await recordContactActivity(c, "contact.merge_failed", from, { merge_source_id: from.id, merge_target_id: String(input.into), failure_reason: reason.slice(0, 255) });
}

const Query = Type.Object({
  per_page: Type.Optional(Type.Integer()),
  starting_after: Type.Optional(Type.String({ maxLength: 64 })),
});

async function listActivities(c: Ctx, q: Static<typeof Query>) {
  const perPage = q.per_page ?? 50;
  if (perPage < 1 || perPage > 150) throw invalidParam("per_page", "per_page must be an integer between 1 and 150");
  let after = 0;
  if (q.starting_after !== undefined && q.starting_after !== "") {
    if (!/^\d{1,15}$/.test(q.starting_after)) throw invalidParam("starting_after", "starting_after is not a cursor of this list");
    after = Number(q.starting_after);
  }
  const rows = await c.db
    .selectFrom("contact_activities")
    .selectAll()
    .where("workspace_id", "=", c.wsId)
    .where("id", ">", after)
    .orderBy("id", "asc")
    .limit(perPage + 1)
    .execute();
  const more = rows.length > perPage;
  const page = more ? rows.slice(0, perPage) : rows;
  return { rows: page, perPage, next: more ? String(page[page.length - 1].id) : null };
}

export default async function routes(app: App) {
  app.get("/contacts/activities", { schema: { querystring: Query } }, async (req) => {
    const r = await listActivities(ctx(req), req.query);
    return {
      type: "list",
      data: r.rows.map((a) => ({
        type: "contact_activity",
        id: String(a.id),
        event_type: a.event_type,
        contact_id: a.contact_id,
        external_id: a.external_id,
        role: a.role,
        ...(a.merge_source_id !== null ? { merge_source_id: a.merge_source_id, merge_target_id: a.merge_target_id } : {}),
        ...(a.failure_reason !== null ? { failure_reason: a.failure_reason } : {}),
        created_at: Number(a.created_at),
      })),
      pages: { type: "pages", per_page: r.perPage, next: r.next ? { starting_after: r.next } : null },
    };
  });
}
