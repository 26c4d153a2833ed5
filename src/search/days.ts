// Calendar days in an IANA timezone, with Intl only: the instant a local day starts, found exactly
// even where a DST change skips midnight.

const formats = new Map<string, Intl.DateTimeFormat>();

function format(tz: string): Intl.DateTimeFormat {
  let f = formats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formats.set(tz, f);
  }
  return f;
}

/** The timezone if Intl knows it, else UTC (a bad stored name must not break searches). */
export function validTimezone(tz: string | null | undefined): string {
  if (!tz) return "UTC";
  try {
    format(tz);
    return tz;
  } catch {
    return "UTC";
  }
}

/** The range of date values a search accepts: the years 0001 to 9999, with a margin of days. */
export const MIN_TIMESTAMP = -62135596800 + 3 * 86400;
export const MAX_TIMESTAMP = 253402300799 - 3 * 86400;

/** Unix seconds of a UTC wall-clock time (Date.UTC would read years 0–99 as 1900–1999). */
function utc(y: number, m: number, d: number, h = 0, mi = 0, s = 0): number {
  const dt = new Date(0);
  dt.setUTCFullYear(y, m - 1, d);
  dt.setUTCHours(h, mi, s, 0);
  return dt.getTime() / 1000;
}

interface Local {
  y: number;
  m: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

function local(t: number, tz: string): Local {
  const out: Record<string, number> = {};
  for (const p of format(tz).formatToParts(new Date(t * 1000))) {
    if (p.type !== "literal" && p.type !== "era") out[p.type] = Number(p.value);
  }
  // years before 1 AD come back as positive numbers with an era; they are far outside any real data
  return { y: out.year, m: out.month, d: out.day, h: out.hour, mi: out.minute, s: out.second };
}

/** Orders local calendar dates. */
const dayKey = (l: { y: number; m: number; d: number }) => l.y * 10000 + l.m * 100 + l.d;

/** Seconds east of UTC at instant t. */
function offset(t: number, tz: string): number {
  const l = local(t, tz);
  return utc(l.y, l.m, l.d, l.h, l.mi, l.s) - t;
}

/** The first instant whose local date is y-m-d. */
function dayStart(y: number, m: number, d: number, tz: string): number {
  const key = dayKey({ y, m, d });
  const utcMidnight = utc(y, m, d);
  let t = utcMidnight - offset(utcMidnight, tz);
  t = utcMidnight - offset(t, tz);
  if (dayKey(local(t, tz)) === key && dayKey(local(t - 1, tz)) < key) return t;
  // midnight does not exist that day (or the guess landed on a transition): search for the first second
  let lo = utcMidnight - 16 * 3600; // local date here is before y-m-d whatever the offset (max +14h)
  let hi = utcMidnight + 16 * 3600; // and here at or after it (min -12h)
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (dayKey(local(mid, tz)) >= key) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** [start, end) of the local calendar day containing unix time t, in unix seconds. */
export function dayBounds(t: number, tz: string): [number, number] {
  const l = local(t, tz);
  const start = dayStart(l.y, l.m, l.d, tz);
  const next = new Date(utc(l.y, l.m, l.d + 1) * 1000);
  const end = dayStart(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), tz);
  return [start, end];
}
