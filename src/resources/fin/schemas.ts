// Request shapes of the Fin Agent API (POST /fin/start, /fin/reply, /fin/ask, /fin/csat, /fin/capabilities,
// /fin/escalate, /fin/procedures/{procedure_id}/run, /procedures/{conversation_id}/collect_agent_input) and
// of opencom's procedures (POST and PUT /_opencom/fin/procedures): the routes validate with them, the
// service is typed by them. The leniencies are listed in routes.ts.
import { Type, type Static } from "typebox";

/** The longest message body Fin takes (its 400 names message.body). */
export const MAX_MESSAGE = 65_536;

const Str = Type.String({ maxLength: 255 });
const Text = Type.String({ maxLength: 10_000 });
const Attributes = Type.Record(Type.String(), Type.Unknown());
const FinUser = Type.Object({ id: Str, name: Type.Optional(Str), email: Type.Optional(Str), attributes: Type.Optional(Attributes) });
export type FinUserIn = Static<typeof FinUser>;
const FinMessage = Type.Object({
  author: Type.Optional(Type.Union([Type.Literal("user"), Type.Literal("agent"), Type.Literal("fin")])),
  body: Type.String({ maxLength: MAX_MESSAGE }),
  timestamp: Type.Optional(Str),
});
export type FinMessageIn = Static<typeof FinMessage>;
const Attachment = Type.Object({
  type: Type.Union([Type.Literal("url"), Type.Literal("file")]),
  url: Type.Optional(Type.String({ maxLength: 2048 })),
  name: Type.Optional(Str),
  content_type: Type.Optional(Str),
  data: Type.Optional(Type.String({ maxLength: 8_000_000 })),
});
const Settings = Type.Object({ follow_up_questions: Type.Optional(Type.Boolean()), email: Type.Optional(Type.Boolean()) });
const Metadata = Type.Object({ history: Type.Optional(Type.Array(FinMessage, { maxItems: 100 })), attributes: Type.Optional(Attributes) });

/** POST /fin/start, /fin/reply and /fin/ask. */
export const TurnBody = Type.Object({
  conversation_id: Str,
  message: FinMessage,
  user: FinUser,
  attachments: Type.Optional(Type.Array(Attachment, { maxItems: 100 })),
  conversation_metadata: Type.Optional(Metadata),
  settings: Type.Optional(Settings),
});
export type FinTurnInput = Static<typeof TurnBody>;

export const CsatBody = Type.Object({ conversation_id: Str, rating: Str, remark: Type.Optional(Text) });
export type CsatInput = Static<typeof CsatBody>;

export const CapabilitiesBody = Type.Object({ user: FinUser });
export type CapabilitiesInput = Static<typeof CapabilitiesBody>;

export const EscalateBody = Type.Object({
  conversation_id: Type.Optional(Str),
  user: Type.Optional(FinUser),
  message: Type.Optional(Text),
  context: Type.Optional(Text),
});
export type EscalateInput = Static<typeof EscalateBody>;

export const RunBody = Type.Object({
  conversation_id: Str,
  user: FinUser,
  message: Type.Optional(FinMessage),
  conversation_metadata: Type.Optional(Type.Object({ attributes: Type.Optional(Attributes) })),
  settings: Type.Optional(Type.Object({ email: Type.Optional(Type.Boolean()) })),
});
export type RunInput = Static<typeof RunBody>;

export const CollectBody = Type.Object({
  step_id: Str,
  attribute_values: Type.Array(Type.Object({ identifier: Str, value: Type.Unknown() }), { maxItems: 100 }),
});
export type CollectInput = Static<typeof CollectBody>;

// ---------------------------------------------------------------- opencom's procedures

const ProcedureAttribute = Type.Object({
  identifier: Str,
  name: Type.Optional(Str),
  data_type: Type.Optional(Type.Union([Type.Literal("string"), Type.Literal("boolean"), Type.Literal("number"), Type.Literal("list")])),
  options: Type.Optional(Type.Array(Str, { maxItems: 100 })),
});
const procedureFields = {
  description: Type.Optional(Text),
  state: Type.Optional(Type.Union([Type.Literal("live"), Type.Literal("draft")])),
  api_trigger: Type.Optional(Type.Boolean()),
  instructions: Type.Optional(Text),
  attributes_to_collect: Type.Optional(Type.Array(ProcedureAttribute, { maxItems: 20 })),
  completion_message: Type.Optional(Text),
};
/** POST /_opencom/fin/procedures. */
export const ProcedureCreateBody = Type.Object({ name: Str, ...procedureFields });
/** PUT /_opencom/fin/procedures/{id}: every field optional. */
export const ProcedureUpdateBody = Type.Object({ name: Type.Optional(Str), ...procedureFields });
/** Either body (a create's is an update's with name required). */
export type ProcedureInput = Static<typeof ProcedureUpdateBody>;
