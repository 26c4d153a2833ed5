// POST /conversations, GET /conversations, GET /conversations/deleted, GET|PUT|DELETE /conversations/{id},
// POST /conversations/{id}/reply, POST /conversations/{id}/customers, DELETE /conversations/{id}/customers/{contact_id}
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { pagesObject } from "../../platform/pagination.js";
import { pageLinks } from "../../platform/pagination.js";
import { toPlainText } from "../../platform/html.js";
import { createContact } from "../contacts/service.js";
import {
  attachContact,
  createConversation,
  deleteConversation,
  detachContact,
  getConversationRow,
  listConversations,
  listDeletedConversations,
  replyConversation,
  resolveWriter,
  updateConversation,
} from "./service.js";
import { presentConversation, presentConversations, presentUserMessage } from "./present.js";
import { CreateConversationBody, CustomerBody, ReplyBody, UpdateConversationBody } from "./schemas.js";

const Id = Type.Object({ conversation_id: Type.String() });
const Opt = Type.Optional;

export default async function routes(app: App) {
  app.post("/conversations", { schema: { body: Opt(CreateConversationBody) } }, async (req) => {
    const c = ctx(req);
    const conv = await createConversation(c, req.body ?? {}, (id) => resolveWriter(c, id));
    return presentUserMessage(conv);
  });

  app.get(
    "/conversations",
    { schema: { querystring: Type.Object({ per_page: Type.Optional(Type.Integer()), starting_after: Type.Optional(Type.String()) }) } },
    async (req) => {
      const c = ctx(req);
      const result = await listConversations(c, req.query);
      return {
        type: "conversation.list",
        conversations: await presentConversations(c, result.rows, { parts: false }),
        total_count: result.total,
        pages: pagesObject(result.page, result.perPage, result.total, result.next),
      };
    },
  );

  app.get(
    "/conversations/deleted",
    { schema: { querystring: Type.Object({ page: Type.Optional(Type.Integer()), per_page: Type.Optional(Type.Integer()), order: Type.Optional(Type.String()) }) } },
    async (req) => {
      const c = ctx(req);
      const r = await listDeletedConversations(c, req.query);
      return {
        type: "conversations.list",
        conversations: r.rows.map((d) => ({ type: "conversation", id: String(d.conversation_id), metrics_retained: false, deleted_at: d.deleted_at })),
        total_count: r.total,
        pages: pageLinks("/conversations/deleted", r.page, r.perPage, r.total),
      };
    },
  );

  app.get(
    "/conversations/:conversation_id",
    { schema: { params: Id, querystring: Type.Object({ display_as: Type.Optional(Type.String()), include_translations: Type.Optional(Type.Boolean()) }) } },
    async (req) => {
      const c = ctx(req);
      const presented = await presentConversation(c, await getConversationRow(c, req.params.conversation_id));
      return req.query.display_as === "plaintext" ? asPlainText(presented) : presented;
    },
  );

  app.put("/conversations/:conversation_id", { schema: { params: Id, body: Opt(UpdateConversationBody) } }, async (req) => {
    const c = ctx(req);
    return presentConversation(c, await updateConversation(c, req.params.conversation_id, req.body ?? {}));
  });

  app.delete("/conversations/:conversation_id", { schema: { params: Id } }, async (req) => {
    const c = ctx(req);
    const id = await deleteConversation(c, req.params.conversation_id);
    return { id: String(id), object: "conversation", deleted: true };
  });

  app.post(
    "/conversations/:conversation_id/reply",
    {
      schema: {
        params: Id,
        body: Opt(ReplyBody),
      },
    },
    async (req) => {
      const c = ctx(req);
      return presentConversation(c, await replyConversation(c, req.params.conversation_id, req.body ?? {}));
    },
  );

  // opencom keeps no assignment rules (Intercom's are set up in its UI): running them changes nothing.
  // (The operation left the contract after 2.11: a later caller is answered as 2.11, see describedVersion.)
  app.post("/conversations/:conversation_id/run_assignment_rules", { schema: { params: Id } }, async (req) => {
    const c = ctx(req);
    return presentConversation(c, await getConversationRow(c, req.params.conversation_id));
  });

  app.post("/conversations/:conversation_id/customers", { schema: { params: Id, body: Opt(CustomerBody) } }, async (req) => {
    const c = ctx(req);
    const conv = await attachContact(c, req.params.conversation_id, req.body ?? {}, async (email) => createContact(c, { role: "lead", email }));
    return presentConversation(c, conv);
  });

  app.delete(
    "/conversations/:conversation_id/customers/:contact_id",
    { schema: { params: Type.Object({ conversation_id: Type.String(), contact_id: Type.String() }), body: Opt(CustomerBody) } },
    async (req) => {
      const c = ctx(req);
      return presentConversation(c, await detachContact(c, req.params.conversation_id, req.params.contact_id, req.body ?? {}));
    },
  );
}

/** `display_as=plaintext`: the source's and every part's body as plain text instead of HTML. */
function asPlainText<T extends { source?: { body?: string | null } | null; conversation_parts?: { conversation_parts?: Array<{ body?: string | null }> } }>(conversation: T): T {
  if (conversation.source?.body) conversation.source.body = toPlainText(conversation.source.body);
  for (const part of conversation.conversation_parts?.conversation_parts ?? []) if (part.body) part.body = toPlainText(part.body);
  return conversation;
}
