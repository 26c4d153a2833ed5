// The developer API of opencom itself, under /_opencom/ (not part of Intercom's API):
// GET /_opencom/health, GET /_opencom/workspace, POST /_opencom/reset; segments.ts and visitors.ts add opencom's
// segment and visitor routes
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { OPENCOM_VERSION, VERSIONS } from "../../platform/versions.js";
import { badRequest } from "../../platform/errors.js";
import { resetWorkspace, type WorkspaceRegistry } from "./service.js";
import { seedDemo } from "./demo.js";
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

  app.post(
    "/_opencom/reset",
    async (req) => {
      const c = ctx(req);
      // no body (or an empty one) is a default reset; {"seed": "demo"} fills the workspace with the demo
      const body = (req.body ?? {}) as { seed?: unknown };
      if (typeof body !== "object" || Array.isArray(body)) throw badRequest("parameter_invalid", "The body must be an object", "body");
      if (body.seed !== undefined && body.seed !== "default" && body.seed !== "demo") throw badRequest("parameter_invalid", 'seed must be "default" or "demo"', "seed");
      const result = await resetWorkspace(c, registry);
      const seed = (body.seed ?? "default") as "default" | "demo";
      if (seed === "demo") {
        // the demo is made through the API itself, with the caller's credentials
        const headers = { authorization: req.headers.authorization ?? "", "intercom-version": "2.14" };
        await seedDemo(c.db, c.wsId, c.now(), async (method, url, body) => {
          const res = await app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: body as object }) });
          if (res.statusCode >= 300) throw new Error(`demo seed: ${method} ${url} answered ${res.statusCode} ${res.body.slice(0, 300)}`);
          return res.json();
        });
      }
      return { type: "workspace.reset", workspace_id: req.workspace.id, seed, deleted: result.deleted };
    },
  );
}
