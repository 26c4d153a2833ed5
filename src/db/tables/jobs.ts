// Table types of the jobs area: data events, background jobs (see src/db/types.ts: DB extends every area's tables).
import type { Generated } from "kysely";

export interface DataEventsTable {
  id: Generated<number>;
  workspace_id: string;
  contact_id: string;
  event_name: string;
  created_at: number;
  /** JSON object, at most 10 keys */
  metadata: string;
}

export interface DataEventSummariesTable {
  workspace_id: string;
  contact_id: string;
  event_name: string;
  count: number;
  first_at: number;
  last_at: number;
}

export interface JobsTable {
  id: Generated<number>;
  workspace_id: string;
  /** the public id (job_identifier, job id) */
  identifier: string;
  /** content_export | reporting_export | contacts_bulk | companies_bulk */
  kind: string;
  /** pending | in_progress | completed | no_data | failed | canceled */
  status: string;
  /** JSON: what was asked */
  params: string;
  /** JSON: where the work stands (a keyset position); committed with each batch */
  state: string;
  processed: number;
  total: number | null;
  /** JSON: per-item results (bulk) */
  result: string | null;
  error: string | null;
  /** the claim of the worker that holds the lease */
  claim_token: string | null;
  /** real-time unix ms until which the claim holds */
  lease_until: number;
  created_at: number;
  updated_at: number;
  completed_at: number | null;
}

export interface JobChunksTable {
  workspace_id: string;
  job_id: number;
  seq: number;
  /** one gzip member, base64 */
  data: string;
}

export interface JobsTables {
  data_events: DataEventsTable;
  data_event_summaries: DataEventSummariesTable;
  jobs: JobsTable;
  job_chunks: JobChunksTable;
}
