// A small multipart/form-data reader for the catalog upload (opencom adds no dependency for one route):
// the parts' names, file names and bytes. Registered in this resource's own scope only.
import type { App } from "../../platform/http.js";
import { badRequest } from "../../platform/errors.js";

export interface FormPart {
  name: string;
  filename: string | null;
  data: Buffer;
}

export function parseMultipart(body: Buffer, contentType: string): FormPart[] {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!m) throw badRequest("parameter_invalid", "multipart/form-data needs a boundary");
  const delimiter = Buffer.from(`--${(m[1] ?? m[2]).trim()}`);
  const parts: FormPart[] = [];
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw badRequest("parameter_invalid", "malformed multipart/form-data body");
  for (;;) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString() === "--") break; // the closing delimiter
    if (body.subarray(pos, pos + 2).toString() === "\r\n") pos += 2;
    const headEnd = body.indexOf("\r\n\r\n", pos);
    const next = body.indexOf(delimiter, pos);
    if (headEnd < 0 || next < 0 || headEnd > next) throw badRequest("parameter_invalid", "malformed multipart/form-data body");
    const head = body.subarray(pos, headEnd).toString("utf8");
    let end = next;
    if (body.subarray(end - 2, end).toString() === "\r\n") end -= 2;
    const disposition = /content-disposition:[^\r\n]*/i.exec(head)?.[0] ?? "";
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1] ?? null;
    if (name !== undefined) parts.push({ name, filename, data: body.subarray(headEnd + 4, end) });
    pos = next;
  }
  return parts;
}

/** Makes this scope read multipart/form-data bodies as Buffers (parsed by the route). */
export function acceptMultipart(app: App) {
  // optional: the route collectors of the robustness and fuzz suites pass a bare router
  app.addContentTypeParser?.("multipart/form-data", { parseAs: "buffer" }, (_req, raw, done) => done(null, raw));
}
