// Robustness fixtures of the channels area: a call on the core conversation, matched to a Fin Voice reference.
// The call has no recording (its route redirects away) and no transcript (a text body): both answer 404 here;
// tests/e2e/calls.test.ts covers their successes.
import type { RobustnessArea } from "../../helpers/robustness-area.js";

export const area: RobustnessArea = {
  async seed(ws, tag, ids) {
    const ok = async (p: string, body: unknown) => {
      const r = await ws.api(p, { method: "POST", body });
      if (r.status >= 300) throw new Error(`fixture ${p}: ${r.status} ${r.text}`);
      return r.body;
    };
    // a number per workspace (the walk reads one workspace's fixtures from the other)
    const phone = `+1555${String([...tag].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) % 10_000_000, 7)).padStart(7, "0")}`;
    const fin = await ok("/fin_voice/register", { phone_number: phone, call_id: `robust-${tag}` });
    const call = await ok("/_opencom/calls", {
      phone,
      conversation_id: ids.conversation_id,
      external_call_id: `robust-${tag}`,
    });
    const dc = await ok("/data_connectors", { name: `dc-${tag}`, url: "https://api.example.com/x" });
    const execution = await ok(`/_opencom/data_connectors/${dc.id}/executions`, { http_status: 200 });
    const shop = await ok("/_opencom/ecommerce/connectors", { name: `shop-${tag}` });
    return { ecommerce_connector_id: shop.id, call_id: call.id, fin_voice_id: String(fin.id), phone_number: phone, data_connector_id: dc.id, execution_id: execution.id };
  },
  reads: (ids) => [
    "/calls",
    `/calls/${ids.call_id}`,
    `/fin_voice/collect/${ids.fin_voice_id}`,
    `/data_connectors/${ids.data_connector_id}?state_version=draft`,
    `/data_connectors/${ids.data_connector_id}/execution_results?start_ts=0`,
    `/_opencom/ecommerce/connectors/${ids.ecommerce_connector_id}/products`,
  ],
  idParams: [
    ["/calls/", "call_id"],
    ["/fin_voice/collect/", "fin_voice_id"],
    ["/data_connectors/:data_connector_id/execution_results/", "execution_id"],
    ["/data_connectors/", "data_connector_id"],
    ["/ecommerce/connectors/", "ecommerce_connector_id"],
    ["/_opencom/ecommerce/connectors/", "ecommerce_connector_id"],
  ],
  destructive: ["DELETE /data_connectors/:id"],
  bodies: (ids) => ({
    "POST /calls/search": { conversation_ids: [ids.conversation_id] },
    "POST /fin_voice/register": { phone_number: "+15550001234", call_id: "robust-{n}" },
    "POST /_opencom/calls": { phone: "+15550001234", direction: "outbound" },
    "POST /phone_call_redirects": { phone: "+15550004321" },
    "POST /_opencom/ecommerce/connectors": { name: "shop-{n}" },
    "POST /data_connectors": { name: "dc-{n}", http_method: "post", audiences: ["users"] },
    "PATCH /data_connectors/:id": { description: "edited" },
    "POST /_opencom/data_connectors/:data_connector_id/executions": { http_status: 500, error_type: "3rd_party_error" },
  }),
};
