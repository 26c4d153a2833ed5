// POST /companies/search (Unstable), and the companies search model: the fields the description lists,
// their types and how each reads in SQL and in memory. Parsing, validation, SQL and paging are the
// search engine's (src/search), shared with the contacts search.
//
// - Only companies with at least one contact are found (Intercom leaves out companies without users).
// - plan.id / plan.name (and any field not listed) are 400 invalid_field; tag_id takes = and != only;
//   IN / NIN are refused on dates (COMPANY_RULES).
// - Pages: cursor (`pagination.starting_after`), 15 a page by default, at most 150; sort by any scalar
//   field (default created_at descending).
import { sql, type SqlBool } from "kysely";
import type { App, Ctx } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { listEnvelope, readPageRequest } from "../../platform/pagination.js";
import { since } from "../../platform/since.js";
import { customAttributeDefs, type CustomAttributeDef } from "../data_attributes/custom-attributes.js";
import { COMPANY_RULES, parseSearchQuery } from "../../search/parse.js";
import { SearchRequestBody, type SearchRequest } from "../../search/request.js";
import { customAttributeField } from "../../search/fields.js";
import { envFor, parseSort, searchPage, type SortSpec } from "../../search/run.js";
import { translate } from "../../search/translate.js";
import type { Env, Field, RelationField, ScalarField, SearchModel, ValueType } from "../../search/types.js";
import { presentCompanies } from "./present.js";
import type { CompanyRow } from "./service.js";

const ref = (col: string) => sql.ref(col);

function column(name: string, col: string, type: ValueType, extra: Partial<ScalarField> = {}): ScalarField {
  return { kind: "scalar", name, type, sql: () => ref(`companies.${col}`), js: (r: Record<string, unknown>) => r[col], ...extra };
}

/** Tag ids are numbers stored; a value that is not one names no tag. */
const tagIdValue = (v: string | number) => (/^\d{1,15}$/.test(String(v)) ? Number(v) : undefined);

const TAG_ID: RelationField = {
  kind: "relation",
  name: "tag_id",
  ops: ["=", "!="],
  value: { kind: "scalar", name: "tag_id", type: "string", exact: true, cast: tagIdValue, sql: () => sql.ref("cot.tag_id"), js: (t: number) => t },
  sql: (env: Env, cond) =>
    sql<SqlBool>`companies.id in (select cot.company_id from company_tags cot where cot.workspace_id = ${env.wsId}${cond ? sql` and ${cond}` : sql``})`,
  items: (r: CompanySearchRow) => r.tag_ids ?? [],
};

/** The number of contacts attached (as presented in user_count). */
const USER_COUNT: ScalarField = {
  kind: "scalar",
  name: "user_count",
  type: "integer",
  notNull: true,
  sql: () => sql`(select count(*) from contact_companies ucc where ucc.company_id = companies.id)`,
  js: (r: CompanySearchRow) => r.user_count_live ?? 0,
};

export type CompanySearchRow = CompanyRow & { tag_ids?: number[]; user_count_live?: number };

/** Timestamps: calendar days of the workspace, or the exact second where the version says so (Unstable). */
const timeType = (version: string): ValueType => (since(version, "datetimeType") ? "datetime" : "date");

function standardFields(version: string): Map<string, Field> {
  const t = timeType(version);
  const fields: Field[] = [
    column("id", "id", "string", { exact: true, notNull: true }),
    column("company_id", "company_id", "string", { exact: true, notNull: true }),
    column("name", "name", "string"),
    column("created_at", "created_at", t, { days: "workspace", notNull: true }),
    column("updated_at", "updated_at", t, { days: "workspace", notNull: true }),
    column("remote_created_at", "remote_created_at", t, { days: "workspace" }),
    column("last_request_at", "last_request_at", t, { days: "workspace" }),
    column("monthly_spend", "monthly_spend", "integer"),
    column("session_count", "session_count", "integer", { notNull: true }),
    USER_COUNT,
    TAG_ID,
  ];
  return new Map(fields.map((f) => [f.name, f]));
}

const standardByVersion = new Map<string, Map<string, Field>>();

/** The companies search model of a request: standard fields, and the workspace's company custom attributes when named. */
export async function companySearchModel(c: Ctx, raw?: unknown): Promise<SearchModel> {
  let std = standardByVersion.get(c.version);
  if (!std) standardByVersion.set(c.version, (std = standardFields(c.version)));
  const text = raw === undefined ? null : JSON.stringify(raw) ?? "";
  const defs = text === null || text.includes("custom_attributes") ? await customAttributeDefs(c, "company") : new Map<string, CustomAttributeDef>();
  const custom = new Map<string, ScalarField | undefined>();
  const standard = std;
  return {
    name: "companies",
    rules: COMPANY_RULES,
    timezone: c.ws.timezone,
    field(name) {
      const f = standard.get(name);
      if (f) return f;
      if (name.startsWith("custom_attributes.")) {
        const key = name.slice("custom_attributes.".length);
        if (!custom.has(key)) {
          const def = defs.get(key);
          custom.set(
            key,
            def
              ? customAttributeField({ key, dataType: def.data_type, column: "companies.custom_attributes", ref, exactTimes: since(c.version, "datetimeType"), days: since(c.version, "searchDaysUtc") ? "utc" : "workspace" })
              : undefined,
          );
        }
        return custom.get(key);
      }
      return undefined;
    },
  };
}

export const DEFAULT_COMPANY_SEARCH_PER_PAGE = 15;


export async function searchCompanies(c: Ctx, body: SearchRequest) {
  const page = readPageRequest(body.pagination ?? {}, { defaultPerPage: DEFAULT_COMPANY_SEARCH_PER_PAGE });
  const model = await companySearchModel(c, [body.query, body.sort]);
  const query = parseSearchQuery(body.query, model);
  const sort = parseSort(body.sort, model, { field: model.field("created_at") as ScalarField, dir: "desc" });
  const where = sql<SqlBool>`(${sql.ref("companies.workspace_id")} = ${c.wsId}
    and exists (select 1 from contact_companies hc where hc.company_id = companies.id)
    and ${translate(query.root, envFor(c))})`;
  return { ...(await searchPage<CompanyRow>(c, { table: "companies", where, sort, page })), perPage: page.perPage };
}

export default async function routes(app: App) {
  app.post("/companies/search", { schema: { body: SearchRequestBody } }, async (req) => {
    const c = ctx(req);
    const result = await searchCompanies(c, req.body);
    return listEnvelope(await presentCompanies(c, result.rows), result.total, result.page, result.perPage, result.next);
  });
}
