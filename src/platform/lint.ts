// Request lint: the body properties that the operation's request schema in the requested version does
// not define (Intercom ignores them silently: a typo, a field of another version).
import { operationFor, requestShape } from "./operations.js";

type Schema = Record<string, unknown>;

const MAX_WARNINGS = 20;

/** Properties a schema allows (union over oneOf/anyOf/allOf), or null when it is open. */
function allowed(schema: Schema | undefined): Map<string, Schema[]> | null {
  if (!schema || typeof schema !== "object") return null;
  const props = new Map<string, Schema[]>();
  let open = false;
  let sawObject = false;
  const visit = (s: Schema) => {
    if (!s || typeof s !== "object") return;
    if (s.properties && typeof s.properties === "object") {
      sawObject = true;
      for (const [k, v] of Object.entries(s.properties as Record<string, Schema>)) props.set(k, [...(props.get(k) ?? []), v]);
    }
    if (s.additionalProperties) open = true;
    for (const key of ["oneOf", "anyOf", "allOf"]) {
      const list = s[key];
      if (Array.isArray(list)) for (const sub of list) visit(sub as Schema);
    }
  };
  visit(schema);
  return open || !sawObject ? null : props;
}

function items(schemas: Schema[]): Schema | undefined {
  const list = schemas.map((s) => s.items as Schema | undefined).filter(Boolean) as Schema[];
  return list.length ? { anyOf: list } : undefined;
}

function walk(value: unknown, schema: Schema | undefined, path: string, out: string[]) {
  if (out.length >= MAX_WARNINGS || value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    const it = schema ? items([schema, ...(((schema.oneOf ?? schema.anyOf ?? []) as Schema[]))]) : undefined;
    if (it) value.slice(0, 50).forEach((v, i) => walk(v, it, `${path}[${i}]`, out));
    return;
  }
  const props = allowed(schema);
  if (!props) return;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const sub = props.get(k);
    const p = path ? `${path}.${k}` : k;
    if (!sub) {
      out.push(p);
      if (out.length >= MAX_WARNINGS) return;
    } else walk(v, sub.length === 1 ? sub[0] : { anyOf: sub }, p, out);
  }
}

/** The body properties the request schema of (method, route) in the version does not define. */
export function lintRequest(method: string, route: string, version: string, body: unknown): string[] {
  if (body === null || body === undefined || typeof body !== "object") return [];
  const op = operationFor(method, route);
  if (!op) return [];
  const shape = requestShape(op, version);
  if (!shape?.body) return [];
  const out: string[] = [];
  walk(body, shape.body, "", out);
  return out;
}
