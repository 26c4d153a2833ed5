
import type { TeamRow } from "./service.js";
export function presentTeam(t: TeamRow) {
  return {
    type: "team",
    id: String(t.id),
    name: t.name,
    admin_ids: t.admin_ids,
    assignment_limit: t.assignment_limit,
    distribution_method: t.distribution_method,
  };
}
