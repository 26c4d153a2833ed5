// Banner rows → Intercom JSON (banner, banner_dismiss), and opencom's own view of a banner.
import type { BannerRow, BannerViewRow } from "./service.js";

/** A banner as a contact sees it: `created_at` is when the contact's view was made. */
export function presentBanner(banner: BannerRow, view: BannerViewRow) {
  return {
    type: "banner",
    id: String(banner.id),
    view_id: String(view.id),
    title: banner.title,
    body: banner.body,
    style: banner.style,
    position: banner.position,
    show_dismiss_button: banner.show_dismiss_button === 1,
    action: banner.action === null ? null : (JSON.parse(banner.action) as Record<string, unknown>),
    client_targeting: null,
    created_at: Number(view.created_at),
  };
}

export function presentDismiss(view: BannerViewRow) {
  return { type: "banner_dismiss", view_id: String(view.id), dismissed: true };
}

/** GET|POST /_opencom/banners: the banner with its targeting. */
export function presentBannerDefinition(b: BannerRow) {
  return {
    type: "banner",
    id: String(b.id),
    title: b.title,
    body: b.body,
    style: b.style,
    position: b.position,
    show_dismiss_button: b.show_dismiss_button === 1,
    action: b.action === null ? null : (JSON.parse(b.action) as Record<string, unknown>),
    target_role: b.target_role,
    target_contact_id: b.target_contact_id,
    created_at: Number(b.created_at),
  };
}
