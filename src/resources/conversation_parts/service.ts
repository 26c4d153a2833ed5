// Managing a conversation through its parts: close (with an optional message), snooze until a time,
// open, assign to an admin and/or a team; and redacting a part or the source.
// Each action is one part added in one transaction with the state and statistics it moves
// (see addPart in conversations/service.ts) and its webhook.
import { sql } from "kysely";
import type { Ctx } from "../../platform/http.js";
import { invalidParam, missingParam, notFound } from "../../platform/errors.js";
import { parseNumericId } from "../../platform/ids.js";
import { toStoredHtml } from "../../platform/html.js";
import { emitWebhook } from "../../platform/webhooks.js";
import { findAdmin } from "../admins/service.js";
import {
  act,
  actingAdmin,
  addPart,
  checkBody,
  emitConversation,
  getConversationRow,
  inTx,
  notRedactable,
  partOrMessageNotFound,
} from "../conversations/service.js";
import type { ConversationRow } from "../conversations/service.js";
import { emitConversationItem } from "../conversations/webhooks.js";
import type { ConvPatch } from "../conversations/service.js";
import type { ManageInput, RedactInput } from "./schemas.js";

export const assigneeNotFound = () => notFound("Assignee not found", "assignee_not_found");

/** POST /conversations/{id}/parts */
export async function manageConversation(c: Ctx, rawId: string, input: ManageInput): Promise<ConversationRow> {
  const kind = input.message_type;
  if (kind === undefined || kind === null) throw missingParam("message_type", "message_type is required: close, snoozed, open or assignment");
  if (!["close", "snoozed", "open", "assignment"].includes(String(kind))) throw invalidParam("message_type", "message_type must be close, snoozed, open or assignment");
  const body = checkBody(input.body);
  const admin = await actingAdmin(c, input.admin_id);
  const by = { author_type: "admin", author_id: String(admin.id) };

  if (kind === "close") {
    const conv0 = await getConversationRow(c, rawId);
    return act(c, async (t, tx) => {
      const now = t.now();
      let fromSeq: number | undefined;
      if (body !== null && body.trim() !== "") {
        fromSeq = (await addPart(t, tx, conv0.id, { part_type: "comment", body: toStoredHtml(body), ...by }, {
          waiting_since: null,
          first_admin_reply_at: sql<number>`coalesce(first_admin_reply_at, ${now})`,
          last_admin_reply_at: now,
        })).conv.fromSeq;
      }
      const { conv: closed } = await addPart(t, tx, conv0.id, { part_type: "close", body: null, ...by }, {
        state: "closed",
        snoozed_until: null,
        waiting_since: null,
        first_close_at: sql<number>`coalesce(first_close_at, ${now})`,
        last_close_at: now,
        last_closed_by_id: admin.id,
      });
      const conv = { ...closed, fromSeq: fromSeq ?? closed.fromSeq };
      await emitConversation(t, tx, "conversation.admin.closed", conv);
      return conv;
    });
  }

  if (kind === "snoozed") {
    const until = input.snoozed_until;
    if (until === undefined || until === null) throw missingParam("snoozed_until", "snoozed_until is required");
    if (typeof until !== "number" || !Number.isSafeInteger(until)) throw invalidParam("snoozed_until", "snoozed_until must be a unix timestamp");
    if (until <= c.now()) throw invalidParam("snoozed_until", "snoozed_until must be in the future");
    const conv0 = await getConversationRow(c, rawId);
    return act(c, async (t, tx) => {
      const { conv } = await addPart(t, tx, conv0.id, { part_type: "snoozed", body: null, ...by }, { state: "snoozed", snoozed_until: until, snoozed_by_id: admin.id });
      await emitConversation(t, tx, "conversation.admin.snoozed", conv);
      return conv;
    });
  }

  if (kind === "open") {
    const conv0 = await getConversationRow(c, rawId);
    return act(c, async (t, tx) => {
      const wasSnoozed = conv0.state === "snoozed";
      const { conv } = await addPart(t, tx, conv0.id, { part_type: wasSnoozed ? "unsnoozed" : "open", body: null, ...by }, {
        count_reopens: sql<number>`case when state = 'closed' then count_reopens + 1 else count_reopens end`,
        state: "open",
        snoozed_until: null,
      });
      await emitConversation(t, tx, wasSnoozed ? "conversation.admin.unsnoozed" : "conversation.admin.opened", conv);
      return conv;
    });
  }

  // assignment
  const type = input.type ?? "admin";
  if (type !== "admin" && type !== "team") throw invalidParam("type", "type must be admin or team");
  if (input.assignee_id === undefined || input.assignee_id === null || input.assignee_id === "") throw missingParam("assignee_id", "assignee_id is required");
  const assigneeId = parseNumericId(input.assignee_id);
  if (assigneeId === null) throw assigneeNotFound();
  if (assigneeId !== 0) {
    const found =
      type === "admin"
        ? await findAdmin(c, assigneeId)
        : await c.db.selectFrom("teams").select("id").where("workspace_id", "=", c.wsId).where("id", "=", assigneeId).executeTakeFirst();
    if (!found) throw assigneeNotFound();
  }
  const conv0 = await getConversationRow(c, rawId);
  return act(c, async (t, tx) => {
    const now = t.now();
    const patch: ConvPatch =
      type === "admin"
        ? { admin_assignee_id: assigneeId === 0 ? null : assigneeId }
        : { team_assignee_id: assigneeId === 0 ? null : assigneeId };
    const counting: ConvPatch =
      assigneeId === 0
        ? {}
        : {
            first_assignment_at: sql<number>`coalesce(first_assignment_at, ${now})`,
            last_assignment_at: now,
            count_assignments: sql<number>`count_assignments + 1`,
          };
    const { conv } = await addPart(
      t,
      tx,
      conv0.id,
      { part_type: "assignment", body: body !== null && body.trim() !== "" ? toStoredHtml(body) : null, ...by, assigned_to: assigneeId === 0 ? null : { type, id: String(assigneeId) } },
      { ...patch, ...counting },
    );
    await emitConversation(t, tx, "conversation.admin.assigned", conv);
    // Intercom's "admin open conversation assignments": the same assignment of a conversation that is open
    if (conv.state === "open") await emitConversation(t, tx, "conversation.admin.open.assigned", conv);
    return conv;
  });
}

// ---------------------------------------------------------------- redact

/** POST /conversations/redact: a part with a body, or the source of a contact-initiated conversation. */
export async function redact(c: Ctx, input: RedactInput): Promise<ConversationRow> {
  if (input.type !== "conversation_part" && input.type !== "source") throw invalidParam("type", "type must be conversation_part or source");
  if (input.conversation_id === undefined || input.conversation_id === null) throw missingParam("conversation_id");
  let conv0: ConversationRow;
  try {
    conv0 = await getConversationRow(c, String(input.conversation_id));
  } catch {
    throw partOrMessageNotFound();
  }
  const redactedBody = "<p><i>This message has been redacted.</i></p>";
  if (input.type === "source") {
    if (input.source_id === undefined || input.source_id === null) throw missingParam("source_id");
    if (String(input.source_id) !== String(400_000_000 + conv0.id)) throw partOrMessageNotFound();
    if (conv0.author_type === "admin") throw notRedactable();
    return act(c, async (t, tx) => {
      const conv = await tx
        .updateTable("conversations")
        .set({ body: redactedBody, attachments: "[]", source_redacted: 1, updated_at: sql<number>`case when updated_at > ${t.now()} then updated_at else ${t.now()} end` })
        .where("id", "=", conv0.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return conv;
    });
  }
  if (input.conversation_part_id === undefined || input.conversation_part_id === null) throw missingParam("conversation_part_id");
  const partId = parseNumericId(input.conversation_part_id);
  const part =
    partId === null
      ? undefined
      : await c.db.selectFrom("conversation_parts").selectAll().where("workspace_id", "=", c.wsId).where("conversation_id", "=", conv0.id).where("id", "=", partId).executeTakeFirst();
  if (!part) throw partOrMessageNotFound();
  // Leniency (the description speaks of redacting messages only): a part without a body (an assignment,
  // a snooze, a state change) redacts too — it is marked redacted, and its empty body stays empty.
  // Evidence: the official intercom-node integration suite (tests/integration/conversations.test.ts,
  // "redactConversationPart") redacts conversation_parts[2] after an admin reply, a user reply and a
  // snooze, i.e. the snoozed part.
  const hasBody = part.body !== null && part.body !== "";
  return act(c, async (t, tx) => {
    await tx
      .updateTable("conversation_parts")
      .set({ ...(hasBody ? { body: redactedBody } : {}), attachments: "[]", redacted: 1, updated_at: t.now() })
      .where("id", "=", part.id)
      .execute();
    const conv = await tx
      .updateTable("conversations")
      .set({ updated_at: sql<number>`case when updated_at > ${t.now()} then updated_at else ${t.now()} end` })
      .where("id", "=", conv0.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await emitConversationItem(inTx(t, tx), "conversation_part.redacted", conv, { parts: true });
    return conv;
  });
}
