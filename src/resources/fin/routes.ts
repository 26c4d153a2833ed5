// Fin Agent API: POST /fin/start, /fin/reply, /fin/csat (2.14+); POST /fin/ask, /fin/capabilities,
// /fin/escalate, /fin/procedures/{procedure_id}/run and POST /procedures/{conversation_id}/collect_agent_input
// (Unstable; a 2.14–2.16 caller is answered as Unstable describes them).
//
// Leniencies, each accepting what the descriptions' own examples send:
// - `message.timestamp` is optional in every version (2.14 lists it as required, Unstable does not, and
//   the run example's trigger message has none); `message.author` defaults to `user`.
// - `settings` is accepted on 2.14–2.16 too (Unstable's), and ignored where it means nothing.
// - `rating` is any string here so that an unknown one gets the documented 422 "Rating isn't an option".
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { presentCapabilities, presentCsat, presentEscalation, presentTurn } from "./present.js";
import { CapabilitiesBody, CollectBody, CsatBody, EscalateBody, RunBody, TurnBody } from "./schemas.js";
import { capabilities, collectAgentInput, escalateFin, replyFin, runProcedure, startFin, submitCsat } from "./service.js";

const Str = Type.String({ maxLength: 255 });

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
