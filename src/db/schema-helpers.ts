// Column types that differ between SQLite and PostgreSQL, used by migrations.
import type { ColumnDefinitionBuilder, CreateTableBuilder, Migration } from "kysely";
import type { StoreKind } from "./connection.js";

export type MigrationFactory = (kind: StoreKind) => Migration;

/** An auto-incrementing integer primary key named `id`. */
export function withSerialId<T extends string>(kind: StoreKind, t: CreateTableBuilder<T, never>): CreateTableBuilder<T, "id"> {
  return kind === "postgres"
    ? t.addColumn("id", "bigserial", (c) => c.primaryKey())
    : t.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());
}

/** A double-precision float. */
export const floatType = (kind: StoreKind) => (kind === "postgres" ? "double precision" : "real");

export const notNull = (c: ColumnDefinitionBuilder) => c.notNull();
export const zero = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(0);
