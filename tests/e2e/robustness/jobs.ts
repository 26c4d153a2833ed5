// Robustness fixtures of the jobs area: data events, exports, jobs, bulk.
import type { RobustnessArea } from "../../helpers/robustness-area.js";

export const area: RobustnessArea = {
  queries: (ids) => ({ "GET /events": `type=user&intercom_user_id=${ids.contact_id}` }),
  bodies: (ids) => ({
    "POST /events": { event_name: "robust-{n}", created_at: 1700000000, id: ids.contact_id, metadata: { plan: "pro" } },
    "POST /events/summaries": { user_id: ids.external_id, event_summaries: { event_name: "robust", count: 1, first: 1700000000, last: 1700000000 } },
  }),
  reads: (ids) => [`/events?type=user&intercom_user_id=${ids.contact_id}`],
};
