// Workspace settings fixtures for the robustness walk.
import type { RobustnessArea } from "../../helpers/robustness-area.js";

export const area: RobustnessArea = {
  async seed(ws, tag) {
    const secret = await ws.api("/secure_mode_secrets", { method: "POST", version: "Unstable", body: { name: `Walk ${tag}`, supports_web: true } });
    const audience = await ws.api("/audiences", { method: "POST", version: "2.16", body: { name: `Walk ${tag}` } });
    return { secure_mode_secret_id: String(secret.body.id), audience_id: String(audience.body.id) };
  },
  reads: (ids) => ["/away_status_reasons", "/secure_mode_secrets", "/audiences", `/audiences/${ids.audience_id}`],
  idParams: [
    ["/secure_mode_secrets/", "secure_mode_secret_id"],
    ["/audiences/", "audience_id"],
  ],
  bodies: () => ({
    "POST /secure_mode_secrets": { name: "Secret {n}", supports_web: true },
    "POST /audiences": { name: "Audience {n}", predicates: [{ attribute: "role", type: "role", comparison: "eq", value: "user" }] },
    "PUT /audiences/:id": { name: "Audience {n}" },
    "POST /admins/activity_logs/search": { created_at_after: 0, event_types: ["admin_away_mode_change"], per_page: 5 },
  }),
  destructive: ["DELETE /secure_mode_secrets/:id", "DELETE /audiences/:id"],
};
