// GET /teams, GET /teams/{team_id}, PUT /teams/{team_id} (Unstable: replace the members)
import { Type, type Static } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { getTeam, listTeams, updateTeamMembers } from "./service.js";
import { presentTeam } from "./present.js";

const Params = Type.Object({ team_id: Type.String() });
// Checked field by field by the service, for the description's messages: admin_ids (numeric ids),
// admin_priority_level, and the read-only fields of a team sent back unchanged; anything else a 400.
const UpdateMembersBody = Type.Record(Type.String(), Type.Unknown());
export type UpdateMembersInput = Static<typeof UpdateMembersBody>;

export default async function routes(app: App) {
  app.get("/teams", async (req) => ({ type: "team.list", teams: (await listTeams(ctx(req))).map(presentTeam) }));
  app.get("/teams/:team_id", { schema: { params: Params } }, async (req) => presentTeam(await getTeam(ctx(req), req.params.team_id)));
  app.put("/teams/:team_id", { schema: { params: Params, body: UpdateMembersBody } }, async (req) => {
    const body: UpdateMembersInput = req.body ?? {};
    return presentTeam(await updateTeamMembers(ctx(req), req.params.team_id, body, (req.query ?? {}) as Record<string, unknown>));
  });
}
