// The toolkit's request hooks: rate limits, fault injection, request lint and the request journal,
// for every authenticated Intercom API request (not /_opencom/ routes); and the webhook delivery worker.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { App } from "./http.js";
import { workspaceNow } from "./clock.js";
import { applyFaults, faultsMayApply } from "./faults.js";
import { Journal, clip, DEFAULT_JOURNAL_LIMIT } from "./journal.js";
import { lintRequest } from "./lint.js";
import { countRequest, effectiveLimit, rateLimitError } from "./rate-limit.js";
import { DeliveryWorker } from "./webhooks.js";

export interface ToolkitOptions {
  /** journal entries kept per workspace */
  journalLimit?: number;
  /** run the webhook delivery worker (default true) */
  webhooks?: boolean;
  /** webhook worker poll interval */
  webhookPollMs?: number;
}

declare module "fastify" {
  interface FastifyInstance {
    journal: Journal;
  }
  interface FastifyRequest {
    lintWarnings?: string[];
  }
}

const tracked = (request: FastifyRequest) => !!request.workspace && !!request.routeUrl && !request.routeUrl.startsWith("/_opencom");

/** A header value carries ASCII only. */
const headerSafe = (s: string) => s.replace(/[^\x20-\x7e]/g, "?");

/** What the toolkit does on the request path; the app calls these from its own hooks (one hook per phase). */
export interface ToolkitHooks {
  /** Rate limit and faults of an authenticated request: a promise only when the workspace has either. */
  admit(request: FastifyRequest, reply: FastifyReply): Promise<void> | undefined;
  /** Request lint (preHandler): unknown body properties become a warning header. */
  lint(request: FastifyRequest, reply: FastifyReply): void;
  /** The journal entry of a response (onSend). */
  journal(request: FastifyRequest, reply: FastifyReply, payload: unknown): void;
}

/** Installs the journal and the webhook worker; returns the request-path hooks for the app to call. */
export function installToolkit(app: App, opts: ToolkitOptions = {}): ToolkitHooks {
  const journal = new Journal(app.store.db, app.store.kind, opts.journalLimit ?? DEFAULT_JOURNAL_LIMIT, (msg, err) => app.log.error({ err }, msg));
  app.decorate("journal", journal);

  const admitLimited = async (request: FastifyRequest, reply: FastifyReply, perMinute: number | null) => {
    const ws = request.workspace;
    if (perMinute != null) {
      const s = await countRequest(app.store.db, ws.id, perMinute, workspaceNow(ws));
      reply.header("X-RateLimit-Limit", s.limit).header("X-RateLimit-Remaining", s.remaining).header("X-RateLimit-Reset", s.reset);
      if (s.exceeded) throw rateLimitError(s.limit);
    }
    await applyFaults(app.store.db, ws, request.method, request.url.split("?")[0]);
  };

  const hooks: ToolkitHooks = {
    admit(request, reply) {
      if (!tracked(request)) return undefined;
      const perMinute = effectiveLimit(request.workspace);
      // the common case (no rate limit, no faults) costs no statement and no await
      if (perMinute == null && !faultsMayApply(request.workspace)) return undefined;
      return admitLimited(request, reply, perMinute);
    },

    lint(request, reply) {
      if (request.body === undefined || request.body === null || !tracked(request) || !request.apiVersion) return;
      const warnings = lintRequest(request.method, request.routeUrl!, request.apiVersion, request.body);
      if (warnings.length) {
        request.lintWarnings = warnings.map((w) => `${w} is not defined by the request schema in ${request.apiVersion}`);
        reply.header("X-Opencom-Warnings", headerSafe(`unknown properties (ignored by Intercom): ${warnings.join(", ")}`));
      }
    },

    journal(request, reply, payload) {
      if (!tracked(request)) return;
      const ws = request.workspace;
      const q = request.url.indexOf("?");
      let requestBody: string | null = null;
      if (request.body !== undefined && request.body !== null) {
        try {
          requestBody = typeof request.body === "string" ? request.body : JSON.stringify(request.body);
        } catch {
          requestBody = null;
        }
      }
      journal.record({
        workspace_id: ws.id,
        created_at: workspaceNow(ws),
        method: request.method,
        path: q < 0 ? request.url : request.url.slice(0, q),
        route: request.routeUrl,
        query: q < 0 ? null : request.url.slice(q + 1),
        version: request.apiVersion ?? null,
        request_body: clip(requestBody),
        status: reply.statusCode,
        response_body: clip(typeof payload === "string" ? payload : null),
        duration_ms: Math.round(reply.elapsedTime * 100) / 100,
        warnings: JSON.stringify(request.lintWarnings ?? []),
      });
    },
  };

  app.addHook("onClose", async () => {
    await journal.flush();
  });

  if (opts.webhooks !== false) {
    const worker = new DeliveryWorker(app.store.db, app.store.kind, opts.webhookPollMs ?? 500, (msg, err) => app.log.error({ err }, msg));
    app.addHook("onReady", async () => worker.start());
    app.addHook("preClose", async () => {
      await worker.stop();
    });
  }
  return hooks;
}
