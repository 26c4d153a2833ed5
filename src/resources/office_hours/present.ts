// Office hours rows → Intercom JSON. `day_of_week` (0 = Monday) is derived: from a schedule interval's
// start, from an exception's date.
import { WEEK, type ExceptionRow, type Interval, type ScheduleRow } from "./service.js";

function coversWeek(intervals: Interval[]): boolean {
  let reach = 0;
  for (const i of intervals) {
    if (i.start_minute > reach) return false;
    reach = Math.max(reach, i.end_minute);
  }
  return reach >= WEEK;
}

export function presentSchedule(s: ScheduleRow) {
  const intervals = JSON.parse(s.time_intervals) as Interval[];
  return {
    type: "office_hours_schedule",
    id: String(s.id),
    name: s.name,
    time_zone_name: s.time_zone_name,
    time_intervals: intervals.map((i) => ({ start_minute: i.start_minute, end_minute: i.end_minute, day_of_week: Math.floor(i.start_minute / 1440) })),
    twenty_four_seven: coversWeek(intervals),
    created_at: Number(s.created_at),
    updated_at: Number(s.updated_at),
  };
}

export function presentException(e: ExceptionRow) {
  const day = (new Date(`${e.exception_date}T00:00:00Z`).getUTCDay() + 6) % 7;
  const intervals = e.time_intervals === null ? null : (JSON.parse(e.time_intervals) as Interval[]);
  return {
    type: "office_hours_exception",
    id: String(e.id),
    office_hours_schedule_id: String(e.schedule_id),
    exception_date: e.exception_date,
    exception_type: e.exception_type,
    name: e.name,
    time_intervals: intervals === null ? null : intervals.map((i) => ({ start_minute: i.start_minute, end_minute: i.end_minute, day_of_week: day })),
    recurring_annually: e.recurring_annually === 1,
    created_at: Number(e.created_at),
    updated_at: Number(e.updated_at),
  };
}
