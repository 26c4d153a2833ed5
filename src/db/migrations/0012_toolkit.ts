// The toolkit: the workspace clock, client secret and rate limit (columns on workspaces, so that every
// process on one store agrees), webhook subscriptions and their delivery outbox, the request journal,
// injected faults and the rate-limit counters.
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { notNull, withSerialId, zero, type MigrationFactory } from "../schema-helpers.js";

const ws = (c: any) => c.notNull().references("workspaces.id").onDelete("cascade");

export const toolkit: MigrationFactory = (kind) => ({
  async up(db) {
    await db.schema.alterTable("workspaces").addColumn("client_secret", "text").execute();
    await db.schema.alterTable("workspaces").addColumn("clock_offset", "bigint", zero).execute();
    await db.schema.alterTable("workspaces").addColumn("clock_frozen_at", "bigint").execute();
    await db.schema.alterTable("workspaces").addColumn("clock_version", "bigint", zero).execute();
    await db.schema.alterTable("workspaces").addColumn("rate_limit_per_minute", "bigint").execute();
    await db.schema.alterTable("workspaces").addColumn("faults_active", "bigint", zero).execute();
    // backfill: every existing workspace gets its own secret
    const rows = await db.selectFrom("workspaces").select("id").execute();
    for (const r of rows as Array<{ id: string }>) {
      await db.updateTable("workspaces").set({ client_secret: randomBytes(24).toString("hex") }).where("id", "=", r.id).execute();
    }

    await withSerialId(kind, db.schema.createTable("webhook_subscriptions"))
      .addColumn("workspace_id", "text", ws)
      .addColumn("url", "text", notNull)
      .addColumn("topics", "text", notNull)
      .addColumn("version", "text", notNull)
      .addColumn("active", "integer", notNull)
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("webhook_subscriptions_ws").on("webhook_subscriptions").columns(["workspace_id", "id"]).execute();

    await withSerialId(kind, db.schema.createTable("webhook_deliveries"))
      .addColumn("workspace_id", "text", ws)
      .addColumn("notification_id", "text", notNull)
      .addColumn("subscription_id", "bigint", (c) => c.notNull().references("webhook_subscriptions.id").onDelete("cascade"))
      .addColumn("topic", "text", notNull)
      .addColumn("schema_name", "text", notNull)
      .addColumn("item", "text", notNull)
      .addColumn("status", "text", notNull)
      .addColumn("attempts", "text", notNull)
      .addColumn("attempt_count", "integer", zero)
      .addColumn("next_attempt_at", "bigint", notNull)
      .addColumn("lease_until", "bigint", zero)
      .addColumn("first_sent_at", "bigint")
      .addColumn("created_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("webhook_deliveries_due").on("webhook_deliveries").columns(["status", "next_attempt_at"]).execute();
    await db.schema.createIndex("webhook_deliveries_ws").on("webhook_deliveries").columns(["workspace_id", "id"]).execute();

    await withSerialId(kind, db.schema.createTable("request_journal"))
      .addColumn("workspace_id", "text", ws)
      .addColumn("created_at", "bigint", notNull)
      .addColumn("method", "text", notNull)
      .addColumn("path", "text", notNull)
      .addColumn("route", "text")
      .addColumn("query", "text")
      .addColumn("version", "text")
      .addColumn("request_body", "text")
      .addColumn("status", "integer", notNull)
      .addColumn("response_body", "text")
      .addColumn("duration_ms", floatCol(kind), notNull)
      .addColumn("warnings", "text", notNull)
      .execute();
    await db.schema.createIndex("request_journal_ws").on("request_journal").columns(["workspace_id", "id"]).execute();

    await withSerialId(kind, db.schema.createTable("faults"))
      .addColumn("workspace_id", "text", ws)
      .addColumn("method", "text")
      .addColumn("path", "text")
      .addColumn("status", "integer")
      .addColumn("code", "text")
      .addColumn("message", "text")
      .addColumn("latency_ms", "integer")
      .addColumn("probability", floatCol(kind))
      .addColumn("times", "integer")
      .addColumn("remaining", "integer")
      .addColumn("created_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("faults_ws").on("faults").columns(["workspace_id", "id"]).execute();

    await db.schema
      .createTable("rate_limit_counters")
      .addColumn("workspace_id", "text", ws)
      .addColumn("window_start", "bigint", notNull)
      .addColumn("count", "bigint", notNull)
      .addPrimaryKeyConstraint("rate_limit_counters_pk", ["workspace_id", "window_start"])
      .execute();
    void sql;
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});

const floatCol = (kind: string) => (kind === "postgres" ? "double precision" : "real") as "real";
