// Webhook topic tests: the official schema of an item at a version, and a workspace subscribed to topics
// whose notifications arrive at a real receiver with their signatures checked.
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import YAML from "yaml";
import { expect } from "vitest";
import type { TestServer } from "./server.js";
import { sleep, type Receiver, type Received } from "./receiver.js";

const specDir = path.resolve(process.cwd(), "../shared/intercom-openapi");
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, validateSchema: false, discriminator: false });
const loaded = new Set<string>();

/** OpenAPI 3.0 `nullable` → JSON Schema (as the conformance check reads the descriptions). */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== "object") return node;
  const out: Record<string, any> = {};
  for (const [k, v] of Object.entries(node)) out[k] = k === "example" || k === "examples" ? v : toJsonSchema(v);
  if (typeof out.nullable !== "boolean") return out;
  const nullable = out.nullable;
  delete out.nullable;
  if (!nullable) return out;
  if (typeof out.type === "string" && !out.$ref) {
    out.type = [out.type, "null"];
    return out;
  }
  return { anyOf: [out, { type: "null" }] };
}

function schemaOf(version: string, name: string): ValidateFunction {
  if (!loaded.has(version)) {
    const doc = YAML.parse(readFileSync(path.join(specDir, `${version}.yaml`), "utf8"));
    const schemas = ((doc.components ??= {}).schemas ??= {});
    for (const m of JSON.stringify(doc).matchAll(/"#\/components\/schemas\/([^"]+)"/g)) if (!(decodeURIComponent(m[1]) in schemas)) schemas[decodeURIComponent(m[1])] = {};
    ajv.addSchema(toJsonSchema(doc) as object, `v${version}`);
    loaded.add(version);
  }
  return ajv.getSchema(`v${version}#/components/schemas/${name}`)!;
}

export function expectValid(version: string, name: string, value: unknown) {
  const fn = schemaOf(version, name);
  expect(fn(value), `${name} (${version}): ${ajv.errorsText(fn.errors)}`).toBe(true);
}


/** A workspace subscribed to topics at a version; `next(n)` waits for its next n notifications (signatures checked). */
export async function subscribed(srv: TestServer, rx: Receiver, name: string, topics: string[], version: string) {
  const ws = await srv.newWorkspace(name);
  const secret = (await ws.api("/_opencom/workspace")).body.client_secret as string;
  const sub = await ws.api("/_opencom/webhooks", { body: { url: rx.url, topics, version } });
  expect(sub.status).toBe(200);
  const mine = () => rx.received.filter((r) => r.json?.app_id === ws.workspaceId);
  let seen = 0;
  const next = async (n: number): Promise<Received[]> => {
    const until = Date.now() + 8000;
    while (mine().length < seen + n) {
      if (Date.now() > until) throw new Error(`expected ${seen + n} notifications, got ${mine().length}: ${mine().map((r) => r.json.topic)}`);
      await sleep(25);
    }
    const got = mine().slice(seen, seen + n);
    seen += n;
    for (const r of got) {
      expect(r.headers["x-hub-signature"]).toBe("sha1=" + createHmac("sha1", secret).update(r.body).digest("hex"));
      expect(r.json).toMatchObject({ type: "notification_event", app_id: ws.workspaceId, data: { type: "notification_event_data" } });
    }
    return got;
  };
  const none = async () => {
    await sleep(600);
    expect(mine().length).toBe(seen);
  };
  return { ws, next, none };
}
