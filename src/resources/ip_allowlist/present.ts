import type { IpAllowlist } from "./service.js";

export function presentIpAllowlist(a: IpAllowlist) {
  return { type: "ip_allowlist", enabled: a.enabled, ip_allowlist: a.entries };
}
