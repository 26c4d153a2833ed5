// Robustness fixtures of article drafts and versions and of /content: the core article (published) gets
// a published draft (two versions) and a staged one; content search needs no fixture.
import type { RobustnessArea } from "../../helpers/robustness-area.js";

export const area: RobustnessArea = {
  async seed(ws, tag, ids) {
    const base = `/articles/${ids.article_id}`;
    const staged = await ws.api(`${base}/draft`, { method: "PUT", version: "2.16", body: { body: `Body ${tag} v2` } });
    if (staged.status !== 200) throw new Error(`draft fixture: ${staged.status} ${JSON.stringify(staged.body)}`);
    const published = await ws.api(`${base}/draft/publish`, { method: "POST", version: "2.16" });
    if (published.status !== 200) throw new Error(`publish fixture: ${published.status} ${JSON.stringify(published.body)}`);
    const again = await ws.api(`${base}/draft`, { method: "PUT", version: "2.16", body: { description: `Staged ${tag}` } });
    if (again.status !== 200) throw new Error(`second draft fixture: ${again.status}`);
    const versions = await ws.api(`${base}/versions`, { version: "2.16" });
    if (versions.status !== 200 || versions.body.total_count !== 2) throw new Error(`versions fixture: ${versions.status} ${JSON.stringify(versions.body)}`);
    return { article_version_id: versions.body.data[0].id };
  },
  reads: (ids) => [`/articles/${ids.article_id}/draft`, `/articles/${ids.article_id}/versions`, `/articles/${ids.article_id}/versions/${ids.article_version_id}`],
  idParams: [["/articles/:article_id/versions/", "article_version_id"]],
  bodies: (ids) => ({
    "PUT /articles/:id/draft": { title: "Draft {n}" },
    "POST /content/bulk_actions": { action: "set_availability", content_ids: [{ type: "content_snippet", id: ids.content_snippet_id }], availability: { copilot: true } },
  }),
  // publishing consumes the staged draft
  destructive: ["POST /articles/:id/draft/publish"],
};
