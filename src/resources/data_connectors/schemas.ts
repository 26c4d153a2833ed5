// Request shapes of POST /data_connectors, PATCH /data_connectors/{id} and opencom's
// POST /_opencom/data_connectors/{data_connector_id}/executions, with the lists the execution schema
// names: the routes validate with them, the service is typed by them.
import { Type, type Static } from "typebox";
import { Nullable } from "../../platform/schema.js";

export const ERROR_TYPES = [
  "request_configuration_error", "faraday_error", "3rd_party_error", "response_mapping_error", "token_refresh_error",
  "fin_action_response_formatting_error", "fin_action_identity_verification_error", "email_verification_error",
  "non_fin_standalone_action_identity_verification_error", "request_validation_error", "client_side_action_error",
] as const;
export const SOURCE_TYPES = ["custom_bot", "inbound_custom_bot", "button_custom_bot", "answer", "workflow", "saved_reply", "triggerable_custom_bot", "inbox", "fin"] as const;

// Field values are checked by the service: a wrong one is Intercom's 422 (not a 400)
const Loose = Type.Optional(Type.Unknown());
/** A connector's configuration fields and its state (every one optional: PATCH changes the ones given). */
export const ConfigBody = Type.Object({
  name: Loose, description: Loose, state: Loose, http_method: Loose, audiences: Loose, headers: Loose, data_inputs: Loose,
  direct_fin_usage: Loose, customer_authentication: Loose, bypass_authentication: Loose, validate_missing_attributes: Loose, mock_response: Loose, token_ids: Loose,
  url: Type.Optional(Type.Union([Type.String({ maxLength: 2048 }), Type.Null()])),
  body: Type.Optional(Type.String({ maxLength: 65_536 })),
});
export type ConfigInput = Static<typeof ConfigBody>;

/** One invocation of a connector, as opencom records it (unknown fields refused). */
export const NewExecutionBody = Type.Object(
  {
    success: Type.Optional(Type.Boolean()),
    http_status: Nullable(Type.Integer({ minimum: 100, maximum: 599 })),
    error_type: Nullable(Type.Union(ERROR_TYPES.map((e) => Type.Literal(e)))),
    error_message: Nullable(Type.String({ maxLength: 1000 })),
    execution_time_ms: Nullable(Type.Integer({ minimum: 0, maximum: 86_400_000 })),
    source_type: Nullable(Type.Union(SOURCE_TYPES.map((e) => Type.Literal(e)))),
    source_id: Nullable(Type.String({ maxLength: 40 })),
    conversation_id: Nullable(Type.String({ maxLength: 40 })),
    request_body: Nullable(Type.String({ maxLength: 65_536 })),
    response_body: Nullable(Type.String({ maxLength: 65_536 })),
  },
  { additionalProperties: false },
);
export type NewExecution = Static<typeof NewExecutionBody>;
