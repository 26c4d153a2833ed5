// Robustness fixtures of workflows (POST /_opencom/workflows, GET /export/workflows/{id}) and WhatsApp
// messages (POST|PUT /_opencom/whatsapp_messages, GET /messages/whatsapp/status, GET /messages/status).
import type { RobustnessArea } from "../../helpers/robustness-area.js";

export const area: RobustnessArea = {
  async seed(ws, tag, ids) {
    const workflow = (await ws.api("/_opencom/workflows", { body: { title: `Workflow ${tag}`, trigger_type: "inbound_conversation", state: "live", target_channels: ["chat"] } })).body;
    const message = (await ws.api("/_opencom/whatsapp_messages", { body: { conversation_id: ids.conversation_id, template_name: `t_${tag}`, ruleset_id: `rs_${tag}` } })).body;
    return { workflow_id: String(workflow.id), message_id: message.message_id, ruleset_id: `rs_${tag}` };
  },
  // (not the export: its exported_at is the clock's time of the read)
  reads: (ids) => [
    "/_opencom/workflows",
    `/messages/whatsapp/status?message_id=${ids.message_id}`,
    `/messages/status?ruleset_id=${ids.ruleset_id}`,
  ],
  idParams: [
    ["/_opencom/workflows/", "workflow_id"],
    ["/export/workflows/", "workflow_id"],
  ],
  queries: (ids) => ({ "GET /messages/status": `ruleset_id=${ids.ruleset_id}`, "GET /messages/whatsapp/status": `message_id=${ids.message_id}` }),
  bodies: (ids) => ({
    "POST /_opencom/workflows": {
      title: "W {n}", description: "d", trigger_type: "inbound_conversation", state: "paused", target_channels: ["chat"], preferred_devices: ["desktop"],
      targeting: { a: 1 }, snapshot: { steps: [] }, attributes: [{ name: "x" }], embedded_rules: [{ id: "r" }],
    },
    "POST /_opencom/whatsapp_messages": { conversation_id: ids.conversation_id, template_name: "t {n}", type: "broadcast_outbound", status: "failed", error: { message: "m", details: "d" }, ruleset_id: "rs {n}" },
    "PUT /_opencom/whatsapp_messages/:message_id": { status: "failed", error: { message: "m", details: "d" } },
  }),
  // a status moves forward only: a success would use the fixture up
  destructive: ["DELETE /_opencom/workflows/:id", "PUT /_opencom/whatsapp_messages/:message_id"],
};
