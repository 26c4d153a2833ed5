// Robustness fixtures of the jobs area: data events, exports, jobs.
import type { RobustnessArea } from "../../helpers/robustness-area.js";

export const area: RobustnessArea = {
  seed: async (ws) => {
    // an export over an empty range: it finishes at once (no_data), so the workspace has no active one
    const res = await ws.api("/export/content/data", { body: { created_at_after: 1, created_at_before: 2 } });
    if (res.status !== 200) throw new Error(`export fixture: ${res.status} ${res.text}`);
    return { job_identifier: res.body.job_identifier, job_id: res.body.job_identifier };
    // (the reporting routes share :job_identifier; a content job's id answers them 404, which the walk accepts)
  },
  // (the workflow export's fixture is in outbound.ts)
  queries: (ids) => ({ "GET /events": `type=user&intercom_user_id=${ids.contact_id}` }),
  bodies: (ids) => ({
    "POST /events": { event_name: "robust-{n}", created_at: 1700000000, id: ids.contact_id, metadata: { plan: "pro" } },
    "POST /events/summaries": { user_id: ids.external_id, event_summaries: { event_name: "robust", count: 1, first: 1700000000, last: 1700000000 } },
    "POST /export/content/data": { created_at_after: 1, created_at_before: 2 },
    "POST /export/reporting_data/enqueue": { dataset_id: "conversation", attribute_ids: ["conversation_id"], start_time: 1, end_time: 2 },
  }),
  // one active content export per workspace: a success would leave one running
  destructive: ["POST /export/content/data", "POST /export/reporting_data/enqueue", "POST /export/cancel/:job_identifier"],
  // its success is the gzip file (not JSON); its errors are covered in tests/e2e/exports.test.ts
  skipped: {
    "GET /download/content/data/:job_identifier": "answers a gzip-compressed CSV, not JSON",
    "GET /download/reporting_data/:job_identifier": "answers a gzip-compressed CSV, not JSON",
  },
  reads: (ids) => [`/events?type=user&intercom_user_id=${ids.contact_id}`, `/export/content/data/${ids.job_identifier}`],
};
