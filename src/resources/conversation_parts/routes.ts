// POST /conversations/{id}/parts (close, snooze, open, assign), POST /conversations/redact
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { presentConversation } from "../conversations/present.js";
import { manageConversation, redact, type ManageInput, type RedactInput } from "./service.js";

const Any = Type.Optional(Type.Unknown());
const Body = <K extends string>(...keys: K[]) => Type.Optional(Type.Object(Object.fromEntries(keys.map((k) => [k, Any])) as Record<K, typeof Any>));

export default async function routes(app: App) {
  app.post(
    "/conversations/:conversation_id/parts",
    { schema: { params: Type.Object({ conversation_id: Type.String() }), body: Body("message_type", "type", "admin_id", "assignee_id", "body", "snoozed_until") } },
    async (req) => {
      const c = ctx(req);
      return presentConversation(c, await manageConversation(c, req.params.conversation_id, (req.body ?? {}) as ManageInput));
    },
  );

  app.post("/conversations/redact", { schema: { body: Body("type", "conversation_id", "conversation_part_id", "source_id") } }, async (req) => {
    const c = ctx(req);
    return presentConversation(c, await redact(c, (req.body ?? {}) as RedactInput));
  });
}
