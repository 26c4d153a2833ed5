// Running a search: the sort a request asks for, the matching rows one keyset page at a time, and
// their total. Shared by every searchable model (contacts now; companies, conversations, tickets next).
import { sql, type Expression, type Kysely, type SqlBool } from "kysely";
import { ApiError, invalidParam } from "../platform/errors.js";
import type { Ctx } from "../platform/http.js";
import { keysetPageCounted, type KeyKind, type PageRequest, type SortKey } from "../platform/pagination.js";
import { dialectFor } from "./dialect.js";
import { column } from "./translate.js";
import type { Env, ScalarField, SearchModel } from "./types.js";

export const envFor = (c: Pick<Ctx, "kind" | "wsId">): Env => ({ d: dialectFor(c.kind), wsId: c.wsId });

export interface SortSpec {
  field: ScalarField;
  dir: "asc" | "desc";
}

const ORDERS = ["ascending", "descending"];

/** The `sort` member of a search request: {field, order}; order defaults to descending. */
export function parseSort(raw: unknown, model: SearchModel, fallback: SortSpec): SortSpec {
  if (raw === undefined || raw === null) return fallback;
  if (typeof raw !== "object" || Array.isArray(raw)) throw invalidParam("sort", "sort must be an object {field, order}");
  const { field, order } = raw as { field?: unknown; order?: unknown };
  if (order !== undefined && order !== null && !(typeof order === "string" && ORDERS.includes(order))) {
    throw new ApiError(400, "invalid_sort_order", `Invalid sort order '${typeof order === "string" ? order : JSON.stringify(order)}'. Must be one of: ascending, descending`, "sort.order");
  }
  const dir = order === "ascending" ? "asc" : "desc";
  if (field === undefined || field === null) return { field: fallback.field, dir };
  if (typeof field !== "string") throw invalidParam("sort.field", "sort.field must be a field name");
  const f = model.field(field);
  if (!f) throw new ApiError(400, "invalid_field", `${field} is not a valid sort field`, "sort.field");
  if (f.kind !== "scalar" || f.sortable === false) throw new ApiError(400, "invalid_field", `${field} can be searched on but not sorted on`, "sort.field");
  return { field: f, dir };
}

export interface SearchRun {
  /** the table searched; its primary key `id` breaks sort ties */
  table: string;
  /** the full condition (workspace and the query) */
  where: Expression<SqlBool>;
  sort: SortSpec;
  page: PageRequest;
  /** the kind of the table's `id` (text ids by default; conversations and tickets have integer ids) */
  idKind?: KeyKind;
}

const isNumeric = (f: ScalarField) => f.type !== "string";

/** The kind of a sort key's values: a cursor must carry exactly that (a float is no bigint, and may not reach one). */
const keyKind = (f: ScalarField): KeyKind => (f.type === "string" ? "string" : f.type === "float" ? "number" : "integer");

/**
 * The queries of a search: the rows matching `where` in sort order (to be paged on `keys`) and their count.
 * Sorting on a value that may be NULL or is text goes through two computed keys (NULLs first
 * ascending, last descending; text compared byte-wise on both stores, case-folded unless the field is
 * matched exactly), so cursors stay exact.
 */
export function searchQueries(c: Ctx, run: Omit<SearchRun, "page">) {
  const db = c.db as unknown as Kysely<any>;
  const env = envFor(c);
  const { table, sort } = run;
  const idKind = run.idKind ?? "string";
  const base = db.selectFrom(table).where(run.where);
  // text sorts as it matches: folded when matched case-insensitively
  const expr = column(sort.field, env);
  const count = base.select((eb) => eb.fn.countAll<number>().as("n"));
  if (sort.field.notNull && isNumeric(sort.field)) {
    const rows = db.selectFrom(base.selectAll(table).select(sql`${expr}`.as("_sk")).as("s")).selectAll("s");
    const keys: SortKey<any>[] = [
      { col: "s._sk", kind: keyKind(sort.field), dir: sort.dir, get: (r) => r._sk },
      { col: "s.id", kind: idKind, dir: sort.dir, get: (r) => r.id },
    ];
    return { rows, keys, count };
  }
  const key = isNumeric(sort.field) ? sql`coalesce(${expr}, 0)` : sql`coalesce(${env.d.binary(expr)}, '')`;
  const inner = base
    .selectAll(table)
    .select(sql<number>`(case when ${expr} is null then 0 else 1 end)`.as("_sn"))
    .select(key.as("_sk"));
  const rows = db.selectFrom(inner.as("s")).selectAll("s");
  const keys: SortKey<any>[] = [
    { col: "s._sn", kind: "integer", dir: sort.dir, get: (r) => r._sn },
    { col: "s._sk", kind: keyKind(sort.field), dir: sort.dir, get: (r) => r._sk },
    { col: "s.id", kind: idKind, dir: sort.dir, get: (r) => r.id },
  ];
  return { rows, keys, count };
}

/** One page of the rows matching, and how many match in all. */
export async function searchPage<R extends { id: string | number }>(c: Ctx, run: SearchRun) {
  const { rows: query, keys, count } = searchQueries(c, run);
  // a cursor of another sort (or forged) is refused by keysetPage, by the kinds of the keys
  const page = await keysetPageCounted(query, keys, run.page, async () => ((await count.executeTakeFirstOrThrow()) as { n: number }).n);
  const rows = page.rows.map((r: Record<string, unknown>) => {
    const { _sn: _a, _sk: _b, ...row } = r;
    return row as R;
  });
  return { rows, next: page.next, page: page.page, total: page.total };
}
