// Visitors: anonymous people, found by user_id, updated, and converted into users or leads.
//
// - Intercom creates visitors from its Messenger only; opencom adds POST /_opencom/visitors. A visitor's
//   user_id is generated (a UUID) unless one is given, and is unique in the workspace (409).
// - PUT /visitors finds the visitor by id, else by user_id; when both are sent they must name the same
//   visitor. Besides Intercom's name and custom_attributes it accepts every field the create does.
// - Custom attributes of visitors are the workspace's contact attributes (a visitor becomes a contact).
// - POST /visitors/convert, type "user": the user named by user.id, else by user.user_id (external id),
//   else by user.email, else by the visitor's email, gets the visitor merged in (its empty fields take
//   the visitor's values, custom attributes it lacks are added, opt-outs carry over; its own identifiers
//   are retained) and the visitor is deleted. With no such user, a new user takes the visitor's data and
//   the user's identifiers. Type "lead": merged into the lead named by user.id, else into a new lead.
//   The whole conversion is one transaction.
import { randomInt, randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { VisitorsTable } from "../../db/types.js";
import type { Ctx } from "../../platform/http.js";
import { conflict, invalidParam, missingParam, notFound } from "../../platform/errors.js";
import { isUniqueViolation } from "../../platform/db-errors.js";
import { inTransaction, lockedRow } from "../../platform/writes.js";
import { hexId, nowSeconds } from "../../platform/ids.js";
import { findAdmin } from "../admins/service.js";
import { createContact, findContactRow, updateContact, userNotFound } from "../contacts/service.js";
import type { ContactInput } from "../contacts/schemas.js";
import type { ContactRow } from "../contacts/service.js";
import { checkCustomAttributes, customAttributeDefs, mergeCustomAttributes } from "../data_attributes/custom-attributes.js";
import type { Selectable } from "kysely";
import { emitVisitorSignedUp } from "./webhooks.js";
import { LOCATION_FIELDS, type ConvertInput, type VisitorInput, type VisitorUpdateInput } from "./schemas.js";

export type VisitorRow = Selectable<VisitorsTable>;

export const UTM_FIELDS = ["utm_campaign", "utm_content", "utm_medium", "utm_source", "utm_term"] as const;

export const visitorNotFound = () => notFound("Visitor Not Found", "not_found");


type VisitorPatch = Partial<Omit<VisitorsTable, "id" | "workspace_id" | "created_at">>;

const EMAIL = /^[^\s@]+@[^\s@]+$/;
const TEXT_FIELDS = ["phone", "name", "pseudonym", "avatar", "referrer", ...UTM_FIELDS] as const;
const FLAG_FIELDS = ["unsubscribed_from_emails", "marked_email_as_spam", "has_hard_bounced"] as const;

const COLOURS = ["Amber", "Azure", "Coral", "Crimson", "Golden", "Indigo", "Ivory", "Jade", "Lime", "Olive", "Orange", "Pink", "Plum", "Silver", "Teal", "Violet"];
const THINGS = ["Anchor", "Balloon", "Bicycle", "Compass", "Kettle", "Kite", "Lantern", "Notebook", "Pebble", "Piano", "Rocket", "Scarf", "Suitcase", "Teapot", "Umbrella", "Yacht"];

/** A pseudonym like Intercom gives visitors: "Violet Suitcase". */
export const pseudonym = () => `${COLOURS[randomInt(COLOURS.length)]} ${THINGS[randomInt(THINGS.length)]}`;

const blankToNull = (v: string | null | undefined) => (v === undefined ? undefined : v === null || v.trim() === "" ? null : v.trim());

/** The columns an input sets, checked (owner, email, custom attributes). Writes nothing. */
async function columnsFromInput(c: Ctx, input: VisitorInput, stored?: VisitorRow): Promise<VisitorPatch> {
  const patch: VisitorPatch = {};
  if (input.user_id !== undefined) {
    const userId = blankToNull(input.user_id);
    if (!userId) throw invalidParam("user_id", "user_id must be a non-empty string");
    patch.user_id = userId;
  }
  const email = blankToNull(input.email);
  if (email !== undefined) {
    if (email !== null && !EMAIL.test(email)) throw invalidParam("email", `email ${email} is not a valid email address`);
    patch.email = email;
  }
  for (const f of TEXT_FIELDS) if (input[f] !== undefined) patch[f] = input[f];
  for (const f of FLAG_FIELDS) if (input[f] !== undefined) patch[f] = input[f] ? 1 : 0;
  if (input.do_not_track !== undefined) patch.do_not_track = input.do_not_track === null ? null : input.do_not_track ? 1 : 0;
  if (input.session_count !== undefined) patch.session_count = input.session_count ?? 0;
  if (input.signed_up_at !== undefined) patch.signed_up_at = input.signed_up_at;
  if (input.last_request_at !== undefined) patch.last_request_at = input.last_request_at;
  if (input.owner_id !== undefined) {
    if (input.owner_id === null || input.owner_id === "") patch.owner_id = null;
    else {
      const admin = await findAdmin(c, input.owner_id);
      if (!admin) throw invalidParam("owner_id", `owner_id ${input.owner_id} is not an admin of this workspace`);
      patch.owner_id = admin.id;
    }
  }
  if (input.location_data !== undefined) {
    const current = stored?.location_data ? (JSON.parse(stored.location_data) as Record<string, string>) : {};
    const next: Record<string, string> = { ...current };
    for (const [k, v] of Object.entries(input.location_data ?? Object.fromEntries(LOCATION_FIELDS.map((f) => [f, null])))) {
      if (v === null) delete next[k];
      else if (v !== undefined) next[k] = v;
    }
    patch.location_data = Object.keys(next).length ? JSON.stringify(next) : null;
  }
  if (input.custom_attributes !== undefined) {
    const changes = await checkCustomAttributes(c, "contact", input.custom_attributes);
    const current = stored ? (JSON.parse(stored.custom_attributes) as Record<string, unknown>) : {};
    patch.custom_attributes = JSON.stringify(mergeCustomAttributes(current, changes));
  }
  return patch;
}

/** Runs a write that may give two visitors one user_id, turning the violation into a 409. */
async function uniquely<T>(userId: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(`A visitor with user_id ${userId} already exists`, "user_id");
    throw err;
  }
}

// ---------------------------------------------------------------- lookups

async function visitorBy(c: Ctx, by: { id?: string; user_id?: string; email?: string }): Promise<VisitorRow | null> {
  let q = c.db.selectFrom("visitors").selectAll().where("workspace_id", "=", c.wsId);
  if (by.id !== undefined) q = q.where("id", "=", by.id);
  else if (by.user_id !== undefined) q = q.where("user_id", "=", by.user_id);
  else if (by.email !== undefined) q = q.where(sql<string>`lower(${sql.ref("email")})`, "=", sql<string>`lower(${by.email})`).orderBy("created_at", "desc").orderBy("id", "desc");
  else return null;
  return (await q.executeTakeFirst()) ?? null;
}

/** GET /visitors?user_id= */
export async function getVisitorByUserId(c: Ctx, userId: string): Promise<VisitorRow> {
  const v = await visitorBy(c, { user_id: userId });
  if (!v) throw visitorNotFound();
  return v;
}

/** The visitor an {id | user_id | email} object names (first given wins), or 404. */
async function identifiedVisitor(c: Ctx, ref: { id?: string; user_id?: string; email?: string }, field: string): Promise<VisitorRow> {
  if (!ref.id && !ref.user_id && !ref.email) throw missingParam(field, `${field} needs an id, a user_id or an email`);
  const v = await visitorBy(c, ref.id ? { id: ref.id } : ref.user_id ? { user_id: ref.user_id } : { email: ref.email });
  if (!v) throw visitorNotFound();
  return v;
}

// ---------------------------------------------------------------- create / update

/** POST /_opencom/visitors: a visitor as the Messenger would create it. */
export async function createVisitor(c: Ctx, input: VisitorInput): Promise<VisitorRow> {
  const patch = await columnsFromInput(c, input);
  const now = c.now();
  const row: VisitorRow = {
    id: hexId(now),
    workspace_id: c.wsId,
    user_id: randomUUID(),
    email: null,
    phone: null,
    name: null,
    pseudonym: pseudonym(),
    avatar: null,
    owner_id: null,
    unsubscribed_from_emails: 0,
    marked_email_as_spam: 0,
    has_hard_bounced: 0,
    do_not_track: null,
    session_count: 0,
    signed_up_at: null,
    last_request_at: null,
    location_data: null,
    referrer: null,
    utm_campaign: null,
    utm_content: null,
    utm_medium: null,
    utm_source: null,
    utm_term: null,
    custom_attributes: "{}",
    created_at: now,
    updated_at: now,
    ...patch,
  };
  await uniquely(row.user_id, () => c.db.insertInto("visitors").values(row).execute());
  return row;
}

/** PUT /visitors: finds the visitor by id or user_id and applies the fields sent. */
export async function updateVisitor(c: Ctx, input: VisitorUpdateInput): Promise<VisitorRow> {
  const { id, user_id, ...fields } = input;
  if (!id && !user_id) throw missingParam("id", "id or user_id is required to find the visitor");
  return inTransaction(c, async (t) => {
    // read, merged (location, custom attributes) and written under the row's lock
    const found = await visitorBy(t, id ? { id } : { user_id });
    const stored = found ? await lockedRow(t, "visitors", found.id) : null;
    if (!stored) throw visitorNotFound();
    if (id && user_id !== undefined && user_id !== stored.user_id) throw invalidParam("user_id", `Visitor ${id} has another user_id`);
    const patch = await columnsFromInput(t, fields, stored);
    const changed = Object.entries(patch).filter(([k, v]) => (stored as unknown as Record<string, unknown>)[k] !== v);
    if (changed.length === 0) return stored;
    const next: VisitorRow = { ...stored, ...patch, updated_at: Math.max(t.now(), stored.updated_at) };
    await t.db
      .updateTable("visitors")
      .set({ ...Object.fromEntries(changed), updated_at: next.updated_at })
      .where("workspace_id", "=", t.wsId)
      .where("id", "=", stored.id)
      .execute();
    return next;
  });
}

// ---------------------------------------------------------------- convert

/** What a visitor brings to a contact: its fields, in ContactInput terms (custom attributes still defined only). */
async function visitorAsContact(c: Ctx, v: VisitorRow): Promise<ContactInput> {
  const defs = await customAttributeDefs(c, "contact");
  const attrs = JSON.parse(v.custom_attributes) as Record<string, unknown>;
  const location = v.location_data ? (JSON.parse(v.location_data) as Record<string, string>) : {};
  return {
    email: v.email,
    phone: v.phone,
    name: v.name,
    avatar: v.avatar,
    owner_id: v.owner_id,
    signed_up_at: v.signed_up_at,
    last_seen_at: v.last_request_at,
    unsubscribed_from_emails: !!v.unsubscribed_from_emails,
    marked_email_as_spam: !!v.marked_email_as_spam,
    has_hard_bounced: !!v.has_hard_bounced,
    location: { country: location.country_name ?? null, region: location.region_name ?? null, city: location.city_name ?? null },
    custom_attributes: Object.fromEntries(Object.entries(attrs).filter(([k]) => defs.has(k) && !defs.get(k)!.archived)),
  };
}

/** The part of `from` that fills what `into` lacks (empty fields, missing custom attributes, opt-outs). */
function fillGaps(into: ContactRow, from: ContactInput): ContactInput {
  const patch: ContactInput = {};
  const fill = <K extends "email" | "phone" | "name" | "avatar" | "owner_id" | "signed_up_at" | "last_seen_at">(k: K) => {
    if (into[k] === null && from[k] !== null && from[k] !== undefined) (patch as Record<string, unknown>)[k] = from[k];
  };
  (["phone", "name", "avatar", "owner_id", "signed_up_at", "last_seen_at"] as const).forEach(fill);
  if (into.role !== "user") fill("email");
  for (const f of ["unsubscribed_from_emails", "marked_email_as_spam", "has_hard_bounced"] as const) if (!into[f] && from[f]) patch[f] = true;
  const loc = from.location ?? {};
  if (!into.location_country && !into.location_region && !into.location_city && (loc.country || loc.region || loc.city)) patch.location = loc;
  const stored = JSON.parse(into.custom_attributes) as Record<string, unknown>;
  const extra = Object.fromEntries(Object.entries(from.custom_attributes ?? {}).filter(([k]) => !(k in stored)));
  if (Object.keys(extra).length) patch.custom_attributes = extra;
  return patch;
}

/** A user named by external id or email (case-insensitive), if there is one. */
async function userBy(c: Ctx, by: { user_id?: string; email?: string }): Promise<ContactRow | null> {
  let q = c.db.selectFrom("contacts").selectAll().where("workspace_id", "=", c.wsId).where("role", "=", "user");
  if (by.user_id) q = q.where("external_id", "=", by.user_id);
  else if (by.email) q = q.where(sql<string>`lower(${sql.ref("email")})`, "=", sql<string>`lower(${by.email})`);
  else return null;
  return (await q.executeTakeFirst()) ?? null;
}

/**
 * The contact a conversion merges into, or null for a new one. A user is named by user.id, else by
 * user.user_id, else by user.email, else by the visitor's own email; identifiers naming different
 * users are a 409 (so filling the user's missing identifiers can never collide). The user's own
 * identifiers are retained; user.user_id and user.email only fill ones it lacks.
 */
async function conversionTarget(
  t: Ctx,
  role: "user" | "lead",
  user: { id?: string; user_id?: string },
  userEmail: string | null | undefined,
  visitorEmail: string | null,
): Promise<ContactRow | null> {
  let target: ContactRow | null = null;
  if (user.id) {
    target = await findContactRow(t, user.id);
    if (!target) throw userNotFound();
    if (target.role !== role) throw invalidParam("user.id", `Contact ${user.id} is a ${target.role}, not a ${role}`);
  }
  if (role !== "user") return target;
  const byExternalId = user.user_id ? await userBy(t, { user_id: user.user_id }) : null;
  const email = userEmail ?? (target || byExternalId ? null : visitorEmail);
  const byEmail = email ? await userBy(t, { email }) : null;
  const named = [target, byExternalId, byEmail].filter((r): r is ContactRow => r !== null);
  if (new Set(named.map((r) => r.id)).size > 1) {
    throw conflict(`The identifiers of user (${[user.id, user.user_id, email].filter(Boolean).join(", ")}) belong to different users`, "user");
  }
  return named[0] ?? null;
}

/** POST /visitors/convert: answers the contact the visitor became or was merged into. */
export async function convertVisitor(c: Ctx, input: ConvertInput): Promise<ContactRow> {
  if (input.type === undefined || input.type === null) throw missingParam("type", "type is required: user or lead");
  if (input.type !== "user" && input.type !== "lead") throw invalidParam("type", "type must be user or lead");
  const role = input.type;
  if (!input.visitor) throw missingParam("visitor", "visitor is required: {id | user_id | email}");
  const user = input.user ?? {};
  if (role === "user" && !user.id && !user.user_id && !user.email) throw missingParam("user", "user needs an id, a user_id or an email");
  const userEmail = blankToNull(user.email);
  if (userEmail && !EMAIL.test(userEmail)) throw invalidParam("user.email", `email ${userEmail} is not a valid email address`);

  return c.db.transaction().execute(async (tx) => {
    const t: Ctx = { ...c, db: tx };
    const named = await identifiedVisitor(t, input.visitor!, "visitor");
    // a visitor converts once: the delete decides (concurrent conversions wait for it, then find nothing)
    const visitor = await tx.deleteFrom("visitors").where("workspace_id", "=", c.wsId).where("id", "=", named.id).returningAll().executeTakeFirst();
    if (!visitor) throw visitorNotFound();
    const data = await visitorAsContact(t, visitor);
    const target = await conversionTarget(t, role, user, userEmail, data.email ?? null);
    let contact: ContactRow;
    if (target) {
      const patch = fillGaps(target, data);
      if (role === "user") {
        if (user.user_id && !target.external_id) patch.external_id = user.user_id;
        if (userEmail && !target.email) patch.email = userEmail;
      }
      contact = Object.keys(patch).length ? await updateContact(t, target.id, patch) : target;
    } else {
      contact = await createContact(t, {
        ...data,
        role,
        email: userEmail ?? data.email,
        ...(user.user_id ? { external_id: user.user_id } : {}),
      });
    }
    if (role === "user") await emitVisitorSignedUp(t, visitor);
    return contact;
  });
}
