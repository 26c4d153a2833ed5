// Table types of the toolkit area (see src/db/types.ts: DB extends every area's tables).
import type { Generated } from "kysely";

export interface WebhookSubscriptionsTable {
  id: Generated<number>;
  workspace_id: string;
  url: string;
  /** JSON array of topic names */
  topics: string;
  version: string;
  active: number;
  created_at: number;
  updated_at: number;
}

export interface WebhookDeliveriesTable {
  id: Generated<number>;
  workspace_id: string;
  /** notif_… (the envelope's id) */
  notification_id: string;
  subscription_id: number;
  topic: string;
  /** the component schema that shapes the item for the subscription's version */
  schema_name: string;
  /** the item as the API presents it (JSON), shaped at delivery */
  item: string;
  /** pending | sending | delivered | failed | dropped */
  status: string;
  /** JSON array of attempts: {at, status, error?, duration_ms, request:{headers, body}} */
  attempts: string;
  attempt_count: number;
  /** workspace-clock unix seconds at which the next attempt is due */
  next_attempt_at: number;
  /** real-time unix ms until which a process owns the row while sending */
  lease_until: number;
  first_sent_at: number | null;
  created_at: number;
}

export interface RequestJournalTable {
  id: Generated<number>;
  workspace_id: string;
  created_at: number;
  method: string;
  path: string;
  route: string | null;
  query: string | null;
  version: string | null;
  request_body: string | null;
  status: number;
  response_body: string | null;
  duration_ms: number;
  /** JSON array of lint warnings */
  warnings: string;
}

export interface FaultsTable {
  id: Generated<number>;
  workspace_id: string;
  method: string | null;
  path: string | null;
  status: number | null;
  code: string | null;
  message: string | null;
  latency_ms: number | null;
  probability: number | null;
  times: number | null;
  /** null = unlimited */
  remaining: number | null;
  created_at: number;
}

export interface RateLimitCountersTable {
  workspace_id: string;
  window_start: number;
  count: number;
}

export interface ToolkitTables {
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  request_journal: RequestJournalTable;
  faults: FaultsTable;
  rate_limit_counters: RateLimitCountersTable;
}
