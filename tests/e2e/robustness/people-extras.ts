// People extras fixtures for the robustness walk: banners (opencom's API, a contact's views), contact
// activities, merge preview, conversation part update.
import type { RobustnessArea } from "../../helpers/robustness-area.js";

export const area: RobustnessArea = {
  async seed(ws, tag, ids) {
    const secret = (await ws.api("/_opencom/workspace")).body.client_secret as string;
    const banner = (await ws.api("/_opencom/banners", { body: { title: `Banner ${tag}`, body: "<p>Hi</p>", action: { type: "url", label: "Go", target: "https://example.com" } } })).body;
    const views = (await ws.api(`/contacts/${ids.contact_id}/banners`, { version: "2.16" })).body;
    const replied = (await ws.api(`/conversations/${ids.conversation_id}/reply`, { body: { message_type: "comment", type: "admin", admin_id: ids.admin_id, body: "Walk reply" } })).body;
    const part = replied.conversation_parts.conversation_parts.at(-1);
    return { banner_id: String(banner.id), view_id: String(views.data[0].view_id), part_id: String(part.id), part_secret: secret };
  },
  // (GET /contacts/activities is not compared: a refused merge records contact.merge_failed, as documented)
  reads: (ids) => [`/contacts/${ids.contact_id}/banners`, "/_opencom/banners"],
  bodies: (ids) => ({
    "POST /_opencom/banners": { title: "Banner {n}", body: "<p>x</p>", style: "floating", position: "bottom", show_dismiss_button: false, target_role: "user" },
    "POST /contacts/merge/preview": { from: ids.lead_id, into: ids.contact_id, skip_duplicate_validation: true },
    "PUT /conversations/:conversation_id/conversation_parts/:part_id": { send_state: "sent", info_message: "Delivered", experimental: true, secret: ids.part_secret },
  }),
  destructive: ["DELETE /_opencom/banners/:banner_id", "POST /contacts/:contact_id/banners/:view_id/dismiss"],
};
