// POST /contacts/merge/preview (Unstable): what POST /contacts/merge would do, without writing.
// The same rules (service.ts mergeRefusals: the merge answers the first refusal's error, the preview lists
// every refusal's code) and the same resulting columns (mergeFill) and moved links (MERGE_MOVED_LINKS,
// notes) as the merge itself; unknown ids are the merge's 404. Counts are of what the merge moves:
// conversations and tickets the user is not already on, tags the user does not have, every note.
// opencom's merge moves no phone calls, so `phone_calls` is never present; Intercom's facebook,
// external-channel and mailing-list refusals have no counterpart here (opencom has no such contacts).
import { Type, type Static } from "typebox";
import type { ExpressionBuilder, Kysely } from "kysely";
import type { App, Ctx } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import type { DB } from "../../db/types.js";
import { MERGE_FILLED_FIELDS, TIME_FIELDS, mergeFill, mergeRefusals, userNotFound, type ContactRow } from "./service.js";

const Body = Type.Object({
  from: Type.String({ maxLength: 64 }),
  into: Type.String({ maxLength: 64 }),
  skip_duplicate_validation: Type.Optional(Type.Boolean()),
});

/** At most this many attribute changes are listed (total_count counts them all). */
const MAX_CHANGES = 50;

const REASON_MESSAGES: Record<string, string> = {
  invalid_merge_role_pair: "Only a lead can be merged, and only into a user.",
  no_shared_identifier:
    "These contacts share no email or phone, so they are not recognised as duplicates. Set skip_duplicate_validation to true to preview the merge anyway.",
};

interface Change {
  field: string;
  outcome: "adopted" | "discarded" | "merged";
  from_value?: unknown;
  into_value?: unknown;
  new_into_value: unknown;
}

/** The API's name and value of a column of the contacts table. */
function apiField(col: string, v: unknown): [string, unknown] {
  if (col.startsWith("location_")) return [`location.${col.slice("location_".length)}`, v];
  if (col === "social_profiles") return [col, typeof v === "string" ? JSON.parse(v) : v];
  if (col === "owner_id") return [col, v === null ? null : Number(v)];
  return [col, v];
}

function change(field: string, outcome: Change["outcome"], from: unknown, into: unknown, result: unknown): Change {
  return { field, outcome, ...(from !== null && from !== undefined ? { from_value: from } : {}), ...(into !== null && into !== undefined ? { into_value: into } : {}), new_into_value: result ?? null };
}

function attributeChanges(from: ContactRow, into: ContactRow, fromCompanies: string[], intoCompanies: string[]): Change[] {
  const fill = mergeFill(from, into) as Record<string, unknown>;
  const f = from as unknown as Record<string, unknown>;
  const i = into as unknown as Record<string, unknown>;
  const out: Change[] = [];
  for (const col of [...MERGE_FILLED_FIELDS, ...TIME_FIELDS]) {
    if (f[col] === null || f[col] === i[col]) continue;
    const [field, fromValue] = apiField(col, f[col]);
    const intoValue = apiField(col, i[col])[1];
    if (col in fill) out.push(change(field, "adopted", fromValue, intoValue, fromValue));
    else out.push(change(field, "discarded", fromValue, intoValue, intoValue));
  }
  const fromAttrs = JSON.parse(from.custom_attributes) as Record<string, unknown>;
  const intoAttrs = JSON.parse(into.custom_attributes) as Record<string, unknown>;
  for (const [k, v] of Object.entries(fromAttrs)) {
    if (v === null) continue;
    if (!(k in intoAttrs) || intoAttrs[k] === null) out.push(change(`custom_attributes.${k}`, "adopted", v, null, v));
    else if (JSON.stringify(intoAttrs[k]) !== JSON.stringify(v)) out.push(change(`custom_attributes.${k}`, "discarded", v, intoAttrs[k], intoAttrs[k]));
  }
  const added = fromCompanies.filter((n) => !intoCompanies.includes(n));
  if (added.length > 0) out.push(change("companies", "merged", fromCompanies, intoCompanies.length ? intoCompanies : null, [...intoCompanies, ...added]));
  return out;
}

async function count(db: Kysely<DB>, wsId: string, table: "contact_tags" | "conversation_contacts" | "ticket_contacts" | "notes", contactId: string, notSharedWith?: { key: string; contactId: string }): Promise<number> {
  const k = db as unknown as Kysely<any>;
  let q = k.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).where("workspace_id", "=", wsId).where("contact_id", "=", contactId);
  if (notSharedWith) q = q.where(notSharedWith.key, "not in", (eb: ExpressionBuilder<any, any>) => eb.selectFrom(table).select(notSharedWith.key).where("contact_id", "=", notSharedWith.contactId));
  return Number((await q.executeTakeFirstOrThrow()).n);
}

async function companyNames(c: Ctx, contactId: string): Promise<string[]> {
  const rows = await c.db
    .selectFrom("contact_companies")
    .innerJoin("companies", "companies.id", "contact_companies.company_id")
    .select(["companies.name", "companies.company_id"])
    .where("contact_companies.workspace_id", "=", c.wsId)
    .where("contact_companies.contact_id", "=", contactId)
    .orderBy("companies.id")
    .limit(500)
    .execute();
  return rows.map((r) => r.name ?? r.company_id);
}

export async function previewMerge(c: Ctx, input: Static<typeof Body>) {
  const rows = await c.db.selectFrom("contacts").selectAll().where("workspace_id", "=", c.wsId).where("id", "in", [input.from, input.into]).execute();
  const from = rows.find((r) => r.id === input.from);
  const into = rows.find((r) => r.id === input.into);
  if (!from || !into) throw userNotFound();
  const refused = mergeRefusals(c, from, into, input);
  if (refused.length > 0) {
    const codes = [...new Set(refused.map((r) => r.code))];
    return { allowed: false as const, reasons: codes.map((code) => ({ code, message: REASON_MESSAGES[code] })) };
  }
  const [fromCompanies, intoCompanies] = await Promise.all([companyNames(c, from.id), companyNames(c, into.id)]);
  const changes = attributeChanges(from, into, fromCompanies, intoCompanies);
  const ws = c.wsId;
  const pairs = await Promise.all([
    Promise.all([count(c.db, ws, "conversation_contacts", from.id, { key: "conversation_id", contactId: into.id }), count(c.db, ws, "conversation_contacts", into.id)]),
    Promise.all([count(c.db, ws, "ticket_contacts", from.id, { key: "ticket_id", contactId: into.id }), count(c.db, ws, "ticket_contacts", into.id)]),
    Promise.all([count(c.db, ws, "contact_tags", from.id, { key: "tag_id", contactId: into.id }), count(c.db, ws, "contact_tags", into.id)]),
    Promise.all([count(c.db, ws, "notes", from.id), count(c.db, ws, "notes", into.id)]),
  ]);
  const reassignments: Record<string, { from: number; into: number }> = {};
  (["conversations", "tickets", "tags", "notes"] as const).forEach((name, n) => {
    const [f, i] = pairs[n];
    if (f > 0) reassignments[name] = { from: f, into: i };
  });
  return {
    allowed: true as const,
    summary: { attribute_changes: { attributes: changes.slice(0, MAX_CHANGES), total_count: changes.length }, reassignments },
  };
}

export default async function routes(app: App) {
  app.post("/contacts/merge/preview", { schema: { body: Body } }, async (req) => previewMerge(ctx(req), req.body));
}
