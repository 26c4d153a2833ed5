// Macro rows → Intercom JSON. `body` is the HTML with placeholders in the XML-like form
// (<attribute key="user.name" default="there"/>), `body_text` the plain text with Intercom's own form.
import type { MacroRow } from "./service.js";

const PLACEHOLDER = /\{\{\s*([\w.]+)\s*(?:\|\s*fallback\s*:\s*(?:'([^']*)'|"([^"]*)"))?\s*\}\}/g;
const escapeAttr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function toXmlPlaceholders(html: string): string {
  return html.replace(PLACEHOLDER, (_m, key: string, a?: string, b?: string) => {
    const fallback = a ?? b;
    return fallback === undefined ? `<attribute key="${escapeAttr(key)}"/>` : `<attribute key="${escapeAttr(key)}" default="${escapeAttr(fallback)}"/>`;
  });
}

export function toText(html: string): string {
  const withBreaks = html.replace(/<\/p>\s*<p[^>]*>/gi, "\n\n").replace(/<br\s*\/?>/gi, "\n");
  const text = withBreaks.replace(/<[^>]*>/g, "").replace(/&nbsp;/g, " ").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
  return text.replace(PLACEHOLDER, (_m, key: string, a?: string, b?: string) => {
    const fallback = a ?? b;
    return fallback === undefined ? `{{${key}}}` : `{{${key}|fallback:"${fallback}"}}`;
  }).trim();
}

const iso = (t: number) => new Date(Number(t) * 1000).toISOString();

export const presentMacro = (m: MacroRow) => ({
  type: "macro",
  id: String(m.id),
  name: m.name,
  body: toXmlPlaceholders(m.body),
  body_text: toText(m.body),
  created_at: iso(m.created_at),
  updated_at: iso(m.updated_at),
  visible_to: m.visible_to,
  visible_to_team_ids: (JSON.parse(m.visible_to_team_ids) as number[]).map(String),
  available_on: JSON.parse(m.available_on) as string[],
});
