// Segment rows → Intercom JSON.
import type { SegmentRow } from "./service.js";

/** Stored person_type "lead" reads "contact" in JSON (the contract's name for leads). */
export const personTypeJson = (stored: string) => (stored === "user" ? "user" : "contact");

/** A segment; `count` only when the request asked for it (include_count=true). */
export function presentSegment(s: SegmentRow, count?: number) {
  return {
    type: "segment",
    id: s.id,
    name: s.name,
    created_at: s.created_at,
    updated_at: s.updated_at,
    person_type: personTypeJson(s.person_type),
    ...(count === undefined ? {} : { count }),
  };
}

/** The `{type: "list", data}` body of GET /contacts/{id}/segments and GET /companies/{id}/segments. */
export const segmentDataList = (rows: SegmentRow[]) => ({ type: "list" as const, data: rows.map((s) => presentSegment(s)) });
