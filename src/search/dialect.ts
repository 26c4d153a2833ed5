// Every difference between SQLite and PostgreSQL the search engine needs, in one place.
// Case-insensitive matching folds ASCII letters only, on both stores (SQLite's lower() cannot do more;
// PostgreSQL's lower() is pinned to the "C" collation to fold the same way), so results are identical.
import { sql, type Expression, type RawBuilder } from "kysely";
import type { StoreKind } from "../db/connection.js";
import type { ValueType } from "./types.js";

export interface Dialect {
  kind: StoreKind;
  /** ASCII lower case of a text expression; also the form the expression indexes of 0005 use */
  fold(e: Expression<unknown>): RawBuilder<string>;
  /** a text expression compared byte-wise (sorting, ranges) */
  binary(e: Expression<unknown>): RawBuilder<string>;
  /** 1-based position of `needle` in `hay`, 0 when absent */
  position(hay: Expression<unknown>, needle: Expression<unknown>): RawBuilder<number>;
  /** the last `n` characters */
  right(e: Expression<unknown>, n: number): RawBuilder<string>;
  /** a member of a JSON-text column, typed: NULL when absent or of another JSON type */
  jsonMember(column: Expression<unknown>, key: string, type: ValueType): RawBuilder<unknown>;
  /** whether a text expression consists of ASCII digits only */
  digitsOnly(e: Expression<unknown>): RawBuilder<boolean>;
  /**
   * A condition a trigram index serves, true for every row whose folded value contains `v` (it may
   * also hold for a few others: the caller adds the exact test). `folded` is the folded column.
   */
  trigram(folded: Expression<unknown>, index: { table: string; column: string; rowid: string }, v: string): RawBuilder<boolean>;
}

const likeContains = (v: string) => `%${v.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

const sqlite: Dialect = {
  kind: "sqlite",
  fold: (e) => sql<string>`lower(${e})`,
  binary: (e) => sql<string>`${e}`,
  position: (h, n) => sql<number>`instr(${h}, ${n})`,
  right: (e, n) => sql<string>`substr(${e}, ${-n})`,
  jsonMember(column, key, type) {
    const path = `$."${key}"`;
    const t = sql`json_type(${column}, ${path})`;
    switch (type) {
      case "string":
        return sql`(case when ${t} = 'text' then json_extract(${column}, ${path}) end)`;
      case "boolean":
        return sql`(case ${t} when 'true' then 1 when 'false' then 0 end)`;
      default:
        return sql`(case when ${t} in ('integer', 'real') then json_extract(${column}, ${path}) end)`;
    }
  },
  digitsOnly: (e) => sql<boolean>`(${e} <> '' and ${e} not glob '*[^0-9]*')`,
  // an FTS5 phrase of the trigram tokenizer matches a substring (case-insensitively)
  trigram: (_folded, ix, v) =>
    sql<boolean>`(${sql.raw(ix.rowid)} in (select rowid from ${sql.table(ix.table)} where ${sql.table(ix.table)} match ${`${ix.column} : "${v.replace(/"/g, '""')}"`}))`,
};

const postgres: Dialect = {
  kind: "postgres",
  fold: (e) => sql<string>`lower((${e}) collate "C")`,
  binary: (e) => sql<string>`((${e}) collate "C")`,
  position: (h, n) => sql<number>`strpos(${h}, ${n})`,
  right: (e, n) => sql<string>`right(${e}, ${n})`,
  jsonMember(column, key, type) {
    const j = sql`(${column})::jsonb`;
    const t = sql`jsonb_typeof(${j} -> ${key}::text)`;
    switch (type) {
      case "string":
        return sql`(case when ${t} = 'string' then ${j} ->> ${key}::text end)`;
      case "boolean":
        return sql`(case when ${t} = 'boolean' then (case when ${j} ->> ${key}::text = 'true' then 1 else 0 end) end)`;
      default:
        return sql`(case when ${t} = 'number' then (${j} ->> ${key}::text)::double precision end)`;
    }
  },
  digitsOnly: (e) => sql<boolean>`(${e} <> '' and ${e} !~ '[^0-9]')`,
  trigram: (folded, _ix, v) => sql<boolean>`(${folded} like ${likeContains(v)})`,
};

export const dialectFor = (kind: StoreKind): Dialect => (kind === "postgres" ? postgres : sqlite);

/** ASCII lower case, the JavaScript twin of Dialect.fold. */
export const foldAscii = (s: string) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
