// POST /admins/activity_logs/search, GET /admins/activity_log_event_types (2.16)
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { ACTIVITY_LOG_EVENT_TYPES, searchActivityLogs } from "./activity-log-search.js";
import { presentActivityLog } from "./present.js";

const SearchBody = Type.Object({
  created_at_after: Type.Optional(Type.Integer({ minimum: 0 })),
  created_at_before: Type.Optional(Type.Integer({ minimum: 0 })),
  event_types: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 100 })),
  page: Type.Optional(Type.Integer()),
  per_page: Type.Optional(Type.Integer()),
});

export default async function routes(app: App) {
  app.get("/admins/activity_log_event_types", async () => ({ type: "activity_log_event_type.list", event_types: [...ACTIVITY_LOG_EVENT_TYPES] }));
  app.post("/admins/activity_logs/search", { schema: { body: SearchBody } }, async (req) => {
    const r = await searchActivityLogs(ctx(req), req.body ?? {});
    const totalPages = Math.ceil(r.total / r.perPage);
    return {
      type: "activity_log.list",
      // page-numbered: `next` only tells that a page follows (clients send `page`)
      pages: { type: "pages", next: r.page < totalPages ? { per_page: r.perPage, starting_after: null } : null, page: r.page, per_page: r.perPage, total_pages: totalPages },
      activity_logs: r.rows.map(presentActivityLog),
    };
  });
}
