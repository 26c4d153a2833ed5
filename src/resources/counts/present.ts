// Count rows → the JSON of Intercom's older counts reference: {"type": "count.hash", …} for the app,
// {"type": "count", "<type>": {"<count>": [{"<name>": n}, …]}} for the breakdowns.
import type { AppCounts } from "./service.js";

export const presentAppCounts = (n: AppCounts) => ({
  type: "count.hash",
  company: { count: n.companies },
  user: { count: n.users },
  lead: { count: n.leads },
  tag: { count: n.tags },
  segment: { count: n.segments },
});

export function presentBreakdown(
  type: string,
  count: string,
  items: Array<Record<string, number | string>>,
  paging?: { page: number; perPage: number; total: number; next: string | null },
) {
  return {
    type: "count",
    [type]: { [count]: items },
    pages: paging
      ? {
          pages: {
            type: "pages",
            next: paging.next,
            page: paging.page,
            per_page: paging.perPage,
            total_pages: Math.ceil(paging.total / paging.perPage),
          },
        }
      : {},
  };
}
