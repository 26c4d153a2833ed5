// Table types of the bulk people area (Unstable bulk contacts / companies jobs) (see src/db/types.ts).
import type { Generated } from "kysely";

/** One request's worth of items (≤ 100) of a bulk job (a `jobs` row of kind contacts_bulk / companies_bulk). */
export interface BulkTasksTable {
  id: Generated<number>;
  workspace_id: string;
  job_id: number;
  /** the public id, `task_…` */
  identifier: string;
  /** 1, 2, … in the order the tasks were added to the job */
  seq: number;
  /** create | update | delete */
  operation: string;
  /** JSON array: the items as sent (only the documented fields are applied) */
  items: string;
  item_count: number;
  /** pending | running | completed | completed_with_errors */
  state: string;
  /** the next item to apply */
  position: number;
  /** JSON array: one result per applied item, {index, status: "success"|"failed", id?, error?} */
  results: string;
  created_at: number;
  started_at: number | null;
  completed_at: number | null;
}

export interface BulkTables {
  bulk_tasks: BulkTasksTable;
}
