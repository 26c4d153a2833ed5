// Away status reason rows → Intercom JSON.
import type { AwayStatusReasonRow } from "./service.js";

export const presentAwayStatusReason = (r: AwayStatusReasonRow) => ({
  type: "away_status_reason",
  id: String(r.id),
  label: r.label,
  emoji: r.emoji ?? "",
  order: r.order,
  deleted: r.deleted === 1,
  created_at: Number(r.created_at),
  updated_at: Number(r.updated_at),
});
