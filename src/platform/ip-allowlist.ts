// The workspace's IP allowlist (GET|PUT /ip_allowlist, 2.14+), enforced on every request that a token of
// that workspace makes to an Intercom route. Intercom's behaviour (its help center, "Restrict REST API
// access by IP allowlist"): off → every address; on with an empty list → every address; on with entries
// → only those addresses and ranges, anything else a 403 `forbidden`; IPv4 only.
//
// The address is the request's (Fastify's `request.ip`: the socket's peer address, unless the operator
// configured a trusted proxy). opencom's own routes (`/_opencom/…`) are not Intercom's REST API and are
// not checked: they are the testing toolkit of the same token, so a workspace whose allowlist shuts its
// test runner out can still be reset (`POST /_opencom/reset` clears it) or have it removed
// (`DELETE /_opencom/ip_allowlist`).
import { ApiError } from "./errors.js";

interface Range {
  net: number;
  mask: number;
}

/** An IPv4 address as an unsigned 32-bit number, or null. */
export function ipv4ToNumber(s: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return null;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    if (m[i].length > 1 && m[i].startsWith("0")) return null; // no octal-looking octets
    const o = Number(m[i]);
    if (o > 255) return null;
    n = n * 256 + o;
  }
  return n;
}

/** An allowlist entry (`10.0.0.1` or `192.168.1.0/24`) as a range, or null when it is neither. */
export function parseAllowlistEntry(entry: string): Range | null {
  const slash = entry.indexOf("/");
  const addr = slash < 0 ? entry : entry.slice(0, slash);
  const bits = slash < 0 ? 32 : /^\d{1,2}$/.test(entry.slice(slash + 1)) ? Number(entry.slice(slash + 1)) : -1;
  if (bits < 0 || bits > 32) return null;
  const n = ipv4ToNumber(addr);
  if (n === null) return null;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return { net: (n & mask) >>> 0, mask };
}

/** The IPv4 address of a peer (`::ffff:a.b.c.d` is the IPv4 `a.b.c.d`), or null for IPv6. */
export function peerIpv4(address: string | undefined): number | null {
  if (!address) return null;
  return ipv4ToNumber(address.startsWith("::ffff:") ? address.slice(7) : address);
}

/** Whether `address` is in the list (an empty list allows every address). */
export function addressAllowed(entries: readonly string[], address: string | undefined): boolean {
  const ranges = entries.map(parseAllowlistEntry).filter((r): r is Range => r !== null);
  return matches(ranges, address);
}

function matches(ranges: readonly Range[], address: string | undefined): boolean {
  if (ranges.length === 0) return true;
  const ip = peerIpv4(address);
  if (ip === null) return false;
  return ranges.some((r) => ((ip & r.mask) >>> 0) === r.net);
}

// parsed lists by their stored JSON text (the workspace row is read on every request; parsing is not)
const parsed = new Map<string, Range[]>();

function rangesOf(json: string): Range[] {
  let r = parsed.get(json);
  if (!r) {
    let list: unknown;
    try {
      list = JSON.parse(json);
    } catch {
      list = [];
    }
    r = (Array.isArray(list) ? list : []).map((e) => (typeof e === "string" ? parseAllowlistEntry(e) : null)).filter((x): x is Range => x !== null);
    if (parsed.size >= 1000) parsed.delete(parsed.keys().next().value!);
    parsed.set(json, r);
  }
  return r;
}

export const IP_NOT_ALLOWED = "Your IP address is not on the allowlist for API access";

/** Throws the 403 when the workspace's allowlist is on and `address` is outside it (opencom's routes excepted). */
export function enforceIpAllowlist(ws: { ip_allowlist_enabled: number; ip_allowlist: string | null }, address: string | undefined, route: string): void {
  if (!ws.ip_allowlist_enabled || !ws.ip_allowlist || route.startsWith("/_opencom/")) return;
  if (!matches(rangesOf(ws.ip_allowlist), address)) throw new ApiError(403, "forbidden", IP_NOT_ALLOWED);
}
