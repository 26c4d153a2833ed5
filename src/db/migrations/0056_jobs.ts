// Background jobs (exports, bulk): one row per job, claimed by a worker of some server process under a
// lease; the output of an export is kept as gzip members in job_chunks (base64 text, so that snapshots carry them
// as JSON; in order, concatenated on download).
import { sql } from "kysely";
import { notNull, withSerialId, zero, type MigrationFactory } from "../schema-helpers.js";

const ws = (c: any) => c.notNull().references("workspaces.id").onDelete("cascade");

export const jobs: MigrationFactory = (kind) => ({
  async up(db) {
    await withSerialId(kind, db.schema.createTable("jobs"))
      .addColumn("workspace_id", "text", ws)
      .addColumn("identifier", "text", notNull)
      .addColumn("kind", "text", notNull)
      .addColumn("status", "text", notNull)
      .addColumn("params", "text", notNull)
      .addColumn("state", "text", notNull)
      .addColumn("processed", "bigint", zero)
      .addColumn("total", "bigint")
      .addColumn("result", "text")
      .addColumn("error", "text")
      .addColumn("claim_token", "text")
      .addColumn("lease_until", "bigint", zero)
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull)
      .addColumn("completed_at", "bigint")
      .execute();
    await db.schema.createIndex("jobs_identifier").unique().on("jobs").columns(["identifier"]).execute();
    await db.schema.createIndex("jobs_due").on("jobs").columns(["status", "lease_until"]).execute();
    // one active content export per workspace (Intercom answers a second one 429)
    await sql`create unique index jobs_one_active_content_export on jobs (workspace_id) where kind = 'content_export' and status in ('pending', 'in_progress')`.execute(db);
    await db.schema.createIndex("jobs_ws").on("jobs").columns(["workspace_id", "kind", "status"]).execute();

    await db.schema
      .createTable("job_chunks")
      .addColumn("workspace_id", "text", ws)
      .addColumn("job_id", "bigint", (c) => c.notNull().references("jobs.id").onDelete("cascade"))
      .addColumn("seq", "integer", notNull)
      .addColumn("data", "text", notNull)
      .addPrimaryKeyConstraint("job_chunks_pk", ["job_id", "seq"])
      .execute();
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});
