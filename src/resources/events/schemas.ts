// Request shapes of POST /events and POST /events/summaries: the routes validate with them, the service
// is typed by them.
import { Type, type Static } from "typebox";

const Str = Type.String({ maxLength: 255 });
export const EventBody = Type.Object({
  event_name: Type.Optional(Str),
  created_at: Type.Optional(Type.Integer()),
  id: Type.Optional(Str),
  user_id: Type.Optional(Str),
  email: Type.Optional(Str),
  // value types are checked by the service (string, number, date, link, rich link, monetary amount)
  metadata: Type.Optional(Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()])),
});
export type EventInput = Static<typeof EventBody>;

const SummaryItem = Type.Object({
  event_name: Type.Optional(Str),
  count: Type.Optional(Type.Integer()),
  first: Type.Optional(Type.Integer()),
  last: Type.Optional(Type.Integer()),
});
export const SummariesBody = Type.Object({
  user_id: Type.Optional(Str),
  // the contract describes one summary object; a list of them is accepted too (its description says "a list")
  event_summaries: Type.Optional(Type.Union([SummaryItem, Type.Array(SummaryItem, { maxItems: 100 })])),
});
export type SummariesInput = Static<typeof SummariesBody>;
