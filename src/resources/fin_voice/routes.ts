// POST /fin_voice/register, GET /fin_voice/collect/{id}, /fin_voice/external_id/{external_id},
// /fin_voice/phone_number/{phone_number}, /fin_voice/conversation/{conversation_id}.
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { presentFinVoiceCall } from "./present.js";
import { RegisterBody } from "./schemas.js";
import { collectByConversation, collectByExternalId, collectById, collectByPhone, registerFinVoiceCall } from "./service.js";

const Str = Type.String({ maxLength: 255 });

export default async function routes(app: App) {
  app.post("/fin_voice/register", { schema: { body: RegisterBody } }, async (req) => presentFinVoiceCall(await registerFinVoiceCall(ctx(req), req.body ?? {})));
  app.get("/fin_voice/collect/:id", { schema: { params: Type.Object({ id: Str }) } }, async (req) => presentFinVoiceCall(await collectById(ctx(req), req.params.id)));
  app.get("/fin_voice/external_id/:external_id", { schema: { params: Type.Object({ external_id: Str }) } }, async (req) =>
    presentFinVoiceCall(await collectByExternalId(ctx(req), req.params.external_id)),
  );
  // The contract documents no success body for this operation, only `default: error` (the SDK types its
  // answer as Error_); its description says it returns the call. opencom answers the call as the other
  // collect reads do, with `type` and an empty `errors`, so that the body is also valid as documented.
  app.get("/fin_voice/phone_number/:phone_number", { schema: { params: Type.Object({ phone_number: Str }) } }, async (req) => ({
    type: "ai_call",
    ...presentFinVoiceCall(await collectByPhone(ctx(req), req.params.phone_number)),
    errors: [],
  }));
  app.get("/fin_voice/conversation/:conversation_id", { schema: { params: Type.Object({ conversation_id: Str }) } }, async (req) =>
    (await collectByConversation(ctx(req), req.params.conversation_id)).map(presentFinVoiceCall),
  );
}
