#!/usr/bin/env node
// The conformance check: runs the end-to-end suite with every response recorded, then validates
// each recorded body against the official response schema of its operation and Intercom-Version
// from ../shared/intercom-openapi (ajv; formats unchecked). Every 4xx/5xx must be an error.list.
// Prints, per version, how many operations are implemented and valid, and exits non-zero on any
// invalid body.
//
//   npm run conformance                 run the suite (SQLite) and check
//   npm run conformance -- --no-run     check the records of the previous run
//   npm run conformance -- --spec-dir DIR --verbose
import { spawnSync } from "node:child_process";
import { createReadStream, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { createInterface } from "node:readline";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { eachOperation, loadSpec, rank, specVersions } from "./spec.mjs";
import { Ajv } from "ajv";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const specDir = flag("--spec-dir") ? path.resolve(args[args.indexOf("--spec-dir") + 1]) : path.resolve(root, "../shared/intercom-openapi");
const recordDir = path.join(root, ".conformance", "records");
const PRIMARY = "2.14";

if (!existsSync(specDir)) {
  console.error(`conformance: no OpenAPI descriptions at ${specDir}`);
  process.exit(2);
}

if (!flag("--no-run")) {
  rmSync(recordDir, { recursive: true, force: true });
  mkdirSync(recordDir, { recursive: true });
  console.log("conformance: running the end-to-end suite with response recording…");
  const run = spawnSync("npx", ["vitest", "run", "--silent"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, OPENCOM_RECORD_DIR: recordDir, OPENCOM_TEST_STORE: process.env.OPENCOM_TEST_STORE ?? "sqlite" },
  });
  if (run.status !== 0) {
    console.error("conformance: the end-to-end suite failed; fix it first");
    process.exit(run.status ?? 1);
  }
}

// ---- the contract ----------------------------------------------------------------------------
const versions = specVersions(specDir);

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, validateSchema: false, discriminator: false });
const opKey = (method, p) => `${method.toUpperCase()} ${p.replace(/\{[^}]+\}|:[A-Za-z0-9_]+/g, "{}")}`;
const pointer = (...segs) => "#/" + segs.map((s) => encodeURIComponent(String(s).replace(/~/g, "~0").replace(/\//g, "~1"))).join("/");

/** OpenAPI 3.0 `nullable` → JSON Schema: null becomes an allowed value. */
function openapiToJsonSchema(node) {
  if (Array.isArray(node)) return node.map(openapiToJsonSchema);
  if (!node || typeof node !== "object") return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) out[k] = k === "example" || k === "examples" ? v : openapiToJsonSchema(v);
  if (typeof out.nullable !== "boolean") return out;
  const nullable = out.nullable;
  delete out.nullable;
  if (!nullable) return out;
  if (typeof out.type === "string" && !out.$ref) {
    out.type = [out.type, "null"];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [out, { type: "null" }] };
}

const ops = new Map(); // version -> Map(opKey -> {path, method, responses})
for (const v of versions) {
  const doc = loadSpec(specDir, v);
  // a description may reference a component it does not define (2.11: custom_attributes): such a
  // reference accepts anything rather than breaking the whole check
  const schemas = (doc.components ??= {}).schemas ??= {};
  for (const m of JSON.stringify(doc).matchAll(/"#\/components\/schemas\/([^"]+)"/g)) {
    const name = decodeURIComponent(m[1]);
    if (!(name in schemas)) schemas[name] = {};
  }
  ajv.addSchema(openapiToJsonSchema(doc), `v${v}`);
  const m = new Map();
  eachOperation(doc, (p, method, op) => {
    const responses = {};
    for (const [status, resp] of Object.entries(op.responses ?? {})) {
      responses[status] = resp?.content?.["application/json"]?.schema ? pointer("paths", p, method, "responses", status, "content", "application/json", "schema") : null;
    }
    m.set(opKey(method, p), { path: p, method: method.toUpperCase(), id: op.operationId ?? `${method.toUpperCase()} ${p}`, responses });
  });
  ops.set(v, m);
}

const validators = new Map();
function validator(version, ptr) {
  const key = `v${version}${ptr}`;
  if (!validators.has(key)) {
    const fn = ajv.getSchema(key);
    if (!fn) throw new Error(`cannot resolve ${key}`);
    validators.set(key, fn);
  }
  return validators.get(key);
}
const errorSchema = (version) => pointer("components", "schemas", "error");

/** The version whose description of the operation applies: the requested one, else the nearest that has it. */
function describedIn(version, key) {
  if (ops.get(version)?.has(key)) return version;
  const order = [...versions].sort((a, b) => Math.abs(rank(a) - rank(version)) - Math.abs(rank(b) - rank(version)) || rank(b) - rank(a));
  return order.find((v) => ops.get(v).has(key)) ?? null;
}

// ---- the records ------------------------------------------------------------------------------
if (!existsSync(recordDir)) {
  console.error("conformance: no records; run without --no-run");
  process.exit(2);
}
// streamed line by line: a run's records exceed what one string (or memory) can hold
async function* readRecords() {
  for (const f of readdirSync(recordDir)) {
    for await (const line of createInterface({ input: createReadStream(path.join(recordDir, f)), crlfDelay: Infinity })) if (line) yield JSON.parse(line);
  }
}
const records = readRecords();

const legacy = new Set(JSON.parse(readFileSync(path.join(root, "src/contract/legacy.json"), "utf8")).operations.map((o) => o.key));
const results = new Map(); // `${version} ${opKey}` -> {ok, bad, samples}
const implemented = new Set(); // `${version} ${opKey}` answered by a route that is not a 501 not_implemented
const problems = [];
let checked = 0;
let invalid = 0;
for await (const r of records) {
  const version = r.version ?? PRIMARY;
  const key = r.route ? opKey(r.method, r.route) : null;
  const isError = r.status >= 400;
  let body;
  try {
    body = r.body === "" ? undefined : JSON.parse(r.body);
  } catch {
    body = undefined;
  }
  const fail = (why) => {
    invalid++;
    problems.push(`${version} ${r.method} ${r.route || "(no route)"} ${r.status}: ${why}`);
  };
  if (key === "GET /") continue; // the web console's page (HTML, src/platform/console.ts), no API operation
  checked++;
  if (key && !(r.status === 501 && body?.errors?.[0]?.code === "not_implemented")) implemented.add(`${version} ${key}`);
  if (isError) {
    if (body === undefined) {
      fail("error response is not JSON");
      continue;
    }
    const v = validator(describedIn(version, "") ?? PRIMARY, errorSchema(version));
    if (body.type !== "error.list" || !v(body)) fail(`not a valid error.list: ${JSON.stringify(v.errors ?? body).slice(0, 300)}`);
    continue;
  }
  if (!key || r.route.startsWith("/_opencom")) continue; // opencom's own API is not Intercom's
  if (legacy.has(key)) continue; // outside the current contract: no schema to validate against
  const described = describedIn(version, key);
  if (!described) {
    fail("no official description of this operation in any version");
    continue;
  }
  const op = ops.get(described).get(key);
  const tally = results.get(`${version} ${key}`) ?? { version, key, id: op.id, ok: 0, bad: 0 };
  results.set(`${version} ${key}`, tally);
  const documented = [String(r.status), `${String(r.status)[0]}XX`, "default"].find((s) => s in op.responses);
  const ptr = documented === undefined ? undefined : op.responses[documented];
  if (ptr === undefined) {
    tally.bad++;
    fail(`status ${r.status} is not a documented response`);
    continue;
  }
  if (ptr === null) {
    tally.ok++;
    continue; // documented without a JSON schema
  }
  if (body === undefined) {
    tally.bad++;
    fail("body is not JSON");
    continue;
  }
  const v = validator(described, ptr);
  if (v(body)) tally.ok++;
  else {
    tally.bad++;
    fail(ajv.errorsText(v.errors, { separator: "; " }).slice(0, 600));
  }
}

// ---- the report -------------------------------------------------------------------------------
const byVersion = new Map();
for (const t of results.values()) {
  const e = byVersion.get(t.version) ?? { valid: new Set(), invalid: new Set() };
  (t.bad ? e.invalid : e.valid).add(t.key);
  byVersion.set(t.version, e);
}
for (const e of byVersion.values()) for (const k of e.invalid) e.valid.delete(k);

console.log(`\nconformance: ${checked} responses checked, ${invalid} invalid`);
console.log(`  version  implemented / valid / total`);
const unionValid = new Set();
const unionImplemented = new Set();
const union = new Set();
for (const v of versions) {
  const e = byVersion.get(v);
  const total = ops.get(v).size;
  for (const k of ops.get(v).keys()) union.add(k);
  const valid = e ? [...e.valid].filter((k) => ops.get(v).has(k)) : [];
  valid.forEach((k) => unionValid.add(k));
  const impl = [...ops.get(v).keys()].filter((k) => implemented.has(`${v} ${k}`));
  impl.forEach((k) => unionImplemented.add(k));
  console.log(`  ${v.padEnd(8)} ${String(impl.length).padStart(3)} / ${String(valid.length).padStart(3)} / ${total}${e?.invalid.size ? `, ${e.invalid.size} with invalid bodies` : ""}`);
}
console.log(`  union    ${String(unionImplemented.size).padStart(3)} / ${String(unionValid.size).padStart(3)} / ${union.size}`);
const primary = byVersion.get(PRIMARY);
const primaryValid = primary ? [...primary.valid].filter((k) => ops.get(PRIMARY).has(k)) : [];
if (flag("--verbose")) {
  console.log(`\n${PRIMARY} operations implemented and valid:`);
  for (const k of primaryValid.sort()) console.log(`  ${ops.get(PRIMARY).get(k).id.padEnd(40)} ${k}`);
}
if (problems.length) {
  console.log("\ninvalid responses (first 40):");
  const uniq = [...new Set(problems)];
  for (const p of uniq.slice(0, 40)) console.log(`  ${p}`);
  if (uniq.length > 40) console.log(`  … and ${uniq.length - 40} more`);
}
// operations no recorded response proves valid: never called by a test (in that version), or only with invalid bodies
const unproven = (keys, valid) => [...keys].filter((k) => !valid.has(k)).sort();
const unionGaps = unproven(union, unionValid);
if (unionGaps.length) console.log(`\nunion operations without a valid recorded response: ${unionGaps.join(", ")}`);
const primaryGaps = unproven(ops.get(PRIMARY).keys(), new Set(primaryValid));
if (primaryGaps.length) console.log(`${PRIMARY} operations without a valid recorded response in ${PRIMARY}: ${primaryGaps.join(", ")}`);
console.log(`\n${PRIMARY}: ${primaryValid.length} of ${ops.get(PRIMARY).size} operations implemented and valid`);
process.exit(invalid ? 1 : 0);
