// GET /content/search (2.16, Unstable): one search over the workspace's knowledge content — articles
// (a result per article, its contents per locale inside), internal articles, content snippets and external
// pages — with the full-text engine article search uses (src/search/fulltext.ts: every word of `query`
// must occur, whole words, any order). Results are most recently updated first (the same order on both
// stores), page-numbered (per_page ≤ 50).
//
// What opencom's content does not record, a filter on it does not match: file_source_content (opencom
// has no uploaded files), folders (content does not go into folders yet), last_updated_by_ids (no editor
// is recorded), created_by_ids on snippets and external pages (no creator; articles and internal articles
// match on their author), and the availability filters on articles and internal articles (they carry no
// availability flags). Snippets, external pages and internal articles have no draft state: they are live
// (`published`).
import { sql, type Expression, type SqlBool } from "kysely";
import { ApiError } from "../../platform/errors.js";
import type { Ctx } from "../../platform/http.js";
import { matchesAll, matchesAny, queryTerms, throughTextIndex } from "../../search/fulltext.js";
import { LOCALES } from "../help_center/locales.js";

export const MAX_QUERY = 500;
export const MAX_PER_PAGE = 50;
export const DEFAULT_PER_PAGE = 10;
/** Most values one list filter takes. */
export const MAX_FILTER_VALUES = 100;

export const CONTENT_TYPES = ["article", "internal_article", "snippet", "external_content", "file_source_content"] as const;
type ContentTypeParam = (typeof CONTENT_TYPES)[number];

export const unprocessable = (field: string, message: string) => new ApiError(422, "parameter_invalid", message, field);

export interface SearchQuery {
  query?: string;
  page?: string | number;
  per_page?: string | number;
  states?: string | string[];
  locales?: string | string[];
  tag_ids?: string | string[];
  tag_operator?: string;
  any_tag_ids?: string | string[];
  folder_ids?: string | string[];
  folder_entity_type?: string;
  content_types?: string | string[];
  copilot_state?: string;
  fin_service_state?: string;
  fin_sales_state?: string;
  created_by_ids?: string | string[];
  last_updated_by_ids?: string | string[];
  created_at_after?: string | number;
  created_at_before?: string | number;
  updated_at_after?: string | number;
  updated_at_before?: string | number;
}

/** A comma-separated list or repeated parameter (style form, explode false). */
function list(field: string, raw: string | string[] | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  const values = (Array.isArray(raw) ? raw : [raw]).flatMap((v) => String(v).split(",")).map((v) => v.trim()).filter((v) => v !== "");
  if (values.length > MAX_FILTER_VALUES) throw unprocessable(field, `${field} takes at most ${MAX_FILTER_VALUES} values`);
  return values.length ? [...new Set(values)] : undefined;
}

function ints(field: string, raw: string | string[] | undefined): number[] | undefined {
  const v = list(field, raw);
  if (!v) return undefined;
  return v.map((x) => {
    const n = Number(x);
    if (!/^-?\d+$/.test(x) || !Number.isSafeInteger(n)) throw unprocessable(field, `${field} must be integers`);
    return n;
  });
}

function oneOf<T extends string>(field: string, raw: string | undefined, allowed: readonly T[]): T | undefined {
  if (raw === undefined || raw === "") return undefined;
  if (!(allowed as readonly string[]).includes(raw)) throw unprocessable(field, `${field} must be one of ${allowed.join(", ")}`);
  return raw as T;
}

function int(field: string, raw: string | number | undefined): number | undefined {
  if (raw === undefined || raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) throw unprocessable(field, `${field} must be an integer`);
  return n;
}

export interface ParsedSearch {
  terms: string[];
  /** a query was given but has no words: nothing matches */
  empty: boolean;
  page: number;
  perPage: number;
  states?: string[];
  locales?: string[];
  tagIds?: number[];
  tagOperator: "IN" | "NIN";
  folderIds?: number[];
  types: Set<ContentTypeParam>;
  copilot?: boolean;
  finService?: boolean;
  finSales?: boolean;
  createdBy?: number[];
  lastUpdatedBy?: number[];
  createdAfter?: number;
  createdBefore?: number;
  updatedAfter?: number;
  updatedBefore?: number;
}

const onOff = (field: string, raw: string | undefined) => {
  const v = oneOf(field, raw, ["on", "off"] as const);
  return v === undefined ? undefined : v === "on";
};

export function parseSearch(q: SearchQuery): ParsedSearch {
  const query = q.query ?? "";
  if (query.length > MAX_QUERY) throw unprocessable("query", `query is longer than ${MAX_QUERY} characters`);
  const terms = queryTerms(query);
  // page: the parameter's schema says minimum 1 while its description says values below 1 are clamped;
  // opencom refuses them (422) like every other list (the robustness walk requires it)
  const page = int("page", q.page) ?? 1;
  if (page < 1 || page > 1_000_000) throw unprocessable("page", "page must be between 1 and 1000000");
  const perPage = int("per_page", q.per_page) ?? DEFAULT_PER_PAGE;
  if (perPage < 1 || perPage > MAX_PER_PAGE) throw unprocessable("per_page", `per_page must be between 1 and ${MAX_PER_PAGE}`);
  const states = list("states", q.states);
  for (const s of states ?? []) if (s !== "published" && s !== "draft") throw unprocessable("states", "states must be published or draft");
  const locales = list("locales", q.locales);
  for (const l of locales ?? []) if (!(LOCALES as readonly string[]).includes(l)) throw unprocessable("locales", `${l} is not a supported locale`);
  const tagIds = ints("tag_ids", q.tag_ids);
  const anyTagIds = ints("any_tag_ids", q.any_tag_ids);
  const tagOperator = oneOf("tag_operator", q.tag_operator, ["IN", "NIN"] as const) ?? "IN";
  if (tagIds && anyTagIds) throw unprocessable("any_tag_ids", "send tag_ids with tag_operator, or any_tag_ids, not both");
  const folderIds = ints("folder_ids", q.folder_ids);
  const folderType = oneOf("folder_entity_type", q.folder_entity_type, ["folder"] as const);
  if (folderIds && !folderType) throw unprocessable("folder_entity_type", "folder_entity_type is required with folder_ids");
  const types = list("content_types", q.content_types);
  for (const t of types ?? []) if (!(CONTENT_TYPES as readonly string[]).includes(t)) throw unprocessable("content_types", `content_types must be among ${CONTENT_TYPES.join(", ")}`);
  return {
    terms,
    empty: query.trim() !== "" && terms.length === 0,
    page,
    perPage,
    states,
    locales,
    tagIds: tagIds ?? anyTagIds,
    tagOperator: anyTagIds ? "IN" : tagOperator,
    folderIds,
    types: new Set((types ?? CONTENT_TYPES) as ContentTypeParam[]),
    copilot: onOff("copilot_state", q.copilot_state),
    finService: onOff("fin_service_state", q.fin_service_state),
    finSales: onOff("fin_sales_state", q.fin_sales_state),
    createdBy: ints("created_by_ids", q.created_by_ids),
    lastUpdatedBy: ints("last_updated_by_ids", q.last_updated_by_ids),
    createdAfter: int("created_at_after", q.created_at_after),
    createdBefore: int("created_at_before", q.created_at_before),
    updatedAfter: int("updated_at_after", q.updated_at_after),
    updatedBefore: int("updated_at_before", q.updated_at_before),
  };
}

export interface SearchHit {
  kind: "article" | "internal_article" | "content_snippet" | "external_content";
  id: number;
  title: string;
  updated_at: number;
}

const NEVER = sql<SqlBool>`1 = 0`;

/** The branches' shared filters (created/updated ranges) on a table alias. */
function timeRange(p: ParsedSearch, t: string): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = [];
  if (p.createdAfter !== undefined) out.push(sql<SqlBool>`${sql.ref(`${t}.created_at`)} >= ${p.createdAfter}`);
  if (p.createdBefore !== undefined) out.push(sql<SqlBool>`${sql.ref(`${t}.created_at`)} <= ${p.createdBefore}`);
  if (p.updatedAfter !== undefined) out.push(sql<SqlBool>`${sql.ref(`${t}.updated_at`)} >= ${p.updatedAfter}`);
  if (p.updatedBefore !== undefined) out.push(sql<SqlBool>`${sql.ref(`${t}.updated_at`)} <= ${p.updatedBefore}`);
  return out;
}

function tagFilter(c: Ctx, p: ParsedSearch, type: string, idRef: string): Expression<SqlBool> | undefined {
  if (!p.tagIds) return undefined;
  const tagged = c.db.selectFrom("content_tags").select("content_tags.content_id").where("content_tags.workspace_id", "=", c.wsId).where("content_tags.content_type", "=", type).where("content_tags.tag_id", "in", p.tagIds);
  return p.tagOperator === "IN" ? sql<SqlBool>`${sql.ref(idRef)} in (${tagged})` : sql<SqlBool>`${sql.ref(idRef)} not in (${tagged})`;
}

function flag(p: ParsedSearch, col: string | null, want: boolean | undefined): Expression<SqlBool> | undefined {
  if (want === undefined) return undefined;
  if (col === null) return NEVER;
  return sql<SqlBool>`${sql.ref(col)} = ${want ? 1 : 0}`;
}

const and = (xs: Array<Expression<SqlBool> | undefined>) => xs.filter((x): x is Expression<SqlBool> => x !== undefined);

/**
 * How the content types are matched: the one query content search and Fin (src/resources/fin) share.
 * `anyTerm`: a row matches with at least one of the words (Fin scores the candidates itself) instead of
 * all of them; `forFin`: only what Fin may answer from (snippets available to the AI chatbot, external
 * pages available to the AI agent; articles carry no availability flag, published ones all count).
 */
export interface MatchOptions {
  anyTerm?: boolean;
  forFin?: boolean;
}

/**
 * The rows (kind, id, title, updated_at) of every asked-for content type that match the parsed search,
 * as one union query (null when no type is asked for). Callers order and page it.
 */
export function matchingContent(c: Ctx, p: ParsedSearch, how: MatchOptions = {}): any | null {
  const db = c.db as any;
  const branches: any[] = [];
  const liveOnly = !p.states || p.states.includes("published");
  const match = how.anyTerm ? matchesAny : matchesAll;

  if (p.types.has("article")) {
    // the contents decide (words, state, locale); the article is the result
    let contents = db.selectFrom("article_contents").select("article_contents.article_id");
    contents = p.terms.length ? contents.where(match(c.kind, "article_contents", p.terms)) : contents.where("article_contents.workspace_id", "=", c.wsId);
    if (p.states) contents = contents.where("article_contents.state", "in", p.states);
    if (p.locales) contents = contents.where("article_contents.locale", "in", p.locales);
    const conds = and([
      ...timeRange(p, "a"),
      tagFilter(c, p, "article", "a.id"),
      flag(p, null, p.copilot),
      flag(p, null, p.finService),
      flag(p, null, p.finSales),
      p.createdBy ? sql<SqlBool>`${sql.ref("a.author_id")} in (${sql.join(p.createdBy)})` : undefined,
    ]);
    let q = db
      .selectFrom("articles as a")
      .select([
        sql.lit("article").as("kind"),
        "a.id as id",
        sql`(select m.title from article_contents m where m.article_id = a.id and m.locale = a.default_locale)`.as("title"),
        "a.updated_at as updated_at",
      ])
      .where("a.workspace_id", "=", c.wsId)
      .where("a.id", "in", contents);
    for (const x of conds) q = q.where(x);
    branches.push(q);
  }

  const simple = (
    kind: SearchHit["kind"],
    param: ContentTypeParam,
    table: string,
    opts: { tagType?: string; author?: string; copilot: string | null; service: string | null; sales: string | null; fin: string | null },
  ) => {
    if (!p.types.has(param) || !liveOnly) return;
    const t = table; // unaliased: matchesAll names the table (and its FTS5 table)
    const conds = and([
      ...timeRange(p, t),
      p.terms.length ? match(c.kind, t, p.terms) : undefined,
      how.forFin ? (opts.fin ? sql<SqlBool>`${sql.ref(`${t}.${opts.fin}`)} = 1` : NEVER) : undefined,
      p.locales ? sql<SqlBool>`${sql.ref(`${t}.locale`)} in (${sql.join(p.locales)})` : undefined,
      p.tagIds ? (opts.tagType ? tagFilter(c, p, opts.tagType, `${t}.id`) : p.tagOperator === "IN" ? NEVER : undefined) : undefined,
      flag(p, opts.copilot && `${t}.${opts.copilot}`, p.copilot),
      flag(p, opts.service && `${t}.${opts.service}`, p.finService),
      flag(p, opts.sales && `${t}.${opts.sales}`, p.finSales),
      p.createdBy ? (opts.author ? sql<SqlBool>`${sql.ref(`${t}.${opts.author}`)} in (${sql.join(p.createdBy)})` : NEVER) : undefined,
    ]);
    let q = db
      .selectFrom(table)
      .select([sql.lit(kind).as("kind"), `${t}.id as id`, `${t}.title as title`, `${t}.updated_at as updated_at`])
      .where(`${t}.workspace_id`, "=", c.wsId);
    for (const x of conds) q = q.where(x);
    branches.push(q);
  };
  simple("internal_article", "internal_article", "internal_articles", { tagType: "internal_article", author: "author_id", copilot: null, service: null, sales: null, fin: null });
  simple("content_snippet", "snippet", "content_snippets", {
    tagType: "content_snippet",
    copilot: "ai_copilot_availability",
    service: "ai_chatbot_availability",
    sales: "ai_sales_agent_availability",
    fin: "ai_chatbot_availability",
  });
  simple("external_content", "external_content", "external_pages", { copilot: "ai_copilot_availability", service: "ai_agent_availability", sales: null, fin: "ai_agent_availability" });

  if (branches.length === 0) return null;
  return branches.slice(1).reduce((u, b) => u.unionAll(b), branches[0]);
}

/** A page of results and the total, most recently updated first. */
export async function searchContent(c: Ctx, p: ParsedSearch): Promise<{ hits: SearchHit[]; total: number }> {
  if (p.empty || p.folderIds || p.lastUpdatedBy) return { hits: [], total: 0 };
  const { rows, total } = await throughTextIndex(c.db, c.kind, async (tx) => {
    const db = tx as any;
    const union = matchingContent({ ...c, db: tx }, p);
    if (union === null) return { rows: [] as SearchHit[], total: 0 };
    const rows: Array<SearchHit & { total: number | string }> = await db
      .selectFrom(union.as("r"))
      .selectAll("r")
      .select(sql`count(*) over ()`.as("total"))
      .orderBy("r.updated_at", "desc")
      .orderBy("r.kind")
      .orderBy("r.id", "desc")
      .limit(p.perPage)
      .offset((p.page - 1) * p.perPage)
      .execute();
    let total = rows[0]?.total;
    if (total === undefined) {
      const n = await db.selectFrom(union.as("r")).select(sql`count(*)`.as("n")).executeTakeFirstOrThrow();
      total = n.n;
    }
    return { rows, total };
  });
  return { hits: rows.map((r) => ({ kind: r.kind, id: Number(r.id), title: r.title ?? "", updated_at: Number(r.updated_at) })), total: Number(total) };
}
