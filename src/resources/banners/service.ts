// Banners: made through opencom's own API (POST /_opencom/banners; Intercom's teammates make them in its
// UI), listed for a contact (GET /contacts/{id}/banners, 2.16+) and dismissed by the contact's view
// (POST /contacts/{id}/banners/{view_id}/dismiss).
//
// - A banner targets every contact, the contacts of one role (`user` / `lead`), or one contact.
// - Listing a contact's banners is an impression: the contact's view of each matching banner is made the
//   first time (one per banner and contact, a unique index: concurrent lists make one) and its impression
//   count moves. A dismissed view is no longer listed; dismissing again answers the same (idempotent).
// - At most MAX_BANNERS live banners per workspace, so a list is bounded.
import type { Ctx } from "../../platform/http.js";
import { invalidParam, notFound } from "../../platform/errors.js";
import { parseNumericId } from "../../platform/ids.js";
import { toStoredHtml } from "../../platform/html.js";
import { inTransaction } from "../../platform/writes.js";
import type { Selectable } from "kysely";
import type { BannersTable, BannerViewsTable } from "../../db/tables/people-extras.js";
import { getContactRow } from "../contacts/service.js";
import type { BannerAction, BannerInput } from "./schemas.js";

export type BannerRow = Selectable<BannersTable>;
export type BannerViewRow = Selectable<BannerViewsTable>;

export const MAX_BANNERS = 100;
export const STYLES = ["inline", "floating"] as const;
export const POSITIONS = ["top", "bottom"] as const;
export const ACTION_TYPES = ["url", "reaction", "email_collector", "product_tour"] as const;

const bannerNotFound = () => notFound("Resource Not Found", "not_found");

/** The action as stored: only the fields its type has. */
function actionJson(a: BannerAction): string {
  if (!(ACTION_TYPES as readonly string[]).includes(a.type)) throw invalidParam("action.type", "action.type must be url, reaction, email_collector or product_tour");
  if (a.type === "url") {
    if (!a.target) throw invalidParam("action.target", "a url action needs a target");
    return JSON.stringify({ type: "url", label: a.label ?? null, target: a.target });
  }
  if (a.type === "reaction") {
    const set = (a.reaction_set ?? []).map((r, i) => ({ index: r.index ?? i, unicode_emoticon: r.unicode_emoticon ?? "" }));
    if (set.length === 0 || set.some((r) => r.unicode_emoticon === "")) throw invalidParam("action.reaction_set", "a reaction action needs a reaction_set of emoji");
    return JSON.stringify({ type: "reaction", reaction_set: set });
  }
  if (a.type === "product_tour") return JSON.stringify({ type: "product_tour", tour_id: a.tour_id ?? null, tour_url: a.tour_url ?? null });
  return JSON.stringify({ type: "email_collector" });
}

export async function createBanner(c: Ctx, input: BannerInput): Promise<BannerRow> {
  const style = input.style ?? "inline";
  if (!(STYLES as readonly string[]).includes(style)) throw invalidParam("style", "style must be inline or floating");
  const position = input.position ?? "top";
  if (!(POSITIONS as readonly string[]).includes(position)) throw invalidParam("position", "position must be top or bottom");
  const role = input.target_role ?? null;
  if (role !== null && role !== "user" && role !== "lead") throw invalidParam("target_role", "target_role must be user or lead");
  const contactId = input.target_contact_id ?? null;
  if (contactId !== null) await getContactRow(c, contactId).catch(() => Promise.reject(invalidParam("target_contact_id", `target_contact_id ${contactId} is not a contact of this workspace`)));
  const title = input.title ?? null;
  const body = input.body === undefined || input.body === null || input.body.trim() === "" ? null : toStoredHtml(input.body);
  if ((title === null || title.trim() === "") && body === null) throw invalidParam("body", "a banner needs a title or a body");
  return inTransaction(c, async (t) => {
    const live = await t.db.selectFrom("banners").select((eb) => eb.fn.countAll<number>().as("n")).where("workspace_id", "=", t.wsId).where("deleted_at", "is", null).executeTakeFirstOrThrow();
    if (Number(live.n) >= MAX_BANNERS) throw invalidParam("banners", `a workspace has at most ${MAX_BANNERS} live banners`);
    return t.db
      .insertInto("banners")
      .values({
        workspace_id: t.wsId,
        title,
        body,
        style,
        position,
        show_dismiss_button: input.show_dismiss_button === false ? 0 : 1,
        action: input.action ? actionJson(input.action) : null,
        target_role: role,
        target_contact_id: contactId,
        deleted_at: null,
        created_at: t.now(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

/** The workspace's live banners, oldest first (at most MAX_BANNERS). */
export async function listBanners(c: Ctx): Promise<BannerRow[]> {
  return c.db.selectFrom("banners").selectAll().where("workspace_id", "=", c.wsId).where("deleted_at", "is", null).orderBy("id").limit(MAX_BANNERS).execute();
}

/** Soft delete: the banner is no longer listed for anyone; a second delete is a 404. */
export async function deleteBanner(c: Ctx, rawId: string): Promise<BannerRow> {
  const id = parseNumericId(rawId);
  if (id === null) throw bannerNotFound();
  const row = await c.db
    .updateTable("banners")
    .set({ deleted_at: c.now() })
    .where("workspace_id", "=", c.wsId)
    .where("id", "=", id)
    .where("deleted_at", "is", null)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw bannerNotFound();
  return row;
}

/** GET /contacts/{id}/banners: the banners the contact matches and has not dismissed, each with its view (an impression is recorded). */
export async function bannersForContact(c: Ctx, contactId: string): Promise<Array<{ banner: BannerRow; view: BannerViewRow }>> {
  const contact = await getContactRow(c, contactId);
  return inTransaction(c, async (t) => {
    const banners = await t.db
      .selectFrom("banners")
      .selectAll()
      .where("workspace_id", "=", t.wsId)
      .where("deleted_at", "is", null)
      .where((eb) => eb.or([eb("target_role", "is", null), eb("target_role", "=", contact.role)]))
      .where((eb) => eb.or([eb("target_contact_id", "is", null), eb("target_contact_id", "=", contact.id)]))
      .orderBy("id")
      .limit(MAX_BANNERS)
      .execute();
    if (banners.length === 0) return [];
    const now = t.now();
    const ids = banners.map((b) => b.id);
    await t.db
      .insertInto("banner_views")
      .values(banners.map((b) => ({ workspace_id: t.wsId, banner_id: b.id, contact_id: contact.id, impressions: 0, last_shown_at: now, dismissed_at: null, created_at: now })))
      .onConflict((oc) => oc.columns(["contact_id", "banner_id"]).doNothing())
      .execute();
    const views = await t.db
      .updateTable("banner_views")
      .set((eb) => ({ impressions: eb("impressions", "+", 1), last_shown_at: now }))
      .where("workspace_id", "=", t.wsId)
      .where("contact_id", "=", contact.id)
      .where("banner_id", "in", ids)
      .where("dismissed_at", "is", null)
      .returningAll()
      .execute();
    const byBanner = new Map(views.map((v) => [Number(v.banner_id), v]));
    return banners.flatMap((banner) => {
      const view = byBanner.get(Number(banner.id));
      return view ? [{ banner, view }] : [];
    });
  });
}

/** POST /contacts/{id}/banners/{view_id}/dismiss: idempotent. */
export async function dismissBanner(c: Ctx, contactId: string, rawViewId: string): Promise<BannerViewRow> {
  const contact = await getContactRow(c, contactId);
  const viewId = parseNumericId(rawViewId);
  if (viewId === null) throw bannerNotFound();
  const dismissed = await c.db
    .updateTable("banner_views")
    .set({ dismissed_at: c.now() })
    .where("workspace_id", "=", c.wsId)
    .where("contact_id", "=", contact.id)
    .where("id", "=", viewId)
    .where("dismissed_at", "is", null)
    .returningAll()
    .executeTakeFirst();
  if (dismissed) return dismissed;
  const view = await c.db.selectFrom("banner_views").selectAll().where("workspace_id", "=", c.wsId).where("contact_id", "=", contact.id).where("id", "=", viewId).executeTakeFirst();
  if (!view) throw bannerNotFound();
  return view;
}
