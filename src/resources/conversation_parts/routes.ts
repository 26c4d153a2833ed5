// POST /conversations/{id}/parts (close, snooze, open, assign), POST /conversations/redact
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { presentConversation } from "../conversations/present.js";
import { manageConversation, redact, type ManageInput, type RedactInput } from "./service.js";

const Opt = Type.Optional;
const IdValue = Type.Union([Type.String(), Type.Integer()]);

export default async function routes(app: App) {
  app.post(
    "/conversations/:conversation_id/parts",
    { schema: { params: Type.Object({ conversation_id: Type.String() }), body: Opt(Type.Object({ message_type: Opt(Type.String()), type: Opt(Type.String()), admin_id: Opt(IdValue), assignee_id: Opt(IdValue), body: Opt(Type.Union([Type.String(), Type.Null()])), snoozed_until: Opt(Type.Integer()) })) } },
    async (req) => {
      const c = ctx(req);
      return presentConversation(c, await manageConversation(c, req.params.conversation_id, (req.body ?? {}) as ManageInput));
    },
  );

  app.post("/conversations/redact", { schema: { body: Opt(Type.Object({ type: Opt(Type.String()), conversation_id: Opt(IdValue), conversation_part_id: Opt(IdValue), source_id: Opt(IdValue) })) } }, async (req) => {
    const c = ctx(req);
    return presentConversation(c, await redact(c, (req.body ?? {}) as RedactInput));
  });
}
