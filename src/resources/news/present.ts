// News item and newsfeed rows → Intercom JSON.
import type { Ctx } from "../../platform/http.js";
import { assignmentsOf, type NewsItemRow, type NewsfeedRow } from "./service.js";

export async function presentNewsItems(c: Ctx, rows: NewsItemRow[]) {
  const assignments = await assignmentsOf(c.db, rows.map((r) => r.id));
  return rows.map((r) => ({
    type: "news-item",
    id: String(r.id),
    workspace_id: r.workspace_id,
    title: r.title,
    body: r.body,
    sender_id: r.sender_id,
    state: r.state,
    newsfeed_assignments: assignments.get(r.id) ?? [],
    labels: JSON.parse(r.labels),
    cover_image_url: r.cover_image_url,
    reactions: JSON.parse(r.reactions),
    deliver_silently: r.deliver_silently === 1,
    created_at: r.created_at,
    updated_at: r.updated_at,
  }));
}

export const presentNewsItem = async (c: Ctx, row: NewsItemRow) => (await presentNewsItems(c, [row]))[0];

export const presentNewsfeed = (f: NewsfeedRow) => ({ type: "newsfeed", id: String(f.id), name: f.name, created_at: f.created_at, updated_at: f.updated_at });
