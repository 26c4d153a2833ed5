// Content snippets (2.16): short pieces of knowledge for AI answers. Title required; the content is
// `json_blocks` (stored as given, at most 200 blocks) and/or `body_markdown`.
import type { Selectable } from "kysely";
import type { ContentSnippetsTable } from "../../db/tables/content.js";
import type { Ctx } from "../../platform/http.js";
import { ApiError, notFound } from "../../platform/errors.js";
import { parseNumericId } from "../../platform/ids.js";
import { readPageNumber } from "../../platform/pagination.js";
import { LOCALES, DEFAULT_LOCALE } from "../help_center/locales.js";
import type { SnippetInput } from "./schemas.js";

export type SnippetRow = Selectable<ContentSnippetsTable>;

export const MAX_TITLE = 255;
export const MAX_BODY = 100_000;
export const MAX_BLOCKS = 200;
const resourceNotFound = () => notFound("Resource Not Found", "not_found");
/** The documented answer to content it cannot take: 422. */
const unprocessable = (field: string, message: string) => new ApiError(422, "parameter_invalid", message, field);

function readInput(input: SnippetInput) {
  const out: Partial<SnippetRow> = {};
  if (input.title !== undefined && input.title !== null) {
    if (typeof input.title !== "string" || input.title.trim() === "") throw unprocessable("title", "title must be a non-blank string");
    if (input.title.length > MAX_TITLE) throw unprocessable("title", `title is longer than ${MAX_TITLE} characters`);
    out.title = input.title;
  }
  if (input.json_blocks !== undefined && input.json_blocks !== null) {
    if (!Array.isArray(input.json_blocks) || input.json_blocks.length > MAX_BLOCKS || !input.json_blocks.every((b) => b && typeof b === "object" && !Array.isArray(b))) {
      throw unprocessable("json_blocks", `json_blocks must be an array of at most ${MAX_BLOCKS} objects`);
    }
    const text = JSON.stringify(input.json_blocks);
    if (text.length > MAX_BODY) throw unprocessable("json_blocks", `json_blocks is larger than ${MAX_BODY} characters`);
    out.json_blocks = text;
  }
  if (input.body_markdown !== undefined && input.body_markdown !== null) {
    if (typeof input.body_markdown !== "string" || input.body_markdown.length > MAX_BODY) throw unprocessable("body_markdown", `body_markdown must be a string of at most ${MAX_BODY} characters`);
    out.body_markdown = input.body_markdown;
  }
  if (input.locale !== undefined && input.locale !== null) {
    if (typeof input.locale !== "string" || !(LOCALES as readonly string[]).includes(input.locale)) throw unprocessable("locale", "locale is not a supported locale");
    out.locale = input.locale;
  }
  if (input.audience_ids !== undefined && input.audience_ids !== null) {
    if (!Array.isArray(input.audience_ids) || input.audience_ids.length > 100 || !input.audience_ids.every((x) => Number.isSafeInteger(x))) {
      throw unprocessable("audience_ids", "audience_ids must be an array of at most 100 integers");
    }
    out.audience_ids = JSON.stringify(input.audience_ids);
  }
  for (const f of ["ai_chatbot_availability", "ai_copilot_availability", "ai_sales_agent_availability"] as const) {
    const v = input[f];
    if (v === undefined || v === null) continue;
    if (typeof v !== "boolean") throw unprocessable(f, `${f} must be a boolean`);
    out[f] = v ? 1 : 0;
  }
  return out;
}

export async function createSnippet(c: Ctx, input: SnippetInput): Promise<SnippetRow> {
  if (input.title === undefined || input.title === null) throw unprocessable("title", "title is required");
  const v = readInput(input);
  const now = c.now();
  const row = {
    workspace_id: c.wsId,
    title: v.title!,
    locale: v.locale ?? DEFAULT_LOCALE,
    json_blocks: v.json_blocks ?? "[]",
    body_markdown: v.body_markdown ?? "",
    audience_ids: v.audience_ids ?? "[]",
    ai_chatbot_availability: v.ai_chatbot_availability ?? 1,
    ai_copilot_availability: v.ai_copilot_availability ?? 1,
    ai_sales_agent_availability: v.ai_sales_agent_availability ?? 0,
    created_at: now,
    updated_at: now,
  };
  const { id } = await c.db.insertInto("content_snippets").values(row).returning("id").executeTakeFirstOrThrow();
  return { ...row, id: Number(id) };
}

export async function getSnippet(c: Ctx, rawId: unknown): Promise<SnippetRow> {
  const id = parseNumericId(rawId);
  const row = id === null ? undefined : await c.db.selectFrom("content_snippets").selectAll().where("workspace_id", "=", c.wsId).where("id", "=", id).executeTakeFirst();
  if (!row) throw resourceNotFound();
  return row;
}

/** A partial update: only the given columns are written (the database merges). */
export async function updateSnippet(c: Ctx, rawId: unknown, input: SnippetInput): Promise<SnippetRow> {
  const row = await getSnippet(c, rawId);
  const set = { ...readInput(input), updated_at: c.now() };
  const updated = await c.db.updateTable("content_snippets").set(set).where("workspace_id", "=", c.wsId).where("id", "=", row.id).returningAll().executeTakeFirst();
  if (!updated) throw resourceNotFound();
  return updated;
}

export async function deleteSnippet(c: Ctx, rawId: unknown): Promise<void> {
  const row = await getSnippet(c, rawId);
  const res = await c.db.deleteFrom("content_snippets").where("workspace_id", "=", c.wsId).where("id", "=", row.id).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw resourceNotFound();
}

/** Page-numbered, newest first. */
export async function listSnippets(c: Ctx, q: { page?: number; per_page?: number }) {
  const page = q.page === undefined ? 1 : readPageNumber(q.page);
  const perPage = q.per_page ?? 50;
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 150) throw unprocessable("per_page", "per_page must be an integer between 1 and 150");
  const base = c.db.selectFrom("content_snippets").where("workspace_id", "=", c.wsId);
  const [rows, total] = await Promise.all([
    base.selectAll().orderBy("id", "desc").limit(perPage).offset((page - 1) * perPage).execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n), page, perPage };
}
