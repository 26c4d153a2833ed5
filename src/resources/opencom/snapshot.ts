// GET /_opencom/snapshot: the token's workspace as one JSON document.
// PUT /_opencom/snapshot: replaces the workspace's state with a snapshot's, atomically.
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import type { WorkspaceRegistry } from "./service.js";
import { exportSnapshot, importSnapshot, type SnapshotTables } from "./snapshot-service.js";

/** The largest snapshot the API loads in one request; the CLI (`opencom import`) has no such bound. */
export const SNAPSHOT_BODY_LIMIT = 256 * 1024 * 1024;

export default async function routes(app: App, registry: WorkspaceRegistry) {
  const snapshotTables = (): SnapshotTables => ({ owned: registry.ownedTables() });
  app.get("/_opencom/snapshot", async (req) => {
    const c = ctx(req);
    return exportSnapshot(c.db, c.wsId, snapshotTables(), c.now());
  });

  app.put("/_opencom/snapshot", { bodyLimit: SNAPSHOT_BODY_LIMIT }, async (req) => {
    const c = ctx(req);
    const result = await importSnapshot(c.db, c.kind, c.wsId, req.body, snapshotTables());
    return { type: "workspace.snapshot_imported", workspace_id: c.wsId, rows: result.rows };
  });
}
