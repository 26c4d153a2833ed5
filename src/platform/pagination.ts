// Paging, in one module. Three styles, as Intercom's lists use them:
//  - cursors (readPageRequest, keysetPage, listEnvelope): keyset pagination; a cursor carries the sort
//    key of the last row served, so every page costs the same;
//  - page numbers next to cursors (withPageNumber, pageLinks): the official SDK walks some lists (a
//    contact's notes and companies) with page=1,2,3… until a page comes back empty;
//  - numbered lists (readNumberedPage): page / per_page, also accepting a previous page's cursor.
import { sql, type SelectQueryBuilder, type Expression, type SqlBool } from "kysely";
import { invalidParam } from "./errors.js";

export const DEFAULT_PER_PAGE = 50;
export const MAX_PER_PAGE = 150;
/** The highest page number: the offset of its first row, (page - 1) × per_page, stays an exact integer. */
export const MAX_PAGE = Math.floor(Number.MAX_SAFE_INTEGER / MAX_PER_PAGE);

export interface Cursor {
  /** page number of the page this cursor opens */
  p: number;
  /** sort key values of the last row of the previous page */
  k: unknown[];
  /** total_count as the walk's first page counted it (see keysetPageCounted) */
  t?: number;
}

export interface PageRequest {
  perPage: number;
  cursor: Cursor | null;
  page: number;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

/** A 1-based page number (`page`, or the page a cursor opens), between 1 and MAX_PAGE. */
export function readPageNumber(raw: unknown, field = "page"): number {
  const n = typeof raw === "number" ? raw : Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) throw invalidParam(field, `${field} must be an integer between 1 and ${MAX_PAGE}`);
  return n;
}

/** What a sort key's values are; a cursor's values must be of these kinds (a cursor is client input). */
export type KeyKind = "integer" | "number" | "string";

function isKind(v: unknown, kind: KeyKind): boolean {
  if (kind === "string") return typeof v === "string" && !v.includes("\u0000");
  return kind === "integer" ? Number.isSafeInteger(v) : typeof v === "number" && Number.isFinite(v);
}

export function decodeCursor(raw: string, field = "starting_after"): Cursor {
  try {
    const c = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    const total = c?.t === undefined || (Number.isSafeInteger(c.t) && c.t >= 0);
    if (c && Number.isInteger(c.p) && c.p >= 1 && c.p <= MAX_PAGE && Array.isArray(c.k) && total) return c as Cursor;
  } catch {
    /* fall through */
  }
  throw invalidParam(field, `${field} is not a valid cursor`);
}

export function readPageRequest(
  q: { per_page?: unknown; starting_after?: unknown },
  opts: { defaultPerPage?: number; maxPerPage?: number } = {},
): PageRequest {
  const max = opts.maxPerPage ?? MAX_PER_PAGE;
  let perPage = opts.defaultPerPage ?? DEFAULT_PER_PAGE;
  if (q.per_page !== undefined && q.per_page !== null && q.per_page !== "") {
    const n = Number(q.per_page);
    if (!Number.isInteger(n) || n < 1 || n > max) throw invalidParam("per_page", `per_page must be an integer between 1 and ${max}`);
    perPage = n;
  }
  const raw = q.starting_after;
  const cursor = typeof raw === "string" && raw !== "" ? decodeCursor(raw) : null;
  return { perPage, cursor, page: cursor?.p ?? 1 };
}

export interface SortKey<R> {
  /** column reference used in SQL, e.g. "contacts.created_at" */
  col: string;
  kind: KeyKind;
  dir: "asc" | "desc";
  /** the row's value of this key */
  get: (row: R) => unknown;
}

/** Condition "row comes after key values" for a keyset. */
export function afterKey(keys: Array<{ col: string; dir: "asc" | "desc" }>, values: unknown[]): Expression<SqlBool> {
  const uniform = keys.every((k) => k.dir === keys[0].dir);
  if (uniform) {
    const op = keys[0].dir === "asc" ? sql.raw(">") : sql.raw("<");
    const cols = sql.join(keys.map((k) => sql.ref(k.col)));
    const vals = sql.join(values.map((v) => sql`${v}`));
    return sql<SqlBool>`(${cols}) ${op} (${vals})`;
  }
  // mixed directions: (a > x) or (a = x and b < y) …
  const parts = keys.map((k, i) => {
    const eqs = keys.slice(0, i).map((p, j) => sql`${sql.ref(p.col)} = ${values[j]}`);
    const cmp = sql`${sql.ref(k.col)} ${sql.raw(k.dir === "asc" ? ">" : "<")} ${values[i]}`;
    return sql`(${sql.join([...eqs, cmp], sql` and `)})`;
  });
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

/**
 * Runs one page of a query ordered by `keys` (the last key must be unique).
 * Returns the rows and the cursor of the next page, if there is one.
 */
export async function keysetPage<DB, TB extends keyof DB, R>(
  query: SelectQueryBuilder<DB, TB, R>,
  keys: SortKey<R>[],
  req: PageRequest,
  total?: number,
): Promise<{ rows: R[]; next: string | null; page: number }> {
  let q = query;
  if (req.cursor) {
    if (req.cursor.k.length !== keys.length || req.cursor.k.some((v, i) => !isKind(v, keys[i].kind))) {
      throw invalidParam("starting_after", "starting_after is not a valid cursor");
    }
    q = q.where(() => afterKey(keys, req.cursor!.k)) as typeof q;
  }
  for (const k of keys) q = q.orderBy(sql.ref(k.col), k.dir) as typeof q;
  const rows = (await q.limit(req.perPage + 1).execute()) as R[];
  const hasMore = rows.length > req.perPage;
  if (hasMore) rows.pop();
  const last = rows[rows.length - 1];
  const next = hasMore && last ? encodeCursor({ p: req.page + 1, k: keys.map((k) => k.get(last)), ...(total === undefined ? {} : { t: total }) }) : null;
  return { rows, next, page: req.page };
}

/**
 * A keyset page and the list's total_count. The total is counted once, by the walk's first page, and
 * carried in its cursors: a count is a scan of every matching row, so counting again on every page would
 * make a walk through a million contacts cost a million rows a page. Later pages show the total as the
 * first page counted it (a walk's total_pages stays stable); a new walk counts again.
 */
export async function keysetPageCounted<DB, TB extends keyof DB, R>(
  query: SelectQueryBuilder<DB, TB, R>,
  keys: SortKey<R>[],
  req: PageRequest,
  count: () => Promise<number | string | bigint>,
): Promise<{ rows: R[]; next: string | null; page: number; total: number }> {
  const carried = req.cursor?.t;
  if (carried !== undefined) return { ...(await keysetPage(query, keys, req, carried)), total: carried };
  const [page, n] = await Promise.all([keysetPage(query, keys, req), count()]);
  const total = Number(n);
  // the next page's cursor carries the total
  const next = page.next ? encodeCursor({ ...decodeCursor(page.next), t: total }) : null;
  return { ...page, next, total };
}

export interface PagesObject {
  type: "pages";
  page: number;
  per_page: number;
  total_pages: number;
  next?: { per_page: number; starting_after: string };
}

export function pagesObject(page: number, perPage: number, total: number, next: string | null): PagesObject {
  const pages: PagesObject = { type: "pages", page, per_page: perPage, total_pages: Math.ceil(total / perPage) };
  if (next) pages.next = { per_page: perPage, starting_after: next };
  return pages;
}

/** The `{type: "list", data, total_count, pages}` envelope. */
export function listEnvelope<T>(data: T[], total: number, page: number, perPage: number, next: string | null) {
  return { type: "list" as const, data, total_count: total, pages: pagesObject(page, perPage, total, next) };
}

// ---------------------------------------------------------------- page numbers next to cursors

/** Reads `page` (1-based). With a cursor the cursor wins and the offset is 0. */
export function withPageNumber(req: PageRequest, rawPage: unknown): { req: PageRequest; offset: number } {
  if (req.cursor || rawPage === undefined || rawPage === null || rawPage === "") return { req, offset: 0 };
  const n = readPageNumber(rawPage);
  return { req: { ...req, page: n }, offset: (n - 1) * req.perPage };
}

/** The `pages` object of a page-numbered list whose `next` is a link (pages_link). */
export function pageLinks(path: string, page: number, perPage: number, total: number) {
  const totalPages = Math.ceil(total / perPage);
  return {
    type: "pages" as const,
    page,
    per_page: perPage,
    total_pages: totalPages,
    next: page < totalPages ? `${path}?page=${page + 1}&per_page=${perPage}` : null,
  };
}

// ---------------------------------------------------------------- numbered lists

/** A page of a numbered list: `page` (1-based) or the opaque cursor of a previous page's pages.next. */
export interface NumberedPage {
  page: number;
  perPage: number;
}

export function readNumberedPage(q: { page?: unknown; per_page?: unknown; starting_after?: unknown }, defaultPerPage: number): NumberedPage {
  const { perPage, cursor } = readPageRequest(q, { defaultPerPage });
  if (cursor) return { page: cursor.p, perPage };
  if (q.page === undefined || q.page === null || q.page === "") return { page: 1, perPage };
  return { page: readPageNumber(q.page), perPage };
}
