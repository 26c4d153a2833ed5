// Request shapes of PUT /visitors, POST /visitors/convert and opencom's POST /_opencom/visitors
// (src/resources/opencom/visitors.ts): the routes validate with them, the service is typed by them.
import { Type, type Static } from "typebox";
import { Nullable, Timestamp } from "../../platform/schema.js";

/** What location_data may hold (all text). */
export const LOCATION_FIELDS = ["city_name", "continent_code", "country_code", "country_name", "postal_code", "region_name", "timezone"] as const;

const Text = Nullable(Type.String());

/** A visitor's writable fields. */
const visitorFields = {
  email: Text,
  phone: Text,
  name: Text,
  pseudonym: Text,
  avatar: Text,
  owner_id: Nullable(Type.Union([Type.Integer(), Type.String()])),
  unsubscribed_from_emails: Nullable(Type.Boolean()),
  marked_email_as_spam: Nullable(Type.Boolean()),
  has_hard_bounced: Nullable(Type.Boolean()),
  do_not_track: Nullable(Type.Boolean()),
  session_count: Nullable(Type.Integer({ minimum: 0 })),
  signed_up_at: Nullable(Timestamp),
  last_request_at: Nullable(Timestamp),
  location_data: Nullable(Type.Object(Object.fromEntries(LOCATION_FIELDS.map((f) => [f, Text])), { additionalProperties: false })),
  referrer: Text,
  utm_campaign: Text,
  utm_content: Text,
  utm_medium: Text,
  utm_source: Text,
  utm_term: Text,
  custom_attributes: Nullable(Type.Record(Type.String(), Type.Unknown())),
};

/** opencom's POST /_opencom/visitors: a visitor's fields and, optionally, its user_id. */
export const VisitorBody = Type.Object({ user_id: Type.Optional(Type.String()), ...visitorFields });
export type VisitorInput = Static<typeof VisitorBody>;

/** PUT /visitors: the visitor is found by id or user_id, then the fields sent are applied. */
export const VisitorUpdateBody = Type.Object({ id: Type.Optional(Type.String()), user_id: Type.Optional(Type.String()), ...visitorFields });
export type VisitorUpdateInput = Static<typeof VisitorUpdateBody>;

const Ref = Type.Object({ id: Type.Optional(Type.String()), user_id: Type.Optional(Type.String()), email: Type.Optional(Type.String()) });
export const ConvertBody = Type.Object({ type: Type.Optional(Type.String()), user: Nullable(Ref), visitor: Nullable(Ref) });
export type ConvertInput = Static<typeof ConvertBody>;
