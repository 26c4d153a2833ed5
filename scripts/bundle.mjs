#!/usr/bin/env node
// Bundles the built server (dist/cli.js and everything it imports, dependencies included) into one
// module, dist/opencom.mjs, which bin/opencom runs. Why: a start spent most of its time loading modules —
// resolving, reading and compiling ~350 of opencom's own ESM files and a few hundred of its dependencies'
// (import of dist/cli.js ≈ 0.8–0.9 s on the 2-core machine, one file ≈ 0.35 s; see bench/README.md, cold
// start). The unbundled dist/ stays: tests and benchmarks import its modules.
//
// Left outside the bundle and loaded from node_modules at run time: better-sqlite3 (a native addon),
// pg-native (pg's optional native client, not installed) and @faker-js/faker (imported only by the demo
// seed, and large). Names are not kept (esbuild's keepNames): it wraps every function a request creates in a
// call naming it, which cost `GET /contacts/{id}` ~10 % of its CPU (210–218 µs against 187–193 µs per
// request). Without it, a function or class whose top-level name collides with another module's is named
// with a number (`CommanderError2`): none of opencom's own do; in dependencies, where some do, the names
// show in messages only (commander, for one, tells its errors by instanceof).
// Usage: node scripts/bundle.mjs
import { build } from "esbuild";
import { renameSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outfile = path.join(root, "dist/opencom.mjs");

const result = await build({
  entryPoints: [path.join(root, "dist/cli.js")],
  outfile,
  write: false,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // whitespace and syntax only (identifiers are not renamed): less to read and parse at each start
  minifyWhitespace: true,
  minifySyntax: true,
  external: ["better-sqlite3", "pg-native", "@faker-js/faker"],
  // the CommonJS dependencies inside an ES module still call require() for Node's built-in modules
  banner: { js: "import { createRequire as __opencomRequire } from 'node:module'; const require = __opencomRequire(import.meta.url);" },
  logLevel: "warning",
});

// written aside, then renamed: a server starting meanwhile (tests build while others run) never reads half a file
const temp = `${outfile}.${process.pid}.tmp`;
writeFileSync(temp, result.outputFiles[0].contents);
renameSync(temp, outfile);
