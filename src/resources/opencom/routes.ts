// The developer API of opencom itself, under /_opencom/ (not part of Intercom's API):
// GET /_opencom/health, GET /_opencom/workspace, POST /_opencom/reset ({"seed": "demo"} for the demo),
// the clock (GET|PUT|DELETE /_opencom/clock, POST /_opencom/clock/advance),
// webhooks (/_opencom/webhooks…, deliveries, ping, redeliver), the request journal (/_opencom/requests),
// faults (/_opencom/faults…) and the rate limit (GET|PUT /_opencom/rate_limit); segments.ts and visitors.ts
// add opencom's segment and visitor routes, snapshot.ts the snapshots.
import { Type, type Static } from "typebox";
import type { App, Ctx } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { OPENCOM_VERSION, VERSIONS } from "../../platform/versions.js";
import { badRequest, invalidParam } from "../../platform/errors.js";
import { changeClock, clockNow } from "../../platform/clock.js";
import { effectiveLimit } from "../../platform/rate-limit.js";
import { resetWorkspace, type WorkspaceRegistry } from "./service.js";
import { seedDemo } from "./demo.js";
import segmentRoutes from "./segments.js";
import visitorRoutes from "./visitors.js";
import * as tk from "./toolkit-service.js";
import { presentDelivery, presentFault, presentRequest, presentSubscription } from "./present.js";

const SubId = Type.Object({ webhook_id: Type.String({ maxLength: 40 }) });
const DeliveryId = Type.Object({ delivery_id: Type.String({ maxLength: 40 }) });
const FaultId = Type.Object({ fault_id: Type.String({ maxLength: 40 }) });
const Topic = Type.String({ minLength: 1, maxLength: 100, pattern: "^(ping|[a-z_]+(\\.[a-z_]+)+)$" });
const Topics = Type.Array(Topic, { minItems: 1, maxItems: 100 });
const Url = Type.String({ minLength: 1, maxLength: 2048, pattern: "^https?://" });
const SubscriptionBody = Type.Object(
  { url: Url, topics: Topics, version: Type.Optional(Type.String({ maxLength: 20 })) },
  { additionalProperties: false },
);
const SubscriptionPatch = Type.Object(
  { url: Type.Optional(Url), topics: Type.Optional(Topics), version: Type.Optional(Type.String({ maxLength: 20 })), active: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
const Paging = {
  per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  starting_after: Type.Optional(Type.String({ pattern: "^[0-9]{1,15}$" })),
};
const DeliveryQuery = Type.Object({
  subscription_id: Type.Optional(Type.String({ pattern: "^[0-9]{1,15}$" })),
  topic: Type.Optional(Type.String({ maxLength: 100 })),
  status: Type.Optional(Type.Union([Type.Literal("pending"), Type.Literal("delivered"), Type.Literal("failed"), Type.Literal("dropped")])),
  ...Paging,
});
const RequestQuery = Type.Object({
  method: Type.Optional(Type.String({ maxLength: 10 })),
  path: Type.Optional(Type.String({ maxLength: 500 })),
  status: Type.Optional(Type.Integer({ minimum: 100, maximum: 599 })),
  since: Type.Optional(Type.Integer({ minimum: 0 })),
  ...Paging,
});
const UnixSeconds = Type.Integer({ minimum: 0, maximum: 253402300799 });
const FaultBody = Type.Object(
  {
    method: Type.Optional(Type.Union([Type.Literal("GET"), Type.Literal("POST"), Type.Literal("PUT"), Type.Literal("PATCH"), Type.Literal("DELETE"), Type.Literal("get"), Type.Literal("post"), Type.Literal("put"), Type.Literal("patch"), Type.Literal("delete")])),
    path: Type.Optional(Type.String({ minLength: 1, maxLength: 500, pattern: "^/" })),
    status: Type.Optional(Type.Integer({ minimum: 400, maximum: 599 })),
    code: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    message: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
    latency_ms: Type.Optional(Type.Integer({ minimum: 0, maximum: 60000 })),
    probability: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
    times: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000000 })),
  },
  { additionalProperties: false },
);

function clockJson(c: Ctx, state: { clock_offset: number; clock_frozen_at: number | null }) {
  return { type: "clock", now: clockNow(state), frozen: state.clock_frozen_at != null };
}

function checkVersion(v: string | undefined, field = "version") {
  if (v !== undefined && !VERSIONS.includes(v)) throw invalidParam(field, `${field} must be one of ${VERSIONS.join(", ")}`);
}

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
    const c = ctx(req);
    const ws = c.ws;
    return {
      workspace_id: ws.id,
      name: ws.name,
      region: ws.region,
      timezone: ws.timezone,
      default_version: ws.default_version,
      created_at: ws.created_at,
      client_secret: ws.client_secret,
      clock: { now: c.now(), frozen: ws.clock_frozen_at != null },
      rate_limit: { per_minute: effectiveLimit(ws) },
    };
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
        await seedDemo(c.db, c.wsId, c.now(), async (method, url, body, version) => {
          const res = await app.inject({ method, url, headers: version ? { ...headers, "intercom-version": version } : headers, ...(body === undefined ? {} : { payload: body as object }) });
          if (res.statusCode >= 300) throw new Error(`demo seed: ${method} ${url} answered ${res.statusCode} ${res.body.slice(0, 300)}`);
          return res.body ? res.json() : null; // POST /events answers 202 without a body
        });
      }
      return { type: "workspace.reset", workspace_id: req.workspace.id, seed, deleted: result.deleted };
    },
  );

  // ---- clock
  const readClock = async (c: Ctx) => {
    const row = await c.db.selectFrom("workspaces").select(["clock_offset", "clock_frozen_at"]).where("id", "=", c.wsId).executeTakeFirstOrThrow();
    return clockJson(c, { clock_offset: Number(row.clock_offset), clock_frozen_at: row.clock_frozen_at == null ? null : Number(row.clock_frozen_at) });
  };
  app.get("/_opencom/clock", async (req) => readClock(ctx(req)));
  app.put("/_opencom/clock", { schema: { body: Type.Object({ now: UnixSeconds }, { additionalProperties: false }) } }, async (req) => {
    const c = ctx(req);
    return clockJson(c, await changeClock(c.db, c.wsId, { set: req.body.now }));
  });
  app.post(
    "/_opencom/clock/advance",
    { schema: { body: Type.Object({ seconds: Type.Integer({ minimum: 0, maximum: 10 * 365 * 86400 }) }, { additionalProperties: false }) } },
    async (req) => {
      const c = ctx(req);
      return clockJson(c, await changeClock(c.db, c.wsId, { advance: req.body.seconds }));
    },
  );
  app.delete("/_opencom/clock", async (req) => {
    const c = ctx(req);
    return clockJson(c, await changeClock(c.db, c.wsId, { real: true }));
  });

  // ---- webhooks
  app.get("/_opencom/webhooks", async (req) => {
    const rows = await tk.listSubscriptions(ctx(req));
    return { type: "list", data: rows.map(presentSubscription) };
  });
  app.post("/_opencom/webhooks", { schema: { body: SubscriptionBody } }, async (req) => {
    const c = ctx(req);
    const body = req.body;
    checkVersion(body.version);
    return presentSubscription(await tk.createSubscription(c, { url: body.url, topics: body.topics, version: body.version ?? c.ws.default_version }));
  });
  app.get("/_opencom/webhooks/deliveries", { schema: { querystring: DeliveryQuery } }, async (req) => {
    const { rows, more } = await tk.listDeliveries(ctx(req), req.query as Static<typeof DeliveryQuery>);
    return { type: "list", data: rows.map(presentDelivery), pages: { next: more ? { starting_after: String(rows[rows.length - 1].id) } : null } };
  });
  app.get("/_opencom/webhooks/deliveries/:delivery_id", { schema: { params: DeliveryId } }, async (req) => presentDelivery(await tk.findDelivery(ctx(req), req.params.delivery_id)));
  app.post("/_opencom/webhooks/deliveries/:delivery_id/redeliver", { schema: { params: DeliveryId } }, async (req) => presentDelivery(await tk.redeliver(ctx(req), req.params.delivery_id)));
  app.get("/_opencom/webhooks/:webhook_id", { schema: { params: SubId } }, async (req) => presentSubscription(await tk.findSubscription(ctx(req), req.params.webhook_id)));
  app.put("/_opencom/webhooks/:webhook_id", { schema: { params: SubId, body: SubscriptionPatch } }, async (req) => {
    const body = req.body;
    checkVersion(body.version);
    return presentSubscription(await tk.updateSubscription(ctx(req), req.params.webhook_id, body));
  });
  app.delete("/_opencom/webhooks/:webhook_id", { schema: { params: SubId } }, async (req) => {
    const row = await tk.deleteSubscription(ctx(req), req.params.webhook_id);
    return { type: "webhook_subscription", id: String(row.id), deleted: true };
  });
  app.post("/_opencom/webhooks/:webhook_id/ping", { schema: { params: SubId } }, async (req) => presentDelivery(await tk.pingSubscription(ctx(req), req.params.webhook_id)));

  // ---- request journal
  app.get("/_opencom/requests", { schema: { querystring: RequestQuery } }, async (req) => {
    await app.journal.flush();
    const { rows, more } = await tk.listRequests(ctx(req), req.query as Static<typeof RequestQuery>);
    return { type: "list", data: rows.map(presentRequest), pages: { next: more ? { starting_after: String(rows[rows.length - 1].id) } : null } };
  });
  app.delete("/_opencom/requests", async (req) => {
    await app.journal.flush();
    return { type: "list", deleted: await tk.clearRequests(ctx(req)) };
  });

  // ---- faults
  app.post("/_opencom/faults", { schema: { body: FaultBody } }, async (req) => presentFault(await tk.createFault(ctx(req), req.body)));
  app.get("/_opencom/faults", async (req) => ({ type: "list", data: (await tk.listFaults(ctx(req))).map(presentFault) }));
  app.delete("/_opencom/faults/:fault_id", { schema: { params: FaultId } }, async (req) => {
    const row = await tk.deleteFault(ctx(req), req.params.fault_id);
    return { type: "fault", id: String(row.id), deleted: true };
  });
  app.delete("/_opencom/faults", async (req) => ({ type: "list", deleted: await tk.deleteFaults(ctx(req)) }));

  // ---- rate limit
  app.get("/_opencom/rate_limit", async (req) => ({ type: "rate_limit", per_minute: effectiveLimit(req.workspace) }));
  app.put(
    "/_opencom/rate_limit",
    { schema: { body: Type.Object({ per_minute: Type.Union([Type.Integer({ minimum: 1, maximum: 1_000_000 }), Type.Null()]) }, { additionalProperties: false }) } },
    async (req) => {
      const per = (req.body as { per_minute: number | null }).per_minute;
      await tk.setRateLimit(req.server.store.db, req.workspace.id, per);
      return { type: "rate_limit", per_minute: per };
    },
  );
}
