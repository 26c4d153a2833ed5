// The content data export job: one CSV row per message an admin sent in the range (outbound messages,
// POST /messages, and admin replies in conversations), written in steps of BATCH rows, each step one
// gzip member of the file (gzip members concatenate into one valid gzip stream).
import { gzipSync } from "node:zlib";
import { stringify } from "csv-stringify/sync";
import type { Kysely } from "kysely";
import type { DB } from "../../db/types.js";
import { defineJobKind, type JobRow, type StepOutcome } from "../../platform/jobs.js";
import { parseJson } from "../../platform/json.js";

export const CONTENT_EXPORT = "content_export";
/** rows per step (one gzip member, one transaction); OPENCOM_EXPORT_BATCH changes it (tests watch small steps) */
export const BATCH = Number(process.env.OPENCOM_EXPORT_BATCH) > 0 ? Number(process.env.OPENCOM_EXPORT_BATCH) : 1000;

/** The documented columns (data_export_csv), in order. */
export const CONTENT_COLUMNS = [
  "user_id",
  "user_external_id",
  "company_id",
  "email",
  "name",
  "ruleset_id",
  "content_id",
  "content_type",
  "content_title",
  "ruleset_version_id",
  "receipt_id",
  "received_at",
  "series_id",
  "series_title",
  "node_id",
  "first_reply",
  "first_completion",
  "first_series_completion",
  "first_series_disengagement",
  "first_series_exit",
  "first_goal_success",
  "first_open",
  "first_click",
  "first_dismisall",
  "first_unsubscribe",
  "first_hard_bounce",
] as const;

export interface ContentParams {
  created_at_after: number;
  created_at_before: number;
}
interface ContentState {
  phase?: "sources" | "parts";
  k?: [number, number] | null;
  seq?: number;
}

const iso = (s: number | null | undefined) => (s == null ? "" : new Date(Number(s) * 1000).toISOString());

type Row = Record<(typeof CONTENT_COLUMNS)[number], string>;

async function countInRange(tx: Kysely<DB>, wsId: string, p: ContentParams): Promise<number> {
  const a = await tx
    .selectFrom("conversations")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("workspace_id", "=", wsId)
    .where("author_type", "=", "admin")
    .where("created_at", ">=", p.created_at_after)
    .where("created_at", "<=", p.created_at_before)
    .executeTakeFirstOrThrow();
  const b = await tx
    .selectFrom("conversation_parts")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("workspace_id", "=", wsId)
    .where("author_type", "=", "admin")
    .where("part_type", "in", ["comment", "quick_reply"])
    .where("created_at", ">=", p.created_at_after)
    .where("created_at", "<=", p.created_at_before)
    .executeTakeFirstOrThrow();
  return Number(a.n) + Number(b.n);
}

/** The first contact of each conversation, with its first company's company_id. */
async function recipients(tx: Kysely<DB>, wsId: string, conversationIds: number[]) {
  const out = new Map<number, { id: string; external_id: string | null; email: string | null; name: string | null; company_id: string | null }>();
  if (!conversationIds.length) return out;
  const links = await tx
    .selectFrom("conversation_contacts")
    .select(["conversation_id", "contact_id", "added_at"])
    .where("workspace_id", "=", wsId)
    .where("conversation_id", "in", conversationIds)
    .orderBy("added_at")
    .execute();
  const first = new Map<number, string>();
  for (const l of links) if (!first.has(Number(l.conversation_id))) first.set(Number(l.conversation_id), l.contact_id);
  const ids = [...new Set(first.values())];
  if (!ids.length) return out;
  const contacts = await tx.selectFrom("contacts").select(["id", "external_id", "email", "name"]).where("workspace_id", "=", wsId).where("id", "in", ids).execute();
  const companies = await tx
    .selectFrom("contact_companies as cc")
    .innerJoin("companies as co", "co.id", "cc.company_id")
    .select(["cc.contact_id", "co.company_id"])
    .where("cc.workspace_id", "=", wsId)
    .where("cc.contact_id", "in", ids)
    .orderBy("cc.created_at")
    .execute();
  const companyOf = new Map<string, string>();
  for (const c of companies) if (!companyOf.has(c.contact_id)) companyOf.set(c.contact_id, c.company_id);
  const byId = new Map(contacts.map((c) => [c.id, c]));
  for (const [conv, cid] of first) {
    const c = byId.get(cid);
    if (c) out.set(conv, { ...c, company_id: companyOf.get(cid) ?? null });
  }
  return out;
}

function row(fields: Partial<Row>): Row {
  const r = {} as Row;
  for (const col of CONTENT_COLUMNS) r[col] = fields[col] ?? "";
  return r;
}

export async function contentStep(tx: Kysely<DB>, job: JobRow): Promise<StepOutcome> {
  const p = parseJson<ContentParams>(job.params, { created_at_after: 0, created_at_before: 0 });
  const s = parseJson<ContentState>(job.state, {});
  let seq = s.seq ?? 0;
  let processed = Number(job.processed);
  let total: number | null | undefined;
  if (seq === 0) {
    // the first step: the header (its own gzip member) and the total
    total = await countInRange(tx, job.workspace_id, p);
    await tx.insertInto("job_chunks").values({ workspace_id: job.workspace_id, job_id: Number(job.id), seq, data: gzipSync(stringify([], { header: true, columns: [...CONTENT_COLUMNS] })).toString("base64") }).execute();
    return { state: { phase: "sources", k: null, seq: 1 }, processed: 0, total };
  }
  const phase = s.phase ?? "sources";
  const k = s.k ?? null;
  let rows: Row[] = [];
  let last: [number, number] | null = null;
  if (phase === "sources") {
    let q = tx
      .selectFrom("conversations")
      .select(["id", "created_at", "message_type", "subject", "title", "first_contact_reply_at"])
      .where("workspace_id", "=", job.workspace_id)
      .where("author_type", "=", "admin")
      .where("created_at", ">=", p.created_at_after)
      .where("created_at", "<=", p.created_at_before);
    if (k) q = q.where((eb) => eb.or([eb("created_at", ">", k[0]), eb.and([eb("created_at", "=", k[0]), eb("id", ">", k[1])])]));
    const found = await q.orderBy("created_at").orderBy("id").limit(BATCH).execute();
    const who = await recipients(tx, job.workspace_id, found.map((f) => Number(f.id)));
    rows = found.map((f) => {
      const c = who.get(Number(f.id));
      return row({
        user_id: c?.id,
        user_external_id: c?.external_id ?? "",
        company_id: c?.company_id ?? "",
        email: c?.email ?? "",
        name: c?.name ?? "",
        ruleset_id: String(f.id),
        content_id: String(f.id),
        content_type: f.message_type === "email" ? "email" : "chat",
        content_title: f.subject || f.title || "",
        receipt_id: `message-${f.id}`,
        received_at: iso(f.created_at),
        first_reply: iso(f.first_contact_reply_at),
      });
    });
    if (found.length) last = [Number(found[found.length - 1].created_at), Number(found[found.length - 1].id)];
    if (found.length < BATCH) {
      await writeRows(tx, job, seq, rows);
      if (rows.length) seq++;
      return { state: { phase: "parts", k: null, seq }, processed: processed + rows.length };
    }
  } else {
    let q = tx
      .selectFrom("conversation_parts as p")
      .innerJoin("conversations as c", "c.id", "p.conversation_id")
      .select(["p.id", "p.created_at", "p.conversation_id", "c.message_type", "c.subject", "c.title"])
      .where("p.workspace_id", "=", job.workspace_id)
      .where("p.author_type", "=", "admin")
      .where("p.part_type", "in", ["comment", "quick_reply"])
      .where("p.created_at", ">=", p.created_at_after)
      .where("p.created_at", "<=", p.created_at_before);
    if (k) q = q.where((eb) => eb.or([eb("p.created_at", ">", k[0]), eb.and([eb("p.created_at", "=", k[0]), eb("p.id", ">", k[1])])]));
    const found = await q.orderBy("p.created_at").orderBy("p.id").limit(BATCH).execute();
    const who = await recipients(tx, job.workspace_id, [...new Set(found.map((f) => Number(f.conversation_id)))]);
    rows = found.map((f) => {
      const c = who.get(Number(f.conversation_id));
      return row({
        user_id: c?.id,
        user_external_id: c?.external_id ?? "",
        company_id: c?.company_id ?? "",
        email: c?.email ?? "",
        name: c?.name ?? "",
        ruleset_id: String(f.conversation_id),
        content_id: String(f.id),
        content_type: "reply",
        content_title: f.subject || f.title || "",
        receipt_id: `part-${f.id}`,
        received_at: iso(f.created_at),
      });
    });
    if (found.length) last = [Number(found[found.length - 1].created_at), Number(found[found.length - 1].id)];
    if (found.length < BATCH) {
      await writeRows(tx, job, seq, rows);
      processed += rows.length;
      return { state: { phase: "parts", k: last ?? k, seq: seq + 1 }, processed, done: processed === 0 ? "no_data" : "completed" };
    }
  }
  await writeRows(tx, job, seq, rows);
  return { state: { phase, k: last, seq: seq + 1 }, processed: processed + rows.length };
}

async function writeRows(tx: Kysely<DB>, job: JobRow, seq: number, rows: Row[]) {
  if (!rows.length) return;
  const csv = stringify(rows, { header: false, columns: [...CONTENT_COLUMNS] });
  await tx.insertInto("job_chunks").values({ workspace_id: job.workspace_id, job_id: Number(job.id), seq, data: gzipSync(csv).toString("base64") }).execute();
}

defineJobKind(CONTENT_EXPORT, { step: (tx, job) => contentStep(tx, job) });
