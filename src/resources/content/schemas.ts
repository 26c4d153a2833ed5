// Request shape of POST /content/bulk_actions: the route validates with it, the bulk action is typed by it.
// Most values are checked by the action (src/resources/content/bulk.ts), with its own 422 messages.
import { Type, type Static } from "typebox";

const IntList = Type.Optional(Type.Union([Type.Array(Type.Union([Type.Integer(), Type.String()]), { maxItems: 100 }), Type.Null()]));
export const BulkBody = Type.Object({
  action: Type.Optional(Type.Unknown()),
  // each item is checked by the action: an object with a type and an id (422 content_ids[i] otherwise)
  content_ids: Type.Optional(Type.Array(Type.Unknown(), { maxItems: 1000 })),
  availability: Type.Optional(Type.Union([Type.Object({ ai_agent: Type.Optional(Type.Unknown()), copilot: Type.Optional(Type.Unknown()), sales_agent: Type.Optional(Type.Unknown()) }), Type.Null()])),
  audience: Type.Optional(Type.Union([Type.Object({ add_segment_ids: IntList, remove_segment_ids: IntList, remove_all: Type.Optional(Type.Unknown()) }), Type.Null()])),
  tags: Type.Optional(Type.Union([Type.Object({ add_tag_ids: IntList, remove_tag_ids: IntList }), Type.Null()])),
});
export type BulkInput = Static<typeof BulkBody>;
