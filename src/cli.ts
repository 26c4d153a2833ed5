// The opencom command line (commander).
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { openStore, type Store, type StoreOptions } from "./db/connection.js";
import { bootstrapWorkspaceId, createToken, createWorkspace } from "./bootstrap.js";
import { importSnapshotInto, readSnapshotFile, writeSnapshotFile } from "./snapshots.js";
import { webhooksCommand } from "./cli-webhooks.js";
import { startServer } from "./server.js";
import { OPENCOM_VERSION as VERSION } from "./platform/versions.js";

const parsePort = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError("must be a port number (0-65535)");
  return n;
};

const parsePositive = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("must be a positive integer");
  return n;
};

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

function storeOptions(o: { data?: string; databaseUrl?: string; poolSize?: number }): StoreOptions {
  return o.databaseUrl ? { databaseUrl: o.databaseUrl, ...(o.poolSize ? { poolSize: o.poolSize } : {}) } : { dataDir: o.data ?? ".opencom" };
}

const parsePoolSize = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new InvalidArgumentError("must be a whole number between 1 and 1000");
  return n;
};

const dataOption = () => new Option("--data <dir>", "directory of the SQLite database, or :memory:").env("OPENCOM_DATA").default(".opencom");
const dbOption = () => new Option("--database-url <url>", "PostgreSQL URL (instead of SQLite)").env("DATABASE_URL");

export function buildCli(): Command {
  const program = new Command("opencom")
    .description("An open-source server that speaks the Intercom REST API")
    .version(VERSION)
    .showHelpAfterError("(run with --help for usage)");

  program
    .command("serve")
    .description("serve the Intercom API")
    .addOption(new Option("--port <port>", "port to listen on").env("PORT").default(8700).argParser(parsePort))
    .addOption(new Option("--host <host>", "address to listen on").env("HOST").default("127.0.0.1"))
    .addOption(dataOption())
    .addOption(dbOption())
    .addOption(new Option("--token <token>", "access token of the bootstrap workspace (generated if not given)").env("OPENCOM_TOKEN"))
    .addOption(new Option("--pool-size <n>", "PostgreSQL connections of this process (default 10)").env("OPENCOM_POOL_SIZE").argParser(parsePoolSize))
    .addOption(new Option("--log-level <level>", "log level").env("LOG_LEVEL").default("info").choices(LOG_LEVELS))
    .addOption(new Option("--seed <kind>", "demo: reset the bootstrap workspace to the demo data at start").env("OPENCOM_SEED").choices(["default", "demo"]))
    .addOption(new Option("--import <file>", "load a snapshot into the bootstrap workspace at start (replaces its state)"))
    .addOption(new Option("--rate-limit <per_minute>", "rate-limit the bootstrap workspace (requests per minute, in 10-second windows)").env("OPENCOM_RATE_LIMIT").argParser(parsePositive))
    .addOption(new Option("--journal-limit <n>", "request journal entries kept per workspace").env("OPENCOM_JOURNAL_LIMIT").default(10000).argParser(parsePositive))
    .option("--no-webhooks", "do not deliver webhook notifications from this process (they wait in the outbox)")
    .action(async (o) => {
      const running = await startServer({
        ...storeOptions(o),
        host: o.host,
        port: o.port,
        token: o.token,
        logLevel: o.logLevel,
        seed: o.seed,
        importFile: o.import,
        onProgress: (line) => process.stderr.write(`opencom: ${line}\n`),
        rateLimit: o.rateLimit,
        journalLimit: o.journalLimit,
        webhooks: o.webhooks,
      });
      const lines = [
        `opencom ${VERSION} is serving the Intercom API at ${running.url}`,
        `  storage:      ${running.store.kind} (${running.store.location})`,
        `  workspace:    ${running.workspaceId}`,
        `  access token: ${running.token}`,
        `  try:          curl -H "Authorization: Bearer ${running.token}" ${running.url}/me`,
        `  console:      ${running.url}/ (sign in with the access token)`,
      ];
      process.stdout.write(lines.join("\n") + "\n");
      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        running.app.log.info({ signal }, "stopping: finishing in-flight requests");
        try {
          await running.close();
          process.exit(0);
        } catch (err) {
          process.stderr.write(`opencom: error while stopping: ${(err as Error).message}\n`);
          process.exit(1);
        }
      };
      process.on("SIGTERM", () => void stop("SIGTERM"));
      process.on("SIGINT", () => void stop("SIGINT"));
    });

  const workspaces = program.command("workspaces").description("manage workspaces");
  workspaces
    .command("create")
    .description("create a workspace (with its own admin and team) and print its id and a token")
    .option("--name <name>", "workspace name", "opencom")
    .addOption(dataOption())
    .addOption(dbOption())
    .action(async (o) => {
      const store = await openStore(storeOptions(o));
      try {
        const ws = await createWorkspace(store.db, { name: o.name });
        process.stdout.write(`workspace_id: ${ws.workspaceId}\ntoken: ${ws.token}\nclient_secret: ${ws.clientSecret}\n`);
      } finally {
        await store.close();
      }
    });

  const tokens = program.command("tokens").description("manage access tokens");
  tokens
    .command("create")
    .description("print a new access token for an existing workspace")
    .requiredOption("--workspace <id>", "workspace id")
    .addOption(dataOption())
    .addOption(dbOption())
    .action(async (o) => {
      const store = await openStore(storeOptions(o));
      try {
        const token = await createToken(store.db, o.workspace);
        if (!token) throw new CliError(`no workspace ${o.workspace} in this store`);
        process.stdout.write(`${token}\n`);
      } finally {
        await store.close();
      }
    });

  program
    .command("export")
    .description("write a workspace's whole state as one JSON snapshot")
    .option("--workspace <id>", "workspace id (default: the bootstrap workspace)")
    .option("--out <file>", "file to write (default: standard output)")
    .addOption(dataOption())
    .addOption(dbOption())
    .action(async (o) => {
      const store = await openStore(storeOptions(o));
      try {
        const wsId = await workspaceOf(store, o.workspace);
        const rows = await writeSnapshotFile(store, wsId, o.out);
        if (o.out && o.out !== "-") process.stderr.write(`opencom: wrote ${rows} rows of workspace ${wsId} to ${o.out}\n`);
      } finally {
        await store.close();
      }
    });

  program
    .command("import")
    .description("replace a workspace's state with a snapshot's (atomically)")
    .argument("<file>", "snapshot file written by opencom export or GET /_opencom/snapshot")
    .option("--workspace <id>", "workspace id (default: the bootstrap workspace)")
    .addOption(dataOption())
    .addOption(dbOption())
    .action(async (file, o) => {
      const doc = await readSnapshotFile(file);
      const store = await openStore(storeOptions(o));
      try {
        const wsId = await workspaceOf(store, o.workspace);
        const rows = await importSnapshotInto(store, wsId, doc, (line) => process.stderr.write(`opencom: ${line}\n`));
        const total = Object.values(rows).reduce((n, k) => n + k, 0);
        process.stdout.write(`imported ${total} rows into workspace ${wsId}\n`);
      } finally {
        await store.close();
      }
    });
  program.addCommand(webhooksCommand({ dataOption, dbOption, storeOptions, bootstrapWorkspaceId, fail: (m) => new CliError(m) }));

  return program;
}

/** The named workspace, or the store's bootstrap workspace. */
async function workspaceOf(store: Store, id: string | undefined): Promise<string> {
  if (id) {
    const row = await store.db.selectFrom("workspaces").select("id").where("id", "=", id).executeTakeFirst();
    if (!row) throw new CliError(`no workspace ${id} in this store`);
    return row.id;
  }
  const boot = await bootstrapWorkspaceId(store.db);
  if (!boot) throw new CliError("this store has no workspace yet: start opencom serve once, or pass --workspace");
  return boot;
}

class CliError extends Error {}

export async function main(argv: string[]): Promise<void> {
  const program = buildCli().exitOverride();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) process.exit(err.exitCode);
    process.stderr.write(`opencom: ${(err as Error).message}\n`);
    process.exit(1);
  }
}
