// Robustness fixtures of the inbox extras: macros, handling events, side conversations (message statuses: outbound.ts).
import type { RobustnessArea } from "../../helpers/robustness-area.js";

export const area: RobustnessArea = {
  async seed(ws, tag) {
    const macro = (await ws.api("/_opencom/macros", { body: { name: `Macro ${tag}`, body: "<p>Hi {{user.name}}</p>" } })).body;
    const attr = (await ws.api("/conversations/attributes", { body: { name: `Attr ${tag}`, data_type: "list", options: [{ label: "A" }] }, version: "2.16" })).body;
    const schedule = (await ws.api("/office_hours_schedules", { body: { name: `Hours ${tag}`, time_zone_name: "UTC", time_intervals: [{ start_minute: 540, end_minute: 1020 }] }, version: "2.16" })).body;
    const exception = (await ws.api(`/office_hours_schedules/${schedule.id}/office_hours_exceptions`, { body: { exception_date: "2026-12-25", exception_type: "closed" }, version: "2.16" })).body;
    return {
      macro_id: String(macro.id),
      conversation_attribute_id: String(attr.id),
      option_id: String(attr.options[0].id),
      office_hours_schedule_id: String(schedule.id),
      office_hours_exception_id: String(exception.id),
    };
  },
  reads: (ids) => [
    `/macros/${ids.macro_id}`,
    `/conversations/attributes/${ids.conversation_attribute_id}`,
    `/office_hours_schedules/${ids.office_hours_schedule_id}`,
    `/office_hours_schedules/${ids.office_hours_schedule_id}/office_hours_exceptions/${ids.office_hours_exception_id}`,
  ],
  idParams: [
    ["/macros/", "macro_id"],
    ["/conversations/attributes/", "conversation_attribute_id"],
    ["/office_hours_schedules/:office_hours_schedule_id/office_hours_exceptions/", "office_hours_exception_id"],
  ],
  bodies: (ids) => ({
    "POST /_opencom/macros": { name: "M {n}", body: "<p>x</p>", visible_to: "specific_teams", visible_to_team_ids: [ids.team_id], available_on: ["inbox"] },
    "POST /conversations/attributes": { name: "Attr {n}", data_type: "list", description: "d", required: false, visible_to_team_ids: [ids.team_id], options: [{ label: "x" }] },
    "PUT /conversations/attributes/:id": { name: "Attr {n}", description: "d", required: true },
    "POST /conversations/attributes/:id/options": { label: "L {n}" },
    "PUT /conversations/attributes/:id/options/:option_id": { label: "L {n}" },
    "POST /conversations/:conversation_id/merge": { merge_into_conversation_id: Number(ids.conversation_id) },
    "POST /office_hours_schedules": { name: "H {n}", time_zone_name: "Europe/Paris", time_intervals: [{ start_minute: 540, end_minute: 1020 }] },
    "PUT /office_hours_schedules/:office_hours_schedule_id": { name: "H {n}", time_zone_name: "Europe/Paris", time_intervals: [{ start_minute: 600, end_minute: 1020 }] },
    "POST /office_hours_schedules/:office_hours_schedule_id/office_hours_exceptions": { exception_date: "2027-01-01", exception_type: "custom_hours", name: "N", time_intervals: [{ start_minute: 540, end_minute: 600 }], recurring_annually: true },
    "PUT /office_hours_schedules/:office_hours_schedule_id/office_hours_exceptions/:id": { name: "N {n}", recurring_annually: false },
  }),
  destructive: [
    "POST /conversations/:conversation_id/merge","DELETE /_opencom/macros/:macro_id", "DELETE /conversations/attributes/:id", "DELETE /conversations/attributes/:id/options/:option_id",
    "DELETE /office_hours_schedules/:office_hours_schedule_id",
    "DELETE /office_hours_schedules/:office_hours_schedule_id/office_hours_exceptions/:id",
  ],
};
