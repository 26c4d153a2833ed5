// The official intercom-client 7.x SDK as tests drive it: its errors (class, status, error.list), and its
// `unstable` namespace on a client made with `version: "Unstable"` (the namespace itself sends the client's
// version, 2.14 by default).
import { expect } from "vitest";
import { IntercomClient, IntercomError } from "intercom-client";
import type { TestServer, TestWorkspace } from "./server.js";

export function unstableClient(srv: TestServer, ws: TestWorkspace) {
  return new IntercomClient({ token: ws.token, baseUrl: srv.url, version: "Unstable", maxRetries: 0 }).unstable;
}

/**
 * Awaits a call the SDK must reject: asserts the SDK's error class (when given; IntercomError otherwise),
 * the status and an Intercom error.list body with the code; returns the first error.
 */
export async function sdkError(
  call: Promise<unknown>,
  status: number,
  code?: string,
  cls?: abstract new (...args: any[]) => IntercomError,
): Promise<{ code: string; message: string; field?: string }> {
  let caught: unknown;
  try {
    await call;
  } catch (e) {
    caught = e;
  }
  if (caught === undefined) throw new Error(`expected the SDK to throw ${status}, it resolved`);
  expect(caught).toBeInstanceOf(cls ?? IntercomError);
  const err = caught as IntercomError;
  expect(err.statusCode, JSON.stringify(err.body)).toBe(status);
  const body = err.body as any;
  expect(body).toMatchObject({ type: "error.list", request_id: expect.any(String), errors: [expect.objectContaining({ code: code ?? expect.any(String) })] });
  return body.errors[0];
}

/** sdkError with the class first: `sdkErrorOf(call, Intercom.NotFoundError, 404, "not_found")`. */
export const sdkErrorOf = (call: Promise<unknown>, cls: abstract new (...args: any[]) => IntercomError, status: number, code?: string) => sdkError(call, status, code, cls);
