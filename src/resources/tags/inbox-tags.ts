// POST /conversations/{id}/tags, DELETE /conversations/{id}/tags/{tag_id}: tagging conversations
// (tickets are conversations too: their tag routes join these when tickets land).
import { Type } from "typebox";
import { sql } from "kysely";
import type { App, Ctx } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { notFound } from "../../platform/errors.js";
import { emitWebhook } from "../../platform/webhooks.js";
import { act, actingAdmin, getConversationRow, inTx } from "../conversations/service.js";
import { presentConversation } from "../conversations/present.js";
import { presentTag } from "./present.js";
import { tagNotApplied, tagToApply } from "./service.js";

const conversationNotFound = () => notFound("Conversation not found", "not_found");


async function conversation(c: Ctx, raw: string) {
  try {
    return await getConversationRow(c, raw);
  } catch {
    throw conversationNotFound();
  }
}

const Any = Type.Optional(Type.Union([Type.String(), Type.Integer()]));

export default async function routes(app: App) {
  app.post(
    "/conversations/:conversation_id/tags",
    { schema: { params: Type.Object({ conversation_id: Type.String() }), body: Type.Optional(Type.Object({ id: Any, admin_id: Any })) } },
    async (req) => {
      const c = ctx(req);
      const body = req.body ?? {};
      const admin = await actingAdmin(c, body.admin_id);
      const conv0 = await conversation(c, req.params.conversation_id);
      const tag = await tagToApply(c, body.id);
      let applied = { applied_at: c.now(), admin_id: admin.id as number | null };
      await act(c, async (t, tx) => {
        const inserted = await tx
          .insertInto("conversation_tags")
          .values({ workspace_id: t.wsId, conversation_id: conv0.id, tag_id: tag.id, admin_id: admin.id, applied_at: t.now() })
          .onConflict((oc) => oc.doNothing())
          .returning("applied_at")
          .executeTakeFirst();
        if (!inserted) {
          const link = await tx.selectFrom("conversation_tags").select(["applied_at", "admin_id"]).where("conversation_id", "=", conv0.id).where("tag_id", "=", tag.id).executeTakeFirst();
          if (link) applied = link;
          return conv0;
        }
        const conv = await tx
          .updateTable("conversations")
          .set({ updated_at: sql<number>`case when updated_at > ${t.now()} then updated_at else ${t.now()} end` })
          .where("id", "=", conv0.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        const item = await presentConversation(inTx(t, tx), conv, { parts: false });
        await emitWebhook(tx, t.wsId, { topic: "conversation_part.tag.created", schema: "conversation", item });
        return conv;
      });
      return presentTag(tag, applied, c.version);
    },
  );

  app.delete(
    "/conversations/:conversation_id/tags/:tag_id",
    { schema: { params: Type.Object({ conversation_id: Type.String(), tag_id: Type.String() }), body: Type.Optional(Type.Object({ admin_id: Any })) } },
    async (req) => {
      const c = ctx(req);
      const body = req.body ?? {};
      await actingAdmin(c, body.admin_id);
      const conv0 = await conversation(c, req.params.conversation_id);
      const tag = await tagToApply(c, req.params.tag_id);
      const link = await c.db.selectFrom("conversation_tags").select(["applied_at", "admin_id"]).where("conversation_id", "=", conv0.id).where("tag_id", "=", tag.id).executeTakeFirst();
      if (!link) throw tagNotApplied();
      await c.db.deleteFrom("conversation_tags").where("conversation_id", "=", conv0.id).where("tag_id", "=", tag.id).execute();
      return presentTag(tag, link, c.version);
    },
  );
}
