// Admin activity log search (2.16) and the event types Intercom records (its documented list; opencom
// itself records admin_away_mode_change). Page-numbered (`page`, `per_page` ≤ 250), newest first.
import type { Ctx } from "../../platform/http.js";
import { invalidParam, missingParam } from "../../platform/errors.js";
import { readPageNumber } from "../../platform/pagination.js";
import { ACTIVITY_LOG_COLUMNS, type ActivityLogRow } from "./service.js";

export const ACTIVITY_LOG_EVENT_TYPES = [
  "admin_conversation_assignment_limit_change", "admin_ticket_assignment_limit_change", "admin_avatar_change", "admin_away_mode_change",
  "admin_deletion", "admin_deprovisioned", "admin_impersonation_end", "admin_impersonation_start", "admin_invite_change",
  "admin_invite_creation", "admin_invite_deletion", "admin_login_failure", "admin_login_success", "admin_logout",
  "admin_occupancy_setting_change", "admin_occupancy_state_change", "admin_password_reset_request", "admin_password_reset_success",
  "admin_permission_change", "admin_provisioned", "admin_two_factor_auth_change", "admin_unauthorized_sign_in_method", "app_admin_join",
  "app_authentication_method_change", "app_data_deletion", "app_data_export", "app_google_sso_domain_change",
  "app_identity_verification_change", "app_name_change", "app_outbound_address_change", "app_package_installation",
  "app_package_token_regeneration", "app_package_uninstallation", "app_team_creation", "app_team_deletion",
  "app_team_membership_modification", "app_timezone_change", "app_webhook_creation", "app_webhook_deletion",
  "articles_in_messenger_enabled_change", "bulk_delete", "bulk_export", "campaign_deletion", "campaign_state_change",
  "conversation_part_deletion", "conversation_pdf_export", "conversation_topic_change", "conversation_topic_creation",
  "conversation_topic_deletion", "help_center_settings_change", "inbound_conversations_change", "inbox_access_change",
  "message_deletion", "message_state_change", "messenger_look_and_feel_change", "messenger_search_required_change",
  "messenger_spaces_change", "office_hours_change", "role_change", "role_creation", "role_deletion",
  "ruleset_activation_title_preview", "ruleset_creation", "ruleset_deletion", "search_browse_enabled_change",
  "search_browse_required_change", "seat_change", "seat_revoke", "security_settings_change", "temporary_expectation_change",
  "upfront_email_collection_change", "welcome_message_change", "hide_csat_from_agents_setting_change",
] as const;

export interface ActivityLogSearch {
  created_at_after?: number;
  created_at_before?: number;
  event_types?: string[];
  page?: number;
  per_page?: number;
}

export async function searchActivityLogs(c: Ctx, q: ActivityLogSearch) {
  if (q.created_at_after === undefined) throw missingParam("created_at_after");
  const page = q.page === undefined ? 1 : readPageNumber(q.page);
  const perPage = q.per_page ?? 20;
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 250) throw invalidParam("per_page", "per_page must be an integer between 1 and 250");
  let base = c.db.selectFrom("activity_logs").where("activity_logs.workspace_id", "=", c.wsId).where("activity_logs.created_at", ">=", q.created_at_after);
  if (q.created_at_before !== undefined) base = base.where("activity_logs.created_at", "<=", q.created_at_before);
  if (q.event_types && q.event_types.length) base = base.where("activity_logs.activity_type", "in", q.event_types);
  const [rows, total] = await Promise.all([
    base
      .innerJoin("admins", "admins.id", "activity_logs.admin_id")
      .select(ACTIVITY_LOG_COLUMNS)
      .orderBy("activity_logs.created_at", "desc")
      .orderBy("activity_logs.id", "desc")
      .limit(perPage)
      .offset((page - 1) * perPage)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as ActivityLogRow[], total: Number(total.n), page, perPage };
}
