// POST /conversations/{id}/parts (close, snooze, open, assign), POST /conversations/redact
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { presentConversation } from "../conversations/present.js";
import { manageConversation, redact } from "./service.js";
import { ManageBody, RedactBody } from "./schemas.js";

const Opt = Type.Optional;

export default async function routes(app: App) {
  app.post(
    "/conversations/:conversation_id/parts",
    { schema: { params: Type.Object({ conversation_id: Type.String() }), body: Opt(ManageBody) } },
    async (req) => {
      const c = ctx(req);
      return presentConversation(c, await manageConversation(c, req.params.conversation_id, req.body ?? {}));
    },
  );

  app.post("/conversations/redact", { schema: { body: Opt(RedactBody) } }, async (req) => {
    const c = ctx(req);
    return presentConversation(c, await redact(c, req.body ?? {}));
  });
}
