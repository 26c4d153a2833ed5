// What a request may carry: JSON bodies (UTF-8, no NUL, empty = none) and the schema validators.
import { Ajv } from "ajv";
import type { FastifyInstance, FastifySchemaValidationError } from "fastify";
import { badRequest } from "./errors.js";

const utf8 = new TextDecoder("utf-8", { fatal: true });
const latin1 = new TextDecoder("latin1");
export const NUL_MESSAGE = "Text may not contain the NUL character (\\u0000)";

/**
 * Limits every JSON body keeps (Intercom documents none of them): objects and arrays nest at most
 * MAX_JSON_DEPTH deep (checked before any recursive walk: search queries, segments, views), and no
 * string anywhere in a body is longer than MAX_TEXT characters. Fields a schema declares carry their own,
 * lower limits (see installValidation: DEFAULT_MAX_LENGTH unless a schema says otherwise).
 */
export const MAX_JSON_DEPTH = 32;
export const MAX_TEXT = 65_536;
/** A string field of a body schema without its own maxLength: names, ids, emails, URLs, … */
export const DEFAULT_MAX_LENGTH = 255;
/** The longest HTML body of content (articles, news items, internal articles, external pages). */
export const MAX_CONTENT_BODY = 256 * 1024;
/** An array field of a body schema without its own maxItems. */
export const DEFAULT_MAX_ITEMS = 1000;

/**
 * Checks a parsed body iteratively (it may nest deeply): depth, NUL characters and string lengths.
 * Returns the error to answer, or null.
 */
function checkBody(value: unknown, mayHoldNul: boolean) {
  const stack: Array<[unknown, string, number]> = [[value, "", 0]];
  while (stack.length) {
    const [v, path, depth] = stack.pop()!;
    if (typeof v === "string") {
      if (mayHoldNul && v.includes("\0")) return badRequest("parameter_invalid", NUL_MESSAGE, path || "body");
      if (v.length > MAX_TEXT) return badRequest("parameter_invalid", `${path || "body"} is longer than ${MAX_TEXT} characters`, path || "body");
    } else if (v && typeof v === "object") {
      if (depth >= MAX_JSON_DEPTH) return badRequest("parameter_invalid", `The JSON body nests deeper than ${MAX_JSON_DEPTH} levels`, path || "body");
      for (const [k, child] of Object.entries(v)) {
        if (mayHoldNul && k.includes("\0")) return badRequest("parameter_invalid", NUL_MESSAGE, path || "body");
        if (k.length > MAX_TEXT) return badRequest("parameter_invalid", `A key of ${path || "body"} is longer than ${MAX_TEXT} characters`, path || "body");
        stack.push([child, Array.isArray(v) ? `${path}[${k}]` : path ? `${path}.${k}` : k, depth + 1]);
      }
    }
  }
  return null;
}

/** The text of a body in the charset its Content-Type names: UTF-8 (default) or Latin-1; others are refused. */
function decodeBody(raw: Buffer, contentType: string | undefined): string | Error {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? "")?.[1]?.toLowerCase() ?? "utf-8";
  if (charset === "utf-8" || charset === "utf8") {
    try {
      return utf8.decode(raw);
    } catch {
      return badRequest("parameter_invalid", "The request body is not valid UTF-8", "body");
    }
  }
  if (charset === "iso-8859-1" || charset === "latin1" || charset === "latin-1" || charset === "us-ascii" || charset === "ascii") return latin1.decode(raw);
  return badRequest("parameter_invalid", `Unsupported charset ${charset}: send the JSON body as UTF-8 (or ISO-8859-1)`, "Content-Type");
}

/**
 * A copy of a schema whose integers are the exact (safe) ones: 1e308 or 2**63 is no id, count, page or
 * timestamp. For bodies (`bounded`), strings and arrays without a declared limit get the default ones,
 * so every stored object stays bounded: a route that takes longer text declares its maxLength.
 */
function safeIntegers(schema: unknown, bounded = false): unknown {
  if (Array.isArray(schema)) return schema.map((s) => safeIntegers(s, bounded));
  if (!schema || typeof schema !== "object") return schema;
  const out: Record<string, unknown> = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, safeIntegers(v, bounded)]));
  if (out.type === "integer") {
    out.minimum ??= Number.MIN_SAFE_INTEGER;
    out.maximum ??= Number.MAX_SAFE_INTEGER;
  }
  if (bounded && out.type === "string") out.maxLength ??= DEFAULT_MAX_LENGTH;
  if (bounded && out.type === "array") out.maxItems ??= DEFAULT_MAX_ITEMS;
  return out;
}

/** Query strings and path parameters arrive as text and are coerced; JSON bodies are checked as sent. */
export function installValidation(app: FastifyInstance) {
  const ajvParams = new Ajv({ coerceTypes: "array", useDefaults: true, removeAdditional: true, allErrors: false, strict: false });
  const ajvBody = new Ajv({ coerceTypes: false, useDefaults: true, removeAdditional: false, allErrors: false, strict: false });
  // compiled on a route's first request, not at start: start-up stays fast however many routes there are
  app.setValidatorCompiler(({ schema, httpPart }) => lazily(() => (httpPart === "body" ? ajvBody : ajvParams).compile(safeIntegers(schema, httpPart === "body") as object) as Validate));
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
 * the body is UTF-8 (or Latin-1 when its Content-Type says so), its text free of NUL characters (which
 * no database text column holds), nested at most MAX_JSON_DEPTH deep, with no string over MAX_TEXT.
 */
export function installJsonBodyParser(app: FastifyInstance) {
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (request, raw, done) => {
    const body = decodeBody(raw as Buffer, request.headers["content-type"]);
    if (body instanceof Error) return done(body, undefined);
    if (body.trim() === "") return done(null, undefined);
    return parseJson(request, body, (err: Error | null, json?: unknown) => {
      if (err) return done(err, undefined);
      const refused = checkBody(json, body.includes("\\u0000"));
      return refused ? done(refused, undefined) : done(null, json);
    });
  });
}
