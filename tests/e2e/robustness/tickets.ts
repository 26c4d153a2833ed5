// Robustness fixtures of the tickets area: a ticket type with one attribute.
import type { RobustnessArea } from "../../helpers/robustness-area.js";

export const area: RobustnessArea = {
  async seed(ws, tag) {
    const type = (await ws.api("/ticket_types", { body: { name: `Robust ${tag}`, description: "fixture" } })).body;
    const attr = (await ws.api(`/ticket_types/${type.id}/attributes`, { body: { name: "Severity", description: "fixture", data_type: "string" } })).body;
    return { ticket_type_id: String(type.id), ticket_type_attribute_id: String(attr.id) };
  },
  reads: (ids) => [`/ticket_types/${ids.ticket_type_id}`, "/ticket_states"],
  idParams: [
    ["/ticket_types/:ticket_type_id/attributes/", "ticket_type_attribute_id"],
    ["/ticket_types/", "ticket_type_id"],
  ],
  bodies: () => ({
    "POST /ticket_types": { name: "Type {n}", description: "d", category: "Customer", icon: "🐞" },
    "PUT /ticket_types/:id": { name: "Renamed", description: "d2" },
    "POST /ticket_types/:ticket_type_id/attributes": { name: "Attr {n}", description: "d", data_type: "string" },
    "PUT /ticket_types/:ticket_type_id/attributes/:id": { description: "d3", required_to_create: false },
  }),
};
