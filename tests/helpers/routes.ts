// Every route the resources register, read by registering them on a stand-in that only notes each call
// (a new resource's routes join the walks that use this by being registered).
import { resources } from "../../src/resources/index.js";

type Schema = Record<string, any>;

export interface RegisteredRoute {
  method: string;
  path: string;
  schema: { body?: Schema; querystring?: Schema; params?: Schema };
}

export function registeredRoutes(): RegisteredRoute[] {
  const out: RegisteredRoute[] = [];
  const add = (method: string) => (path: string, a: any, b?: any) => out.push({ method, path, schema: (b ? a?.schema : undefined) ?? {} });
  const fake: any = { get: add("GET"), post: add("POST"), put: add("PUT"), patch: add("PATCH"), delete: add("DELETE"), store: {} };
  for (const r of resources) r.routes(fake, { ownedTables: () => [], seedWorkspace: async () => undefined });
  return out;
}
