// WhatsApp message rows → Intercom's whatsapp_message_status, and the events of whatsapp_message_status_list.
import type { WhatsappMessageRow } from "./service.js";

/** GET /messages/whatsapp/status: the error only when the message failed. */
export function presentWhatsappStatus(m: WhatsappMessageRow) {
  return {
    message_id: m.message_id,
    ...(m.conversation_id === null ? {} : { conversation_id: String(m.conversation_id) }),
    template_name: m.template_name,
    type: m.type,
    status: m.status,
    created_at: Number(m.created_at),
    updated_at: Number(m.updated_at),
    ...(m.error_message === null ? {} : { error: { message: m.error_message, details: m.error_details ?? "" } }),
  };
}

/** opencom's own answer (POST/PUT /_opencom/whatsapp_messages): the status and the ruleset. */
export function presentWhatsappMessage(m: WhatsappMessageRow) {
  return { ...presentWhatsappStatus(m), ruleset_id: m.ruleset_id };
}

/** An event of GET /messages/status (a ruleset's message has a conversation: the service requires it). */
export function presentWhatsappEvent(m: WhatsappMessageRow) {
  return {
    id: String(m.id),
    conversation_id: String(m.conversation_id),
    whatsapp_message_id: m.message_id,
    template_name: m.template_name,
    type: m.type,
    status: m.status,
    created_at: Number(m.created_at),
    updated_at: Number(m.updated_at),
  };
}
