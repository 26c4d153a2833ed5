// HTML bodies: plain text becomes <p>…</p>; HTML is sanitised before it is stored.
import sanitizeHtml from "sanitize-html";

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, "img", "h1", "h2", "span"],
  allowedAttributes: {
    a: ["href", "name", "target", "rel"],
    img: ["src", "alt", "title", "width", "height"],
    "*": ["class"],
  },
  allowedSchemes: ["http", "https", "mailto", "tel"],
  disallowedTagsMode: "discard",
  // a link that opens a new window gets no handle on this one (window.opener) and sends no Referer
  transformTags: {
    a: (tagName, attribs) => {
      if (attribs.target === undefined) return { tagName, attribs };
      if (attribs.target !== "_blank") {
        const { target: _dropped, ...rest } = attribs;
        return { tagName, attribs: rest };
      }
      return { tagName, attribs: { ...attribs, rel: "noopener noreferrer" } };
    },
  },
};

const looksLikeHtml = (s: string) => /<\/?[a-z][\s\S]*?>/i.test(s);

const escapeText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Returns the body as stored: sanitised HTML. */
export function toStoredHtml(body: string): string {
  if (!looksLikeHtml(body)) {
    const paragraphs = body.split(/\n{2,}/).map((p) => p.trim()).filter(Boolean);
    if (paragraphs.length === 0) return "<p></p>";
    return paragraphs.map((p) => `<p>${escapeText(p).replace(/\n/g, "<br>")}</p>`).join("");
  }
  return sanitizeHtml(body, OPTIONS);
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", apos: "'", nbsp: " " };

/** A stored HTML body as plain text (`display_as=plaintext`): paragraphs and line breaks become newlines, tags go. */
export function toPlainText(html: string): string {
  const marked = html.replace(/<br\s*\/?>/gi, "\n").replace(/<\/(p|div|h[1-6]|li|blockquote|pre)>/gi, "\n\n");
  const text = sanitizeHtml(marked, { allowedTags: [], allowedAttributes: {} });
  return text
    .replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_, e: string) => ENTITIES[e])
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
