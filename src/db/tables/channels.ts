// Table types of the channels area: calls and Fin Voice call references (see src/db/types.ts).
import type { Generated } from "kysely";
import type { Bool, Json } from "../types.js";

export interface CallsTable {
  id: Generated<number>;
  workspace_id: string;
  conversation_id: number | null;
  admin_id: number | null;
  contact_id: string | null;
  /** e.g. initiated | ringing | in_progress | completed … (as the phone line reports it) */
  state: string;
  call_type: string;
  /** inbound | outbound */
  direction: string;
  ended_reason: string | null;
  phone: string | null;
  initiated_at: number | null;
  answered_at: number | null;
  ended_at: number | null;
  queue_time: number | null;
  hold_time: number | null;
  /** where the recording lives (GET /calls/{id}/recording redirects there); null: no recording */
  recording_location: string | null;
  /** JSON array of {offset, speaker, text}; null: no transcript */
  transcript: Json | null;
  created_at: number;
  updated_at: number;
}

/** A Fin Voice external reference: an external call id registered, matched to an Intercom call later. */
export interface FinVoiceCallsTable {
  id: Generated<number>;
  workspace_id: string;
  phone_number: string;
  external_call_id: string;
  source: string;
  data: Json | null;
  call_id: number | null;
  summary: string;
  /** JSON array of objects */
  intent: Json;
  created_at: number;
  updated_at: number;
}

/** A data connector: `config` is the working (draft) configuration, `live_config` the one last set live. */
export interface DataConnectorsTable {
  id: Generated<number>;
  workspace_id: string;
  /** draft | live */
  state: string;
  config: Json;
  live_config: Json | null;
  created_by_admin_id: number | null;
  updated_by_admin_id: number | null;
  created_at: number;
  updated_at: number;
}

export interface DataConnectorExecutionsTable {
  id: Generated<number>;
  workspace_id: string;
  data_connector_id: number;
  success: Bool;
  http_status: number | null;
  http_method: string;
  error_type: string | null;
  error_message: string | null;
  execution_time_ms: number | null;
  source_type: string | null;
  source_id: string | null;
  conversation_id: string | null;
  request_url: string | null;
  request_body: string | null;
  response_body: string | null;
  created_at: number;
}

export interface EcommerceConnectorsTable {
  id: Generated<number>;
  workspace_id: string;
  name: string;
  last_import_job_id: string | null;
  created_at: number;
}

/** A catalog upload: a multipart session (`uploading`) or a synced catalog (`completed`). */
export interface EcommerceImportJobsTable {
  id: string;
  workspace_id: string;
  connector_id: number;
  state: string;
  /** the connector's id while the session is open (unique), null after */
  open_for: number | null;
  next_part: number;
  product_count: number | null;
  created_at: number;
  updated_at: number;
}

export interface EcommerceImportPartsTable {
  workspace_id: string;
  job_id: string;
  part_number: number;
  /** the part's JSON array of products */
  content: string;
}

export interface EcommerceProductsTable {
  workspace_id: string;
  connector_id: number;
  product_id: string;
  data: Json;
  updated_at: number;
}

export interface ChannelsTables {
  ecommerce_products: EcommerceProductsTable;
  ecommerce_import_parts: EcommerceImportPartsTable;
  ecommerce_import_jobs: EcommerceImportJobsTable;
  ecommerce_connectors: EcommerceConnectorsTable;
  data_connector_executions: DataConnectorExecutionsTable;
  data_connectors: DataConnectorsTable;
  calls: CallsTable;
  fin_voice_calls: FinVoiceCallsTable;
}
