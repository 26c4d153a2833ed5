// Ecommerce connectors (created by opencom's API; Intercom's UI connects a store), their catalog upload
// sessions and parts, and the products of the last synced catalog.
import { notNull, withSerialId, type MigrationFactory } from "../schema-helpers.js";

const ws = (c: any) => c.notNull().references("workspaces.id").onDelete("cascade");

export const ecommerce: MigrationFactory = (kind) => ({
  async up(db) {
    await withSerialId(kind, db.schema.createTable("ecommerce_connectors"))
      .addColumn("workspace_id", "text", ws)
      .addColumn("name", "text", notNull)
      .addColumn("last_import_job_id", "text")
      .addColumn("created_at", "bigint", notNull)
      .execute();
    await db.schema
      .createTable("ecommerce_import_jobs")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("workspace_id", "text", ws)
      .addColumn("connector_id", "bigint", (c) => c.notNull().references("ecommerce_connectors.id").onDelete("cascade"))
      // uploading | completed
      .addColumn("state", "text", notNull)
      // the connector's id while the session is open, null after: one open multipart session per connector
      .addColumn("open_for", "bigint")
      .addColumn("next_part", "integer", notNull)
      .addColumn("product_count", "integer")
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("ecommerce_import_jobs_open").on("ecommerce_import_jobs").column("open_for").unique().execute();
    await db.schema
      .createTable("ecommerce_import_parts")
      .addColumn("workspace_id", "text", ws)
      .addColumn("job_id", "text", (c) => c.notNull().references("ecommerce_import_jobs.id").onDelete("cascade"))
      .addColumn("part_number", "integer", notNull)
      .addColumn("content", "text", notNull)
      .addPrimaryKeyConstraint("ecommerce_import_parts_pk", ["job_id", "part_number"])
      .execute();
    await db.schema
      .createTable("ecommerce_products")
      .addColumn("workspace_id", "text", ws)
      .addColumn("connector_id", "bigint", (c) => c.notNull().references("ecommerce_connectors.id").onDelete("cascade"))
      .addColumn("product_id", "text", notNull)
      .addColumn("data", "text", notNull)
      .addColumn("updated_at", "bigint", notNull)
      .addPrimaryKeyConstraint("ecommerce_products_pk", ["connector_id", "product_id"])
      .execute();
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});
