// POST /_opencom/whatsapp_messages, PUT /_opencom/whatsapp_messages/{message_id}: the WhatsApp messages of
// the token's workspace (Intercom sends them through its WhatsApp broadcasts; its API reads their status,
// GET /messages/whatsapp/status and GET /messages/status). PUT moves a message's status as WhatsApp's
// delivery receipts would.
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { createWhatsappMessage, updateWhatsappStatus } from "../whatsapp_messages/service.js";
import { presentWhatsappMessage } from "../whatsapp_messages/present.js";
import { NewWhatsappMessageBody, WhatsappStatusBody } from "../whatsapp_messages/schemas.js";

export default async function routes(app: App) {
  app.post("/_opencom/whatsapp_messages", { schema: { body: NewWhatsappMessageBody } }, async (req, reply) => {
    return reply.code(201).send(presentWhatsappMessage(await createWhatsappMessage(ctx(req), req.body)));
  });
  app.put(
    "/_opencom/whatsapp_messages/:message_id",
    { schema: { params: Type.Object({ message_id: Type.String({ maxLength: 64 }) }), body: WhatsappStatusBody } },
    async (req) => presentWhatsappMessage(await updateWhatsappStatus(ctx(req), req.params.message_id, req.body)),
  );
}
