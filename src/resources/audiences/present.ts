// Audience rows → Intercom JSON.
import { parseJson } from "../../platform/json.js";
import type { AudienceRow } from "./service.js";

export const presentAudience = (a: AudienceRow) => ({
  type: "audience",
  id: String(a.id),
  name: a.name,
  predicates: parseJson<unknown[]>(a.predicates, []),
  role_predicates: parseJson<unknown[]>(a.role_predicates, []),
  created_at: Number(a.created_at),
  updated_at: Number(a.updated_at),
});
