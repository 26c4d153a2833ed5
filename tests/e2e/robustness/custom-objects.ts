// Custom objects, IP allowlist and team members fixtures for the robustness walk.
import type { RobustnessArea } from "../../helpers/robustness-area.js";

export const area: RobustnessArea = {
  async seed(ws, tag) {
    // an identifier of its own per workspace: "another workspace's identifier" must name nothing here
    const identifier = `WalkOrder_${tag.replace(/[^A-Za-z0-9_]/g, "_")}`;
    await ws.api("/_opencom/custom_object_types", { method: "POST", body: { identifier, name: `Walk ${tag}` } });
    const external = `walk-${tag}`;
    const instance = await ws.api(`/custom_object_instances/${identifier}`, { method: "POST", version: "2.16", body: { external_id: external, custom_attributes: { note: "walk" } } });
    return { custom_object_type_identifier: identifier, identifier, custom_object_instance_id: String(instance.body.id), custom_object_external_id: external };
  },
  reads: (ids) => [
    `/custom_object_instances/${ids.custom_object_type_identifier}/${ids.custom_object_instance_id}`,
    `/custom_object_instances/${ids.custom_object_type_identifier}?external_id=${encodeURIComponent(ids.custom_object_external_id)}`,
    "/ip_allowlist",
    "/_opencom/custom_object_types",
  ],
  idParams: [["/custom_object_instances/", "custom_object_instance_id"]],
  queries: (ids) => ({
    "GET /custom_object_instances/:custom_object_type_identifier": `external_id=${encodeURIComponent(ids.custom_object_external_id)}`,
  }),
  bodies: (ids) => ({
    "POST /custom_object_instances/:custom_object_type_identifier": { external_id: "walk-new-{n}", external_created_at: 1700000000, custom_attributes: { note: "n{n}" } },
    "POST /_opencom/custom_object_types": { identifier: "WalkType{n}", name: "Walk type", attributes: [{ name: "note", data_type: "string" }] },
    // off, so that the walk never shuts itself out (an allowlist without the caller is refused anyway: 422)
    "PUT /ip_allowlist": { enabled: false, ip_allowlist: ["10.0.0.0/8", "192.168.1.1"] },
    "PUT /teams/:team_id": { admin_ids: [Number(ids.admin_id)] },
  }),
  destructive: [
    "DELETE /custom_object_instances/:custom_object_type_identifier/:id",
    "DELETE /custom_object_instances/:custom_object_type_identifier",
    "DELETE /_opencom/custom_object_types/:identifier",
    "DELETE /_opencom/ip_allowlist",
  ],
};
