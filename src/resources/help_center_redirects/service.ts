// Help center redirects (2.16): a from_url of a help center mapped to one of its articles or collections.
//
// - One redirect per from_url in a help center: a unique index decides (a second one is 409).
// - from_url must be an absolute http(s) URL (422 otherwise); the target must be an article or a
//   collection of the workspace (422 otherwise). For an article target, the redirect's locale is the
//   article's translation in the requested locale, or its default locale when it has none.
// - Listed most recently updated first, page-numbered (per_page ≤ 250, default 50).
import type { Selectable } from "kysely";
import type { HelpCenterRedirectsTable } from "../../db/tables/content-extras.js";
import type { Ctx } from "../../platform/http.js";
import { ApiError, invalidParam, missingParam, notFound } from "../../platform/errors.js";
import { isUniqueViolation } from "../../platform/db-errors.js";
import { parseNumericId } from "../../platform/ids.js";
import { readPageNumber, readPageRequest } from "../../platform/pagination.js";
import { LOCALES } from "../help_center/locales.js";
import { getHelpCenter } from "../help_center/service.js";
import { MAX_URL, type RedirectInput } from "./schemas.js";

export type RedirectRow = Selectable<HelpCenterRedirectsTable>;

const LOCALE_SET = new Set<string>(LOCALES);
const unprocessable = (field: string, message: string) => new ApiError(422, "data_invalid", message, field);
const redirectNotFound = () => notFound("Resource not found", "not_found");

export async function listRedirects(c: Ctx, helpCenterId: string, q: { page?: unknown; per_page?: unknown }) {
  const hc = await getHelpCenter(c, helpCenterId);
  const per = readPageRequest({ per_page: q.per_page }, { defaultPerPage: 50, maxPerPage: 250 }).perPage;
  const page = q.page === undefined || q.page === null || q.page === "" ? 1 : readPageNumber(q.page);
  const base = c.db.selectFrom("help_center_redirects").where("workspace_id", "=", c.wsId).where("help_center_id", "=", hc.id);
  const { n } = await base.select((eb) => eb.fn.countAll<number | string>().as("n")).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll()
    .orderBy("updated_at", "desc")
    .orderBy("id", "desc")
    .limit(per)
    .offset((page - 1) * per)
    .execute();
  return { rows, total: Number(n), page, perPage: per };
}

export async function createRedirect(c: Ctx, helpCenterId: string, input: RedirectInput): Promise<RedirectRow> {
  const hc = await getHelpCenter(c, helpCenterId);
  for (const f of ["from_url", "locale", "target_type", "target_id"] as const) {
    if (input[f] === undefined || input[f] === null || input[f] === "") throw missingParam(f);
  }
  if (input.target_type !== "article" && input.target_type !== "collection") throw invalidParam("target_type", "target_type must be 'article' or 'collection'");
  if (typeof input.locale !== "string" || !LOCALE_SET.has(input.locale)) throw invalidParam("locale", `${String(input.locale)} is not a supported locale`);
  const fromUrl = String(input.from_url);
  let url: URL | null = null;
  try {
    url = new URL(fromUrl);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:") || fromUrl.length > MAX_URL) {
    throw unprocessable("from_url", "from_url must be an absolute URL within this help center's URL space");
  }
  const targetId = parseNumericId(input.target_id);
  let locale = input.locale;
  if (input.target_type === "article") {
    const article = targetId === null ? undefined : await c.db.selectFrom("articles").select(["id", "default_locale"]).where("workspace_id", "=", c.wsId).where("id", "=", targetId).executeTakeFirst();
    if (!article) throw unprocessable("target_id", "target_id must be an article of this help center");
    const content = await c.db.selectFrom("article_contents").select("locale").where("article_id", "=", article.id).where("locale", "=", locale).executeTakeFirst();
    if (!content) locale = article.default_locale;
  } else {
    const col = targetId === null ? undefined : await c.db.selectFrom("help_center_collections").select("id").where("workspace_id", "=", c.wsId).where("id", "=", targetId).executeTakeFirst();
    if (!col) throw unprocessable("target_id", "target_id must be a collection of this help center");
  }
  const now = c.now();
  try {
    return await c.db
      .insertInto("help_center_redirects")
      .values({ workspace_id: c.wsId, help_center_id: hc.id, from_url: fromUrl, locale, target_type: input.target_type, target_id: targetId!, created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (err) {
    if (isUniqueViolation(err)) throw new ApiError(409, "resource_conflict", "A redirect with that URL already exists", "from_url");
    throw err;
  }
}

export async function getRedirect(c: Ctx, helpCenterId: string, rawId: unknown): Promise<RedirectRow> {
  const hc = await getHelpCenter(c, helpCenterId);
  const id = parseNumericId(rawId);
  const row = id === null ? undefined : await c.db.selectFrom("help_center_redirects").selectAll().where("workspace_id", "=", c.wsId).where("help_center_id", "=", hc.id).where("id", "=", id).executeTakeFirst();
  if (!row) throw redirectNotFound();
  return row;
}

/** Deletes by affected-row count: of parallel deletes of one redirect, one answers 200. */
export async function deleteRedirect(c: Ctx, helpCenterId: string, rawId: unknown): Promise<number> {
  const hc = await getHelpCenter(c, helpCenterId);
  const id = parseNumericId(rawId);
  if (id === null) throw redirectNotFound();
  const r = await c.db.deleteFrom("help_center_redirects").where("workspace_id", "=", c.wsId).where("help_center_id", "=", hc.id).where("id", "=", id).executeTakeFirst();
  if (Number(r.numDeletedRows) === 0) throw redirectNotFound();
  return id;
}
