// POST /conversations/{id}/merge (2.16, see merge.ts), GET /conversations/{id}/handling_events (2.15+), GET /conversations/{id}/side_conversations (2.16),
// GET /messages/status, GET /messages/whatsapp/status (2.16).
// opencom keeps no pause/resume handling, no side conversations and sends no WhatsApp (POST /messages
// is in-app or email): these answer the documented shapes, empty for an existing conversation, and
// 404 for an unknown one (or another workspace's).
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { missingParam, notFound } from "../../platform/errors.js";
import { readPageNumber, readPageRequest } from "../../platform/pagination.js";
import { getConversationRow } from "../conversations/service.js";
import { presentConversation } from "../conversations/present.js";
import { mergeConversation } from "./merge.js";
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
      const { perPage } = readPageRequest({ per_page: q.per_page, starting_after: q.starting_after }, { defaultPerPage: 50, maxPerPage: 100 });
      return { type: "list", ruleset_id: q.ruleset_id, pages: { type: "pages", per_page: perPage, total_pages: 0, next: null }, total_count: 0, events: [] };
    },
  );

  app.get("/messages/whatsapp/status", { schema: { querystring: Type.Object({ message_id: Opt(Type.String({ maxLength: 255 })) }) } }, async (req) => {
    if (req.query.message_id === undefined || req.query.message_id === "") throw missingParam("message_id", "message_id is required");
    throw notFound("Whatsapp message not found", "whatsapp_message_not_found");
  });
}
