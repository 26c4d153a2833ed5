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

const text = JSON.stringify(result) + "\n";
if (args.includes("--check")) {
  const current = readFileSync(out, "utf8");
  if (current !== text) {
    console.error("src/contract/views.json is out of date: run npm run contract:gen");
    process.exit(1);
  }
  console.log("src/contract/views.json is up to date");
} else {
  writeFileSync(out, text);
  console.log(`wrote ${path.relative(root, out)} (${versions.length} versions, ${Object.keys(shapes).length} shapes, ${text.length} bytes)`);
}
