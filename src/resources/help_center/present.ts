// Help center, collection and section rows → Intercom JSON.
import type { Ctx } from "../../platform/http.js";
import { DEFAULT_LOCALE, helpCenterUrl, slug } from "./locales.js";
import { groupKind, type CollectionRow, type HelpCenterRow } from "./service.js";

export function presentHelpCenter(h: HelpCenterRow) {
  return {
    id: String(h.id),
    workspace_id: h.workspace_id,
    created_at: h.created_at,
    updated_at: h.updated_at,
    identifier: h.identifier,
    website_turned_on: h.website_turned_on === 1,
    display_name: h.display_name,
    url: helpCenterUrl(h.identifier),
    custom_domain: h.custom_domain,
  };
}

function groupTranslatedContent(row: CollectionRow) {
  const others = JSON.parse(row.translated_content) as Record<string, { name: string; description: string }>;
  const out: Record<string, unknown> = {
    type: "group_translated_content",
    [DEFAULT_LOCALE]: { type: "group_content", name: row.name, description: row.description ?? "" },
  };
  for (const [locale, v] of Object.entries(others)) out[locale] = { type: "group_content", name: v.name, description: v.description ?? "" };
  return out;
}

/** A collection (or a 2.7–2.9 section) as the request's version names it. */
export function presentGroup(c: Ctx, row: CollectionRow) {
  const kind = groupKind(c, row);
  const base = {
    type: kind,
    id: String(row.id),
    workspace_id: row.workspace_id,
    name: row.name,
    description: row.description ?? "",
    created_at: row.created_at,
    updated_at: row.updated_at,
    url: `${helpCenterUrl(row.workspace_id)}/${DEFAULT_LOCALE}/collections/${row.id}-${slug(row.name)}`,
    icon: row.icon,
    order: row.order_index,
    default_locale: DEFAULT_LOCALE,
    translated_content: groupTranslatedContent(row),
    help_center_id: row.help_center_id,
  };
  // 2.7–2.9 sections carry their collection's id as a number; later collections a string or null
  if (kind === "section") return { ...base, parent_id: row.parent_id };
  return { ...base, parent_id: row.parent_id === null ? null : String(row.parent_id) };
}

export const deletedObject = (id: number, object: string) => ({ id: String(id), object, deleted: true });
