// Identity verification secret rows → Intercom JSON (the secret itself only when asked: at creation).
import type { SecretRow } from "./service.js";

export const presentSecret = (s: SecretRow, withMaterial = false) => ({
  type: "identity_verification_secret",
  id: String(s.id),
  name: s.name,
  ...(withMaterial ? { secret: s.secret } : {}),
  supports_android: s.supports_android === 1,
  supports_ios: s.supports_ios === 1,
  supports_web: s.supports_web === 1,
  created_at: Number(s.created_at),
});
