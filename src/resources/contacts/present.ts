// Contact rows → Intercom JSON. presentContacts loads the tags / notes / companies summaries and the
// subscription choices of a whole page in one query each (never per row); companies, search and visitors
// present contacts through it.
import type { Selectable } from "kysely";
import type { ContactsTable } from "../../db/types.js";
import type { Ctx } from "../../platform/http.js";
import { since } from "../../platform/since.js";
import type { ContactRow, SocialProfile } from "./service.js";
import { formattedPhone } from "./phone.js";
import { parseJson } from "../../platform/json.js";

/** How many items a summary (tags, notes, companies) carries inline; the rest is behind its url. */
export const SUMMARY_LIMIT = 10;

interface SummaryItem {
  contact_id: string;
  id: string;
  total: number;
}

type Summaries = Map<string, { items: string[]; total: number }>;

function collect(rows: SummaryItem[]): Summaries {
  const out: Summaries = new Map();
  for (const r of rows) {
    let s = out.get(r.contact_id);
    if (!s) out.set(r.contact_id, (s = { items: [], total: Number(r.total) }));
    s.items.push(String(r.id));
  }
  return out;
}

/**
 * The first SUMMARY_LIMIT linked ids per contact, with the total per contact, in one query:
 * row_number() / count() windows partitioned by contact (standard SQL on both stores).
 */
async function firstLinks(
  c: Ctx,
  table: "contact_tags" | "notes" | "contact_companies",
  idColumn: "tag_id" | "id" | "company_id",
  dir: "asc" | "desc",
  contactIds: string[],
): Promise<Summaries> {
  if (contactIds.length === 0) return new Map();
  const db = c.db as unknown as import("kysely").Kysely<Record<string, Record<string, unknown>>>;
  const inner = db
    .selectFrom(table)
    .select((eb) => [
      eb.ref("contact_id").as("contact_id"),
      eb.ref(idColumn).as("id"),
      eb.fn.agg<number>("row_number").over((ob) => ob.partitionBy("contact_id").orderBy("created_at", dir).orderBy(idColumn, dir)).as("rn"),
      eb.fn.countAll<number>().over((ob) => ob.partitionBy("contact_id")).as("total"),
    ])
    .where("workspace_id", "=", c.wsId)
    .where("contact_id", "in", contactIds);
  const rows = await db
    .selectFrom(inner.as("x"))
    .select(["x.contact_id", "x.id", "x.total"])
    .where("x.rn", "<=", SUMMARY_LIMIT)
    .orderBy("x.contact_id")
    .orderBy("x.rn")
    .execute();
  return collect(rows as unknown as SummaryItem[]);
}

function summary(contactId: string, what: "tags" | "notes" | "companies", itemType: string, s: { items: string[]; total: number } | undefined) {
  const items = s?.items ?? [];
  const total = s?.total ?? 0;
  return {
    type: "list",
    data: items.map((id) => ({ type: itemType, id, url: `/${what}/${id}` })),
    url: `/contacts/${contactId}/${what}`,
    total_count: total,
    has_more: total > items.length,
  };
}


/** Each contact's explicit subscription choices, opted in and opted out, in one query. */
async function subscriptionChoices(c: Ctx, contactIds: string[]): Promise<Map<string, { opt_in: string[]; opt_out: string[] }>> {
  const out = new Map<string, { opt_in: string[]; opt_out: string[] }>();
  if (contactIds.length === 0) return out;
  const rows = await c.db
    .selectFrom("contact_subscriptions")
    .select(["contact_id", "subscription_type_id", "consent_type"])
    .where("workspace_id", "=", c.wsId)
    .where("contact_id", "in", contactIds)
    .orderBy("contact_id")
    .orderBy("subscription_type_id")
    .execute();
  for (const r of rows) {
    const choices = out.get(r.contact_id) ?? { opt_in: [], opt_out: [] };
    (r.consent_type === "opt_in" ? choices.opt_in : choices.opt_out).push(String(r.subscription_type_id));
    out.set(r.contact_id, choices);
  }
  return out;
}

/** The opted_in / opted_out_subscription_types lists the contract's examples show on a contact. */
function subscriptionList(contactId: string, ids: string[] = []) {
  return {
    type: "list",
    data: ids.map((id) => ({ type: "subscription", id, url: `/subscriptions/${id}` })),
    url: `/contacts/${contactId}/subscriptions`,
    total_count: ids.length,
    has_more: false,
  };
}

type Choices = { opt_in: string[]; opt_out: string[] } | undefined;

/** The full contact object (2.14/Unstable shape; views prune per version). */
function contactJson(c: Ctx, row: ContactRow, tags: ReturnType<typeof summary>, notes: ReturnType<typeof summary>, companies: ReturnType<typeof summary>, choices: Choices) {
  const email = row.email ?? "";
  const at = email.lastIndexOf("@");
  const profiles = parseJson<SocialProfile[]>(row.social_profiles, []);
  return {
    type: "contact",
    id: row.id,
    workspace_id: c.wsId,
    external_id: row.external_id,
    role: row.role,
    email,
    email_domain: at >= 0 ? email.slice(at + 1) : "",
    phone: row.phone,
    formatted_phone: formattedPhone(row.phone),
    name: row.name,
    avatar: row.avatar ? { type: "avatar", image_url: row.avatar } : null,
    // 2.16 and later describe owner_id as a string
    owner_id: row.owner_id === null ? null : since(c.version, "contactOwnerIdString") ? String(row.owner_id) : Number(row.owner_id),
    social_profiles: { type: "list", data: profiles.map((p) => ({ type: "social_profile", name: p.name, url: p.url })) },
    has_hard_bounced: !!row.has_hard_bounced,
    marked_email_as_spam: !!row.marked_email_as_spam,
    unsubscribed_from_emails: !!row.unsubscribed_from_emails,
    created_at: row.created_at,
    updated_at: row.updated_at,
    signed_up_at: row.signed_up_at,
    last_seen_at: row.last_seen_at,
    last_replied_at: row.last_replied_at,
    last_contacted_at: row.last_contacted_at,
    last_email_opened_at: row.last_email_opened_at,
    last_email_clicked_at: row.last_email_clicked_at,
    language_override: row.language_override,
    browser: row.browser,
    browser_version: row.browser_version,
    browser_language: row.browser_language,
    os: row.os,
    location: { type: "location", country: row.location_country, region: row.location_region, city: row.location_city },
    android_app_name: row.android_app_name,
    android_app_version: row.android_app_version,
    android_device: row.android_device,
    android_os_version: row.android_os_version,
    android_sdk_version: row.android_sdk_version,
    android_last_seen_at: row.android_last_seen_at,
    ios_app_name: row.ios_app_name,
    ios_app_version: row.ios_app_version,
    ios_device: row.ios_device,
    ios_os_version: row.ios_os_version,
    ios_sdk_version: row.ios_sdk_version,
    ios_last_seen_at: row.ios_last_seen_at,
    custom_attributes: parseJson<Record<string, unknown>>(row.custom_attributes, {}),
    tags,
    notes,
    companies,
    opted_out_subscription_types: subscriptionList(row.id, choices?.opt_out),
    opted_in_subscription_types: subscriptionList(row.id, choices?.opt_in),
    // attribution of a Messenger visit, and push: opencom has no Messenger, so none is known
    utm_campaign: null,
    utm_content: null,
    utm_medium: null,
    utm_source: null,
    utm_term: null,
    referrer: null,
    enabled_push_messaging: null,
  };
}

export type ContactJson = ReturnType<typeof contactJson> & { merge_history?: unknown[] };

/** Presents many contacts: four queries for all their summaries, whatever the number of rows. */
export async function presentContacts(c: Ctx, rows: ContactRow[]): Promise<ContactJson[]> {
  const ids = rows.map((r) => r.id);
  const [tags, notes, companies, choices] = await Promise.all([
    firstLinks(c, "contact_tags", "tag_id", "asc", ids),
    firstLinks(c, "notes", "id", "desc", ids),
    firstLinks(c, "contact_companies", "company_id", "asc", ids),
    subscriptionChoices(c, ids),
  ]);
  return rows.map((r) =>
    contactJson(
      c,
      r,
      summary(r.id, "tags", "tag", tags.get(r.id)),
      summary(r.id, "notes", "note", notes.get(r.id)),
      summary(r.id, "companies", "company", companies.get(r.id)),
      choices.get(r.id),
    ),
  );
}

export async function presentContact(c: Ctx, row: ContactRow): Promise<ContactJson> {
  return (await presentContacts(c, [row]))[0];
}

/** The reference objects that delete / archive / unarchive / block answer with. */
export function contactReference(row: Pick<ContactRow, "id" | "external_id">) {
  return { type: "contact" as const, id: row.id, external_id: row.external_id };
}
