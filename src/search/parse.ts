// Request JSON → a checked, normalised query tree. Every rule of the query language lives here:
// the shape and its limits, field names, which operators each type accepts, value types, and what
// date operators mean. Anything wrong is a 400 naming the place in the body and what is wrong.
import { ApiError } from "../platform/errors.js";
import { dayBounds, MAX_TIMESTAMP, MIN_TIMESTAMP, validTimezone } from "./days.js";
import { foldAscii } from "./dialect.js";
import { OPERATORS, type Field, type Node, type Operator, type QueryRefField, type RelationField, type Scalar, type ScalarField, type SearchModel, type SearchQuery, type ValueType } from "./types.js";

/** Groups may nest this deep (a group inside the top group is level 2). */
export const MAX_DEPTH = 2;
/** Filters (or groups) per AND / OR group. */
export const MAX_GROUP_SIZE = 15;
/** Values in one query, all IN / NIN lists together: keeps every query within both stores' parameter limits. */
export const MAX_VALUES = 5000;
/** Stored queries (segments) referring to stored queries, at most this deep. */
export const MAX_REF_DEPTH = 5;

export const CONTACT_RULES: Readonly<Record<ValueType, readonly Operator[]>> = {
  string: ["=", "!=", "IN", "NIN", "~", "!~", "^", "$"],
  integer: ["=", "!=", "IN", "NIN", "<", ">", "<=", ">="],
  float: ["=", "!=", "IN", "NIN", "<", ">", "<=", ">="],
  boolean: ["=", "!=", "IN", "NIN"],
  date: ["=", "<", ">"],
  datetime: ["=", "!=", "<", ">", "<=", ">="],
};

/** Conversations and tickets (2.14): every type takes =, !=, IN and NIN; numbers and dates also < and >. */
export const INBOX_RULES: Readonly<Record<ValueType, readonly Operator[]>> = {
  string: ["=", "!=", "IN", "NIN", "~", "!~", "^", "$"],
  integer: ["=", "!=", "IN", "NIN", "<", ">"],
  float: ["=", "!=", "IN", "NIN", "<", ">"],
  boolean: ["=", "!=", "IN", "NIN"],
  date: ["=", "!=", "IN", "NIN", "<", ">"],
  datetime: ["=", "!=", "IN", "NIN", "<", ">"],
};

/** Companies (Unstable): = and != on every type; IN and NIN except on dates; < and > on numbers and dates. */
export const COMPANY_RULES: Readonly<Record<ValueType, readonly Operator[]>> = {
  string: ["=", "!=", "IN", "NIN", "~", "!~", "^", "$"],
  integer: ["=", "!=", "IN", "NIN", "<", ">"],
  float: ["=", "!=", "IN", "NIN", "<", ">"],
  boolean: ["=", "!=", "IN", "NIN"],
  date: ["=", "!=", "<", ">"],
  datetime: ["=", "!=", "<", ">"],
};

const invalid = (field: string, message: string) => new ApiError(400, "parameter_invalid", message, field);

const describe = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "an array" : typeof v === "object" ? "an object" : JSON.stringify(v));

interface State {
  model: SearchModel;
  values: number;
  /** stored queries being expanded (cycle guard) */
  refs: string[];
}

/**
 * Parses a search query (the `query` member of a search request body) against a model.
 * Throws ApiError 400 with the JSON path of the offending part.
 */
export function parseSearchQuery(raw: unknown, model: SearchModel, path = "query"): SearchQuery {
  return { model: model.name, root: parseNode(raw, { model, values: 0, refs: [] }, path, 0) };
}

function parseNode(raw: unknown, st: State, path: string, depth: number): Node {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw invalid(path, `${path} must be a filter {field, operator, value} or a group {operator: "AND" | "OR", value: [...]}, not ${describe(raw)}`);
  }
  const o = raw as Record<string, unknown>;
  const op = o.operator;
  if (typeof op === "string" && /^(and|or)$/i.test(op)) return parseGroup(o, op.toUpperCase() as "AND" | "OR", st, path, depth + 1);
  return parseFilter(o, st, path);
}

function parseGroup(o: Record<string, unknown>, op: "AND" | "OR", st: State, path: string, depth: number): Node {
  if ("field" in o) throw invalid(`${path}.field`, `${path} is a group (${op}): it takes a value array of filters, not a field`);
  if (depth > MAX_DEPTH) throw invalid(path, `Groups can be nested at most ${MAX_DEPTH} levels deep; ${path} is nested ${depth} levels deep`);
  const items = o.value;
  if (!Array.isArray(items)) throw invalid(`${path}.value`, `${path}.value must be an array of filters or groups`);
  if (items.length === 0) throw invalid(`${path}.value`, `${path}.value must hold at least one filter`);
  if (items.length > MAX_GROUP_SIZE) {
    throw invalid(`${path}.value`, `An ${op} group holds at most ${MAX_GROUP_SIZE} filters; ${path}.value has ${items.length}`);
  }
  const nodes = items.map((item, i) => parseNode(item, st, `${path}.value[${i}]`, depth));
  return nodes.length === 1 ? nodes[0] : { t: op === "AND" ? "and" : "or", nodes };
}

function parseFilter(o: Record<string, unknown>, st: State, path: string): Node {
  const name = o.field;
  if (name === undefined) throw new ApiError(400, "parameter_not_found", `${path}.field is required`, `${path}.field`);
  if (typeof name !== "string" || name === "") throw invalid(`${path}.field`, `${path}.field must be a field name`);
  const op = o.operator;
  if (op === undefined) throw new ApiError(400, "parameter_not_found", `${path}.operator is required`, `${path}.operator`);
  if (typeof op !== "string" || !(OPERATORS as readonly string[]).includes(op)) {
    throw invalid(`${path}.operator`, `${describe(op)} is not a search operator; use one of ${OPERATORS.join(", ")}`);
  }
  // Leniency, as Intercom: a filter without `value` searches for null. SDKs that drop null properties when
  // serialising (the official SDK's integration suite sends such filters) omit `value: null` entirely.
  const value = "value" in o ? o.value : null;
  const field = st.model.field(name);
  if (!field) throw new ApiError(400, "invalid_field", `${name} is not a valid search field`, `${path}.field`);
  const operator = op as Operator;
  const allowed = allowedOps(st.model, field);
  if (!allowed.includes(operator)) {
    throw invalid(`${path}.operator`, `The ${operator} operator is not supported on ${name}; it accepts ${allowed.join(", ")}`);
  }
  switch (field.kind) {
    case "scalar":
      return scalarFilter(field, operator, value, st, path);
    case "relation":
      return relationFilter(field, operator, value, st, path);
    case "queryref":
      return queryRefFilter(field, operator, value, st, path);
  }
}

/** The operators a field accepts: its own list if it declares one, else its type's rule. */
export function allowedOps(model: SearchModel, field: Field): readonly Operator[] {
  if (field.kind === "queryref") return field.ops ?? ["=", "!=", "IN", "NIN"];
  if (field.kind === "relation") return field.ops ?? model.rules[field.value.type];
  return field.ops ?? model.rules[field.type];
}

const NEGATED: Partial<Record<Operator, Operator>> = { "!=": "=", NIN: "IN", "!~": "~" };

const not = (node: Node): Node => (node.t === "const" ? { t: "const", value: !node.value } : { t: "not", node });

function scalarFilter(f: ScalarField, op: Operator, value: unknown, st: State, path: string): Node {
  const positive = NEGATED[op];
  if (positive) return not(scalarFilter(f, positive, value, st, path));
  const vpath = `${path}.value`;
  if (op === "IN") {
    if (!Array.isArray(value)) throw invalid(vpath, `The IN and NIN operators take an array of values (${f.name})`);
    countValues(st, value.length, vpath);
    return inNode(f, value.map((v, i) => single(f, "=", checkItem(v, `${vpath}[${i}]`, f.name), st, `${vpath}[${i}]`, path)));
  }
  if (Array.isArray(value)) throw invalid(vpath, `The ${op} operator takes a single value, not an array; use IN for a list (${f.name})`);
  countValues(st, 1, vpath);
  return single(f, op, value, st, vpath, path);
}

/** One value compared with one operator (no negations, no lists). */
function single(f: ScalarField, op: Operator, value: unknown, st: State, vpath: string, path: string): Node {
  if (value === null) {
    if (op !== "=") throw invalid(vpath, `null can only be searched with = or != (${f.name})`);
    return { t: "null", f };
  }
  const v = coerce(f, value, vpath);
  if (f.type === "string") {
    const s = v as string;
    if (op === "=") {
      if (f.enum && !f.enum.includes(s)) throw invalid(vpath, `${f.name} accepts ${f.enum.join(" or ")}, not ${describe(value)}`);
      const stored = f.cast ? f.cast(s) : s;
      if (stored === undefined) return { t: "const", value: false };
      return { t: "eq", f, v: typeof stored === "string" && !f.exact ? foldAscii(stored) : stored };
    }
    const text = f.exact ? s : foldAscii(s);
    if (op === "~") return { t: "str", f, mode: "contains", v: text };
    if (op === "^") return { t: "str", f, mode: "prefix", v: text };
    if (op === "$") return { t: "str", f, mode: "suffix", v: text };
    throw invalid(`${path}.operator`, `The ${op} operator is not supported on ${f.name}`);
  }
  const n = v as number;
  if (f.type === "date") {
    // calendar days: the value stands for its whole day
    const [start, end] = dayBounds(n, validTimezone(f.days === "utc" ? "UTC" : st.model.timezone));
    switch (op) {
      case "=":
        return { t: "and", nodes: [{ t: "cmp", f, op: ">=", v: start }, { t: "cmp", f, op: "<", v: end }] };
      case ">":
        return { t: "cmp", f, op: ">=", v: end };
      case ">=":
        return { t: "cmp", f, op: ">=", v: start };
      case "<":
        return { t: "cmp", f, op: "<", v: start };
      case "<=":
        return { t: "cmp", f, op: "<", v: end };
    }
  }
  if (op === "=") return { t: "eq", f, v: n };
  if (op === "<" || op === ">" || op === "<=" || op === ">=") return { t: "cmp", f, op, v: n };
  throw invalid(`${path}.operator`, `The ${op} operator is not supported on ${f.name}`);
}

/** Folds the `=` nodes of an IN list into one IN node where they are plain equalities. */
function inNode(f: ScalarField, nodes: Node[]): Node {
  const live = nodes.filter((n) => !(n.t === "const" && !n.value));
  if (live.length === 0) return { t: "const", value: false };
  if (live.every((n) => n.t === "eq")) {
    const vs = [...new Set(live.map((n) => (n as { v: Scalar }).v))];
    return vs.length === 1 ? { t: "eq", f, v: vs[0] } : { t: "in", f, vs };
  }
  return live.length === 1 ? live[0] : { t: "or", nodes: live };
}

function checkItem(v: unknown, path: string, name: string): string | number | boolean {
  if (v === null || typeof v === "object") throw invalid(path, `The values of an IN / NIN list must be strings or numbers, not ${describe(v)} (${name})`);
  return v as string | number | boolean;
}

function countValues(st: State, n: number, path: string) {
  st.values += n;
  if (st.values > MAX_VALUES) throw invalid(path, `A search holds at most ${MAX_VALUES} values in all`);
}

const INTEGER = /^-?\d{1,16}$/;
const NUMBER = /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** The value as the field's type, or a 400 naming the expected type. */
function coerce(f: ScalarField, value: unknown, path: string): Scalar {
  const wrong = (what: string) => invalid(path, `${f.name} is ${what}: ${describe(value)} is not a valid value`);
  switch (f.type) {
    case "string":
      // neither store can hold a NUL character in text, so no value could match one
      if (typeof value === "string" && value.includes("\u0000")) throw invalid(path, `${f.name}: a search value cannot contain a NUL character`);
      if (typeof value === "string") return value;
      if (typeof value === "number" && Number.isFinite(value)) return String(value);
      throw wrong("a string field");
    case "integer": {
      const n = typeof value === "string" && INTEGER.test(value.trim()) ? Number(value.trim()) : value;
      if (typeof n === "number" && Number.isSafeInteger(n)) return n;
      throw wrong("an integer field");
    }
    case "float": {
      const n = typeof value === "string" && NUMBER.test(value.trim()) ? Number(value.trim()) : value;
      if (typeof n === "number" && Number.isFinite(n)) return n;
      throw wrong("a number field");
    }
    case "boolean":
      if (value === true || value === false) return value ? 1 : 0;
      if (typeof value === "string" && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === "true" ? 1 : 0;
      throw wrong("a boolean field");
    case "date":
    case "datetime": {
      const n = typeof value === "string" && INTEGER.test(value.trim()) ? Number(value.trim()) : value;
      if (typeof n === "number" && Number.isInteger(n) && n >= MIN_TIMESTAMP && n <= MAX_TIMESTAMP) return n;
      throw wrong("a date field (a UNIX timestamp in seconds)");
    }
  }
}

function relationFilter(f: RelationField, op: Operator, value: unknown, st: State, path: string): Node {
  const positive = NEGATED[op];
  if (positive) return not(relationFilter(f, positive, value, st, path));
  if (value === null) {
    if (op !== "=") throw invalid(`${path}.value`, `null can only be searched with = or != (${f.name})`);
    return not({ t: "rel", f, cond: null }); // "= null": no linked item at all
  }
  const cond = scalarFilter(f.value, op, value, st, path);
  if (cond.t === "const") return cond.value ? { t: "rel", f, cond: null } : cond;
  return { t: "rel", f, cond };
}

function queryRefFilter(f: QueryRefField, op: Operator, value: unknown, st: State, path: string): Node {
  const positive = NEGATED[op];
  if (positive) return not(queryRefFilter(f, positive, value, st, path));
  const vpath = `${path}.value`;
  const ids = op === "IN" ? value : [value];
  if (!Array.isArray(ids)) throw invalid(vpath, `The IN and NIN operators take an array of values (${f.name})`);
  countValues(st, ids.length, vpath);
  const nodes = ids.map((id, i) => {
    const p = op === "IN" ? `${vpath}[${i}]` : vpath;
    if (typeof id !== "string" && !(typeof id === "number" && Number.isFinite(id))) {
      throw invalid(p, `${f.name} is a string field: ${describe(id)} is not a valid value`);
    }
    return expandRef(f, String(id), st, p);
  });
  const live = nodes.filter((n) => !(n.t === "const" && !n.value));
  if (live.length === 0) return { t: "const", value: false };
  return live.length === 1 ? live[0] : { t: "or", nodes: live };
}

function expandRef(f: QueryRefField, id: string, st: State, path: string): Node {
  const key = `${f.name}:${id}`;
  if (st.refs.includes(key)) {
    throw invalid(path, `${f.name} ${id} refers to itself through ${[...st.refs.slice(st.refs.indexOf(key)), key].join(" → ")}`);
  }
  if (st.refs.length >= MAX_REF_DEPTH) throw invalid(path, `${f.name} references are nested more than ${MAX_REF_DEPTH} deep`);
  st.refs.push(key);
  try {
    const node = f.expand(id, (raw) => parseNode(raw, { ...st, refs: st.refs }, `${f.name}(${id})`, 0));
    return node ?? { t: "const", value: false };
  } finally {
    st.refs.pop();
  }
}
