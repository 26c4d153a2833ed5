// Request shapes of POST /contacts, PUT /contacts/{id} and POST /contacts/merge: the routes validate with
// them, the service is typed by them (types are checked here; the rules by the service).
import { Type, type Static } from "typebox";
import { Nullable, Timestamp } from "../../platform/schema.js";

const SocialProfileBody = Type.Object({ name: Type.String(), url: Type.String() });
export type SocialProfile = Static<typeof SocialProfileBody>;

/** The body of a create or update: Intercom's fields, then those opencom also lets a client set. */
export const ContactBody = Type.Object({
  role: Type.Optional(Type.String()),
  external_id: Nullable(Type.Union([Type.String(), Type.Integer()])),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  name: Nullable(Type.String()),
  avatar: Nullable(Type.String()),
  signed_up_at: Nullable(Timestamp),
  last_seen_at: Nullable(Timestamp),
  owner_id: Nullable(Type.Union([Type.Integer(), Type.String()])),
  unsubscribed_from_emails: Nullable(Type.Boolean()),
  language_override: Nullable(Type.String()),
  email_verified: Nullable(Type.Boolean()),
  custom_attributes: Nullable(Type.Record(Type.String(), Type.Unknown())),
  // Fields Intercom itself fills from the Messenger and email events. opencom lets a create or update
  // set them, so that test data can be shaped without a Messenger.
  has_hard_bounced: Nullable(Type.Boolean()),
  marked_email_as_spam: Nullable(Type.Boolean()),
  last_replied_at: Nullable(Timestamp),
  last_contacted_at: Nullable(Timestamp),
  last_email_opened_at: Nullable(Timestamp),
  last_email_clicked_at: Nullable(Timestamp),
  browser: Nullable(Type.String()),
  browser_version: Nullable(Type.String()),
  browser_language: Nullable(Type.String()),
  os: Nullable(Type.String()),
  android_app_name: Nullable(Type.String()),
  android_app_version: Nullable(Type.String()),
  android_device: Nullable(Type.String()),
  android_os_version: Nullable(Type.String()),
  android_sdk_version: Nullable(Type.String()),
  android_last_seen_at: Nullable(Timestamp),
  ios_app_name: Nullable(Type.String()),
  ios_app_version: Nullable(Type.String()),
  ios_device: Nullable(Type.String()),
  ios_os_version: Nullable(Type.String()),
  ios_sdk_version: Nullable(Type.String()),
  ios_last_seen_at: Nullable(Timestamp),
  location: Nullable(Type.Object({ country: Nullable(Type.String()), region: Nullable(Type.String()), city: Nullable(Type.String()) })),
  social_profiles: Nullable(
    Type.Union([
      Type.Array(SocialProfileBody),
      Type.Object({ data: Type.Optional(Type.Array(SocialProfileBody)) }),
    ]),
  ),
});
/** A contact as a create or update describes it (also what bulk jobs and visitor conversions pass). */
export type ContactInput = Static<typeof ContactBody>;

export const MergeBody = Type.Object({
  from: Type.String(),
  into: Type.String(),
  /** 2.16+: merge even when the two share neither email nor phone */
  skip_duplicate_validation: Type.Optional(Type.Boolean()),
});
export type MergeInput = Static<typeof MergeBody>;
