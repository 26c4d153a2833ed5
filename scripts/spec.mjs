// Reading the official OpenAPI descriptions: shared by the contract-view generator and the conformance check.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";

export const METHODS = ["get", "post", "put", "patch", "delete"];

/** Orders versions: 2.7 < 2.8 < … < 2.16 < Unstable. */
export const rank = (v) => (v === "Unstable" ? 1e9 : Number(v.split(".")[0]) * 1000 + Number(v.split(".")[1]));

/** The versions described in a directory (one `<version>.yaml` each), oldest first. */
export function specVersions(specDir) {
  return readdirSync(specDir)
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => f.replace(/\.yaml$/, ""))
    .sort((a, b) => rank(a) - rank(b));
}

export const loadSpec = (specDir, version) => YAML.parse(readFileSync(path.join(specDir, `${version}.yaml`), "utf8"));

/** Calls fn(path, method, operation) for every operation of a description. */
export function eachOperation(doc, fn) {
  for (const [p, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) if (item?.[method]) fn(p, method, item[method]);
  }
}
