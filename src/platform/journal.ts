// The request journal: every API request of a workspace (never its Authorization header), newest
// first, bounded per workspace (trimmed to the limit every twentieth of it: trimEvery). Writes are
// batched off the request path: entries are buffered and inserted within ~50 ms; a reader in the same
// process flushes first (GET /_opencom/requests), so it always sees its own requests; another process
// sees them once the batch lands.
import type { Kysely } from "kysely";
import type { DB } from "../db/types.js";
import { compiledInsert } from "../db/compiled.js";
import type { StoreKind } from "../db/connection.js";
import type { RequestJournalTable } from "../db/tables/toolkit.js";

export type JournalEntry = Omit<RequestJournalTable, "id">;

export const DEFAULT_JOURNAL_LIMIT = 10_000;

/** A batch of entries, inserted by a statement compiled once per batch size (the record below lists every column). */
const insertEntries = compiledInsert(
  "request_journal",
  Object.keys({
    workspace_id: true,
    created_at: true,
    method: true,
    path: true,
    route: true,
    query: true,
    version: true,
    request_body: true,
    status: true,
    response_body: true,
    duration_ms: true,
    warnings: true,
  } satisfies Record<keyof JournalEntry, true>) as (keyof JournalEntry)[],
);

/** bodies longer than this are cut (the journal stays bounded in bytes too) */
export const MAX_BODY_CHARS = 64 * 1024;
const FLUSH_MS = 50;
const BATCH = 50;

/**
 * A body as the journal keeps it: cut at MAX_BODY_CHARS. The cut is copied into a string of its own: V8's
 * slice of a long string points into it, so a kept 64 KB cut held its whole 3 MB page in memory until the
 * entry was written (50 such entries: 150 MB).
 */
export const clip = (s: string | null | undefined) =>
  s == null ? null : s.length > MAX_BODY_CHARS ? Buffer.from(s.slice(0, MAX_BODY_CHARS) + "…[truncated]", "utf8").toString("utf8") : s;

/** Entries waiting for their write, at most; past it the oldest waiting are dropped (the store is behind). */
export const MAX_PENDING = 2000;

export class Journal {
  private buffer: JournalEntry[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** the last write started or queued */
  private chain: Promise<void> = Promise.resolve();
  /** the write queued behind the running one, not started yet: it takes whatever is buffered when it starts */
  private queued: Promise<void> | undefined;
  /** entries dropped since the last write, reported with it */
  private dropped = 0;
  /** entries this process wrote per workspace since it last trimmed that workspace */
  private sinceTrim = new Map<string, number>();

  constructor(
    private db: Kysely<DB>,
    private kind: StoreKind,
    readonly limit = DEFAULT_JOURNAL_LIMIT,
    private log: (msg: string, err?: unknown) => void = () => undefined,
  ) {}

  record(entry: JournalEntry) {
    this.buffer.push(entry);
    if (this.buffer.length > MAX_PENDING) this.dropped += this.buffer.splice(0, this.buffer.length - MAX_PENDING).length;
    if (this.buffer.length >= 10 * BATCH) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  /**
   * Resolves once every entry recorded before the call is written (and its workspace trimmed). Flushes
   * coalesce: while a write runs, every later flush joins the one write queued behind it, which takes
   * the whole buffer when it starts; so a store slower than the requests gets fewer, larger writes (one
   * trim each) instead of a growing queue of small ones, and a reader waits for two writes at most.
   */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.queued) {
      const next = this.chain
        .then(() => {
          this.queued = undefined;
          const entries = this.buffer;
          this.buffer = [];
          return this.write(entries);
        })
        .catch((err) => this.log("journal write failed", err));
      this.queued = next;
      this.chain = next;
    }
    return this.queued;
  }

  private async write(entries: JournalEntry[]) {
    if (this.dropped) {
      this.log(`request journal behind the requests: ${this.dropped} entries dropped`);
      this.dropped = 0;
    }
    if (!entries.length) return;
    for (let i = 0; i < entries.length; i += BATCH) await insertEntries(this.db, this.kind, entries.slice(i, i + BATCH));
    for (const e of entries) this.sinceTrim.set(e.workspace_id, (this.sinceTrim.get(e.workspace_id) ?? 0) + 1);
    for (const [wsId, n] of this.sinceTrim) {
      if (n < trimEvery(this.limit)) continue;
      this.sinceTrim.delete(wsId);
      await trimJournal(this.db, wsId, this.limit);
    }
  }
}

/**
 * How many entries a process writes to a workspace between two trims: a twentieth of the limit. A trim
 * walks `limit` index entries to find its cut (about 0.9 ms at 10,000), so trimming after every batch cost
 * about 10 µs per request; a workspace's journal may now hold up to 5 % more than the limit (per process
 * writing to it) until the next trim.
 */
export const trimEvery = (limit: number) => Math.max(1, Math.ceil(limit / 20));

/** Keeps the newest `limit` entries of the workspace. */
export async function trimJournal(db: Kysely<DB>, wsId: string, limit: number) {
  const cut = await db
    .selectFrom("request_journal")
    .select("id")
    .where("workspace_id", "=", wsId)
    .orderBy("id", "desc")
    .offset(limit)
    .limit(1)
    .executeTakeFirst();
  if (cut) await db.deleteFrom("request_journal").where("workspace_id", "=", wsId).where("id", "<=", Number(cut.id)).execute();
}
