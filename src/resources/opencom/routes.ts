// The developer API of opencom itself, under /_opencom/ (not part of Intercom's API):
// GET /_opencom/health, GET /_opencom/workspace, POST /_opencom/reset; segments.ts and visitors.ts add opencom's
// segment and visitor routes
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { OPENCOM_VERSION, VERSIONS } from "../../platform/versions.js";
import { resetWorkspace, type WorkspaceRegistry } from "./service.js";
import segmentRoutes from "./segments.js";
import visitorRoutes from "./visitors.js";

export default async function routes(app: App, registry: WorkspaceRegistry) {
  await segmentRoutes(app);
  await visitorRoutes(app);

  app.get("/_opencom/health", { config: { public: true } }, async () => ({
    status: "ok",
    opencom_version: OPENCOM_VERSION,
    storage: { kind: app.store.kind, version: app.store.engineVersion },
    intercom_versions: VERSIONS,
  }));

  app.get("/_opencom/workspace", async (req) => {
    const { ws } = ctx(req);
    return { workspace_id: ws.id, name: ws.name, region: ws.region, timezone: ws.timezone, default_version: ws.default_version, created_at: ws.created_at };
  });

  app.post("/_opencom/reset", async (req) => {
    const result = await resetWorkspace(ctx(req), registry);
    return { type: "workspace.reset", workspace_id: req.workspace.id, deleted: result.deleted };
  });
}
