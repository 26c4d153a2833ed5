// Starts opencom: open the store, bootstrap, listen; stop gracefully on SIGTERM/SIGINT.
import { buildApp } from "./app.js";
import { openStore, type Store, type StoreOptions } from "./db/connection.js";
import { ensureBootstrap } from "./bootstrap.js";
import type { App } from "./platform/http.js";
import { setRateLimit } from "./resources/opencom/toolkit-service.js";

export interface ServeOptions extends StoreOptions {
  host?: string;
  port?: number;
  token?: string;
  logLevel?: string;
  /** "demo": reset the bootstrap workspace to the demo data at start */
  seed?: "default" | "demo";
  /** a snapshot file loaded into the bootstrap workspace at start (replacing its state) */
  importFile?: string;
  /** told what a start-up import or seed is doing */
  onProgress?: (line: string) => void;
  /** per-minute rate limit of the bootstrap workspace (null: off; undefined: unchanged) */
  rateLimit?: number | null;
  /** request journal entries kept per workspace */
  journalLimit?: number;
  /** deliver webhook notifications from this process (default true) */
  webhooks?: boolean;
}

export interface Running {
  app: App;
  store: Store;
  url: string;
  workspaceId: string;
  token: string;
  close(): Promise<void>;
}

export async function startServer(opts: ServeOptions): Promise<Running> {
  const store = await openStore(opts);
  let app: App | undefined;
  try {
    const boot = await ensureBootstrap(store.db, opts.token);
    if (opts.rateLimit !== undefined) await setRateLimit(store.db, boot.workspaceId, opts.rateLimit);
    app = await buildApp({ store, logger: { level: opts.logLevel ?? "info" }, toolkit: { journalLimit: opts.journalLimit, webhooks: opts.webhooks } });
    if (opts.importFile) {
      const { readSnapshotFile, importSnapshotInto } = await import("./snapshots.js");
      await importSnapshotInto(store, boot.workspaceId, await readSnapshotFile(opts.importFile), opts.onProgress);
    }
    if (opts.seed === "demo") {
      opts.onProgress?.("seeding the demo workspace…");
      const res = await app.inject({ method: "POST", url: "/_opencom/reset", headers: { authorization: `Bearer ${boot.token}` }, payload: { seed: "demo" } });
      if (res.statusCode !== 200) throw new Error(`demo seed failed: ${res.statusCode} ${res.body.slice(0, 300)}`);
    }
    const address = await app.listen({ host: opts.host ?? "127.0.0.1", port: opts.port ?? 8700 });
    const url = address.replace("[::1]", "127.0.0.1");
    const running = app;
    return {
      app,
      store,
      url,
      workspaceId: boot.workspaceId,
      token: boot.token,
      async close() {
        await running.close();
        running.log.debug("http server closed; closing the store");
        await store.close();
        running.log.debug("store closed");
      },
    };
  } catch (err) {
    await app?.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw err;
  }
}
