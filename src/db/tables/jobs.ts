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

export interface JobsTables {
  data_events: DataEventsTable;
  data_event_summaries: DataEventSummariesTable;
}
