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
    const t = await ws.api("/tags", { method: "POST", body: { name: `Content ${tag}` } });
    if (t.status !== 200) throw new Error(`tag fixture: ${t.status}`);
    for (const [base, id] of [["/articles", ids.article_id], ["/internal_articles", ids.internal_article_id], ["/content_snippets", ids.content_snippet_id]]) {
      const a = await ws.api(`${base}/${id}/tags`, { method: "POST", version: "2.16", body: { id: t.body.id } });
      if (a.status !== 200) throw new Error(`content tag fixture ${base}: ${a.status}`);
    }
    const f = await ws.api("/folders", { method: "POST", version: "Unstable", body: { folder: { name: `Folder ${tag}` } } });
    if (f.status !== 200) throw new Error(`folder fixture: ${f.status}`);
    const sub = await ws.api("/folders", { method: "POST", version: "Unstable", body: { folder: { name: `Sub ${tag}`, parent_folder_id: f.body.id } } });
    if (sub.status !== 200) throw new Error(`sub-folder fixture: ${sub.status}`);
    return { redirect_id: r.body.id, content_tag_id: t.body.id, folder_id: String(f.body.id) };
  },
  reads: (ids) => [`/folders/${ids.folder_id}`, `/help_center/help_centers/${ids.help_center_id}/redirects/${ids.redirect_id}`],
  idParams: [
    ["/folders/", "folder_id"],
    ["/articles/:article_id/tags/", "content_tag_id"],
    ["/internal_articles/:internal_article_id/tags/", "content_tag_id"],
    ["/content_snippets/:content_snippet_id/tags/", "content_tag_id"],["/help_center/help_centers/:help_center_id/redirects/", "redirect_id"]],
  bodies: (ids) => ({
    "POST /folders": { folder: { name: "Folder {n}" } },
    "PUT /folders/:id": { folder: { name: "Folder {n}" } },
    "POST /articles/:article_id/tags": { id: ids.content_tag_id },
    "POST /internal_articles/:internal_article_id/tags": { id: ids.content_tag_id },
    "POST /content_snippets/:content_snippet_id/tags": { id: ids.content_tag_id },
    "POST /help_center/help_centers/:help_center_id/redirects": { from_url: "https://help.example.test/r{n}", locale: "en", target_type: "collection", target_id: ids.collection_id },
  }),
  destructive: [
    "DELETE /articles/:article_id/tags/:id",
    "DELETE /internal_articles/:internal_article_id/tags/:id",
    "DELETE /content_snippets/:content_snippet_id/tags/:id","DELETE /help_center/help_centers/:help_center_id/redirects/:id"],
};
