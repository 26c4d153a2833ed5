// What a request may carry: JSON bodies (UTF-8, no NUL, empty = none) and the schema validators.
import { Ajv } from "ajv";
import type { FastifyInstance, FastifySchemaValidationError } from "fastify";
import { badRequest } from "./errors.js";

const utf8 = new TextDecoder("utf-8", { fatal: true });
export const NUL_MESSAGE = "Text may not contain the NUL character (\\u0000)";

/** Whether a parsed JSON value holds a NUL character in any string or key (iteratively: bodies may nest deeply). */
function hasNul(value: unknown): boolean {
  const stack = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === "string") {
      if (v.includes("\0")) return true;
    } else if (v && typeof v === "object") {
      for (const [k, child] of Object.entries(v)) {
        if (k.includes("\0")) return true;
        stack.push(child);
      }
    }
  }
  return false;
}

/** A copy of a schema whose integers are the exact (safe) ones: 1e308 or 2**63 is no id, count, page or timestamp. */
function safeIntegers(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(safeIntegers);
  if (!schema || typeof schema !== "object") return schema;
  const out: Record<string, unknown> = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, safeIntegers(v)]));
  if (out.type === "integer") {
    out.minimum ??= Number.MIN_SAFE_INTEGER;
    out.maximum ??= Number.MAX_SAFE_INTEGER;
  }
  return out;
}

/** Query strings and path parameters arrive as text and are coerced; JSON bodies are checked as sent. */
export function installValidation(app: FastifyInstance) {
  const ajvParams = new Ajv({ coerceTypes: "array", useDefaults: true, removeAdditional: true, allErrors: false, strict: false });
  const ajvBody = new Ajv({ coerceTypes: false, useDefaults: true, removeAdditional: false, allErrors: false, strict: false });
  // compiled on a route's first request, not at start: start-up stays fast however many routes there are
  app.setValidatorCompiler(({ schema, httpPart }) => lazily(() => (httpPart === "body" ? ajvBody : ajvParams).compile(safeIntegers(schema) as object) as Validate));
}

type Validate = ((data: unknown) => boolean) & { errors?: FastifySchemaValidationError[] | null };

/** A validator that compiles on its first call; Fastify reads `errors` from the function it was given. */
function lazily(compile: () => Validate): Validate {
  let compiled: Validate | undefined;
  const validate: Validate = (data) => {
    compiled ??= compile();
    const ok = compiled(data);
    validate.errors = compiled.errors;
    return ok;
  };
  return validate;
}

/**
 * JSON bodies: an empty one (a POST with nothing to say, e.g. archive) is no body, not a parse error;
 * the body must be UTF-8, and its text free of NUL characters (which no database text column holds).
 */
export function installJsonBodyParser(app: FastifyInstance) {
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (request, raw, done) => {
    let body: string;
    try {
      body = utf8.decode(raw as Buffer);
    } catch {
      return done(badRequest("parameter_invalid", "The request body is not valid UTF-8", "body"), undefined);
    }
    if (body.trim() === "") return done(null, undefined);
    return parseJson(request, body, (err: Error | null, json?: unknown) => {
      if (!err && body.includes("\\u0000") && hasNul(json)) return done(badRequest("parameter_invalid", NUL_MESSAGE, "body"), undefined);
      return done(err, json);
    });
  });
}
