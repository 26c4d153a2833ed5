// The import-direction check (scripts/check-imports.mjs): passes on the project, and catches an
// upward import and a resource importing the registry in a fixture tree.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { execFileSync, spawnSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";

const script = join(import.meta.dirname, "../../scripts/check-imports.mjs");
const root = mkdtempSync(join(tmpdir(), "opencom-imports-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function fixture(files: Record<string, string>): string {
  const dir = mkdtempSync(join(root, "case-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, "src", path)), { recursive: true });
    writeFileSync(join(dir, "src", path), text);
  }
  return dir;
}

const run = (dir: string) => spawnSync(process.execPath, [script, "--root", dir], { encoding: "utf8" });

describe("check-imports", () => {
  it("passes on this project", () => {
    expect(() => execFileSync(process.execPath, [script], { encoding: "utf8" })).not.toThrow();
  });

  it("accepts imports that point down or stay in a layer", () => {
    const res = run(
      fixture({
        "cli.ts": 'import { a } from "./server.js";\nimport { b } from "./db/x.js";\n',
        "server.ts": 'export const a = 1;\nimport { app } from "./app.js";\n',
        "app.ts": 'export const app = 1;\nimport "./resources/index.js";\n',
        "resources/index.ts": 'import r from "./notes/routes.js";\n',
        "resources/notes/routes.ts": 'import { s } from "../../search/index.js";\nimport type { T } from "../contacts/service.js";\n',
        "resources/contacts/service.ts": "export type T = 1;\n",
        "search/index.ts": 'import { e } from "../platform/errors.js";\nexport const s = 1;\n',
        "platform/errors.ts": 'import type { DB } from "../db/x.js";\nexport const e = 1;\n',
        "db/x.ts": "export const b = 1; export type DB = {};\n",
      }),
    );
    expect(res.stderr).toBe("");
    expect(res.status).toBe(0);
  });

  it("fails on an upward import, naming it, also a type-only or multi-line one", () => {
    const res = run(
      fixture({
        "db/connection.ts": 'import {\n  isUniqueViolation,\n} from "../platform/db-errors.js";\n',
        "platform/db-errors.ts": "export const isUniqueViolation = 1;\n",
        "search/index.ts": 'export type { Row } from "../resources/contacts/search.js";\n',
        "resources/contacts/search.ts": "export type Row = 1;\n",
        "resources/opencom/routes.ts": 'import { VERSION } from "../../cli.js";\n',
        "cli.ts": "export const VERSION = 1;\n",
      }),
    );
    expect(res.status).toBe(1);
    expect(res.stderr).toContain("db/connection.ts: imports ../platform/db-errors.js");
    expect(res.stderr).toContain("search/index.ts: imports ../resources/contacts/search.js");
    expect(res.stderr).toContain("resources/opencom/routes.ts: imports ../../cli.js");
  });

  it("fails on a resource importing the registry (a circle), a file in no layer, a service importing a presenter", () => {
    const res = run(
      fixture({
        "resources/index.ts": 'import r from "./opencom/service.js";\n',
        "resources/opencom/service.ts": 'import { seedWorkspace } from "../index.js";\n',
        "misc.ts": "export {};\n",
        "resources/tags/service.ts": 'import { presentTag } from "./present.js";\n',
        "resources/tags/present.ts": "export const presentTag = 1;\n",
      }),
    );
    expect(res.status).toBe(1);
    expect(res.stderr).toContain("resources/opencom/service.ts: imports the resource registry");
    expect(res.stderr).toContain("misc.ts: not in any layer");
    expect(res.stderr).toContain("resources/tags/service.ts: imports the presenter ./present.js");
  });

  it("fails on a service importing routes and on a schemas.ts importing a service; accepts routes and services sharing a schemas.ts", () => {
    const res = run(
      fixture({
        "resources/index.ts": 'import r from "./tags/routes.js";\nimport d from "./tags/drafts-routes.js";\n',
        "resources/tags/routes.ts": 'import { TagBody } from "./schemas.js";\nimport { x } from "./drafts-routes.js";\nimport { createTag } from "./service.js";\n',
        "resources/tags/drafts-routes.ts": "export const x = 1;\n",
        "resources/tags/service.ts": 'import type { TagInput } from "./schemas.js";\nimport { x } from "./drafts-routes.js";\nexport const createTag = 1;\n',
        "resources/tags/bulk.ts": 'import { TagBody } from "./routes.js";\n',
        "resources/tags/schemas.ts": 'import { Nullable } from "../../platform/schema.js";\nimport { N } from "../notes/schemas.js";\nexport const TagBody = 1;\nexport type TagInput = 1;\n',
        "resources/notes/schemas.ts": 'import { createTag } from "../tags/service.js";\nexport const N = 1;\n',
        "platform/schema.ts": "export const Nullable = 1;\n",
      }),
    );
    expect(res.status).toBe(1);
    expect(res.stderr).toContain("resources/tags/service.ts: imports the routes ./drafts-routes.js");
    expect(res.stderr).toContain("resources/tags/bulk.ts: imports the routes ./routes.js");
    expect(res.stderr).toContain("resources/notes/schemas.ts: imports ../tags/service.js");
    expect(res.stderr.trim().split("\n")).toHaveLength(4); // the three, then the count line
  });
});
