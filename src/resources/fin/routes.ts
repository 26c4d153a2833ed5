// Fin Agent API: POST /fin/start, /fin/reply, /fin/csat (2.14+); POST /fin/ask, /fin/capabilities,
// /fin/escalate, /fin/procedures/{procedure_id}/run and POST /procedures/{conversation_id}/collect_agent_input
// (Unstable; a 2.14–2.16 caller is answered as Unstable describes them).
//
// Leniencies, each accepting what the descriptions' own examples send:
// - `message.timestamp` is optional in every version (2.14 lists it as required, Unstable does not, and
//   the run example's trigger message has none); `message.author` defaults to `user`.
// - `settings` is accepted on 2.14–2.16 too (Unstable's), and ignored where it means nothing.
// - `rating` is any string here so that an unknown one gets the documented 422 "Rating isn't an option".
import { Type, type Static } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { presentCapabilities, presentCsat, presentEscalation, presentTurn } from "./present.js";
import { MAX_MESSAGE, capabilities, collectAgentInput, escalateFin, replyFin, runProcedure, startFin, submitCsat } from "./service.js";

const Str = Type.String({ maxLength: 255 });
const Attributes = Type.Record(Type.String(), Type.Unknown());
const FinUser = Type.Object({ id: Str, name: Type.Optional(Str), email: Type.Optional(Str), attributes: Type.Optional(Attributes) });
const FinMessage = Type.Object({
  author: Type.Optional(Type.Union([Type.Literal("user"), Type.Literal("agent"), Type.Literal("fin")])),
  body: Type.String({ maxLength: MAX_MESSAGE }),
  timestamp: Type.Optional(Str),
});
const Attachment = Type.Object({
  type: Type.Union([Type.Literal("url"), Type.Literal("file")]),
  url: Type.Optional(Type.String({ maxLength: 2048 })),
  name: Type.Optional(Str),
  content_type: Type.Optional(Str),
  data: Type.Optional(Type.String({ maxLength: 8_000_000 })),
});
const Settings = Type.Object({ follow_up_questions: Type.Optional(Type.Boolean()), email: Type.Optional(Type.Boolean()) });
const Metadata = Type.Object({ history: Type.Optional(Type.Array(FinMessage, { maxItems: 100 })), attributes: Type.Optional(Attributes) });

const TurnBody = Type.Object({
  conversation_id: Str,
  message: FinMessage,
  user: FinUser,
  attachments: Type.Optional(Type.Array(Attachment, { maxItems: 100 })),
  conversation_metadata: Type.Optional(Metadata),
  settings: Type.Optional(Settings),
});
const CsatBody = Type.Object({ conversation_id: Str, rating: Str, remark: Type.Optional(Type.String({ maxLength: 10_000 })) });
const CapabilitiesBody = Type.Object({ user: FinUser });
const EscalateBody = Type.Object({
  conversation_id: Type.Optional(Str),
  user: Type.Optional(FinUser),
  message: Type.Optional(Type.String({ maxLength: 10_000 })),
  context: Type.Optional(Type.String({ maxLength: 10_000 })),
});
const RunBody = Type.Object({
  conversation_id: Str,
  user: FinUser,
  message: Type.Optional(FinMessage),
  conversation_metadata: Type.Optional(Type.Object({ attributes: Type.Optional(Attributes) })),
  settings: Type.Optional(Type.Object({ email: Type.Optional(Type.Boolean()) })),
});
const CollectBody = Type.Object({
  step_id: Str,
  attribute_values: Type.Array(Type.Object({ identifier: Str, value: Type.Unknown() }), { maxItems: 100 }),
});

export type TurnInput = Static<typeof TurnBody>;
export type RunInputBody = Static<typeof RunBody>;

export default async function routes(app: App) {
  app.post("/fin/start", { schema: { body: TurnBody } }, async (req) => presentTurn(ctx(req), await startFin(ctx(req), req.body, "conversation")));
  app.post("/fin/reply", { schema: { body: TurnBody } }, async (req) => presentTurn(ctx(req), await replyFin(ctx(req), req.body)));
  app.post("/fin/ask", { schema: { body: TurnBody } }, async (req) => presentTurn(ctx(req), await startFin(ctx(req), req.body, "ask")));
  app.post("/fin/csat", { schema: { body: CsatBody } }, async (req) => presentCsat(await submitCsat(ctx(req), req.body)));
  app.post("/fin/capabilities", { schema: { body: CapabilitiesBody } }, async (req) => presentCapabilities(ctx(req), await capabilities(ctx(req), req.body)));
  app.post("/fin/escalate", { schema: { body: EscalateBody } }, async (req) => {
    const { conv, intercomConversationId } = await escalateFin(ctx(req), req.body);
    return presentEscalation(conv, intercomConversationId);
  });
  app.post("/fin/procedures/:procedure_id/run", { schema: { params: Type.Object({ procedure_id: Str }), body: RunBody } }, async (req) =>
    presentTurn(ctx(req), await runProcedure(ctx(req), req.params.procedure_id, req.body)),
  );
  app.post("/procedures/:conversation_id/collect_agent_input", { schema: { params: Type.Object({ conversation_id: Str }), body: CollectBody } }, async (req) => {
    await collectAgentInput(ctx(req), req.params.conversation_id, req.body);
    return {};
  });
}
