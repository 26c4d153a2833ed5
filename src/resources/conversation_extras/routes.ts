// POST /conversations/{id}/merge (2.16, see merge.ts), GET /conversations/{id}/handling_events (2.15+), GET /conversations/{id}/side_conversations (2.16),
// GET /messages/status, GET /messages/whatsapp/status (2.16).
// opencom keeps no pause/resume handling and no side conversations: these answer the documented shapes,
// empty for an existing conversation, and 404 for an unknown one (or another workspace's). The WhatsApp
// statuses are those of the messages opencom's own POST /_opencom/whatsapp_messages records.
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { missingParam } from "../../platform/errors.js";
import { readPageNumber, readPageRequest } from "../../platform/pagination.js";
import { getConversationRow } from "../conversations/service.js";
import { presentConversation } from "../conversations/present.js";
import { mergeConversation } from "./merge.js";
import { getWhatsappMessage, listRulesetMessages } from "../whatsapp_messages/service.js";
import { presentWhatsappEvent, presentWhatsappStatus } from "../whatsapp_messages/present.js";
import { MergeConversationBody } from "./schemas.js";

const Id = Type.Object({ conversation_id: Type.String() });
const Opt = Type.Optional;

export default async function routes(app: App) {
  app.post(
    "/conversations/:conversation_id/merge",
    { schema: { params: Id, body: Opt(MergeConversationBody) } },
    async (req) => {
      const c = ctx(req);
      return presentConversation(c, await mergeConversation(c, req.params.conversation_id, req.body ?? {}));
    },
  );

  app.get("/conversations/:conversation_id/handling_events", { schema: { params: Id } }, async (req) => {
    await getConversationRow(ctx(req), req.params.conversation_id);
    return { handling_events: [] };
  });

  app.get(
    "/conversations/:conversation_id/side_conversations",
    { schema: { params: Id, querystring: Type.Object({ page: Opt(Type.Integer()), per_page: Opt(Type.Integer()) }) } },
    async (req) => {
      const { perPage } = readPageRequest({ per_page: req.query.per_page }, { defaultPerPage: 25, maxPerPage: 50 });
      const page = req.query.page === undefined ? 1 : readPageNumber(req.query.page);
      await getConversationRow(ctx(req), req.params.conversation_id);
      return { type: "side_conversation.list", side_conversations: [], total_count: 0, pages: { type: "pages", page, per_page: perPage, total_pages: 0 } };
    },
  );

  app.get(
    "/messages/status",
    { schema: { querystring: Type.Object({ ruleset_id: Opt(Type.String({ maxLength: 255 })), per_page: Opt(Type.Integer()), starting_after: Opt(Type.String()) }) } },
    async (req) => {
      const q = req.query;
      if (q.ruleset_id === undefined || q.ruleset_id === "") throw missingParam("ruleset_id", "ruleset_id is required");
      // the ruleset's messages, newest first, each one its latest status event
      const page = await listRulesetMessages(ctx(req), q.ruleset_id, q);
      return {
        type: "list",
        ruleset_id: q.ruleset_id,
        pages: { type: "pages", per_page: page.perPage, total_pages: Math.ceil(page.total / page.perPage), next: page.next ? { starting_after: page.next } : null },
        total_count: page.total,
        events: page.rows.map(presentWhatsappEvent),
      };
    },
  );

  app.get("/messages/whatsapp/status", { schema: { querystring: Type.Object({ message_id: Opt(Type.String({ maxLength: 255 })) }) } }, async (req) => {
    if (req.query.message_id === undefined || req.query.message_id === "") throw missingParam("message_id", "message_id is required");
    return presentWhatsappStatus(await getWhatsappMessage(ctx(req), req.query.message_id));
  });
}
