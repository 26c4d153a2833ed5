// A workflow row → Intercom's workflow (inside its export document, `workflow_export`).
import type { WorkflowRow } from "./service.js";
import { appNumber } from "../fin_voice/present.js";

/** Unix seconds → ISO 8601 without milliseconds, as Intercom writes them ("2026-01-26T12:00:00Z"). */
export const isoSeconds = (s: number) => new Date(Number(s) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");

export function presentWorkflow(w: WorkflowRow) {
  return {
    id: String(w.id),
    title: w.title,
    description: w.description,
    trigger_type: w.trigger_type,
    state: w.state,
    target_channels: JSON.parse(w.target_channels) as string[],
    preferred_devices: JSON.parse(w.preferred_devices) as string[],
    targeting: w.targeting === null ? null : (JSON.parse(w.targeting) as object),
    snapshot: w.snapshot === null ? null : (JSON.parse(w.snapshot) as object),
    attributes: JSON.parse(w.attributes) as object[],
    embedded_rules: JSON.parse(w.embedded_rules) as object[],
    created_at: isoSeconds(w.created_at),
    updated_at: isoSeconds(w.updated_at),
  };
}

/** The export document (GET /export/workflows/{id}): export format 1.0, stamped with the workspace clock. */
export function presentWorkflowExport(w: WorkflowRow, workspaceId: string, now: number) {
  return { export_version: "1.0", exported_at: isoSeconds(now), app_id: appNumber(workspaceId), workflow: presentWorkflow(w) };
}
