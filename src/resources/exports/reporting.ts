// Reporting data export (2.14+): opencom's datasets over its own data, exported by a background job as a
// gzip CSV of the chosen attributes, one gzip member per step (like the content export).
import { gzipSync } from "node:zlib";
import { stringify } from "csv-stringify/sync";
import type { Kysely } from "kysely";
import type { DB } from "../../db/types.js";
import { defineJobKind, type JobRow, type StepOutcome } from "../../platform/jobs.js";
import { parseJson } from "../../platform/json.js";
import { BATCH } from "./content.js";

export const REPORTING_EXPORT = "reporting_export";
/** Intercom allows 5 pending reporting exports per workspace */
export const MAX_ACTIVE_REPORTING = 5;

type ConvRow = Record<string, unknown>;
interface Dataset {
  id: string;
  name: string;
  description: string;
  default_time_attribute_id: string;
  attributes: Array<{ id: string; name: string; value: (r: ConvRow) => unknown }>;
}

const iso = (s: unknown) => (s == null ? "" : new Date(Number(s) * 1000).toISOString());

/** Both datasets read conversations (keyset on created_at, id); `message` reads their parts. */
export const DATASETS: Dataset[] = [
  {
    id: "conversation",
    name: "Conversation",
    description: "Conversation-level details: state, channel, assignees, priority, timings.",
    default_time_attribute_id: "conversation_started_at",
    attributes: [
      { id: "conversation_id", name: "Conversation ID", value: (r) => r.id },
      { id: "conversation_started_at", name: "Conversation started at", value: (r) => iso(r.created_at) },
      { id: "conversation_last_updated_at", name: "Last updated at", value: (r) => iso(r.updated_at) },
      { id: "conversation_state", name: "State", value: (r) => r.state },
      { id: "conversation_title", name: "Title", value: (r) => r.title ?? "" },
      { id: "channel", name: "Channel", value: (r) => (r.message_type === "email" ? "email" : "chat") },
      { id: "started_by", name: "Started by", value: (r) => r.author_type },
      { id: "priority", name: "Priority", value: (r) => r.priority },
      { id: "admin_assignee_id", name: "Teammate assigned", value: (r) => r.admin_assignee_id ?? "" },
      { id: "team_assignee_id", name: "Team assigned", value: (r) => r.team_assignee_id ?? "" },
      { id: "first_response_at", name: "First response at", value: (r) => iso(r.first_admin_reply_at) },
      { id: "first_closed_at", name: "First closed at", value: (r) => iso(r.first_close_at) },
      { id: "reopened_count", name: "Times reopened", value: (r) => r.count_reopens },
      { id: "conversation_rating", name: "Conversation rating", value: (r) => r.rating ?? "" },
    ],
  },
  {
    id: "message",
    name: "Message",
    description: "Every message of a conversation: who wrote it and when.",
    default_time_attribute_id: "message_created_at",
    attributes: [
      { id: "message_id", name: "Message ID", value: (r) => r.id },
      { id: "conversation_id", name: "Conversation ID", value: (r) => r.conversation_id },
      { id: "message_created_at", name: "Message created at", value: (r) => iso(r.created_at) },
      { id: "message_type", name: "Message type", value: (r) => r.part_type },
      { id: "author_type", name: "Author type", value: (r) => r.author_type },
      { id: "author_id", name: "Author ID", value: (r) => r.author_id },
    ],
  },
];

export interface ReportingParams {
  dataset_id: string;
  attribute_ids: string[];
  start_time: number;
  end_time: number;
}

async function reportingStep(tx: Kysely<DB>, job: JobRow): Promise<StepOutcome> {
  const p = parseJson<ReportingParams>(job.params, { dataset_id: "conversation", attribute_ids: [], start_time: 0, end_time: 0 });
  const s = parseJson<{ k?: [number, number] | null; seq?: number }>(job.state, {});
  const ds = DATASETS.find((d) => d.id === p.dataset_id) ?? DATASETS[0];
  const attrs = p.attribute_ids.map((id) => ds.attributes.find((a) => a.id === id)!).filter(Boolean);
  const seq = s.seq ?? 0;
  const table = ds.id === "message" ? "conversation_parts" : "conversations";
  if (seq === 0) {
    const n = await tx
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("workspace_id", "=", job.workspace_id)
      .where("created_at", ">=", p.start_time)
      .where("created_at", "<=", p.end_time)
      .executeTakeFirstOrThrow();
    const header = gzipSync(stringify([attrs.map((a) => a.id)]));
    await tx.insertInto("job_chunks").values({ workspace_id: job.workspace_id, job_id: Number(job.id), seq: 0, data: header.toString("base64") }).execute();
    return { state: { k: null, seq: 1 }, processed: 0, total: Number(n.n) };
  }
  const k = s.k ?? null;
  let q = (tx as unknown as Kysely<any>)
    .selectFrom(table)
    .selectAll()
    .where("workspace_id", "=", job.workspace_id)
    .where("created_at", ">=", p.start_time)
    .where("created_at", "<=", p.end_time);
  if (k) q = q.where((eb: any) => eb.or([eb("created_at", ">", k[0]), eb.and([eb("created_at", "=", k[0]), eb("id", ">", k[1])])]));
  const found = (await q.orderBy("created_at").orderBy("id").limit(BATCH).execute()) as ConvRow[];
  const processed = Number(job.processed) + found.length;
  if (found.length) {
    const csv = stringify(found.map((r) => attrs.map((a) => a.value(r))));
    await tx.insertInto("job_chunks").values({ workspace_id: job.workspace_id, job_id: Number(job.id), seq, data: gzipSync(csv).toString("base64") }).execute();
  }
  const last = found[found.length - 1];
  const state = { k: last ? [Number(last.created_at), Number(last.id)] : k, seq: seq + 1 };
  if (found.length < BATCH) return { state, processed, done: "completed" };
  return { state, processed };
}

defineJobKind(REPORTING_EXPORT, { step: (tx, job) => reportingStep(tx, job) });
