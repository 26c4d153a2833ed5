// POST /messages
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { presentAdmin } from "../admins/present.js";
import { createConversation, resolveWriter } from "../conversations/service.js";
import { presentAdminMessage, presentUserMessage } from "../conversations/present.js";
import { createMessage } from "./service.js";
import { MessageBody } from "./schemas.js";

export default async function routes(app: App) {
  app.post("/messages", { schema: { body: Type.Optional(MessageBody) } }, async (req) => {
    const c = ctx(req);
    const input = req.body ?? {};
    const m = await createMessage(c, input, (from) => createConversation(c, { ...input, from }, (id) => resolveWriter(c, id)));
    if (!m.owner) return presentUserMessage(m.conv);
    return presentAdminMessage(m.conv, presentAdmin(m.owner, c.version));
  });
}
