// POST /tickets, POST /tickets/enqueue (and GET /jobs/status/{id}), GET|PUT|DELETE /tickets/{id},
// POST /tickets/{id}/reply, POST /tickets/{ticket_id}/change_type, POST|DELETE
// /tickets/{ticket_id}/linked_conversations[/{id}], POST /conversations/{id}/convert
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { changeTicketType, convertConversation, linkConversation, unlinkConversation, type ChangeTypeInput } from "./service.js";
import { getConversationRow } from "../conversations/service.js";
import { presentConversation } from "../conversations/present.js";
import { createTicket, deleteTicket, enqueueTicket, getTicket, replyTicket, updateTicket, type CreateTicketInput, type TicketReplyInput, type UpdateTicketInput } from "./service.js";
import { presentTicket, presentTicketReply } from "./present.js";
import { jobStatusItem } from "../../platform/jobs.js";

const Id = Type.Object({ id: Type.String() });
const StrOrInt = Type.Union([Type.String({ maxLength: 64 }), Type.Integer()]);
const Opt = Type.Optional;
const ContactRef = Type.Object({ id: Opt(Type.String()), external_id: Opt(Type.String()), email: Opt(Type.String()) });
// Ticket attribute values are typed by the ticket type (checked in the service); texts up to 64 KB.
const Attributes = Type.Record(Type.String({ maxLength: 255 }), Type.Unknown(), { maxProperties: 100 });
export const CreateTicketBody = Type.Object({
  ticket_type_id: Opt(StrOrInt),
  contacts: Opt(Type.Array(ContactRef, { maxItems: 10 })),
  company_id: Opt(Type.String()),
  created_at: Opt(Type.Integer()),
  ticket_attributes: Opt(Attributes),
  assignment: Opt(Type.Object({ admin_assignee_id: Opt(StrOrInt), team_assignee_id: Opt(StrOrInt) })),
  conversation_to_link_id: Opt(Type.String()),
  // intercom-client 7.x sends it (CreateTicketRequest.skip_notifications); opencom sends no notifications
  skip_notifications: Opt(Type.Boolean()),
});
const UpdateTicketBody = Type.Object({
  ticket_attributes: Opt(Attributes),
  ticket_state_id: Opt(StrOrInt),
  state: Opt(Type.String()),
  company_id: Opt(Type.Union([Type.String(), Type.Null()])),
  open: Opt(Type.Boolean()),
  is_shared: Opt(Type.Boolean()),
  snoozed_until: Opt(Type.Integer()),
  admin_id: Opt(StrOrInt),
  assignee_id: Opt(StrOrInt),
  assignment: Opt(Type.Object({ admin_id: Opt(StrOrInt), assignee_id: Opt(StrOrInt) })),
});
const ReplyBody = Type.Object({
  message_type: Opt(Type.String()),
  type: Opt(Type.String()),
  body: Opt(Type.String({ maxLength: 65_536 })),
  admin_id: Opt(StrOrInt),
  intercom_user_id: Opt(Type.String()),
  user_id: Opt(Type.String()),
  email: Opt(Type.String()),
  attachment_urls: Opt(Type.Array(Type.String({ maxLength: 2048 }), { maxItems: 10 })),
  created_at: Opt(Type.Integer()),
  reply_options: Opt(Type.Array(Type.Unknown(), { maxItems: 10 })),
  skip_notifications: Opt(Type.Boolean()),
  cross_post: Opt(Type.Boolean()),
});


export default async function routes(app: App) {
  app.post("/tickets/enqueue", { schema: { body: CreateTicketBody } }, async (req) => {
    const c = ctx(req);
    const job = await enqueueTicket(c, (req.body ?? {}) as CreateTicketInput);
    // a job worker makes the ticket in the background (its failure marks the job failed)
    return jobStatusItem(job, `${req.protocol}://${req.host}`);
  });
  app.post("/tickets", { schema: { body: CreateTicketBody } }, async (req) => {
    const c = ctx(req);
    return presentTicket(c, await createTicket(c, (req.body ?? {}) as CreateTicketInput));
  });
  app.get("/tickets/:id", { schema: { params: Id } }, async (req) => {
    const c = ctx(req);
    return presentTicket(c, await getTicket(c, req.params.id));
  });
  app.put("/tickets/:id", { schema: { params: Id, body: UpdateTicketBody } }, async (req) => {
    const c = ctx(req);
    return presentTicket(c, await updateTicket(c, req.params.id, (req.body ?? {}) as UpdateTicketInput));
  });
  app.delete("/tickets/:id", { schema: { params: Id } }, async (req) => {
    const id = await deleteTicket(ctx(req), req.params.id);
    return { id: String(id), object: "ticket", deleted: true };
  });
  app.post("/tickets/:id/reply", { schema: { params: Id, body: ReplyBody } }, async (req) => {
    const c = ctx(req);
    return presentTicketReply(c, await replyTicket(c, req.params.id, (req.body ?? {}) as TicketReplyInput));
  });
}

const TicketId = Type.Object({ ticket_id: Type.String() });
const ChangeTypeBody = Type.Object({ ticket_type_id: Opt(StrOrInt), ticket_state_id: Opt(StrOrInt), ticket_attributes: Opt(Attributes) });
const LinkBody = Type.Object({ conversation_id: Opt(StrOrInt) });
const ConvertBody = Type.Object({ ticket_type_id: Opt(StrOrInt), attributes: Opt(Attributes) });

export async function actionRoutes(app: App) {
  app.post("/tickets/:ticket_id/change_type", { schema: { params: TicketId, body: ChangeTypeBody } }, async (req) => {
    const c = ctx(req);
    return presentTicket(c, await changeTicketType(c, req.params.ticket_id, (req.body ?? {}) as ChangeTypeInput));
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
    return presentTicket(c, await convertConversation(c, req.params.id, (req.body ?? {}) as { ticket_type_id?: string; attributes?: Record<string, unknown> }));
  });
}
