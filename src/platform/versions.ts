// Intercom-Version handling.
import views from "../contract/views.json" with { type: "json" };
import { ApiError } from "./errors.js";

export const VERSIONS: readonly string[] = (views as { versions: string[] }).versions;
export const DEFAULT_VERSION = "2.14";

/** opencom's own version (health, `opencom --version`). */
export const OPENCOM_VERSION = "0.1.0";

export type ApiVersion = string;

/** Orders versions: 2.7 < 2.8 < … < 2.16 < Unstable. */
export function versionRank(v: string): number {
  if (v === "Unstable") return 1e9;
  const [maj, min] = v.split(".").map(Number);
  return maj * 1000 + min;
}

export const atLeast = (v: string, min: string) => versionRank(v) >= versionRank(min);

export function resolveVersion(header: string | string[] | undefined, workspaceDefault: string): ApiVersion {
  const raw = Array.isArray(header) ? header[0] : header;
  if (raw === undefined || raw === "") return workspaceDefault;
  const value = raw.trim();
  // Intercom's documentation now calls the Unstable version "Preview"; both names select it.
  const wanted = value.toLowerCase() === "preview" ? "unstable" : value.toLowerCase();
  const found = VERSIONS.find((v) => v.toLowerCase() === wanted);
  if (!found) {
    throw new ApiError(400, "intercom_version_invalid", `The requested version ${value} could not be found; supported: ${VERSIONS.join(", ")}, Preview`, "Intercom-Version");
  }
  return found;
}
