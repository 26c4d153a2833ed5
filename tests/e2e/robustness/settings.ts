// Workspace settings fixtures for the robustness walk.
import type { RobustnessArea } from "../../helpers/robustness-area.js";

export const area: RobustnessArea = {
  async seed(ws, tag) {
    const secret = await ws.api("/secure_mode_secrets", { method: "POST", version: "Unstable", body: { name: `Walk ${tag}`, supports_web: true } });
    return { secure_mode_secret_id: String(secret.body.id) };
  },
  reads: () => ["/away_status_reasons", "/secure_mode_secrets"],
  idParams: [["/secure_mode_secrets/", "secure_mode_secret_id"]],
  bodies: () => ({ "POST /secure_mode_secrets": { name: "Secret {n}", supports_web: true } }),
  destructive: ["DELETE /secure_mode_secrets/:id"],
};
