import { LOAD_BALANCED, type TeamRow } from "./service.js";
/** A team; a load-balanced team reports its members' priority levels too. */
export function presentTeam(t: TeamRow) {
  return {
    type: "team",
    id: String(t.id),
    name: t.name,
    admin_ids: t.admin_ids,
    ...(t.distribution_method === LOAD_BALANCED ? { admin_priority_level: { primary_admin_ids: t.primary_admin_ids, secondary_admin_ids: t.secondary_admin_ids } } : {}),
    assignment_limit: t.assignment_limit,
    distribution_method: t.distribution_method,
  };
}
