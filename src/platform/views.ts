// Versioned views: one internal model, shaped for the requested Intercom-Version by the
// response schema of the operation in that version (src/contract/views.json, derived from
// the official descriptions by scripts/gen-contract.mjs). Properties a version's schema
// lacks are not sent.
import views from "../contract/views.json" with { type: "json" };
import { versionRank } from "./versions.js";

type Shape = 0 | { r: string } | { u: Shape[] } | { a: Shape } | { o: Record<string, Shape>; open?: 1 };

interface Contract {
  versions: string[];
  ops: Record<string, Record<string, Record<string, string>>>;
  schemas: Record<string, Record<string, string>>;
  shapes: Record<string, Shape>;
}

const contract = views as unknown as Contract;

/** A normalised node: leaf (keep as is), array, or object with allowed properties. */
type Node = { k: "leaf" } | { k: "arr"; items: () => Node } | { k: "obj"; props: Map<string, () => Node>; open: boolean };

const LEAF: Node = { k: "leaf" };

/** Operation key with parameter names erased: "GET /contacts/{}". */
const opKey = (method: string, path: string) => `${method.toUpperCase()} ${path.replace(/\{[^}]+\}|:[A-Za-z0-9_]+/g, "{}")}`;

const opIndex = new Map<string, Map<string, Record<string, string>>>(); // version -> opKey -> responses
for (const [version, ops] of Object.entries(contract.ops)) {
  const m = new Map<string, Record<string, string>>();
  for (const [k, responses] of Object.entries(ops)) {
    const [method, path] = k.split(" ");
    m.set(opKey(method, path), responses);
  }
  opIndex.set(version, m);
}

const nodeCache = new Map<string, Node>();

function build(shape: Shape, version: string): Node {
  if (!shape) return LEAF;
  if ("r" in shape) return schemaNode(shape.r, version);
  if ("a" in shape) {
    const inner = shape.a;
    let cached: Node | undefined;
    return { k: "arr", items: () => (cached ??= build(inner, version)) };
  }
  if ("o" in shape) {
    const props = new Map<string, () => Node>();
    for (const [name, s] of Object.entries(shape.o)) {
      let cached: Node | undefined;
      props.set(name, () => (cached ??= build(s, version)));
    }
    return { k: "obj", props, open: !!shape.open };
  }
  // union: an object may take the properties of any branch
  const branches = shape.u.map((s) => build(s, version));
  return merge(branches);
}

function merge(nodes: Node[]): Node {
  const objs = nodes.filter((n): n is Extract<Node, { k: "obj" }> => n.k === "obj");
  const arrs = nodes.filter((n): n is Extract<Node, { k: "arr" }> => n.k === "arr");
  if (nodes.some((n) => n.k === "leaf") && objs.length === 0 && arrs.length === 0) return LEAF;
  if (objs.length && !arrs.length) {
    const props = new Map<string, () => Node>();
    const byName = new Map<string, Array<() => Node>>();
    for (const o of objs) for (const [k, f] of o.props) byName.set(k, [...(byName.get(k) ?? []), f]);
    for (const [k, fs] of byName) {
      let cached: Node | undefined;
      props.set(k, fs.length === 1 ? fs[0] : () => (cached ??= merge(fs.map((f) => f()))));
    }
    return { k: "obj", props, open: objs.some((o) => o.open) || nodes.some((n) => n.k === "leaf") };
  }
  if (arrs.length && !objs.length) {
    let cached: Node | undefined;
    return { k: "arr", items: () => (cached ??= merge(arrs.map((a) => a.items()))) };
  }
  return LEAF;
}

function schemaNode(name: string, version: string): Node {
  const key = `${version}\u0000${name}`;
  let node = nodeCache.get(key);
  if (node) return node;
  const hash = contract.schemas[version]?.[name];
  if (!hash) return LEAF;
  // a placeholder breaks cycles (recursive schemas)
  const placeholder: Node = { k: "leaf" };
  nodeCache.set(key, placeholder);
  node = build(contract.shapes[hash], version);
  nodeCache.set(key, node);
  return node;
}

/** Shapes a value by a node: compiled once per node into a closure, so a request walks no generic tree. */
type Pruner = (value: unknown) => unknown;

const keep: Pruner = (value) => value;
const pruners = new WeakMap<Node, Pruner>();

function pruner(node: Node): Pruner {
  if (node.k === "leaf" || (node.k === "obj" && node.open)) return keep;
  let p = pruners.get(node);
  if (p) return p;
  if (node.k === "arr") {
    const thunk = node.items;
    let items: Pruner | undefined;
    p = (value) => {
      if (value === null || typeof value !== "object") return value;
      if (!Array.isArray(value)) return value;
      items ??= pruner(thunk());
      return items === keep ? value : value.map(items);
    };
  } else {
    // per allowed property: its node (resolved on first use: schemas may be recursive) and its pruner
    const props: Record<string, { thunk: () => Node; fn?: Pruner }> = Object.create(null);
    for (const [name, thunk] of node.props) props[name] = { thunk };
    p = (value) => {
      if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
      const src = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const k in src) {
        const prop = props[k];
        if (prop === undefined || !Object.prototype.hasOwnProperty.call(src, k)) continue;
        const fn = (prop.fn ??= pruner(prop.thunk()));
        out[k] = fn === keep ? src[k] : fn(src[k]);
      }
      return out;
    };
  }
  pruners.set(node, p);
  return p;
}

const responsePruners = new Map<string, Pruner>();

/**
 * The view of an operation's response for a version, or null when the contract has none.
 * An operation that a version does not describe takes the view of the nearest version that does.
 */
function responseNode(version: string, method: string, routePath: string, status: number): Node | null {
  const k = opKey(method, routePath);
  const candidates = [...contract.versions].sort(
    (a, b) => Math.abs(versionRank(a) - versionRank(version)) - Math.abs(versionRank(b) - versionRank(version)) || versionRank(b) - versionRank(a),
  );
  for (const v of candidates) {
    const responses = opIndex.get(v)?.get(k);
    if (!responses) continue;
    const hash = responses[String(status)] ?? (status < 300 ? Object.entries(responses).find(([s]) => s.startsWith("2"))?.[1] : undefined);
    return hash ? build(contract.shapes[hash], v) : null;
  }
  return null;
}

/** Shapes a response body for the requested version (by a pruner compiled once per operation × version × status). */
export function shapeForVersion(version: string, method: string, routePath: string, status: number, body: unknown): unknown {
  const key = `${version} ${method} ${routePath} ${status}`;
  let p = responsePruners.get(key);
  if (!p) {
    const node = responseNode(version, method, routePath, status);
    p = node ? pruner(node) : keep;
    responsePruners.set(key, p);
  }
  return p(body);
}

/**
 * Webhook items that no component schema describes, composed of objects that one does (Intercom's
 * "Contact Tag notification object" and the company/contact pair of company.contact.*): each member is
 * shaped by its own schema.
 */
const COMPOSITE_ITEMS: Record<string, Record<string, string>> = {
  contact_tag: { contact: "contact", tag: "tag" },
  contact_company: { contact: "contact", company: "company" },
};

/** Webhook items that are an object of a schema plus fields only the notification has (contact.merged's merged_from). */
const EXTENDED_ITEMS: Record<string, { schema: string; extra: string[] }> = {
  contact_merged: { schema: "contact", extra: ["merged_from"] },
};

/** Shapes an object for a version by the component schema that describes it (webhook items). */
export function shapeSchema(version: string, schemaName: string, item: unknown): unknown {
  const v = contract.schemas[version] ? version : contract.versions[contract.versions.length - 1];
  const extended = EXTENDED_ITEMS[schemaName];
  if (extended && item !== null && typeof item === "object") {
    const src = item as Record<string, unknown>;
    const out = pruner(schemaNode(extended.schema, v))(item) as Record<string, unknown>;
    for (const key of extended.extra) if (key in src) out[key] = src[key];
    return out;
  }
  const members = COMPOSITE_ITEMS[schemaName];
  if (members && item !== null && typeof item === "object") {
    const out: Record<string, unknown> = { ...(item as Record<string, unknown>) };
    for (const [key, schema] of Object.entries(members)) if (out[key] != null) out[key] = pruner(schemaNode(schema, v))(out[key]);
    return out;
  }
  return pruner(schemaNode(schemaName, v))(item);
}
