// Full-text search in the store's own engine: SQLite FTS5 and PostgreSQL text search (tsvector + GIN).
// Both index the same normalised text (`searchText`: the lowercased words, one space apart) and are
// queried with the same words (`queryTerms`), all of which must occur (in any order), so the same data
// gives the same matches on both stores. Highlighting is computed here from the same words.
import { sql, type Expression, type Kysely, type SqlBool } from "kysely";
import type { StoreKind } from "../db/connection.js";

/** A word: a run of letters, marks and digits. */
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
/** At most this many distinct words of a query are used. */
export const MAX_QUERY_TERMS = 32;
/** A word longer than this is not indexed (PostgreSQL ignores words over 2,047 bytes). */
const MAX_WORD = 200;

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", "#39": "'" };

/**
 * The text of stored (sanitised) HTML: tags removed, block ends as spaces, entities decoded. The stored
 * HTML has no scripts, comments or raw text elements, so dropping every tag is enough.
 */
export function htmlToText(html: string): string {
  return html
    .replace(/<\/(p|div|h[1-6]|li|ul|ol|tr|td|th|blockquote|pre)>|<br\s*\/?>/gi, "$& ")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#?[a-z0-9]+);/gi, (m, e: string) => {
      const k = e.toLowerCase();
      if (ENTITIES[k]) return ENTITIES[k];
      if (/^#\d+$/.test(k)) return String.fromCodePoint(Math.min(Number(k.slice(1)), 0x10ffff));
      if (/^#x[0-9a-f]+$/.test(k)) return String.fromCodePoint(Math.min(parseInt(k.slice(2), 16), 0x10ffff));
      return m;
    })
    .replace(/\s+/g, " ")
    .trim();
}

/** The words of a text, lowercased, in order. */
export function words(text: string): string[] {
  return (text.toLowerCase().match(WORD) ?? []).filter((w) => w.length <= MAX_WORD);
}

/** What the full-text index holds for some texts (plain text, not HTML). */
export function searchText(...texts: Array<string | null | undefined>): string {
  return texts.flatMap((t) => words(t ?? "")).join(" ");
}

/** The distinct words of a query phrase (at most MAX_QUERY_TERMS). */
export function queryTerms(phrase: string): string[] {
  return [...new Set(words(phrase))].slice(0, MAX_QUERY_TERMS);
}

/**
 * The condition "the row's indexed text has every term", for a table whose `search_text` is indexed
 * (`table` is its name in the query; on SQLite its FTS5 table is `<table>_fts`, keyed by rowid = id).
 * Terms are letters and digits only (queryTerms), so they never carry query syntax.
 */
export function matchesAll(kind: StoreKind, table: string, terms: string[]): Expression<SqlBool> {
  if (kind === "postgres") {
    return sql<SqlBool>`${sql.ref(`${table}.search_vector`)} @@ to_tsquery('simple', ${terms.join(" & ")})`;
  }
  const fts = sql.table(`${table}_fts`);
  const query = terms.map((t) => `"${t}"`).join(" AND ");
  return sql<SqlBool>`${sql.ref(`${table}.id`)} in (select rowid from ${fts} where ${fts} match ${query})`;
}

/**
 * Runs the full-text queries of one search so that PostgreSQL finds the matches through the GIN index.
 * Once a word is in a few percent of the rows, its planner prices a sequential scan below the index, but
 * that scan detoasts and tests every row's tsvector: on bench:articles' 10,000 articles, a word of 10% of
 * them took 23 ms that way and 3.7 ms through the index (which needs no recheck for these AND / OR
 * queries, however many rows match). On PostgreSQL: one transaction with `enable_seqscan` off for its
 * statements only (`set local`); inside a caller's transaction, or on SQLite (FTS5 is its own index), as is.
 */
export async function throughTextIndex<D, T>(db: Kysely<D>, kind: StoreKind, run: (db: Kysely<D>) => Promise<T>): Promise<T> {
  if (kind !== "postgres" || db.isTransaction) return run(db);
  return db.transaction().execute(async (tx) => {
    await sql`set local enable_seqscan = off`.execute(tx);
    return run(tx);
  });
}

/** The condition "the row's indexed text has at least one of the terms" (same engines as matchesAll). */
export function matchesAny(kind: StoreKind, table: string, terms: string[]): Expression<SqlBool> {
  if (kind === "postgres") {
    return sql<SqlBool>`${sql.ref(`${table}.search_vector`)} @@ to_tsquery('simple', ${terms.join(" | ")})`;
  }
  const fts = sql.table(`${table}_fts`);
  const query = terms.map((t) => `"${t}"`).join(" OR ");
  return sql<SqlBool>`${sql.ref(`${table}.id`)} in (select rowid from ${fts} where ${fts} match ${query})`;
}

export interface Segment {
  type: "highlight" | "plain";
  text: string;
}

/** A text split into plain and highlighted segments (the words that are terms are highlighted). */
export function highlightSegments(text: string, terms: string[]): Segment[] {
  const set = new Set(terms);
  const out: Segment[] = [];
  let last = 0;
  const push = (type: Segment["type"], t: string) => {
    if (!t) return;
    const prev = out[out.length - 1];
    if (prev && prev.type === type) prev.text += t;
    else out.push({ type, text: t });
  };
  for (const m of text.matchAll(WORD)) {
    if (!set.has(m[0].toLowerCase())) continue;
    push("plain", text.slice(last, m.index));
    push("highlight", m[0]);
    last = m.index! + m[0].length;
  }
  push("plain", text.slice(last));
  return out;
}

/** Up to `max` passages of a text around the terms (about `width` characters each), highlighted. */
export function highlightedPassages(text: string, terms: string[], max = 3, width = 160): Segment[][] {
  const set = new Set(terms);
  const passages: Segment[][] = [];
  let until = -1;
  for (const m of text.matchAll(WORD)) {
    if (passages.length >= max) break;
    if (m.index! < until || !set.has(m[0].toLowerCase())) continue;
    let start = Math.max(0, m.index! - Math.floor(width / 3));
    if (start > 0) {
      const space = text.indexOf(" ", start);
      start = space >= 0 && space < m.index! ? space + 1 : start;
    }
    let end = Math.min(text.length, start + width);
    if (end < text.length) {
      const space = text.lastIndexOf(" ", end);
      end = space > m.index! + m[0].length ? space : end;
    }
    passages.push(highlightSegments(text.slice(start, end), terms));
    until = end;
  }
  return passages;
}
