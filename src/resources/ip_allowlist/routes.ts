// GET|PUT /ip_allowlist (2.14+); DELETE /_opencom/ip_allowlist (opencom's: turns it off, never checked
// against the allowlist, like every /_opencom/ route: see src/platform/ip-allowlist.ts).
import { Type, type Static } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import type { Kysely } from "kysely";
import type { DB } from "../../db/types.js";
import { clearIpAllowlist, getIpAllowlist, updateIpAllowlist } from "./service.js";
import { presentIpAllowlist } from "./present.js";

const Body = Type.Object({
  // `type` is accepted so that a GET's answer can be sent back as it is
  type: Type.Optional(Type.Literal("ip_allowlist")),
  enabled: Type.Optional(Type.Boolean()),
  ip_allowlist: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 1000 })),
});
export type IpAllowlistBody = Static<typeof Body>;

export default async function routes(app: App) {
  app.get("/ip_allowlist", async (req) => presentIpAllowlist(await getIpAllowlist(ctx(req))));
  app.put("/ip_allowlist", { schema: { body: Body } }, async (req) => {
    const body: IpAllowlistBody = req.body ?? {};
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
