// GET /me, GET /admins, GET /admins/{admin_id}, PUT /admins/{admin_id}/away, GET /admins/activity_logs
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { pagesObject, readPageRequest } from "../../platform/pagination.js";
import { currentAdmin, getAdmin, listActivityLogs, listAdmins, setAway } from "./service.js";
import { presentActivityLog, presentAdmin, presentMe } from "./present.js";

const AdminParams = Type.Object({ admin_id: Type.String() });

export default async function routes(app: App) {
  app.get("/me", async (req) => {
    const c = ctx(req);
    return presentMe(await currentAdmin(c), c.ws);
  });

  app.get("/admins", { schema: { querystring: Type.Object({ display_avatar: Type.Optional(Type.Boolean()) }) } }, async (req) => {
    const admins = await listAdmins(ctx(req));
    return { type: "admin.list", admins: admins.map((a) => presentAdmin(a, req.apiVersion)) };
  });

  app.get(
    "/admins/activity_logs",
    {
      schema: {
        querystring: Type.Object({
          created_at_after: Type.String({ maxLength: 40 }),
          created_at_before: Type.Optional(Type.String({ maxLength: 40 })),
          per_page: Type.Optional(Type.Integer()),
          starting_after: Type.Optional(Type.String()),
        }),
      },
    },
    async (req) => {
      const page = readPageRequest(req.query);
      const result = await listActivityLogs(ctx(req), req.query, page);
      return {
        type: "activity_log.list",
        pages: pagesObject(result.page, page.perPage, result.total, result.next),
        activity_logs: result.rows.map(presentActivityLog),
      };
    },
  );

  app.get("/admins/:admin_id", { schema: { params: AdminParams } }, async (req) =>
    presentAdmin(await getAdmin(ctx(req), req.params.admin_id), req.apiVersion),
  );

  app.put(
    "/admins/:admin_id/away",
    {
      schema: {
        params: AdminParams,
        body: Type.Object({
          away_mode_enabled: Type.Boolean(),
          away_mode_reassign: Type.Boolean(),
          away_status_reason_id: Type.Optional(Type.Integer()),
        }),
      },
    },
    async (req) => presentAdmin(await setAway(ctx(req), req.params.admin_id, req.body), req.apiVersion),
  );
}
