// The search engine's vocabulary: operators, field declarations (what a model exposes) and the parsed
// query tree that both the SQL translator and the in-memory evaluator consume.
import type { Expression, SqlBool } from "kysely";
import type { Dialect } from "./dialect.js";

export const OPERATORS = ["=", "!=", "IN", "NIN", "<", "<=", ">", ">=", "~", "!~", "^", "$"] as const;
export type Operator = (typeof OPERATORS)[number];

/**
 * How a field's values compare.
 * - date: matched by calendar day (`=` the whole day, `>` from the next day, `<` before the day)
 * - datetime: matched on the exact second
 */
export type ValueType = "string" | "integer" | "float" | "boolean" | "date" | "datetime";

/** What the translator hands a field when it asks for its SQL. */
export interface Env {
  d: Dialect;
  wsId: string;
}

/** A single value per row: a column, a JSON member, a derived expression. */
export interface ScalarField {
  kind: "scalar";
  name: string;
  type: ValueType;
  /** strings: compared exactly (identifiers) instead of ASCII case-insensitively */
  exact?: boolean;
  /** narrows the operators the model's rules allow for the type */
  ops?: readonly Operator[];
  /** the only values `=`, `!=`, `IN`, `NIN` accept */
  enum?: readonly string[];
  /** date fields: whose midnight starts a day */
  days?: "workspace" | "utc";
  /** maps an accepted value to the stored one; undefined means "can match nothing" */
  cast?: (v: string | number) => string | number | undefined;
  /** false: not a sort field */
  sortable?: boolean;
  /** the column is never NULL (sorts on it need no NULL handling) */
  notNull?: boolean;
  /**
   * strings: a trigram index serves contains / ends-with on this field (patterns of 3+ characters):
   * the SQLite FTS5 table, its column, and the rowid of the searched row it is keyed by. PostgreSQL
   * indexes the folded expression itself.
   */
  trigram?: { table: string; column: string; rowid: string };
  /** the value in SQL: text for strings, numbers for numbers and dates, 0/1 for booleans */
  sql: (env: Env) => Expression<unknown>;
  /** the same value read from an in-memory row (same normalisation as sql) */
  js: (row: any) => unknown;
}

/** Values reached through a link table (tags, companies): a row matches when one linked item does. */
export interface RelationField {
  kind: "relation";
  name: string;
  /** the linked item's value, read inside the relation */
  value: ScalarField;
  ops?: readonly Operator[];
  /** the rows some linked item of which satisfies `cond` (null: any linked item) */
  sql: (env: Env, cond: Expression<SqlBool> | null) => Expression<SqlBool>;
  /** the linked items of an in-memory row */
  items: (row: any) => unknown[];
}

/** A reference to stored queries (segments): the field's value names a query, which is expanded in place. */
export interface QueryRefField {
  kind: "queryref";
  name: string;
  ops?: readonly Operator[];
  /**
   * The condition of the named query, parsed with `parseStored` (which guards against cycles),
   * or undefined when no such query exists (matches nothing).
   */
  expand: (id: string, parseStored: (raw: unknown) => Node) => Node | undefined;
}

export type Field = ScalarField | RelationField | QueryRefField;

/** A model: the fields a search may name and the operators each type accepts. */
export interface SearchModel {
  name: string;
  field: (name: string) => Field | undefined;
  /** operators a field of this type accepts (before a field's own narrowing) */
  rules: Readonly<Record<ValueType, readonly Operator[]>>;
  /** the workspace's IANA timezone: day boundaries of "workspace" date fields */
  timezone: string;
}

export type Scalar = string | number;

/** The parsed, normalised query. Negations are explicit `not` nodes; NULL never leaks out of a node. */
export type Node =
  | { t: "and" | "or"; nodes: Node[] }
  | { t: "not"; node: Node }
  | { t: "const"; value: boolean }
  | { t: "eq"; f: ScalarField; v: Scalar }
  | { t: "in"; f: ScalarField; vs: Scalar[] }
  | { t: "cmp"; f: ScalarField; op: "<" | "<=" | ">" | ">="; v: number }
  | { t: "null"; f: ScalarField }
  | { t: "str"; f: ScalarField; mode: "contains" | "prefix" | "suffix"; v: string }
  | { t: "rel"; f: RelationField; cond: Node | null };

export interface SearchQuery {
  model: string;
  root: Node;
}
