// Custom object types (defined through opencom's API, where Intercom uses its UI), their instances
// (one per type and external_id: a unique index) and the contacts / conversations an instance refers to.
import { notNull, withSerialId, type MigrationFactory } from "../schema-helpers.js";

export const customObjects: MigrationFactory = (kind) => ({
  async up(db) {
    await withSerialId(kind, db.schema.createTable("custom_object_types"))
      .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
      .addColumn("identifier", "text", notNull)
      .addColumn("name", "text", notNull)
      .addColumn("description", "text")
      .addColumn("attributes", "text", notNull)
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull)
      .execute();
    await db.schema.createIndex("custom_object_types_ws_identifier").on("custom_object_types").columns(["workspace_id", "identifier"]).unique().execute();

    await withSerialId(kind, db.schema.createTable("custom_object_instances"))
      .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
      .addColumn("type_id", "bigint", (c) => c.notNull().references("custom_object_types.id").onDelete("cascade"))
      .addColumn("external_id", "text", notNull)
      .addColumn("custom_attributes", "text", notNull)
      .addColumn("external_created_at", "bigint")
      .addColumn("external_updated_at", "bigint")
      .addColumn("created_at", "bigint", notNull)
      .addColumn("updated_at", "bigint", notNull)
      .execute();
    await db.schema
      .createIndex("custom_object_instances_ws_type_external")
      .on("custom_object_instances")
      .columns(["workspace_id", "type_id", "external_id"])
      .unique()
      .execute();
    await db.schema.createIndex("custom_object_instances_ws_type_id").on("custom_object_instances").columns(["workspace_id", "type_id", "id"]).execute();

    await db.schema
      .createTable("custom_object_references")
      .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
      .addColumn("instance_id", "bigint", (c) => c.notNull().references("custom_object_instances.id").onDelete("cascade"))
      .addColumn("type_id", "bigint", notNull)
      .addColumn("ref_kind", "text", notNull) // contact | conversation
      .addColumn("ref_id", "text", notNull)
      .addPrimaryKeyConstraint("custom_object_references_pk", ["instance_id", "ref_kind", "ref_id"])
      .execute();
    await db.schema
      .createIndex("custom_object_references_lookup")
      .on("custom_object_references")
      .columns(["workspace_id", "type_id", "ref_kind", "ref_id", "instance_id"])
      .execute();
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});
