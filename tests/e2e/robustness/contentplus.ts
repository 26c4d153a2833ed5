// Robustness fixtures of the content extras: a help center redirect (reuses the core help center and article).
import type { RobustnessArea } from "../../helpers/robustness-area.js";

export const area: RobustnessArea = {
  async seed(ws, tag, ids) {
    const r = await ws.api(`/help_center/help_centers/${ids.help_center_id}/redirects`, {
      method: "POST",
      version: "2.16",
      body: { from_url: `https://help.example.test/${tag}/old`, locale: "en", target_type: "article", target_id: ids.article_id },
    });
    if (r.status !== 200) throw new Error(`redirect fixture: ${r.status} ${JSON.stringify(r.body)}`);
    return { redirect_id: r.body.id };
  },
  reads: (ids) => [`/help_center/help_centers/${ids.help_center_id}/redirects/${ids.redirect_id}`],
  idParams: [["/help_center/help_centers/:help_center_id/redirects/", "redirect_id"]],
  bodies: (ids) => ({
    "POST /help_center/help_centers/:help_center_id/redirects": { from_url: "https://help.example.test/r{n}", locale: "en", target_type: "collection", target_id: ids.collection_id },
  }),
  destructive: ["DELETE /help_center/help_centers/:help_center_id/redirects/:id"],
};
