#!/usr/bin/env node
// Derives src/contract/views.json from the official OpenAPI descriptions in ../shared/intercom-openapi.
// The derived file holds only structure (which properties each response object has, per version):
// no prose, no examples. The server uses it to shape every response body for the requested version.
// Usage: npm run contract:gen [-- --spec-dir DIR] [--check]
import { readFileSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { eachOperation, loadSpec, specVersions } from "./spec.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const specDir = args.includes("--spec-dir")
  ? path.resolve(args[args.indexOf("--spec-dir") + 1])
  : path.resolve(root, "../shared/intercom-openapi");
const out = path.join(root, "src/contract/views.json");

const versions = specVersions(specDir);


function shapeOf(schema, seen = 0) {
  if (!schema || typeof schema !== "object") return 0;
  if (schema.$ref) return { r: schema.$ref.split("/").pop() };
  const alts = schema.oneOf ?? schema.anyOf ?? schema.allOf;
  if (alts) {
    // properties next to allOf/oneOf/anyOf apply as well (e.g. contact_deleted = contact_reference + deleted)
    const branches = alts.map((s) => shapeOf(s));
    if (schema.properties) branches.push(shapeOf({ properties: schema.properties, additionalProperties: schema.additionalProperties }));
    return { u: branches };
  }
  if (schema.type === "array" || schema.items) return { a: shapeOf(schema.items) };
  if (schema.properties) {
    const o = {};
    for (const [k, v] of Object.entries(schema.properties)) o[k] = shapeOf(v);
    // a required property the schema forgot to describe is still part of the object
    for (const k of schema.required ?? []) if (!(k in o)) o[k] = 0;
    const s = { o };
    if (schema.additionalProperties) s.open = 1;
    return s;
  }
  return 0; // a leaf, or an object that takes any properties
}

const shapes = {}; // hash -> shape (deduplicated across versions)
const intern = (shape) => {
  const json = JSON.stringify(shape);
  const h = createHash("sha1").update(json).digest("base64url").slice(0, 10);
  shapes[h] = shape;
  return h;
};

/**
 * Properties a version's response examples show on a component schema that the schema itself does not
 * describe (e.g. a contact's opted_in_subscription_types): Intercom sends them, so the views keep them.
 * Only names are taken, never values.
 */
function exampleExtras(doc) {
  const all = doc.components?.schemas ?? {};
  const extras = new Map(); // component name -> Set of property names
  const resolve = (schema) => {
    let name = null;
    let s = schema;
    for (let i = 0; s?.$ref && i < 10; i++) {
      name = s.$ref.split("/").pop();
      s = all[name];
    }
    return { name, schema: s };
  };
  const propertiesOf = (schema, seen = new Set()) => {
    const { schema: s } = resolve(schema);
    if (!s || typeof s !== "object" || seen.has(s)) return {};
    seen.add(s);
    let props = { ...(s.properties ?? {}) };
    for (const alt of s.oneOf ?? s.anyOf ?? s.allOf ?? []) props = { ...propertiesOf(alt, seen), ...props };
    return props;
  };
  const walk = (schema, value, owner, depth) => {
    if (depth > 25 || value === null || typeof value !== "object" || !schema) return;
    const { name, schema: s } = resolve(schema);
    if (!s) return;
    if (Array.isArray(value)) {
      for (const item of value) walk(s.items, item, null, depth + 1);
      return;
    }
    const props = propertiesOf(s);
    const holder = name ?? owner;
    for (const [k, v] of Object.entries(value)) {
      if (props[k]) walk(props[k], v, null, depth + 1);
      else if (holder && s.additionalProperties !== false && Object.keys(props).length) {
        if (!extras.has(holder)) extras.set(holder, new Set());
        extras.get(holder).add(k);
      }
    }
  };
  eachOperation(doc, (_p, _m, op) => {
    for (const resp of Object.values(op.responses ?? {})) {
      const media = resp?.content?.["application/json"];
      if (!media?.schema) continue;
      const examples = [...Object.values(media.examples ?? {}).map((e) => e?.value), media.example].filter((x) => x !== undefined);
      for (const ex of examples) walk(media.schema, ex, null, 0);
    }
  });
  return extras;
}

const result = { versions, ops: {}, schemas: {}, shapes };
for (const v of versions) {
  const doc = loadSpec(specDir, v);
  const extras = exampleExtras(doc);
  const ops = {};
  const wanted = new Set();
  eachOperation(doc, (p, m, op) => {
    const responses = {};
    for (const [status, resp] of Object.entries(op.responses ?? {})) {
      const schema = resp?.content?.["application/json"]?.schema;
      if (!schema) continue;
      const s = shapeOf(schema);
      responses[status] = intern(s);
      collectRefs(s, wanted);
    }
    ops[`${m.toUpperCase()} ${p}`] = responses;
  });
  // every schema reachable from a response
  const schemas = {};
  const all = doc.components?.schemas ?? {};
  const queue = [...wanted];
  while (queue.length) {
    const name = queue.pop();
    if (name in schemas || !all[name]) continue;
    const s = shapeOf(all[name]);
    if (s && s.o) for (const k of extras.get(name) ?? []) if (!(k in s.o)) s.o[k] = 0;
    schemas[name] = intern(s);
    const refs = new Set();
    collectRefs(s, refs);
    queue.push(...refs);
  }
  result.ops[v] = ops;
  result.schemas[v] = schemas;
}

function collectRefs(s, acc) {
  if (!s) return;
  if (s.r) acc.add(s.r);
  if (s.u) s.u.forEach((x) => collectRefs(x, acc));
  if (s.a !== undefined) collectRefs(s.a, acc);
  if (s.o) Object.values(s.o).forEach((x) => collectRefs(x, acc));
}

// ---- the operation table ----------------------------------------------------------------------
// Every distinct operation of the union of versions (method + path, parameter names erased): its
// operationId, tag, the versions that describe it, and its request parameters and body schema
// (structure only: types, properties, required, enums, limits; no prose, no examples). Routes are
// registered against this table (src/platform/operations.ts).
const STRUCTURE_KEYS = new Set([
  "type", "properties", "items", "required", "enum", "nullable", "format", "oneOf", "anyOf", "allOf",
  "additionalProperties", "maxLength", "minLength", "maximum", "minimum", "maxItems", "minItems", "pattern",
]);
function structureOf(schema, all, depth = 0, stack = []) {
  if (!schema || typeof schema !== "object" || depth > 12) return {};
  if (schema.$ref) {
    const name = schema.$ref.split("/").pop();
    if (stack.includes(name)) return {}; // recursive schema: any value below this point
    return structureOf(all[name], all, depth + 1, [...stack, name]);
  }
  const out = {};
  for (const [k, v] of Object.entries(schema)) {
    if (!STRUCTURE_KEYS.has(k)) continue;
    if (k === "properties") {
      out.properties = {};
      for (const [name, sub] of Object.entries(v)) out.properties[name] = structureOf(sub, all, depth + 1, stack);
    } else if (k === "items" || (k === "additionalProperties" && typeof v === "object")) {
      out[k] = structureOf(v, all, depth + 1, stack);
    } else if (k === "oneOf" || k === "anyOf" || k === "allOf") {
      out[k] = v.map((sub) => structureOf(sub, all, depth + 1, stack));
    } else out[k] = v;
  }
  return out;
}

const operations = new Map(); // key -> entry
for (const v of versions) {
  const doc = loadSpec(specDir, v);
  const all = doc.components?.schemas ?? {};
  const params = doc.components?.parameters ?? {};
  eachOperation(doc, (p, m, op) => {
    const key = `${m.toUpperCase()} ${p.replace(/\{[^}]+\}/g, "{}")}`;
    let e = operations.get(key);
    if (!e) {
      e = { key, operationId: op.operationId, method: m.toUpperCase(), path: p, tag: (op.tags ?? [])[0] ?? null, versions: [], request: {} };
      operations.set(key, e);
    }
    e.versions.push(v);
    // the newest description of an operation names it and gives its request shape
    e.operationId = op.operationId;
    e.path = p;
    e.tag = (op.tags ?? [])[0] ?? e.tag;
    const ps = [];
    for (const raw of op.parameters ?? []) {
      const prm = raw.$ref ? params[raw.$ref.split("/").pop()] : raw;
      if (!prm || prm.in === "header") continue;
      ps.push({ name: prm.name, in: prm.in, required: !!prm.required, schema: structureOf(prm.schema, all) });
    }
    const bodySchema = op.requestBody?.content?.["application/json"]?.schema;
    e.request[v] = { params: ps, ...(bodySchema ? { body: structureOf(bodySchema, all) } : {}) };
  });
}
// request shapes are interned: most operations keep one shape across versions
const requestShapes = {};
const opTable = [...operations.values()]
  .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.method < b.method ? -1 : 1))
  .map((e) => {
    const request = {};
    for (const [v, r] of Object.entries(e.request)) {
      const json = JSON.stringify(r);
      const h = createHash("sha1").update(json).digest("base64url").slice(0, 10);
      requestShapes[h] = r;
      request[v] = h;
    }
    return { ...e, request };
  });

const outputs = [
  [out, JSON.stringify(result) + "\n"],
  [path.join(root, "src/contract/operations.json"), JSON.stringify({ versions, operations: opTable, requests: requestShapes }) + "\n"],
];
let stale = false;
for (const [file, text] of outputs) {
  const rel = path.relative(root, file);
  if (args.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(file, "utf8");
    } catch {}
    if (current !== text) {
      console.error(`${rel} is out of date: run npm run contract:gen`);
      stale = true;
    } else console.log(`${rel} is up to date`);
  } else {
    writeFileSync(file, text);
    console.log(`wrote ${rel} (${text.length} bytes)`);
  }
}
if (stale) process.exit(1);
console.log(`${opTable.length} distinct operations across ${versions.length} versions`);
