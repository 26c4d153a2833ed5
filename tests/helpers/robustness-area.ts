// What an area adds to the robustness walk (tests/e2e/robustness-walk.ts). Each area keeps its
// fixtures in tests/e2e/robustness/<area>.ts, exporting `area: RobustnessArea`; the walk loads every
// file of that folder, so adding an area touches no shared file.
import type { TestWorkspace } from "./server.js";

export type Ids = Record<string, string>;

export interface RobustnessArea {
  /** Creates the area's fixtures in a workspace (after the core ones, whose ids it receives) and
   * answers their ids by fixture name. `tag` differs per workspace. */
  seed?: (ws: TestWorkspace, tag: string, ids: Ids) => Promise<Ids>;
  /** Reads compared before and after every refused write (paths with ids filled in). */
  reads?: (ids: Ids) => string[];
  /** The fixture a route's `:id` names, by path prefix: ["/tickets/", "ticket_id"]. */
  idParams?: Array<[string, string]>;
  /** Required query string of a GET, by route key ("GET /events"). */
  queries?: (ids: Ids) => Record<string, string>;
  /** Valid bodies of writes, by route key ("POST /tickets"); `{n}` is replaced by a unique number. */
  bodies?: (ids: Ids) => Record<string, Record<string, unknown>>;
  /** Routes whose success would consume a fixture: only inputs that must fail are sent. */
  destructive?: string[];
  /** Routes left out, with the reason. */
  skipped?: Record<string, string>;
}
