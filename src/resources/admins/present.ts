// Admin rows → Intercom JSON.
import type { AdminsTable, WorkspacesTable } from "../../db/types.js";
import type { Selectable } from "kysely";
import type { AdminRow, ActivityLogRow } from "./service.js";
import { since } from "../../platform/since.js";

/** The admin object. Its avatar is a URL in every version but 2.11, where it is an object. */
export function presentAdmin(a: AdminRow, version?: string) {
  return {
    type: "admin",
    id: String(a.id),
    name: a.name,
    email: a.email,
    job_title: a.job_title ?? "",
    away_mode_enabled: !!a.away_mode_enabled,
    away_mode_reassign: !!a.away_mode_reassign,
    away_status_reason_id: a.away_status_reason_id,
    has_inbox_seat: !!a.has_inbox_seat,
    team_ids: a.team_ids,
    avatar: version !== undefined && since(version, "adminAvatarObject") ? (a.avatar_url ? { image_url: a.avatar_url } : null) : a.avatar_url,
  };
}

export function presentMe(a: AdminRow, ws: WorkspacesTable) {
  return {
    type: "admin",
    id: String(a.id),
    email: a.email,
    name: a.name,
    email_verified: !!a.email_verified,
    job_title: a.job_title ?? "",
    away_mode_enabled: !!a.away_mode_enabled,
    away_mode_reassign: !!a.away_mode_reassign,
    has_inbox_seat: !!a.has_inbox_seat,
    team_ids: a.team_ids,
    app: {
      type: "app",
      id_code: ws.id,
      name: ws.name,
      region: ws.region,
      timezone: ws.timezone,
      created_at: ws.created_at,
      identity_verification: false,
    },
    avatar: { type: "avatar", image_url: a.avatar_url },
  };
}

export function presentActivityLog(l: ActivityLogRow) {
  return {
    id: String(l.id),
    performed_by: { type: "admin", id: String(l.admin_id), email: l.admin_email, ip: l.ip ?? "127.0.0.1" },
    metadata: l.metadata ? JSON.parse(l.metadata) : {},
    created_at: l.created_at,
    activity_type: l.activity_type,
    activity_description: l.activity_description ?? "",
  };
}
