// Conversation attribute rows → Intercom JSON: the base fields plus the type's own (multiline for
// strings, options for lists, reference for relationships).
import type { AttributeRow, OptionRow } from "./service.js";

export function presentAttribute(a: AttributeRow, options: OptionRow[] = []) {
  const out: Record<string, unknown> = {
    type: "conversation_attribute",
    id: Number(a.id),
    name: a.name,
    description: a.description,
    data_type: a.data_type,
    required: a.required === 1,
    visible_to_team_ids: JSON.parse(a.visible_to_team_ids) as string[],
    archived: a.archived === 1,
    created_at: Number(a.created_at),
    updated_at: Number(a.updated_at),
  };
  if (a.admin_id !== null) out.admin_id = String(a.admin_id);
  if (a.data_type === "string") out.multiline = a.multiline === 1;
  if (a.data_type === "list") out.options = options.map((o) => ({ id: o.id, label: o.label, archived: o.archived === 1 }));
  if (a.data_type === "relationship" && a.reference) out.reference = JSON.parse(a.reference);
  return out;
}
