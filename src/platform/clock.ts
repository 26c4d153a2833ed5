// The workspace clock: every time a resource stores or compares comes from here, through Ctx.now(),
// never straight from Date.now(). (The toolkit issue gives each workspace a settable clock: set,
// frozen, advanced, back to real time. Until then it is real time.)
import type { Workspace } from "./auth.js";

/** Unix seconds on the workspace's clock. */
export function workspaceNow(_ws: Pick<Workspace, "id">): number {
  return Math.floor(Date.now() / 1000);
}
