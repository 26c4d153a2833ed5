#!/usr/bin/env node
// Arrows one way: every relative import under src/ points down the order
//   cli → server → app, bootstrap → resources → search → platform → db, contract
// (an import within one layer is fine). Also: no resource folder imports the registry
// (src/resources/index.ts), which imports every resource; no service.ts imports a present.ts
// (services return rows, routes present them); no resource file but a routes file imports a routes file
// (routes.ts, *-routes.ts: the request schemas a service is typed by live in its schemas.ts); and a
// schemas.ts imports no resource file but another schemas.ts. Exits 1 naming each offending import.
// Usage: node scripts/check-imports.mjs [--root <dir containing src/>]
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** Rank of each layer: an import may only go to an equal or lower rank. */
const LAYERS = [
  ["cli.ts", 7],
  ["cli-webhooks.ts", 7], // the webhooks command of the cli
  ["server.ts", 6],
  ["app.ts", 5],
  ["snapshots.ts", 5], // snapshot files for the cli and serve --import; walks the registry
  ["bootstrap.ts", 5], // creates workspaces (seeds through the registry); used by server and cli
  ["resources/", 4],
  ["search/", 3],
  ["platform/", 2],
  ["db/", 1],
  ["contract/", 1], // generated data, read like the schema
];

/** The layer of a path relative to src/ (forward slashes), or undefined when it has none. */
export function layerOf(rel) {
  for (const [prefix, rank] of LAYERS) {
    if (prefix.endsWith("/") ? rel.startsWith(prefix) : rel === prefix) return { name: prefix.replace(/\/$/, ""), rank };
  }
  return undefined;
}

/** A file of routes: routes.ts, or a second one of a resource (drafts-routes.ts, activity-log-routes.ts). */
const ROUTES_FILE = /(^|[/-])routes\.ts$/;

const IMPORT_RE = /(?:^|[;\s}])(?:import|export)\s+(?:type\s+)?(?:[\s\S]*?\sfrom\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) yield* sourceFiles(full);
    else if (/\.(ts|mts|js|mjs)$/.test(name) && !name.endsWith(".d.ts")) yield full;
  }
}

/** Every violation under root/src, as human-readable lines. */
export function checkImports(root) {
  const src = join(root, "src");
  const problems = [];
  for (const file of sourceFiles(src)) {
    const from = relative(src, file).split(sep).join("/");
    const fromLayer = layerOf(from);
    if (!fromLayer) {
      problems.push(`${from}: not in any layer (add it to LAYERS in scripts/check-imports.mjs)`);
      continue;
    }
    const text = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'])\/\/.*$/gm, "$1");
    for (const m of text.matchAll(IMPORT_RE)) {
      const spec = m[1] ?? m[2];
      if (!spec || !spec.startsWith(".")) continue;
      const target = relative(src, resolve(dirname(file), spec)).split(sep).join("/").replace(/\.js$/, ".ts");
      if (target.startsWith("..")) {
        problems.push(`${from}: imports ${spec}, outside src/`);
        continue;
      }
      const toLayer = layerOf(target);
      if (!toLayer) problems.push(`${from}: imports ${spec}, which is in no layer`);
      else if (toLayer.rank > fromLayer.rank) problems.push(`${from}: imports ${spec} — ${fromLayer.name} may not import ${toLayer.name} (upwards)`);
      else if (target === "resources/index.ts" && from.startsWith("resources/") && from !== "resources/index.ts") {
        problems.push(`${from}: imports the resource registry ${spec} (a circle; the registry imports every resource)`);
      } else if (from.endsWith("/service.ts") && target.endsWith("/present.ts")) {
        problems.push(`${from}: imports the presenter ${spec} (services return rows; routes present them)`);
      } else if (from.startsWith("resources/") && from !== "resources/index.ts" && !ROUTES_FILE.test(from) && ROUTES_FILE.test(target)) {
        problems.push(`${from}: imports the routes ${spec} (routes import services; a request schema both use lives in schemas.ts)`);
      } else if (from.endsWith("/schemas.ts") && target.startsWith("resources/") && !target.endsWith("/schemas.ts")) {
        problems.push(`${from}: imports ${spec} (a schemas.ts holds request shapes: it imports only other schemas.ts and the layers below)`);
      }
    }
  }
  return problems;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf("--root");
  const root = i > 0 ? resolve(process.argv[i + 1]) : resolve(dirname(fileURLToPath(import.meta.url)), "..");
  const problems = checkImports(root);
  for (const p of problems) console.error(p);
  if (problems.length) {
    console.error(`check-imports: ${problems.length} import(s) point the wrong way`);
    process.exit(1);
  }
  console.log("check-imports: every import points down cli → server → app → resources → search → platform → db");
}
