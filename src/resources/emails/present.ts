// Email setting rows → Intercom JSON.
import type { EmailSettingRow } from "./service.js";

export const presentEmailSetting = (e: EmailSettingRow) => ({
  type: "email_setting",
  id: String(e.id),
  email: e.email,
  verified: e.verified === 1,
  domain: e.email.slice(e.email.lastIndexOf("@") + 1),
  brand_id: e.brand_id ?? undefined,
  forwarding_enabled: e.forwarding_enabled === 1,
  forwarded_email_last_received_at: e.forwarded_email_last_received_at,
  created_at: e.created_at,
  updated_at: e.updated_at,
});
