// The locales of help center content (the keys of translated_content) and the workspace's default one.
import { invalidParam } from "../../platform/errors.js";

export const LOCALES = [
  "ar", "bg", "bs", "ca", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "he", "hr", "hu", "id", "it", "ja", "ko",
  "lt", "lv", "mn", "nb", "nl", "pl", "pt", "ro", "ru", "sl", "sr", "sv", "tr", "vi", "pt-BR", "zh-CN", "zh-TW",
] as const;
const LOCALE_SET = new Set<string>(LOCALES);

/** Every workspace's help center starts in English (opencom has no locale settings). */
export const DEFAULT_LOCALE = "en";

/** The locale entries of a translated_content object (its `type` key is not a locale); 400 for unknown keys. */
export function localeEntries<T>(tc: Record<string, unknown> | null | undefined, field = "translated_content"): Array<[string, T]> {
  if (!tc) return [];
  const out: Array<[string, T]> = [];
  for (const [k, v] of Object.entries(tc)) {
    if (k === "type") continue;
    if (!LOCALE_SET.has(k)) throw invalidParam(`${field}.${k}`, `${k} is not a supported locale`);
    if (v === null || v === undefined) continue;
    if (typeof v !== "object" || Array.isArray(v)) throw invalidParam(`${field}.${k}`, `${field}.${k} must be an object`);
    out.push([k, v as T]);
  }
  return out;
}

/** A URL slug of a title. */
export function slug(title: string): string {
  return (
    title
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "untitled"
  );
}

/** The public address of the workspace's help center (its identifier is the workspace id). */
export const helpCenterUrl = (identifier: string) => `https://intercom.help/${identifier}`;
/** The public address of a published article in a locale. */
export const articleUrl = (wsId: string, locale: string, id: number, title: string) => `${helpCenterUrl(wsId)}/${locale}/articles/${id}-${slug(title)}`;
