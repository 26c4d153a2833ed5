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

const Id = Type.Object({ id: Type.String({ maxLength: 40 }) });
const ListQuery = Type.Object({ page: Type.Optional(Type.Integer()), per_page: Type.Optional(Type.Integer()), starting_after: Type.Optional(Type.String({ maxLength: 200 })) });
// conversation_ids is checked by the service: a missing, empty or too long list is Intercom's 400 conversation_id_limit_exceeded
const SearchBody = Type.Object({ conversation_ids: Type.Optional(Type.Array(Type.Union([Type.String({ maxLength: 40 }), Type.Integer()]), { maxItems: 1000 })) });

const Seconds = Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]);
const Text = (max = 255) => Type.Union([Type.String({ maxLength: max }), Type.Null()]);
const NewCallBody = Type.Object(
  {
    direction: Type.Optional(Type.Union([Type.Literal("inbound"), Type.Literal("outbound")])),
    state: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    call_type: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    phone: Type.Optional(Text(20)),
    admin_id: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Integer(), Type.Null()])),
    contact_id: Type.Optional(Text(40)),
    conversation_id: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Integer(), Type.Null()])),
    initiated_at: Type.Optional(Seconds),
    answered_at: Type.Optional(Seconds),
    ended_at: Type.Optional(Seconds),
    ended_reason: Type.Optional(Text(100)),
    queue_time: Type.Optional(Seconds),
    hold_time: Type.Optional(Seconds),
    recording_url: Type.Optional(Type.Union([Type.String({ maxLength: 2048, pattern: "^https?://" }), Type.Null()])),
    transcript: Type.Optional(
      Type.Union([
        Type.Array(Type.Object({ offset: Type.Integer({ minimum: 0 }), speaker: Type.String({ minLength: 1, maxLength: 100 }), text: Type.String({ maxLength: 10_000 }) }, { additionalProperties: false }), { maxItems: 1000 }),
        Type.Null(),
      ]),
    ),
    // Fin Voice: the external call id a provider registered (POST /fin_voice/register); the call matches it
    external_call_id: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
    fin_summary: Type.Optional(Type.String({ maxLength: 10_000 })),
    fin_intent: Type.Optional(Type.Array(Type.Object({}, { additionalProperties: true }), { maxItems: 100 })),
  },
  { additionalProperties: false },
);

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
