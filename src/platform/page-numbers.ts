// Page-number paging next to cursors: the official SDK walks some lists (a contact's notes and companies)
// with `page=1,2,3…` until a page comes back empty, so those lists accept a page number as well.
import { readPageNumber, type PageRequest } from "./pagination.js";

/** Reads `page` (1-based). With a cursor the cursor wins and the offset is 0. */
export function withPageNumber(req: PageRequest, rawPage: unknown): { req: PageRequest; offset: number } {
  if (req.cursor || rawPage === undefined || rawPage === null || rawPage === "") return { req, offset: 0 };
  const n = readPageNumber(rawPage);
  return { req: { ...req, page: n }, offset: (n - 1) * req.perPage };
}

/** The `pages` object of a page-numbered list whose `next` is a link (pages_link). */
export function pageLinks(path: string, page: number, perPage: number, total: number) {
  const totalPages = Math.ceil(total / perPage);
  return {
    type: "pages" as const,
    page,
    per_page: perPage,
    total_pages: totalPages,
    next: page < totalPages ? `${path}?page=${page + 1}&per_page=${perPage}` : null,
  };
}
