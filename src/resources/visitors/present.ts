// Visitor rows → Intercom JSON.
import type { Selectable } from "kysely";
import type { VisitorsTable } from "../../db/types.js";
import type { VisitorRow } from "./service.js";
import { parseJson } from "../../platform/json.js";

const parse = parseJson;

/** The contract describes visitor custom attribute values as text: numbers and booleans are sent as text. */
function customAttributesJson(text: string): Record<string, string> {
  const attrs = parse<Record<string, unknown>>(text, {});
  return Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
}

export function presentVisitor(v: VisitorRow) {
  const location = parse<Record<string, string>>(v.location_data, {});
  return {
    type: "visitor",
    id: v.id,
    user_id: v.user_id,
    anonymous: v.email === null,
    email: v.email ?? "",
    phone: v.phone,
    name: v.name,
    pseudonym: v.pseudonym,
    avatar: { type: "avatar", image_url: v.avatar },
    app_id: v.workspace_id,
    companies: { type: "company.list", companies: [] as unknown[] },
    location_data: Object.keys(location).length ? { type: "location_data", ...location } : {},
    // the visitor schema spells this field "las_request_at"; its examples (and Intercom) say last_request_at
    ...(v.last_request_at === null ? {} : { las_request_at: v.last_request_at, last_request_at: v.last_request_at }),
    created_at: v.created_at,
    remote_created_at: v.created_at,
    signed_up_at: v.signed_up_at ?? v.created_at,
    updated_at: v.updated_at,
    session_count: v.session_count,
    social_profiles: { type: "social_profile.list", social_profiles: [] as string[] },
    owner_id: v.owner_id === null ? null : String(v.owner_id),
    unsubscribed_from_emails: !!v.unsubscribed_from_emails,
    marked_email_as_spam: !!v.marked_email_as_spam,
    has_hard_bounced: !!v.has_hard_bounced,
    tags: { type: "tag.list", tags: [] as unknown[] },
    segments: { type: "segment.list", segments: [] as string[] },
    custom_attributes: customAttributesJson(v.custom_attributes),
    referrer: v.referrer,
    utm_campaign: v.utm_campaign,
    utm_content: v.utm_content,
    utm_medium: v.utm_medium,
    utm_source: v.utm_source,
    utm_term: v.utm_term,
    do_not_track: v.do_not_track === null ? null : !!v.do_not_track,
  };
}
