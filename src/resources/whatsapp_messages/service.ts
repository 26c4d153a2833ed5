// WhatsApp messages: Intercom sends them through its WhatsApp broadcasts and its API only reads their
// delivery status (GET /messages/whatsapp/status, GET /messages/status, 2.16+); opencom records them
// through POST /_opencom/whatsapp_messages and moves their status through PUT, as WhatsApp's delivery
// receipts would: sent → delivered → read, or failed (with an error) before it is read.
import type { Selectable } from "kysely";
import type { WhatsappMessagesTable } from "../../db/tables/outbound.js";
import type { Ctx } from "../../platform/http.js";
import { invalidParam, missingParam, notFound } from "../../platform/errors.js";
import { hexId } from "../../platform/ids.js";
import { keysetPageCounted, readPageRequest, type SortKey } from "../../platform/pagination.js";
import { inTransaction, lockedRow } from "../../platform/writes.js";
import { getConversationRow } from "../conversations/service.js";
import type { NewWhatsappMessage, WhatsappStatus, WhatsappStatusInput } from "./schemas.js";

export type WhatsappMessageRow = Selectable<WhatsappMessagesTable>;

export const BROADCAST_OUTBOUND = "broadcast_outbound";
const messageNotFound = () => notFound("Whatsapp message not found", "whatsapp_message_not_found");

/** Where a status may go next: forward only; read and failed are final. */
const NEXT: Record<WhatsappStatus, WhatsappStatus[]> = {
  sent: ["delivered", "read", "failed"],
  delivered: ["read", "failed"],
  read: [],
  failed: [],
};

/** The error columns of a status: a failed message needs its error, any other has none. */
function errorColumns(status: WhatsappStatus, error: { message: string; details?: string } | null | undefined) {
  if (status === "failed") {
    if (!error) throw missingParam("error", "error is required when status is failed");
    return { error_message: error.message, error_details: error.details ?? null };
  }
  if (error) throw invalidParam("error", "error is only given when status is failed");
  return { error_message: null, error_details: null };
}

export async function createWhatsappMessage(c: Ctx, input: NewWhatsappMessage): Promise<WhatsappMessageRow> {
  if (input.template_name.trim() === "") throw invalidParam("template_name", "template_name must not be blank");
  const type = input.type ?? BROADCAST_OUTBOUND;
  const status = input.status ?? "sent";
  const rulesetId = input.ruleset_id == null ? null : String(input.ruleset_id);
  let conversationId: number | null = null;
  if (input.conversation_id != null && input.conversation_id !== "") {
    // a conversation of this workspace (404 conversation_not_found otherwise)
    conversationId = Number((await getConversationRow(c, input.conversation_id)).id);
  }
  // a ruleset's messages are its events (GET /messages/status), each a broadcast in a conversation
  if (rulesetId !== null && type !== BROADCAST_OUTBOUND) throw invalidParam("type", `a message of a ruleset is of type ${BROADCAST_OUTBOUND}`);
  if (rulesetId !== null && conversationId === null) throw missingParam("conversation_id", "conversation_id is required with ruleset_id");
  const now = c.now();
  const row = {
    workspace_id: c.wsId,
    message_id: `wamid_${hexId(now)}`,
    conversation_id: conversationId,
    template_name: input.template_name,
    type,
    status,
    ...errorColumns(status, input.error),
    ruleset_id: rulesetId,
    created_at: now,
    updated_at: now,
  };
  const { id } = await c.db.insertInto("whatsapp_messages").values(row).returning("id").executeTakeFirstOrThrow();
  return { ...row, id: Number(id) };
}

/** The message of the workspace with this message id, or the documented 404 whatsapp_message_not_found. */
export async function getWhatsappMessage(c: Ctx, messageId: string): Promise<WhatsappMessageRow> {
  const row = await c.db.selectFrom("whatsapp_messages").selectAll().where("workspace_id", "=", c.wsId).where("message_id", "=", messageId).executeTakeFirst();
  if (!row) throw messageNotFound();
  return row;
}

/** Moves a message's status (forward only), under its row lock; updated_at from the workspace clock. */
export async function updateWhatsappStatus(c: Ctx, messageId: string, input: WhatsappStatusInput): Promise<WhatsappMessageRow> {
  const id = Number((await getWhatsappMessage(c, messageId)).id);
  return inTransaction(c, async (t) => {
    const row = await lockedRow(t, "whatsapp_messages", id);
    if (!row) throw messageNotFound();
    const from = row.status as WhatsappStatus;
    if (!NEXT[from].includes(input.status)) throw invalidParam("status", `status cannot move from ${from} to ${input.status}`);
    const changes = { status: input.status, ...errorColumns(input.status, input.error), updated_at: t.now() };
    await t.db.updateTable("whatsapp_messages").set(changes).where("workspace_id", "=", t.wsId).where("id", "=", id).execute();
    return { ...row, ...changes };
  });
}

const keys: SortKey<WhatsappMessageRow>[] = [{ col: "whatsapp_messages.id", kind: "integer", dir: "desc", get: (r) => Number(r.id) }];

/** The messages of a ruleset, newest first, cursor paged (50 a page, at most 100), with their total. */
export async function listRulesetMessages(c: Ctx, rulesetId: string, q: { per_page?: unknown; starting_after?: unknown }) {
  const req = readPageRequest(q, { defaultPerPage: 50, maxPerPage: 100 });
  const base = c.db.selectFrom("whatsapp_messages").where("workspace_id", "=", c.wsId).where("ruleset_id", "=", rulesetId);
  const page = await keysetPageCounted(base.selectAll(), keys, req, async () => (await base.select((e) => e.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  return { ...page, perPage: req.perPage };
}

