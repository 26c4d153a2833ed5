// GET /counts — a legacy endpoint (outside the current contract, see src/contract/legacy.json).
import { Type, type Static } from "typebox";
import { invalidParam } from "../../platform/errors.js";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { adminConversationCounts, appCounts, companySegmentCounts, conversationCounts, companyUserCounts, contactSegmentCounts, tagCounts } from "./service.js";
import { presentAppCounts, presentBreakdown } from "./present.js";

const MAX_PER_PAGE = 150;

const Query = Type.Object({
  type: Type.Optional(Type.String({ maxLength: 64 })),
  count: Type.Optional(Type.String({ maxLength: 64 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
  per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PER_PAGE })),
});

export default async function routes(app: App) {
  app.get("/counts", { schema: { querystring: Query } }, async (req) => {
    const c = ctx(req);
    const q: Static<typeof Query> = req.query;
    const page = q.page ?? 1;
    const perPage = q.per_page ?? 50;
    const paging = (total: number) => ({
      page,
      perPage,
      total,
      next: page * perPage < total ? `/counts?type=${q.type}&count=${q.count}&page=${page + 1}&per_page=${perPage}` : null,
    });
    if (q.type === undefined && q.count === undefined) return presentAppCounts(await appCounts(c));
    const kind = `${q.type ?? ""}/${q.count ?? ""}`;
    switch (kind) {
      // type alone: the total of that kind (intercom-client 5.x countUser() / countCompany() ask so)
      case "user/":
        return { type: "count", user: { count: (await appCounts(c)).users } };
      case "company/":
        return { type: "count", company: { count: (await appCounts(c)).companies } };
      case "user/tag": {
        const { rows, total } = await tagCounts(c, "contact", page, perPage);
        return presentBreakdown("user", "tag", rows.map((r) => ({ [r.name]: r.count })), paging(total));
      }
      case "user/segment":
        return presentBreakdown("user", "segment", (await contactSegmentCounts(c)).map((r) => ({ [r.name]: r.count })));
      case "company/tag": {
        const { rows, total } = await tagCounts(c, "company", page, perPage);
        return presentBreakdown("company", "tag", rows.map((r) => ({ [r.name]: r.count })), paging(total));
      }
      case "company/segment":
        return presentBreakdown("company", "segment", (await companySegmentCounts(c)).map((r) => ({ [r.name]: r.count })));
      case "company/user": {
        const { rows, total } = await companyUserCounts(c, page, perPage);
        return presentBreakdown("company", "user", rows.map((r) => ({ [r.name]: r.count, remote_company_id: r.company_id })), paging(total));
      }
      // Intercom's conversation counts: open includes snoozed; assigned / unassigned split the open ones
      case "conversation/":
        return { type: "count", conversation: await conversationCounts(c) };
      case "conversation/admin":
        return { type: "count", conversation: { admin: await adminConversationCounts(c) } };
    }
    if (!["user", "company", "conversation"].includes(q.type ?? "")) throw invalidParam("type", "type must be one of user, company, conversation");
    throw invalidParam("count", `count must be one of ${q.type === "user" ? "tag, segment" : q.type === "company" ? "tag, segment, user" : "admin"} for type ${q.type}`);
  });
}
