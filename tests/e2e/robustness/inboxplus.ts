// Robustness fixtures of the inbox extras: macros, handling events, side conversations, message statuses.
import type { RobustnessArea } from "../../helpers/robustness-area.js";

export const area: RobustnessArea = {
  async seed(ws, tag) {
    const macro = (await ws.api("/_opencom/macros", { body: { name: `Macro ${tag}`, body: "<p>Hi {{user.name}}</p>" } })).body;
    return { macro_id: String(macro.id) };
  },
  reads: (ids) => [`/macros/${ids.macro_id}`],
  idParams: [["/macros/", "macro_id"]],
  queries: () => ({ "GET /messages/status": "ruleset_id=1", "GET /messages/whatsapp/status": "message_id=wamid_1" }),
  bodies: (ids) => ({ "POST /_opencom/macros": { name: "M {n}", body: "<p>x</p>", visible_to: "specific_teams", visible_to_team_ids: [ids.team_id], available_on: ["inbox"] } }),
  destructive: ["DELETE /_opencom/macros/:macro_id"],
};
