// One error path for everything: every 4xx/5xx body is an Intercom error.list.
import { randomUUID } from "node:crypto";
import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { isForeignKeyViolation, isOverload, isTransactionConflict, isUniqueViolation } from "./db-errors.js";

export interface ErrorItem {
  code: string;
  message: string;
  field?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const notFound = (message = "Resource Not Found", code = "not_found") => new ApiError(404, code, message);
export const badRequest = (code: string, message: string, field?: string) => new ApiError(400, code, message, field);
export const invalidParam = (field: string, message?: string) =>
  new ApiError(400, "parameter_invalid", message ?? `${field} is invalid`, field);
export const missingParam = (field: string, message?: string) =>
  new ApiError(400, "parameter_not_found", message ?? `${field} is required`, field);
export const conflict = (message: string, field?: string) => new ApiError(409, "conflict", message, field);
export const unauthorized = () => new ApiError(401, "unauthorized", "Access Token Invalid");

export function errorBody(requestId: string, errors: ErrorItem[]) {
  return {
    type: "error.list",
    request_id: requestId,
    errors: errors.map((e) => (e.field ? { code: e.code, message: e.message, field: e.field } : { code: e.code, message: e.message })),
  };
}

export function sendError(reply: FastifyReply, status: number, items: ErrorItem[]) {
  return reply.code(status).type("application/json; charset=utf-8").send(errorBody(String(reply.request.id), items));
}

interface AjvIssue {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

function fieldOf(issue: AjvIssue): string {
  const base = issue.instancePath.replace(/^\//, "").replace(/\//g, ".");
  if (issue.keyword === "required") {
    const missing = String(issue.params.missingProperty);
    return base ? `${base}.${missing}` : missing;
  }
  if (issue.keyword === "additionalProperties") {
    const extra = String(issue.params.additionalProperty);
    return base ? `${base}.${extra}` : extra;
  }
  return base;
}

/** Maps a Fastify/ajv schema failure to an Intercom error item. */
function validationItem(err: FastifyError): ErrorItem {
  const issue = (err.validation?.[0] ?? {}) as AjvIssue;
  const field = fieldOf(issue);
  if (issue.keyword === "required") return { code: "parameter_not_found", message: `${field} is required`, field };
  if (issue.keyword === "additionalProperties") return { code: "parameter_invalid", message: `${field} is not a recognised parameter`, field };
  const what = issue.message ? ` (${issue.message})` : "";
  return field
    ? { code: "parameter_invalid", message: `${field} is invalid${what}`, field }
    : { code: "parameter_invalid", message: `Request ${err.validationContext ?? "body"} is invalid${what}` };
}

/**
 * Fastify's `frameworkErrors`: a URL the router cannot decode (bad percent-encoding) is a 400, and a path
 * parameter longer than any id is a 404 (no such resource), both as error.lists.
 */
export function frameworkErrors(err: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  if (err.code === "FST_ERR_MAX_PARAM_LENGTH") return sendError(reply, 404, [{ code: "not_found", message: "Resource Not Found" }]);
  return sendError(reply, 400, [{ code: "parameter_invalid", message: "The URL is not valid: it has a malformed percent-encoding" }]);
}

/** Node's `clientError` (request line or headers too large, unparsable HTTP): an error.list before the socket closes. */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Duplex) {
  if (err.code === "ECONNRESET" || socket.destroyed) return;
  const [status, message] =
    err.code === "HPE_HEADER_OVERFLOW" ? [431, "The request line and headers are larger than the server accepts"]
    : err.code === "ERR_HTTP_REQUEST_TIMEOUT" ? [408, "The request took too long to arrive"]
    : [400, "The HTTP request could not be parsed"];
  const body = JSON.stringify(errorBody(randomUUID(), [{ code: "parameter_invalid", message }]));
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(err);
}

export function installErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError | ApiError | Error, request: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof ApiError) {
      return sendError(reply, err.status, [{ code: err.code, message: err.message, field: err.field }]);
    }
    const fe = err as FastifyError;
    if (fe.validation) return sendError(reply, 400, [validationItem(fe)]);
    switch (fe.code) {
      case "FST_ERR_CTP_INVALID_JSON_BODY":
      case "FST_ERR_CTP_EMPTY_JSON_BODY":
        return sendError(reply, 400, [{ code: "parameter_invalid", message: "There was a problem in the JSON you submitted: the body is not valid JSON", field: "body" }]);
      case "FST_ERR_CTP_BODY_TOO_LARGE":
        return sendError(reply, 400, [{ code: "parameter_invalid", message: "The request body is larger than the 10 MB limit", field: "body" }]);
      case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
        return sendError(reply, 400, [{ code: "parameter_invalid", message: `Unsupported content type ${request.headers["content-type"] ?? ""}: send application/json`, field: "Content-Type" }]);
    }
    // Races the database settled (one place for every resource): a write that refers to a row deleted
    // meanwhile is a 404, a duplicate a service did not expect or a collided transaction is a 409, and
    // an overloaded store (pool wait, statement timeout) a 503 the client may retry.
    if (isForeignKeyViolation(err)) return sendError(reply, 404, [{ code: "not_found", message: "Resource Not Found: it was deleted while this request was writing" }]);
    if (isUniqueViolation(err)) return sendError(reply, 409, [{ code: "conflict", message: "A concurrent request wrote the same object; retry" }]);
    if (isTransactionConflict(err)) return sendError(reply, 409, [{ code: "conflict", message: "A concurrent request changed the same object; retry" }]);
    if (isOverload(err)) {
      request.log.warn({ err: (err as Error).message, request_id: request.id }, "store overloaded");
      reply.header("Retry-After", "1");
      return sendError(reply, 503, [{ code: "service_unavailable", message: "The server is busy; retry after a second" }]);
    }
    if (err instanceof SyntaxError) {
      return sendError(reply, 400, [{ code: "parameter_invalid", message: "There was a problem in the JSON you submitted: the body is not valid JSON", field: "body" }]);
    }
    const status = typeof fe.statusCode === "number" ? fe.statusCode : 500;
    if (status >= 400 && status < 500) {
      return sendError(reply, status, [{ code: "parameter_invalid", message: fe.message }]);
    }
    request.log.error({ err, request_id: request.id }, "unhandled error");
    return sendError(reply, 500, [{ code: "server_error", message: `An unexpected error occurred (request ${request.id})` }]);
  });

  app.setNotFoundHandler((request, reply) =>
    sendError(reply, 404, [{ code: "not_found", message: `No route for ${request.method} ${request.url.split("?")[0]}` }]),
  );
}
