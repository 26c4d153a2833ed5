// The console's first load stays small: the compressed JavaScript (and CSS) the page references.
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { CONSOLE_DIR } from "../../src/platform/console.js";

describe("console bundle", () => {
  it("loads under 150 KB of gzipped JavaScript", () => {
    const html = readFileSync(path.join(CONSOLE_DIR, "index.html"), "utf8");
    const refs = [...html.matchAll(/(?:src|href)="\/_opencom\/console\/([^"]+)"/g)].map((m) => m[1]);
    const js = refs.filter((r) => r.endsWith(".js"));
    expect(js.length).toBeGreaterThan(0);
    const gz = (files: string[]) => files.reduce((n, f) => n + gzipSync(readFileSync(path.join(CONSOLE_DIR, f))).length, 0);
    const jsBytes = gz(js);
    console.log(`console first load: ${(jsBytes / 1024).toFixed(1)} KB gzipped JS, ${(gz(refs.filter((r) => r.endsWith(".css"))) / 1024).toFixed(1)} KB gzipped CSS`);
    expect(jsBytes).toBeLessThan(150 * 1024);
  });
});
