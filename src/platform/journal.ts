// The request journal: every API request of a workspace (never its Authorization header), newest
// first, bounded per workspace. Writes are batched off the request path: entries are buffered and
// inserted within ~50 ms; a reader in the same process flushes first (GET /_opencom/requests), so
// it always sees its own requests; another process sees them once the batch lands.
import type { Kysely } from "kysely";
import type { DB } from "../db/types.js";
import type { RequestJournalTable } from "../db/tables/toolkit.js";

export type JournalEntry = Omit<RequestJournalTable, "id">;

export const DEFAULT_JOURNAL_LIMIT = 10_000;
/** bodies longer than this are cut (the journal stays bounded in bytes too) */
export const MAX_BODY_CHARS = 64 * 1024;
const FLUSH_MS = 50;
const BATCH = 50;

export const clip = (s: string | null | undefined) => (s == null ? null : s.length > MAX_BODY_CHARS ? s.slice(0, MAX_BODY_CHARS) + "…[truncated]" : s);

export class Journal {
  private buffer: JournalEntry[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private db: Kysely<DB>,
    readonly limit = DEFAULT_JOURNAL_LIMIT,
    private log: (msg: string, err?: unknown) => void = () => undefined,
  ) {}

  record(entry: JournalEntry) {
    this.buffer.push(entry);
    if (this.buffer.length >= 10 * BATCH) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  /** Flushes, waiting at most `ms` for the writes (a reader under a heavy write load answers with what
   * has landed rather than waiting for the whole backlog). */
  async settle(ms = 2000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.flush(), new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
    clearTimeout(timer);
  }

  /** Writes every buffered entry (and trims the workspaces written to); resolves when done. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const entries = this.buffer;
    this.buffer = [];
    this.flushing = this.flushing.then(() => this.write(entries)).catch((err) => this.log("journal write failed", err));
    return this.flushing;
  }

  private async write(entries: JournalEntry[]) {
    if (!entries.length) return;
    for (let i = 0; i < entries.length; i += BATCH) {
      await this.db.insertInto("request_journal").values(entries.slice(i, i + BATCH)).execute();
    }
    for (const wsId of new Set(entries.map((e) => e.workspace_id))) await trimJournal(this.db, wsId, this.limit);
  }
}

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
