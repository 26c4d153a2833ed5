// Brand rows → Intercom JSON.
import type { BrandRow } from "./service.js";

export const presentBrand = (b: BrandRow, defaultAddressId: number | undefined) => ({
  type: "brand",
  id: b.id,
  name: b.name,
  is_default: b.is_default === 1,
  created_at: b.created_at,
  updated_at: b.updated_at,
  help_center_id: b.help_center_id === null ? undefined : String(b.help_center_id),
  default_address_settings_id: defaultAddressId === undefined ? undefined : String(defaultAddressId),
});
