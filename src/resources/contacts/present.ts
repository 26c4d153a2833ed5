// Contact rows → Intercom JSON. presentContacts loads the tags / notes / companies summaries and the
// subscription choices of a whole page in one query (never per row); companies, search and visitors
// present contacts through it.
import type { Selectable } from "kysely";
import { prepareOnPostgres, readRows } from "../../db/compiled.js";
import type { StoreKind } from "../../db/connection.js";
import type { ContactsTable } from "../../db/types.js";
import type { Ctx } from "../../platform/http.js";
import { since } from "../../platform/since.js";
import { findContactRow, type ContactRow, type SocialProfile } from "./service.js";
import { formattedPhone } from "./phone.js";
import { parseJson } from "../../platform/json.js";

/** How many items a summary (tags, notes, companies) carries inline; the rest is behind its url. */
export const SUMMARY_LIMIT = 10;

type Summaries = Map<string, { items: string[]; total: number }>;

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

type Links = { tags: Summaries; notes: Summaries; companies: Summaries; choices: Map<string, { opt_in: string[]; opt_out: string[] }> };

interface LinkRow {
  kind: "t" | "n" | "c" | "s";
  contact_id: string;
  id: string;
  total: number;
  consent: string | null;
  /** the order of the items: created_at (null for subscriptions), then the id as a number or as text */
  o_time: number | null;
  o_num: number | null;
  o_text: string | null;
}

/** What each kind links to: table, id column (numeric or text), order. */
const LINKS = [
  { kind: "t", table: "contact_tags", idColumn: "tag_id", numeric: true, dir: "asc" },
  { kind: "n", table: "notes", idColumn: "id", numeric: true, dir: "desc" },
  { kind: "c", table: "contact_companies", idColumn: "company_id", numeric: false, dir: "asc" },
] as const;

/**
 * The SQL of contactLinks for `n` contact ids, built once per store kind and n: the tags, notes and
 * companies summaries (first SUMMARY_LIMIT ids per contact and the total: by limit and count for one
 * contact, by row_number() / count() windows for a page, as windows cost SQLite far more than an index
 * range) and the subscription choices, as one UNION ALL. Rows come unordered, with their sort keys.
 */
const linksSqlCache = new Map<string, string>();
// typed nulls: PostgreSQL types a bare null in a subquery as text, which no UNION with a number accepts
const NULL_INT = "cast(null as bigint)";
const NULL_TEXT = "cast(null as text)";
export function linksSql(kind: StoreKind, n: number, byContact = false): string {
  const key = `${kind} ${n}${byContact ? " by contact" : ""}`;
  let text = linksSqlCache.get(key);
  if (text) return text;
  let i = 0;
  // byContact (PostgreSQL, one contact): $1 is the workspace and $2 the contact wherever they are used
  const param = () => (byContact ? `$${(i++ % 2) + 1}` : kind === "postgres" ? `$${++i}` : "?");
  // SQLite: `+workspace_id` keeps the planner off the workspace indexes (notes_ws_id): without statistics
  // for a table it took `workspace_id = ?` for selective and walked every note of the workspace to count
  // one contact's (50,000 notes: all read); by contact_id it reads that contact's rows only
  const ws = kind === "postgres" ? "workspace_id" : "+workspace_id";
  const where = () => `${ws} = ${param()} and contact_id in (${Array.from({ length: n }, param).join(", ")})`;
  const keys = (l: (typeof LINKS)[number]) =>
    `created_at as o_time, ${l.numeric ? l.idColumn : NULL_INT} as o_num, ${l.numeric ? NULL_TEXT : l.idColumn} as o_text`;
  const summary = (l: (typeof LINKS)[number]) =>
    n === 1
      ? `select * from (select '${l.kind}' as kind, contact_id, cast(${l.idColumn} as text) as id, ` +
        `(select count(*) from ${l.table} where ${where()}) as total, ${NULL_TEXT} as consent, ${keys(l)} ` +
        `from ${l.table} where ${where()} order by ${l.table}.created_at ${l.dir}, ${l.table}.${l.idColumn} ${l.dir} limit ${SUMMARY_LIMIT}) x${l.kind}`
      : `select '${l.kind}' as kind, contact_id, id, total, ${NULL_TEXT} as consent, o_time, o_num, o_text from (` +
        `select contact_id, cast(${l.idColumn} as text) as id, ${keys(l)}, ` +
        `row_number() over (partition by contact_id order by created_at ${l.dir}, ${l.idColumn} ${l.dir}) as rn, ` +
        `count(*) over (partition by contact_id) as total from ${l.table} where ${where()}) x${l.kind} where rn <= ${SUMMARY_LIMIT}`;
  text = [
    ...LINKS.map(summary),
    `select 's' as kind, contact_id, cast(subscription_type_id as text) as id, 0 as total, consent_type as consent, ` +
      `${NULL_INT} as o_time, subscription_type_id as o_num, ${NULL_TEXT} as o_text from contact_subscriptions where ${where()}`,
  ].join(" union all ");
  if (linksSqlCache.size < 1000) linksSqlCache.set(key, text);
  if (kind === "postgres" && !byContact) prepareOnPostgres(text);
  return text;
}

/**
 * PostgreSQL: one contact's row and its links in one statement, the links as a JSON array. Reading them
 * as two statements cost two round trips, each a socket write that wakes the other process: on a 2-core
 * machine that was most of a `GET /contacts/{id}` (see bench/README.md). SQLite has no round trip to
 * save: it reads them as two statements.
 */
const CONTACT_WITH_LINKS =
  `select contacts.*, (select coalesce(json_agg(l), '[]'::json) from (${linksSql("postgres", 1, true)}) l) as opencom_links ` +
  `from contacts where workspace_id = $1 and id = $2`;
prepareOnPostgres(CONTACT_WITH_LINKS);

const byKeys = (a: LinkRow, b: LinkRow) =>
  (a.o_time ?? 0) - (b.o_time ?? 0) || (a.o_num ?? 0) - (b.o_num ?? 0) || ((a.o_text ?? "") < (b.o_text ?? "") ? -1 : (a.o_text ?? "") > (b.o_text ?? "") ? 1 : 0);

/** Everything a page of contacts links to, in one statement whatever the number of rows. */
async function contactLinks(c: Ctx, contactIds: string[], read?: LinkRow[]): Promise<Links> {
  const out: Links = { tags: new Map(), notes: new Map(), companies: new Map(), choices: new Map() };
  if (contactIds.length === 0) return out;
  const params = [c.wsId, ...contactIds];
  // one contact: each summary binds the workspace and id twice (count and items); a page: once
  const times = contactIds.length === 1 ? 7 : 4;
  const found = read ?? (await readRows<LinkRow>(c.db, linksSql(c.kind, contactIds.length), Array.from({ length: times }, () => params).flat()));
  // at most SUMMARY_LIMIT rows per contact and summary, and the contact's subscription choices: sorted here
  const rows = [...found].sort(
    (a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) || (a.contact_id < b.contact_id ? -1 : a.contact_id > b.contact_id ? 1 : 0) || (a.kind === "n" ? byKeys(b, a) : byKeys(a, b)),
  );
  for (const r of rows) {
    if (r.kind === "s") {
      let choices = out.choices.get(r.contact_id);
      if (!choices) out.choices.set(r.contact_id, (choices = { opt_in: [], opt_out: [] }));
      (r.consent === "opt_in" ? choices.opt_in : choices.opt_out).push(String(r.id));
      continue;
    }
    const into = r.kind === "t" ? out.tags : r.kind === "n" ? out.notes : out.companies;
    let s = into.get(r.contact_id);
    if (!s) into.set(r.contact_id, (s = { items: [], total: Number(r.total) }));
    s.items.push(String(r.id));
  }
  return out;
}

/** Presents many contacts: one query for all their summaries and choices, whatever the number of rows. */
export async function presentContacts(c: Ctx, rows: ContactRow[], links?: LinkRow[]): Promise<ContactJson[]> {
  const { tags, notes, companies, choices } = await contactLinks(c, rows.map((r) => r.id), links);
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

/** A contact of the workspace by id, presented, with its row; null if there is none. */
export async function findPresentedContact(c: Ctx, id: string): Promise<{ row: ContactRow; json: ContactJson } | null> {
  if (c.kind !== "postgres") {
    const row = await findContactRow(c, id);
    return row ? { row, json: await presentContact(c, row) } : null;
  }
  const [found] = await readRows<ContactRow & { opencom_links: LinkRow[] }>(c.db, CONTACT_WITH_LINKS, [c.wsId, String(id)]);
  if (!found) return null;
  const { opencom_links: links, ...row } = found;
  return { row, json: (await presentContacts(c, [row], links))[0] };
}

/**
 * A contact created by this request, as it was created: nothing links to it yet (no tag, note, company or
 * subscription choice), so its summaries are empty without a statement.
 */
export function presentNewContact(c: Ctx, row: ContactRow): ContactJson {
  return contactJson(c, row, summary(row.id, "tags", "tag", undefined), summary(row.id, "notes", "note", undefined), summary(row.id, "companies", "company", undefined), undefined);
}

/** The reference objects that delete / archive / unarchive / block answer with. */
export function contactReference(row: Pick<ContactRow, "id" | "external_id">) {
  return { type: "contact" as const, id: row.id, external_id: row.external_id };
}
