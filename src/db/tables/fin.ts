// Table types of the Fin Agent API and procedures; see src/db/types.ts.
import type { Generated } from "kysely";

/** A Fin Agent conversation, named by the caller's external conversation id (unique per workspace). */
export interface FinConversationsTable {
  id: Generated<number>;
  workspace_id: string;
  external_id: string;
  /** the caller's user id (fin_agent_user.id), also the contact's external_id */
  user_id: string;
  /** the opencom contact (user) it maps to */
  contact_id: string | null;
  /** "conversation" (/fin/start) | "ask" | "procedure" | "escalation" (/fin/escalate with a user) */
  mode: string;
  procedure_id: number | null;
  /** thinking | awaiting_user_reply | escalated | resolved | complete */
  status: string;
  /** resolved | escalated | unresolved (null while Fin works) */
  resolution_state: string | null;
  escalation_reason: string | null;
  /** the helpdesk conversation an escalation opened */
  intercom_conversation_id: number | null;
  /** JSON: user attributes, conversation attributes, settings, history */
  context: string;
  csat_requested_at: number | null;
  csat_rating: string | null;
  csat_remark: string | null;
  csat_rated_at: number | null;
  message_seq: number;
  created_at: number;
  updated_at: number;
}

/** A message of a Fin conversation (the user's, an agent's or Fin's), in order. */
export interface FinMessagesTable {
  id: Generated<number>;
  workspace_id: string;
  fin_conversation_id: number;
  seq: number;
  /** user | agent | fin */
  author: string;
  body: string;
  /** JSON array: the sources of a Fin answer ({type, id, locale, title, url}) */
  sources: string;
  created_at_ms: string;
}

/** A procedure opencom's Fin can run (defined through /_opencom/fin/procedures). */
export interface FinProceduresTable {
  id: Generated<number>;
  workspace_id: string;
  name: string;
  description: string;
  /** live | draft */
  state: string;
  api_trigger: number;
  /** Fin's message when the procedure starts ("" = none) */
  instructions: string;
  /** JSON array of {identifier, name, data_type, options?}: a human-in-the-loop step when not empty */
  attributes_to_collect: string;
  /** Fin's message when the procedure is done; {{identifier}} is replaced by the collected value */
  completion_message: string;
  created_at: number;
  updated_at: number;
}

/** A human-in-the-loop step a procedure run is paused at. */
export interface FinHitlRequestsTable {
  id: Generated<number>;
  workspace_id: string;
  fin_conversation_id: number;
  procedure_id: number;
  step_id: string;
  attributes_to_collect: string;
  /** pending | fulfilled */
  status: string;
  /** JSON of the collected values (null while pending) */
  attribute_values: string | null;
  expires_at: number;
  created_at: number;
  updated_at: number;
}

export interface FinTables {
  fin_conversations: FinConversationsTable;
  fin_messages: FinMessagesTable;
  fin_procedures: FinProceduresTable;
  fin_hitl_requests: FinHitlRequestsTable;
}
