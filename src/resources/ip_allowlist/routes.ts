// GET|PUT /ip_allowlist (2.14+); DELETE /_opencom/ip_allowlist (opencom's: turns it off, never checked
// against the allowlist, like every /_opencom/ route: see src/platform/ip-allowlist.ts).
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import type { Kysely } from "kysely";
import type { DB } from "../../db/types.js";
import { clearIpAllowlist, getIpAllowlist, updateIpAllowlist } from "./service.js";
import { presentIpAllowlist } from "./present.js";
import { IpAllowlistBody, type IpAllowlistInput } from "./schemas.js";

export default async function routes(app: App) {
  app.get("/ip_allowlist", async (req) => presentIpAllowlist(await getIpAllowlist(ctx(req))));
  app.put("/ip_allowlist", { schema: { body: IpAllowlistBody } }, async (req) => {
    const body: IpAllowlistInput = req.body ?? {};
    return presentIpAllowlist(await updateIpAllowlist(ctx(req), body, req.ip));
  });
  app.delete("/_opencom/ip_allowlist", async (req) => {
    const c = ctx(req);
    await clearIpAllowlist(c);
    return presentIpAllowlist(await getIpAllowlist(c));
  });
}

/** A new workspace, and a reset one, has no allowlist. */
export const seedIpAllowlist = (db: Kysely<DB>, wsId: string) => clearIpAllowlist({ db, wsId });
