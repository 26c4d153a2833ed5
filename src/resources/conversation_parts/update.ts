// PUT /conversations/{conversation_id}/conversation_parts/{id} (Unstable, experimental): records the send
// state of an external reply (`send_state` with `info_message`) or that an admin has seen a part (`seen:
// true` with `admin_id`). The description requires `experimental: true` and an HMAC `secret` besides the
// token: opencom's secret is the workspace's client_secret (the key it signs webhooks with, shown by
// GET /_opencom/workspace); another secret is a 403. The part answers with `external_reply_send_state` and
// `seen_state` as recorded (conversation_part_states), its updated_at moved to now.
import { timingSafeEqual } from "node:crypto";
import { Type, type Static } from "typebox";
import type { App, Ctx } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { ApiError, invalidParam, missingParam, notFound } from "../../platform/errors.js";
import { parseNumericId } from "../../platform/ids.js";
import { inTransaction } from "../../platform/writes.js";
import { actingAdmin, getConversationRow, type PartRow } from "../conversations/service.js";
import { presentPart } from "../conversations/present.js";

const IdValue = Type.Union([Type.String({ maxLength: 32 }), Type.Integer()]);
const Body = Type.Object({
  send_state: Type.Optional(Type.String({ maxLength: 64 })),
  info_message: Type.Optional(Type.String({ maxLength: 1000 })),
  seen: Type.Optional(Type.Boolean()),
  admin_id: Type.Optional(IdValue),
  experimental: Type.Optional(Type.Boolean()),
  secret: Type.Optional(Type.String({ maxLength: 255 })),
});
type Input = Static<typeof Body>;

const forbidden = () => new ApiError(403, "forbidden", "Forbidden request");
const partNotFound = () => notFound("Resource Not Found", "not_found");

function sameSecret(given: string, expected: string | null): boolean {
  if (!expected) return false;
  const a = Buffer.from(given, "utf8");
  const b = Buffer.from(expected, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function updateConversationPart(c: Ctx, conversationId: string, rawPartId: string, input: Input): Promise<PartRow & { send_state: string | null; seen: boolean }> {
  if (input.experimental === undefined) throw missingParam("experimental", "experimental is required");
  if (input.experimental !== true) throw invalidParam("experimental", "experimental must be true to use this endpoint");
  if (input.secret === undefined || input.secret === "") throw missingParam("secret", "secret is required");
  if (!sameSecret(input.secret, c.ws.client_secret)) throw forbidden();

  const wantsSendState = input.send_state !== undefined;
  const wantsSeen = input.seen !== undefined || input.admin_id !== undefined;
  if (!wantsSendState && !wantsSeen) throw missingParam("send_state", "send_state (with info_message) or seen (with admin_id) is required");
  if (wantsSendState) {
    if (input.send_state!.trim() === "") throw invalidParam("send_state", "send_state must not be blank");
    if (input.info_message === undefined) throw missingParam("info_message", "info_message is required with send_state");
  }
  let adminId: number | null = null;
  if (wantsSeen) {
    if (input.seen === undefined) throw missingParam("seen", "seen is required with admin_id");
    if (input.seen !== true) throw invalidParam("seen", "seen can only be set to true");
    adminId = (await actingAdmin(c, input.admin_id)).id;
  }

  const conv = await getConversationRow(c, conversationId);
  const partId = parseNumericId(rawPartId);
  if (partId === null) throw partNotFound();

  return inTransaction(c, async (t) => {
    const now = t.now();
    const part = await t.db
      .updateTable("conversation_parts")
      .set((eb) => ({ updated_at: eb.case().when("updated_at", ">", now).then(eb.ref("updated_at")).else(now).end() }))
      .where("workspace_id", "=", t.wsId)
      .where("conversation_id", "=", conv.id)
      .where("id", "=", partId)
      .returningAll()
      .executeTakeFirst();
    if (!part) throw partNotFound();
    if (wantsSendState && part.part_type !== "comment") throw invalidParam("send_state", "only a reply (a comment part) has a send state");
    const patch = {
      ...(wantsSendState ? { send_state: input.send_state!, info_message: input.info_message! } : {}),
      ...(adminId !== null ? { seen_by_admin_id: adminId, seen_at: now } : {}),
      updated_at: now,
    };
    await t.db
      .insertInto("conversation_part_states")
      .values({ part_id: part.id, workspace_id: t.wsId, send_state: null, info_message: null, seen_by_admin_id: null, seen_at: null, ...patch })
      .onConflict((oc) => oc.column("part_id").doUpdateSet(patch))
      .execute();
    const state = await t.db.selectFrom("conversation_part_states").selectAll().where("part_id", "=", part.id).executeTakeFirstOrThrow();
    return { ...part, send_state: state.send_state, seen: state.seen_at !== null };
  });
}

export default async function routes(app: App) {
  app.put(
    "/conversations/:conversation_id/conversation_parts/:part_id",
    { schema: { params: Type.Object({ conversation_id: Type.String({ maxLength: 32 }), part_id: Type.String({ maxLength: 32 }) }), body: Body } },
    async (req) => {
      const c = ctx(req);
      const { send_state, seen, ...part } = await updateConversationPart(c, req.params.conversation_id, req.params.part_id, req.body);
      return {
        ...(await presentPart(c, part)),
        ...(send_state !== null ? { external_reply_send_state: send_state } : {}),
        ...(seen ? { seen_state: { admin_seen: true } } : {}),
      };
    },
  );
}
