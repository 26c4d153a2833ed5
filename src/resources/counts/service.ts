// GET /counts (legacy): the counts Intercom's older reference (1.x–2.6) documented and the hand-written
// intercom-client 4.x/5.x SDKs still call (client.counts.appCounts(), userTagCounts(), …). Not in the
// current contract; listed in src/contract/legacy.json.
import { sql } from "kysely";
import type { Ctx } from "../../platform/http.js";
import { companiesInSegment, listSegments } from "../segments/service.js";

export interface AppCounts {
  companies: number;
  users: number;
  leads: number;
  tags: number;
  segments: number;
}

export async function appCounts(c: Ctx): Promise<AppCounts> {
  const ws = c.wsId;
  const row = await c.db
    .selectNoFrom([
      sql<number>`(select count(*) from companies where workspace_id = ${ws})`.as("companies"),
      sql<number>`(select count(*) from contacts where workspace_id = ${ws} and role = 'user' and archived = 0)`.as("users"),
      sql<number>`(select count(*) from contacts where workspace_id = ${ws} and role = 'lead' and archived = 0)`.as("leads"),
      sql<number>`(select count(*) from tags where workspace_id = ${ws})`.as("tags"),
      sql<number>`(select count(*) from segments where workspace_id = ${ws})`.as("segments"),
    ])
    .executeTakeFirstOrThrow();
  return {
    companies: Number(row.companies),
    users: Number(row.users),
    leads: Number(row.leads),
    tags: Number(row.tags),
    segments: Number(row.segments),
  };
}

/** Tags with the number of unarchived contacts (users and leads) or companies carrying each, a page of them. */
export async function tagCounts(c: Ctx, of: "contact" | "company", page: number, perPage: number) {
  const link = of === "contact" ? "contact_tags" : "company_tags";
  const total = Number(
    (await c.db.selectFrom("tags").select((eb) => eb.fn.countAll<number>().as("n")).where("workspace_id", "=", c.wsId).executeTakeFirstOrThrow()).n,
  );
  const counted =
    of === "contact"
      ? sql<number>`(select count(*) from contact_tags inner join contacts on contacts.id = contact_tags.contact_id
          where contact_tags.workspace_id = ${c.wsId} and contact_tags.tag_id = tags.id and contacts.archived = 0)`
      : sql<number>`(select count(*) from ${sql.table(link)} where ${sql.ref(`${link}.workspace_id`)} = ${c.wsId} and ${sql.ref(`${link}.tag_id`)} = tags.id)`;
  const rows = await c.db
    .selectFrom("tags")
    .select(["tags.name", counted.as("n")])
    .where("workspace_id", "=", c.wsId)
    .orderBy("tags.id")
    .limit(perPage)
    .offset((page - 1) * perPage)
    .execute();
  return { rows: rows.map((r) => ({ name: r.name, count: Number(r.n) })), total };
}

/** Every segment with its number of unarchived contacts (users and leads). */
export async function contactSegmentCounts(c: Ctx) {
  return (await listSegments(c, true)).map(({ row, count }) => ({ name: row.name, count: count ?? 0 }));
}

/** Every segment with its number of companies (a company is in a segment when one of its contacts is). */
export async function companySegmentCounts(c: Ctx) {
  const segments = await listSegments(c, false);
  const out: Array<{ name: string; count: number }> = [];
  for (const { row } of segments) {
    const where = await companiesInSegment(c, row.id);
    const n = await c.db.selectFrom("companies").select((eb) => eb.fn.countAll<number>().as("n")).where("companies.workspace_id", "=", c.wsId).where(where).executeTakeFirstOrThrow();
    out.push({ name: row.name, count: Number(n.n) });
  }
  return out;
}

/** Companies with their number of users, a page of them, oldest first. */
export async function companyUserCounts(c: Ctx, page: number, perPage: number) {
  const total = Number(
    (await c.db.selectFrom("companies").select((eb) => eb.fn.countAll<number>().as("n")).where("workspace_id", "=", c.wsId).executeTakeFirstOrThrow()).n,
  );
  const rows = await c.db
    .selectFrom("companies")
    .select([
      "companies.name",
      "companies.company_id",
      sql<number>`(select count(*) from contact_companies inner join contacts on contacts.id = contact_companies.contact_id
        where contact_companies.workspace_id = ${c.wsId} and contact_companies.company_id = companies.id and contacts.role = 'user' and contacts.archived = 0)`.as("n"),
    ])
    .where("workspace_id", "=", c.wsId)
    .orderBy("companies.created_at")
    .orderBy("companies.id")
    .limit(perPage)
    .offset((page - 1) * perPage)
    .execute();
  return { rows: rows.map((r) => ({ name: r.name ?? "", company_id: r.company_id, count: Number(r.n) })), total };
}

/** The app's conversations: open (snoozed ones included, as Intercom counts them) and closed; the open ones assigned to an admin or not. */
export async function conversationCounts(c: Ctx) {
  const row = await c.db
    .selectFrom("conversations")
    .select([
      sql<number>`coalesce(sum(case when state <> 'closed' then 1 else 0 end), 0)`.as("open"),
      sql<number>`coalesce(sum(case when state = 'closed' then 1 else 0 end), 0)`.as("closed"),
      sql<number>`coalesce(sum(case when state <> 'closed' and admin_assignee_id is not null then 1 else 0 end), 0)`.as("assigned"),
    ])
    .where("workspace_id", "=", c.wsId)
    .executeTakeFirstOrThrow();
  const open = Number(row.open);
  return { open, closed: Number(row.closed), unassigned: open - Number(row.assigned), assigned: Number(row.assigned) };
}

/** Every teammate with the number of open (snoozed included) and closed conversations assigned to them, by id. */
export async function adminConversationCounts(c: Ctx) {
  const rows = await c.db
    .selectFrom("admins")
    .select([
      "admins.id",
      "admins.name",
      sql<number>`(select count(*) from conversations where conversations.workspace_id = ${c.wsId} and conversations.admin_assignee_id = admins.id and conversations.state <> 'closed')`.as("open"),
      sql<number>`(select count(*) from conversations where conversations.workspace_id = ${c.wsId} and conversations.admin_assignee_id = admins.id and conversations.state = 'closed')`.as("closed"),
    ])
    .where("admins.workspace_id", "=", c.wsId)
    .orderBy("admins.id")
    .execute();
  return rows.map((r) => ({ id: String(r.id), name: r.name, open: Number(r.open), closed: Number(r.closed) }));
}
