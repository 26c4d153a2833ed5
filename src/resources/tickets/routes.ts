// POST /tickets, POST /tickets/enqueue (and GET /jobs/status/{id}), GET|PUT|DELETE /tickets/{id},
// POST /tickets/{id}/reply, POST /tickets/{ticket_id}/change_type, POST|DELETE
// /tickets/{ticket_id}/linked_conversations[/{id}], POST /conversations/{id}/convert
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { changeTicketType, convertConversation, linkConversation, unlinkConversation } from "./service.js";
import { getConversationRow } from "../conversations/service.js";
import { presentConversation } from "../conversations/present.js";
import { createTicket, deleteTicket, enqueueTicket, getTicket, replyTicket, updateTicket } from "./service.js";
import { ChangeTypeBody, ConvertBody, CreateTicketBody, LinkBody, ReplyBody, UpdateTicketBody } from "./schemas.js";
import { presentTicket, presentTicketReply } from "./present.js";
import { jobStatusItem } from "../../platform/jobs.js";

const Id = Type.Object({ id: Type.String() });
export default async function routes(app: App) {
  app.post("/tickets/enqueue", { schema: { body: CreateTicketBody } }, async (req) => {
    const c = ctx(req);
    const job = await enqueueTicket(c, req.body ?? {});
    // a job worker makes the ticket in the background (its failure marks the job failed)
    return jobStatusItem(job, `${req.protocol}://${req.host}`);
  });
  app.post("/tickets", { schema: { body: CreateTicketBody } }, async (req) => {
    const c = ctx(req);
    return presentTicket(c, await createTicket(c, req.body ?? {}));
  });
  app.get("/tickets/:id", { schema: { params: Id } }, async (req) => {
    const c = ctx(req);
    return presentTicket(c, await getTicket(c, req.params.id));
  });
  app.put("/tickets/:id", { schema: { params: Id, body: UpdateTicketBody } }, async (req) => {
    const c = ctx(req);
    return presentTicket(c, await updateTicket(c, req.params.id, req.body ?? {}));
  });
  app.delete("/tickets/:id", { schema: { params: Id } }, async (req) => {
    const id = await deleteTicket(ctx(req), req.params.id);
    return { id: String(id), object: "ticket", deleted: true };
  });
  app.post("/tickets/:id/reply", { schema: { params: Id, body: ReplyBody } }, async (req) => {
    const c = ctx(req);
    return presentTicketReply(c, await replyTicket(c, req.params.id, req.body ?? {}));
  });
}

const TicketId = Type.Object({ ticket_id: Type.String() });

export async function actionRoutes(app: App) {
  app.post("/tickets/:ticket_id/change_type", { schema: { params: TicketId, body: ChangeTypeBody } }, async (req) => {
    const c = ctx(req);
    return presentTicket(c, await changeTicketType(c, req.params.ticket_id, req.body ?? {}));
  });
  app.post("/tickets/:ticket_id/linked_conversations", { schema: { params: TicketId, body: LinkBody } }, async (req) => {
    const c = ctx(req);
    const id = await linkConversation(c, req.params.ticket_id, (req.body ?? {}).conversation_id);
    return presentConversation(c, await getConversationRow(c, id), { parts: false });
  });
  app.delete("/tickets/:ticket_id/linked_conversations/:id", { schema: { params: Type.Object({ ticket_id: Type.String(), id: Type.String() }) } }, async (req) => {
    const c = ctx(req);
    const id = await unlinkConversation(c, req.params.ticket_id, req.params.id);
    return presentConversation(c, await getConversationRow(c, id), { parts: false });
  });
  app.post("/conversations/:id/convert", { schema: { params: Id, body: ConvertBody } }, async (req) => {
    const c = ctx(req);
    return presentTicket(c, await convertConversation(c, req.params.id, req.body ?? {}));
  });
}
