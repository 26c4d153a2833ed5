// POST /tickets/{ticket_id}/tags, DELETE /tickets/{ticket_id}/tags/{id}: tagging tickets (2.10+), as
// conversations are tagged (inbox-tags.ts): the tag answered, with when and by whom it was applied.
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { inTransaction } from "../../platform/writes.js";
import { actingAdmin } from "../conversations/service.js";
import { getTicket, touchTicket } from "../tickets/service.js";
import { presentTag } from "./present.js";
import { tagNotApplied, tagToApply } from "./service.js";




const Any = Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Integer()]));

export default async function routes(app: App) {
  app.post("/tickets/:ticket_id/tags", { schema: { params: Type.Object({ ticket_id: Type.String() }), body: Type.Optional(Type.Object({ id: Any, admin_id: Any })) } }, async (req) => {
    const c = ctx(req);
    const body = req.body ?? {};
    const ticket = await getTicket(c, req.params.ticket_id);
    const admin = await actingAdmin(c, body.admin_id);
    const tag = await tagToApply(c, body.id);
    const applied = await inTransaction(c, async (t) => {
      const inserted = await t.db
        .insertInto("ticket_tags")
        .values({ workspace_id: t.wsId, ticket_id: Number(ticket.id), tag_id: Number(tag.id), admin_id: Number(admin.id), applied_at: t.now() })
        .onConflict((oc) => oc.doNothing())
        .returning(["applied_at", "admin_id"])
        .executeTakeFirst();
      if (inserted) {
        await touchTicket(t, Number(ticket.id));
        return inserted;
      }
      return (await t.db.selectFrom("ticket_tags").select(["applied_at", "admin_id"]).where("ticket_id", "=", Number(ticket.id)).where("tag_id", "=", Number(tag.id)).executeTakeFirst()) ?? { applied_at: t.now(), admin_id: Number(admin.id) };
    });
    return presentTag(tag, applied, c.version);
  });

  app.delete(
    "/tickets/:ticket_id/tags/:id",
    { schema: { params: Type.Object({ ticket_id: Type.String(), id: Type.String() }), body: Type.Optional(Type.Object({ admin_id: Any })) } },
    async (req) => {
      const c = ctx(req);
      const ticket = await getTicket(c, req.params.ticket_id);
      await actingAdmin(c, (req.body ?? {}).admin_id);
      const tag = await tagToApply(c, req.params.id);
      const link = await inTransaction(c, async (t) => {
        const removed = await t.db.deleteFrom("ticket_tags").where("ticket_id", "=", Number(ticket.id)).where("tag_id", "=", Number(tag.id)).returning(["applied_at", "admin_id"]).executeTakeFirst();
        if (!removed) throw tagNotApplied();
        await touchTicket(t, Number(ticket.id));
        return removed;
      });
      return presentTag(tag, link, c.version);
    },
  );
}
