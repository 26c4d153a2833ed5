// POST /conversations/{id}/merge (2.16): the conversation {id} (secondary) is merged into
// `merge_into_conversation_id` (primary): the secondary is closed (a close part by the token's admin,
// `conversation.admin.closed` notified) and linked to the primary, once (a primary key on the
// secondary decides it); the answer is the primary. opencom moves no parts or contacts between them.
import { sql } from "kysely";
import type { Ctx } from "../../platform/http.js";
import { ApiError, badRequest, notFound } from "../../platform/errors.js";
import { parseNumericId } from "../../platform/ids.js";
import { act, addPart, emitConversation, getConversationRow, type ConversationRow } from "../conversations/service.js";
import type { MergeConversationInput } from "./schemas.js";

const mergeFailed = (message: string) => new ApiError(422, "merge_failed", message);

/** The admin a merge is done by: the token's, else the workspace's first. */
async function mergingAdmin(c: Ctx): Promise<number> {
  let q = c.db.selectFrom("admins").select("id").where("workspace_id", "=", c.wsId);
  if (c.ws.token_admin_id !== null && c.ws.token_admin_id !== undefined) q = q.where("id", "=", c.ws.token_admin_id);
  const row = await q.orderBy("id").limit(1).executeTakeFirst();
  if (!row) throw notFound("Admin not found", "admin_not_found");
  return Number(row.id);
}

export async function mergeConversation(c: Ctx, rawId: string, input: MergeConversationInput): Promise<ConversationRow> {
  const raw = input.merge_into_conversation_id;
  const primaryId = typeof raw === "number" || typeof raw === "string" ? parseNumericId(raw) : null;
  if (primaryId === null) throw badRequest("parameter_invalid", "merge_into_conversation_id must be a valid integer conversation ID", "merge_into_conversation_id");
  const secondary = await getConversationRow(c, rawId);
  if (Number(secondary.id) === primaryId) throw mergeFailed("A conversation cannot be merged into itself");
  const adminId = await mergingAdmin(c);
  await act(c, async (t, tx) => {
    const primary = await tx.selectFrom("conversations").selectAll().where("workspace_id", "=", t.wsId).where("id", "=", primaryId).executeTakeFirst();
    if (!primary) throw mergeFailed("Primary conversation not found");
    const primaryMerged = await tx.selectFrom("conversation_merges").select("secondary_id").where("workspace_id", "=", t.wsId).where("secondary_id", "=", primaryId).executeTakeFirst();
    if (primaryMerged) throw mergeFailed("Primary conversation has already been merged");
    const inserted = await tx
      .insertInto("conversation_merges")
      .values({ workspace_id: t.wsId, secondary_id: Number(secondary.id), primary_id: primaryId, merged_at: t.now() })
      .onConflict((oc) => oc.column("secondary_id").doNothing())
      .returning("secondary_id")
      .executeTakeFirst();
    if (!inserted) throw mergeFailed("Secondary conversation has already been merged");
    const now = t.now();
    const { conv } = await addPart(t, tx, Number(secondary.id), { part_type: "close", body: null, author_type: "admin", author_id: String(adminId) }, {
      state: "closed",
      snoozed_until: null,
      waiting_since: null,
      first_close_at: sql<number>`coalesce(first_close_at, ${now})`,
      last_close_at: now,
      last_closed_by_id: adminId,
    });
    await emitConversation(t, tx, "conversation.admin.closed", conv);
    return conv;
  });
  return getConversationRow(c, String(primaryId));
}
