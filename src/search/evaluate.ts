// The query tree evaluated over in-memory rows, with the semantics the SQL translation has:
// a missing value matches no comparison, strings fold ASCII letters only, ranges compare bytes.
// Tests hold SQL results against it; it is not used to serve requests.
import { foldAscii } from "./dialect.js";
import type { Node, ScalarField, SearchQuery } from "./types.js";

function value(f: ScalarField, row: unknown): unknown {
  const v = f.js(row);
  if (v === null || v === undefined) return null;
  return f.type === "string" && !f.exact && typeof v === "string" ? foldAscii(v) : v;
}

/** Byte-order (UTF-8) comparison, as SQLite's BINARY and PostgreSQL's "C" collations compare. */
function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

function cmp(a: unknown, b: number | string): number {
  if (typeof a === "string" && typeof b === "string") return compareBytes(a, b);
  return Number(a) < Number(b) ? -1 : Number(a) > Number(b) ? 1 : 0;
}

function same(a: unknown, b: number | string): boolean {
  if (typeof b === "number") return typeof a === "number" ? a === b : typeof a === "boolean" ? Number(a) === b : false;
  return a === b;
}

export function evaluate(node: Node, row: unknown): boolean {
  switch (node.t) {
    case "const":
      return node.value;
    case "and":
      return node.nodes.every((n) => evaluate(n, row));
    case "or":
      return node.nodes.some((n) => evaluate(n, row));
    case "not":
      return !evaluate(node.node, row);
    case "null":
      return value(node.f, row) === null;
    case "eq": {
      const v = value(node.f, row);
      return v !== null && same(v, node.v);
    }
    case "in": {
      const v = value(node.f, row);
      return v !== null && node.vs.some((x) => same(v, x));
    }
    case "cmp": {
      const v = value(node.f, row);
      if (v === null) return false;
      const c = cmp(v, node.v);
      return node.op === "<" ? c < 0 : node.op === "<=" ? c <= 0 : node.op === ">" ? c > 0 : c >= 0;
    }
    case "str": {
      const v = value(node.f, row);
      if (typeof v !== "string") return false;
      if (node.mode === "contains") return v.includes(node.v);
      if (node.mode === "prefix") return v.startsWith(node.v);
      return v.endsWith(node.v);
    }
    case "rel":
      return node.f.items(row).some((item) => node.cond === null || evaluate(node.cond, item));
  }
}

/** Whether a row matches a parsed query. */
export const matches = (q: SearchQuery, row: unknown) => evaluate(q.root, row);
