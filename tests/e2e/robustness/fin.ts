// Robustness fixtures of the Fin Agent API: a procedure with a human-in-the-loop step, a run paused at it,
// and a procedure run Fin resolved (so it has a rating survey). The walk fills `:conversation_id` with the
// core conversation (an Intercom conversation, not a Fin one): collect_agent_input and opencom's Fin
// conversation read answer 404 there; tests/e2e/fin.test.ts covers their successes.
import type { RobustnessArea } from "../../helpers/robustness-area.js";

export const area: RobustnessArea = {
  async seed(ws, tag) {
    const ok = async (p: string, body: unknown) => {
      const r = await ws.api(p, { method: "POST", body, version: "Unstable" });
      if (r.status >= 300) throw new Error(`fixture ${p}: ${r.status} ${r.text}`);
      return r.body;
    };
    const hitl = await ok("/_opencom/fin/procedures", { name: `Refund ${tag}`, attributes_to_collect: [{ identifier: "approved", data_type: "boolean" }], completion_message: "Done: {{approved}}" });
    const quick = await ok("/_opencom/fin/procedures", { name: `Hello ${tag}`, completion_message: "Hello." });
    await ok(`/fin/procedures/${hitl.id}/run`, { conversation_id: `hitl-${tag}`, user: { id: `fin-user-${tag}` } });
    await ok(`/fin/procedures/${quick.id}/run`, { conversation_id: `done-${tag}`, user: { id: `fin-user-${tag}` } });
    return { procedure_id: hitl.id, fin_hitl_conversation: `hitl-${tag}`, fin_done_conversation: `done-${tag}` };
  },
  reads: (ids) => [`/_opencom/fin/procedures/${ids.procedure_id}`, `/_opencom/fin/conversations/${ids.fin_hitl_conversation}`, `/_opencom/fin/conversations/${ids.fin_done_conversation}`],
  idParams: [["/_opencom/fin/procedures/", "procedure_id"]],
  destructive: ["DELETE /_opencom/fin/procedures/:id", "POST /procedures/:conversation_id/collect_agent_input"],
  bodies: (ids) => ({
    "POST /fin/start": { conversation_id: "rob-start-{n}", message: { author: "user", body: "How do I reset my password?", timestamp: "2025-01-24T10:01:20.000Z" }, user: { id: "rob-user" } },
    "POST /fin/ask": { conversation_id: "rob-ask-{n}", message: { author: "user", body: "How do I reset my password?" }, user: { id: "rob-user" } },
    "POST /fin/reply": { conversation_id: "rob-start-{n}", message: { author: "user", body: "thanks" }, user: { id: "rob-user" } },
    "POST /fin/csat": { conversation_id: ids.fin_done_conversation, rating: "good" },
    "POST /fin/capabilities": { user: { id: "rob-user" } },
    "POST /fin/escalate": { user: { id: "rob-user-{n}" }, message: "help" },
    "POST /fin/procedures/:procedure_id/run": { conversation_id: "rob-run-{n}", user: { id: "rob-user" } },
    "POST /procedures/:conversation_id/collect_agent_input": { step_id: "rob-step", attribute_values: [{ identifier: "approved", value: true }] },
    "POST /_opencom/fin/procedures": { name: "Procedure {n}" },
    "PUT /_opencom/fin/procedures/:id": { description: "edited" },
  }),
};
