// Workflows: Intercom builds them in its UI and its API only exports one (GET /export/workflows/{id},
// 2.15+); opencom keeps them per workspace, made through POST /_opencom/workflows. Listed oldest first.
import type { Selectable } from "kysely";
import type { WorkflowsTable } from "../../db/tables/outbound.js";
import type { Ctx } from "../../platform/http.js";
import { invalidParam, notFound } from "../../platform/errors.js";
import { parseNumericId } from "../../platform/ids.js";
import { MAX_WORKFLOW_JSON, type WorkflowInput } from "./schemas.js";

export type WorkflowRow = Selectable<WorkflowsTable>;

const workflowNotFound = () => notFound("Workflow not found", "not_found");

/** JSON text of a bounded field, or a 400 naming it. */
function boundedJson(field: string, value: unknown): string {
  const text = JSON.stringify(value);
  if (text.length > MAX_WORKFLOW_JSON) throw invalidParam(field, `${field} is larger than ${MAX_WORKFLOW_JSON} bytes of JSON`);
  return text;
}

export async function createWorkflow(c: Ctx, input: WorkflowInput): Promise<WorkflowRow> {
  if (input.title.trim() === "") throw invalidParam("title", "title must not be blank");
  if (input.trigger_type.trim() === "") throw invalidParam("trigger_type", "trigger_type must not be blank");
  const now = c.now();
  const row = {
    workspace_id: c.wsId,
    title: input.title,
    description: input.description ?? null,
    trigger_type: input.trigger_type,
    state: input.state ?? "draft",
    target_channels: JSON.stringify([...new Set(input.target_channels ?? [])]),
    preferred_devices: JSON.stringify([...new Set(input.preferred_devices ?? [])]),
    targeting: input.targeting == null ? null : boundedJson("targeting", input.targeting),
    snapshot: input.snapshot == null ? null : boundedJson("snapshot", input.snapshot),
    attributes: boundedJson("attributes", input.attributes ?? []),
    embedded_rules: boundedJson("embedded_rules", input.embedded_rules ?? []),
    created_at: now,
    updated_at: now,
  };
  const { id } = await c.db.insertInto("workflows").values(row).returning("id").executeTakeFirstOrThrow();
  return { ...row, id: Number(id) };
}

/** The workflow of the workspace with this id, or 404 "Workflow not found" (another workspace's too). */
export async function getWorkflow(c: Ctx, rawId: unknown): Promise<WorkflowRow> {
  const id = parseNumericId(rawId);
  const row = id === null ? undefined : await c.db.selectFrom("workflows").selectAll().where("workspace_id", "=", c.wsId).where("id", "=", id).executeTakeFirst();
  if (!row) throw workflowNotFound();
  return row;
}

/** Every workflow of the workspace, oldest first (a workspace holds a handful). */
export async function listWorkflows(c: Ctx): Promise<WorkflowRow[]> {
  return c.db.selectFrom("workflows").selectAll().where("workspace_id", "=", c.wsId).orderBy("id", "asc").limit(10_000).execute();
}

/** opencom's own delete; 404 when gone (of parallel deletes, one wins). */
export async function deleteWorkflow(c: Ctx, rawId: unknown): Promise<number> {
  const id = parseNumericId(rawId);
  const res = id === null ? null : await c.db.deleteFrom("workflows").where("workspace_id", "=", c.wsId).where("id", "=", id).executeTakeFirst();
  if (!res || Number(res.numDeletedRows) === 0) throw workflowNotFound();
  return id!;
}
