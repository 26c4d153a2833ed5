// `opencom webhooks add|list|remove`: webhook subscriptions of a workspace, straight on the store.
import { Command, Option } from "commander";
import type { Kysely } from "kysely";
import type { DB } from "./db/types.js";
import { openStore, type Store, type StoreOptions } from "./db/connection.js";
import { serviceCtx, type Ctx } from "./platform/http.js";
import { VERSIONS } from "./platform/versions.js";
import { createSubscription, deleteSubscription, listSubscriptions } from "./resources/opencom/toolkit-service.js";
import { presentSubscription } from "./resources/opencom/present.js";

interface Deps {
  dataOption: () => Option;
  dbOption: () => Option;
  storeOptions: (o: { data?: string; databaseUrl?: string }) => StoreOptions;
  bootstrapWorkspaceId: (db: Kysely<DB>) => Promise<string | null>;
  fail: (message: string) => Error;
}

export function webhooksCommand(d: Deps): Command {
  const cmd = new Command("webhooks").description("manage webhook subscriptions of a workspace (default: the bootstrap workspace)");
  const withCtx = async (o: { data?: string; databaseUrl?: string; workspace?: string }, fn: (c: Ctx) => Promise<void>) => {
    const store: Store = await openStore(d.storeOptions(o));
    try {
      const id = o.workspace ?? (await d.bootstrapWorkspaceId(store.db));
      const row = id ? await store.db.selectFrom("workspaces").selectAll().where("id", "=", id).executeTakeFirst() : undefined;
      if (!row) throw d.fail(`no workspace ${id ?? "(bootstrap)"} in this store`);
      await fn(serviceCtx(store.db, store.kind, { ...row, token_admin_id: null }, row.default_version));
    } finally {
      await store.close();
    }
  };
  const common = (c: Command) => c.option("--workspace <id>", "workspace id").addOption(d.dataOption()).addOption(d.dbOption());

  common(cmd.command("add").description("subscribe a URL to topics"))
    .requiredOption("--url <url>", "the receiver's URL (http or https)")
    .option("--topic <topic...>", "a topic (repeat for several)")
    .option("--api-version <version>", "Intercom version the items are shaped for (default: the workspace's)")
    .action(async (o) => {
      if (!/^https?:\/\//.test(o.url)) throw d.fail("--url must be an http(s) URL");
      if (!o.topic?.length) throw d.fail("at least one --topic is required");
      if (o.apiVersion && !VERSIONS.includes(o.apiVersion)) throw d.fail(`--api-version must be one of ${VERSIONS.join(", ")}`);
      await withCtx(o, async (c) => {
        const s = presentSubscription(await createSubscription(c, { url: o.url, topics: o.topic, version: o.apiVersion ?? c.ws.default_version }));
        process.stdout.write(`${s.id}\t${s.url}\t${s.version}\t${s.topics.join(",")}\n`);
      });
    });

  common(cmd.command("list").description("list subscriptions (id, url, version, topics, active)")).action(async (o) => {
    await withCtx(o, async (c) => {
      for (const row of await listSubscriptions(c)) {
        const s = presentSubscription(row);
        process.stdout.write(`${s.id}\t${s.url}\t${s.version}\t${s.topics.join(",")}\t${s.active ? "active" : "inactive"}\n`);
      }
    });
  });

  common(cmd.command("remove").description("delete a subscription").argument("<id>", "subscription id")).action(async (id: string, o) => {
    await withCtx(o, async (c) => {
      await deleteSubscription(c, id).catch(() => {
        throw d.fail(`no webhook subscription ${id}`);
      });
      process.stdout.write(`removed ${id}\n`);
    });
  });
  return cmd;
}
