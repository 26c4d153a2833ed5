// Stored JSON (text columns): one reader for every presenter and service.

/** Parses a stored JSON text; empty, null or unreadable text gives the fallback. */
export function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}
