// Request shapes of /office_hours_schedules and its office_hours_exceptions: the routes validate with
// them, the service is typed by them.
import { Type, type Static } from "typebox";

export const MAX_INTERVALS = 100;

// day_of_week is read-only (derived); a client echoing an interval back may send it: ignored
const Intervals = Type.Array(Type.Object({ start_minute: Type.Integer(), end_minute: Type.Integer(), day_of_week: Type.Optional(Type.Integer()) }), { maxItems: MAX_INTERVALS });
export const ScheduleBody = Type.Object({ name: Type.Optional(Type.String()), time_zone_name: Type.Optional(Type.String({ maxLength: 64 })), time_intervals: Type.Optional(Intervals) });
export type ScheduleInput = Static<typeof ScheduleBody>;
export const ExceptionBody = Type.Object({
  exception_date: Type.Optional(Type.String({ maxLength: 10 })),
  exception_type: Type.Optional(Type.String()),
  name: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  time_intervals: Type.Optional(Type.Union([Intervals, Type.Null()])),
  recurring_annually: Type.Optional(Type.Boolean()),
});
export type ExceptionInput = Static<typeof ExceptionBody>;
