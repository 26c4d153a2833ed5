// Stored queries (segments) may hold relative dates: a value {"days_ago": N} stands for "now − N days"
// and is resolved each time the query is evaluated (the built-in "Active" segment: seen in the last 30 days).
// Only stored queries take this form; a search request's own values are plain.

const DAY = 86_400;

export function resolveRelative(query: unknown, now: number): unknown {
  if (Array.isArray(query)) return query.map((q) => resolveRelative(q, now));
  if (query && typeof query === "object") {
    const o = query as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === "days_ago" && typeof o.days_ago === "number" && Number.isFinite(o.days_ago)) {
      return now - Math.round(o.days_ago * DAY);
    }
    return Object.fromEntries(keys.map((k) => [k, resolveRelative(o[k], now)]));
  }
  return query;
}
