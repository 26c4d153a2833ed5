// GET /calls, POST /calls/search, GET /calls/{id}, GET /calls/{id}/recording, GET /calls/{id}/transcript,
// and opencom's phone line: POST /_opencom/calls records a call (Intercom's own phone line does).
import { Type } from "typebox";
import type { FastifyRequest } from "fastify";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { listEnvelope } from "../../platform/pagination.js";
import { matchFinVoiceCall } from "../fin_voice/service.js";
import { presentCall, presentCallWithTranscript } from "./present.js";
import { createCall, getCall, listCalls, recordingNotFound, searchCalls, transcriptOf, transcriptText, callNotFound } from "./service.js";
import { NewCallBody } from "./schemas.js";

const Id = Type.Object({ id: Type.String({ maxLength: 40 }) });
const ListQuery = Type.Object({ page: Type.Optional(Type.Integer()), per_page: Type.Optional(Type.Integer()), starting_after: Type.Optional(Type.String({ maxLength: 200 })) });
// conversation_ids is checked by the service: a missing, empty or too long list is Intercom's 400 conversation_id_limit_exceeded
const SearchBody = Type.Object({ conversation_ids: Type.Optional(Type.Array(Type.Union([Type.String({ maxLength: 40 }), Type.Integer()]), { maxItems: 1000 })) });

/** The base URL the client used, so that recording and transcript URLs lead back here. */
const baseUrl = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

export default async function routes(app: App) {
  app.get("/calls", { schema: { querystring: ListQuery } }, async (req) => {
    const r = await listCalls(ctx(req), req.query);
    const base = baseUrl(req);
    return listEnvelope(r.rows.map((x) => presentCall(x, base)), r.total, r.page, r.perPage, r.next);
  });
  app.post("/calls/search", { schema: { body: SearchBody } }, async (req) => {
    const rows = await searchCalls(ctx(req), req.body?.conversation_ids);
    const base = baseUrl(req);
    return { type: "list", data: rows.map((x) => presentCallWithTranscript(x, base)) };
  });
  app.get("/calls/:id", { schema: { params: Id } }, async (req) => presentCall(await getCall(ctx(req), req.params.id), baseUrl(req)));
  app.get("/calls/:id/recording", { schema: { params: Id } }, async (req, reply) => {
    const call = await getCall(ctx(req), req.params.id);
    if (call.recording_location === null) throw recordingNotFound();
    return reply.redirect(call.recording_location, 302);
  });
  app.get("/calls/:id/transcript", { schema: { params: Id } }, async (req, reply) => {
    const call = await getCall(ctx(req), req.params.id);
    const t = transcriptOf(call);
    if (t === null) throw callNotFound();
    const day = new Date(call.created_at * 1000).toISOString().slice(0, 10);
    return reply
      .type("text/plain; charset=utf-8")
      .header("Content-Disposition", `attachment; filename=transcription_data-${day}.txt`)
      .send(transcriptText(t));
  });

  app.post("/_opencom/calls", { schema: { body: NewCallBody } }, async (req, reply) => {
    const { external_call_id, fin_summary, fin_intent, ...input } = req.body;
    const call = await createCall(ctx(req), input, baseUrl(req), external_call_id === undefined ? undefined : (t, k) => matchFinVoiceCall(t, external_call_id, k.id, { summary: fin_summary, intent: fin_intent }));
    return reply.code(201).send(presentCall(call, baseUrl(req)));
  });
}
