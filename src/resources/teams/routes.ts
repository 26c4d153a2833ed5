// GET /teams, GET /teams/{team_id}
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { getTeam, listTeams } from "./service.js";
import { presentTeam } from "./present.js";

export default async function routes(app: App) {
  app.get("/teams", async (req) => ({ type: "team.list", teams: (await listTeams(ctx(req))).map(presentTeam) }));
  app.get("/teams/:team_id", { schema: { params: Type.Object({ team_id: Type.String() }) } }, async (req) =>
    presentTeam(await getTeam(ctx(req), req.params.team_id)),
  );
}
