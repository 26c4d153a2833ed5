// Table types of what Intercom makes outside its API and opencom through its own: workflows and WhatsApp
// messages (see src/db/types.ts).
import type { Generated } from "kysely";
import type { Json } from "../types.js";

/** A workflow (Intercom builds them in its UI; opencom through POST /_opencom/workflows). */
export interface WorkflowsTable {
  id: Generated<number>;
  workspace_id: string;
  title: string;
  description: string | null;
  trigger_type: string;
  /** live | draft | paused */
  state: string;
  target_channels: Json; // string[]
  preferred_devices: Json; // string[]
  targeting: Json | null; // object
  snapshot: Json | null; // object
  attributes: Json; // object[]
  embedded_rules: Json; // object[]
  created_at: number;
  updated_at: number;
}

/** A WhatsApp message (Intercom sends them through its broadcasts; opencom records them through POST /_opencom/whatsapp_messages). */
export interface WhatsappMessagesTable {
  id: Generated<number>;
  workspace_id: string;
  /** "wamid_…", unique in the workspace */
  message_id: string;
  conversation_id: number | null;
  template_name: string;
  type: string;
  /** sent | delivered | read | failed */
  status: string;
  /** failed only (a DB constraint) */
  error_message: string | null;
  error_details: string | null;
  ruleset_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface OutboundTables {
  workflows: WorkflowsTable;
  whatsapp_messages: WhatsappMessagesTable;
}
