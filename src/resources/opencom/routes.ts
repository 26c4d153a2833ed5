// The developer API of opencom itself, under /_opencom/ (not part of Intercom's API):
// GET /_opencom/health, GET /_opencom/workspace, POST /_opencom/reset
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { VERSIONS } from "../../platform/versions.js";
import { Type } from "typebox";
import { resetWorkspace } from "./service.js";
import { seedDemo } from "./demo.js";

export const VERSION = "0.1.0";

export default async function routes(app: App) {
  app.get("/_opencom/health", { config: { public: true } }, async () => ({
    status: "ok",
    opencom_version: VERSION,
    storage: { kind: app.store.kind, version: app.store.engineVersion },
    intercom_versions: VERSIONS,
  }));

  app.get("/_opencom/workspace", async (req) => {
    const { ws } = ctx(req);
    return { workspace_id: ws.id, name: ws.name, region: ws.region, timezone: ws.timezone, default_version: ws.default_version, created_at: ws.created_at };
  });

  app.post(
    "/_opencom/reset",
    { schema: { body: Type.Optional(Type.Object({ seed: Type.Optional(Type.Union([Type.Literal("default"), Type.Literal("demo")])) })) } },
    async (req) => {
      const c = ctx(req);
      const result = await resetWorkspace(c);
      const seed = req.body?.seed ?? "default";
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
