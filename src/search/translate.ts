// Query tree → one SQL condition. Every value travels as a bound parameter; field names never reach
// SQL text (fields supply their own expressions). Conditions are written the way the indexes of
// migration 0005 are defined (folded columns, prefix ranges), so equality and prefix searches are served
// by an index. NOT is applied to two-valued conditions only, so a NULL column never escapes a negation.
import { sql, type Expression, type RawBuilder, type SqlBool } from "kysely";
import type { Env, Node, ScalarField } from "./types.js";

const TRUE = sql<SqlBool>`(1 = 1)`;
const FALSE = sql<SqlBool>`(1 = 0)`;

/** The first string greater than every string that starts with `prefix` (byte order), or null if none. */
export function prefixUpperBound(prefix: string): string | null {
  const chars = [...prefix];
  while (chars.length > 0) {
    const last = chars.pop()!.codePointAt(0)!;
    let next = last + 1;
    if (next >= 0xd800 && next <= 0xdfff) next = 0xe000; // skip surrogates: not characters
    if (next <= 0x10ffff) return chars.join("") + String.fromCodePoint(next);
  }
  return null;
}

/** A field's value as conditions compare it: case-insensitive strings folded. */
export function column(f: ScalarField, env: Env): Expression<unknown> {
  const e = f.sql(env);
  return f.type === "string" && !f.exact ? env.d.fold(e) : e;
}

export function translate(node: Node, env: Env): RawBuilder<SqlBool> {
  switch (node.t) {
    case "const":
      return node.value ? TRUE : FALSE;
    case "and":
    case "or":
      return sql<SqlBool>`(${sql.join(
        node.nodes.map((n) => translate(n, env)),
        node.t === "and" ? sql` and ` : sql` or `,
      )})`;
    case "not":
      // coalesce: a NULL comparison inside counts as "no match", so its negation is a match
      return sql<SqlBool>`(not coalesce(${translate(node.node, env)}, false))`;
    case "null":
      return sql<SqlBool>`(${node.f.sql(env)} is null)`;
    case "eq":
      return sql<SqlBool>`(${column(node.f, env)} = ${node.v})`;
    case "in":
      return sql<SqlBool>`(${column(node.f, env)} in (${sql.join(node.vs.map((v) => sql`${v}`))}))`;
    case "cmp":
      return sql<SqlBool>`(${column(node.f, env)} ${sql.raw(node.op)} ${node.v})`;
    case "str": {
      const col = column(node.f, env);
      const len = [...node.v].length;
      if (len === 0) return sql<SqlBool>`(${col} is not null)`;
      // contains / ends-with: a trigram index narrows the rows (3+ characters), the exact test decides
      const indexed = node.f.trigram && len >= 3 && node.mode !== "prefix" ? sql<SqlBool>`${env.d.trigram(col, node.f.trigram, node.v)} and ` : sql``;
      if (node.mode === "contains") return sql<SqlBool>`(${indexed}${env.d.position(col, sql`${node.v}`)} > 0)`;
      if (node.mode === "suffix") return sql<SqlBool>`(${indexed}${env.d.right(col, len)} = ${node.v})`;
      // prefix: a byte-order range an index on the (folded) column can serve, then the exact test
      const upper = prefixUpperBound(node.v);
      const bin = env.d.binary(col);
      const range = upper === null ? sql`${bin} >= ${node.v}` : sql`${bin} >= ${node.v} and ${bin} < ${upper}`;
      return sql<SqlBool>`(${range} and substr(${col}, 1, ${len}) = ${node.v})`;
    }
    case "rel":
      return sql<SqlBool>`(${node.f.sql(env, node.cond ? translate(node.cond, env) : null)})`;
  }
}
