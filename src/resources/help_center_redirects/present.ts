// Help center redirect rows → Intercom JSON.
import type { RedirectRow } from "./service.js";

export function presentRedirect(r: RedirectRow) {
  return {
    id: String(r.id),
    type: "help_center_redirect",
    from_url: r.from_url,
    locale: r.locale,
    help_center_id: String(r.help_center_id),
    target_type: r.target_type,
    target_id: String(r.target_id),
    created_at: Number(r.created_at),
    updated_at: Number(r.updated_at),
  };
}

export const deletedRedirect = (id: number) => ({ id: String(id), object: "help_center_redirect", deleted: true });
