// Table types of the custom objects area (see src/db/types.ts: DB extends every area's tables).
import type { Generated } from "kysely";

/** A custom object type of a workspace (Intercom defines them in its UI; opencom through /_opencom/). */
export interface CustomObjectTypesTable {
  id: Generated<number>;
  workspace_id: string;
  identifier: string;
  name: string;
  description: string | null;
  /** JSON array of {name, data_type, description?} */
  attributes: string;
  created_at: number;
  updated_at: number;
}

export interface CustomObjectInstancesTable {
  id: Generated<number>;
  workspace_id: string;
  type_id: number;
  external_id: string;
  /** JSON object of scalar values */
  custom_attributes: string;
  external_created_at: number | null;
  external_updated_at: number | null;
  created_at: number;
  updated_at: number;
}

/** The contacts and conversations an instance's reference attributes name. */
export interface CustomObjectReferencesTable {
  workspace_id: string;
  instance_id: number;
  type_id: number;
  ref_kind: string; // contact | conversation
  ref_id: string;
}

export interface CustomObjectsTables {
  custom_object_types: CustomObjectTypesTable;
  custom_object_instances: CustomObjectInstancesTable;
  custom_object_references: CustomObjectReferencesTable;
}
