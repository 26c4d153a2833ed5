// Office hours (2.16): schedules of weekly open intervals (minutes from Monday 00:00, 0–10080, on
// 15-minute boundaries, not overlapping) in an IANA time zone, and per-date exceptions (closed, or
// custom hours in minutes from midnight, 0–1440). One exception per schedule and date (a unique index).
// Content it cannot take is a 422; a schedule's deletion deletes its exceptions.
import type { Selectable } from "kysely";
import type { OfficeHoursExceptionsTable, OfficeHoursSchedulesTable } from "../../db/tables/inbox-extras.js";
import type { Ctx } from "../../platform/http.js";
import { ApiError, notFound } from "../../platform/errors.js";
import { parseNumericId } from "../../platform/ids.js";
import { inTransaction } from "../../platform/writes.js";
import { MAX_INTERVALS, type ExceptionInput, type ScheduleInput } from "./schemas.js";

export type ScheduleRow = Selectable<OfficeHoursSchedulesTable>;
export type ExceptionRow = Selectable<OfficeHoursExceptionsTable>;
export interface Interval {
  start_minute: number;
  end_minute: number;
}

export const WEEK = 10_080;
export const DAY = 1_440;
export const MAX_SCHEDULES = 100;
export const MAX_EXCEPTIONS = 1_000;

const scheduleNotFound = () => notFound("Office hours schedule not found", "not_found");
const exceptionNotFound = () => notFound("Office hours exception not found", "not_found");
const invalid = (field: string, message: string) => new ApiError(422, "parameter_invalid", message, field);

function readName(v: unknown, field = "name"): string {
  if (typeof v !== "string" || v.trim() === "") throw invalid(field, `${field} must be a non-blank string`);
  if (v.length > 255) throw invalid(field, `${field} is longer than 255 characters`);
  return v;
}

function readZone(v: unknown): string {
  if (typeof v !== "string" || v === "" || v.length > 64) throw invalid("time_zone_name", "time_zone_name must be an IANA time zone");
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: v });
    return v;
  } catch {
    throw invalid("time_zone_name", `time_zone_name '${v}' is not an IANA time zone`);
  }
}

/** Open intervals within [0, max], on 15-minute boundaries, start < end, sorted, not overlapping. */
export function readIntervals(v: unknown, max: number): Interval[] {
  if (!Array.isArray(v) || v.length > MAX_INTERVALS) throw invalid("time_intervals", `time_intervals must be an array of at most ${MAX_INTERVALS} intervals`);
  const out = v.map((raw) => {
    const i = raw as { start_minute?: unknown; end_minute?: unknown } | null;
    const s = i?.start_minute;
    const e = i?.end_minute;
    if (!Number.isInteger(s) || !Number.isInteger(e)) throw invalid("time_intervals", "each interval needs integer start_minute and end_minute");
    const start = s as number;
    const end = e as number;
    if (start < 0 || end > max || start >= end) throw invalid("time_intervals", `an interval runs from a start_minute to a later end_minute within 0–${max}`);
    if (start % 15 !== 0 || end % 15 !== 0) throw invalid("time_intervals", "start_minute and end_minute must be on a 15-minute boundary");
    return { start_minute: start, end_minute: end };
  });
  out.sort((a, b) => a.start_minute - b.start_minute);
  for (let k = 1; k < out.length; k++) if (out[k].start_minute < out[k - 1].end_minute) throw invalid("time_intervals", "time_intervals must not overlap");
  return out;
}

// ---------------------------------------------------------------- schedules

export async function createSchedule(c: Ctx, input: ScheduleInput): Promise<ScheduleRow> {
  if (input.name === undefined || input.name === null) throw invalid("name", "name is required");
  if (input.time_zone_name === undefined || input.time_zone_name === null) throw invalid("time_zone_name", "time_zone_name is required");
  if (input.time_intervals === undefined || input.time_intervals === null) throw invalid("time_intervals", "time_intervals is required");
  const name = readName(input.name);
  const zone = readZone(input.time_zone_name);
  const intervals = readIntervals(input.time_intervals, WEEK);
  const now = c.now();
  return inTransaction(c, async (t) => {
    const n = await t.db.selectFrom("office_hours_schedules").select((eb) => eb.fn.countAll<number>().as("n")).where("workspace_id", "=", t.wsId).executeTakeFirstOrThrow();
    if (Number(n.n) >= MAX_SCHEDULES) throw invalid("name", `a workspace has at most ${MAX_SCHEDULES} office hours schedules`);
    const row = { workspace_id: t.wsId, name, time_zone_name: zone, time_intervals: JSON.stringify(intervals), created_at: now, updated_at: now };
    const { id } = await t.db.insertInto("office_hours_schedules").values(row).returning("id").executeTakeFirstOrThrow();
    return { ...row, id: Number(id) };
  });
}

export async function getSchedule(c: Ctx, rawId: unknown): Promise<ScheduleRow> {
  const id = parseNumericId(rawId);
  const row = id === null ? undefined : await c.db.selectFrom("office_hours_schedules").selectAll().where("workspace_id", "=", c.wsId).where("id", "=", id).executeTakeFirst();
  if (!row) throw scheduleNotFound();
  return row;
}

export async function updateSchedule(c: Ctx, rawId: unknown, input: ScheduleInput): Promise<ScheduleRow> {
  const row = await getSchedule(c, rawId);
  const set: Partial<ScheduleRow> = { updated_at: c.now() };
  if (input.name !== undefined && input.name !== null) set.name = readName(input.name);
  if (input.time_zone_name !== undefined && input.time_zone_name !== null) set.time_zone_name = readZone(input.time_zone_name);
  if (input.time_intervals !== undefined && input.time_intervals !== null) set.time_intervals = JSON.stringify(readIntervals(input.time_intervals, WEEK));
  const updated = await c.db.updateTable("office_hours_schedules").set(set).where("workspace_id", "=", c.wsId).where("id", "=", row.id).returningAll().executeTakeFirst();
  if (!updated) throw scheduleNotFound();
  return updated;
}

export async function deleteSchedule(c: Ctx, rawId: unknown): Promise<number> {
  const row = await getSchedule(c, rawId);
  return inTransaction(c, async (t) => {
    await t.db.deleteFrom("office_hours_exceptions").where("workspace_id", "=", t.wsId).where("schedule_id", "=", row.id).execute();
    const res = await t.db.deleteFrom("office_hours_schedules").where("workspace_id", "=", t.wsId).where("id", "=", row.id).executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw scheduleNotFound();
    return Number(row.id);
  });
}

export async function listSchedules(c: Ctx): Promise<ScheduleRow[]> {
  return c.db.selectFrom("office_hours_schedules").selectAll().where("workspace_id", "=", c.wsId).orderBy("id").limit(MAX_SCHEDULES).execute();
}

// ---------------------------------------------------------------- exceptions

function readDate(v: unknown): string {
  if (typeof v !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw invalid("exception_date", "exception_date must be a date, YYYY-MM-DD");
  const d = new Date(`${v}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v) throw invalid("exception_date", "exception_date is not a calendar date");
  return v;
}

/** The exception's columns after applying `input` to `base` (create: base = {}). */
function readException(input: ExceptionInput, base: Partial<ExceptionRow>): Partial<ExceptionRow> {
  const out: Partial<ExceptionRow> = {};
  if (input.exception_date !== undefined && input.exception_date !== null) out.exception_date = readDate(input.exception_date);
  if (input.exception_type !== undefined && input.exception_type !== null) {
    if (input.exception_type !== "closed" && input.exception_type !== "custom_hours") throw invalid("exception_type", "exception_type must be closed or custom_hours");
    out.exception_type = input.exception_type;
  }
  if (input.name !== undefined) out.name = input.name === null ? null : readName(input.name);
  if (input.recurring_annually !== undefined && input.recurring_annually !== null) {
    if (typeof input.recurring_annually !== "boolean") throw invalid("recurring_annually", "recurring_annually must be a boolean");
    out.recurring_annually = input.recurring_annually ? 1 : 0;
  }
  const type = out.exception_type ?? base.exception_type;
  const given = input.time_intervals !== undefined && input.time_intervals !== null;
  if (type === "closed") {
    if (given && Array.isArray(input.time_intervals) && input.time_intervals.length > 0) throw invalid("time_intervals", "a closed exception has no time_intervals");
    out.time_intervals = null;
  } else if (given) {
    const intervals = readIntervals(input.time_intervals, DAY);
    if (intervals.length === 0) throw invalid("time_intervals", "custom_hours needs time_intervals");
    out.time_intervals = JSON.stringify(intervals);
  } else if (!base.time_intervals) {
    throw invalid("time_intervals", "custom_hours needs time_intervals");
  }
  return out;
}

const dateTaken = () => invalid("exception_date", "The schedule already has an exception on this date");

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown };
  return err?.code === "23505" || err?.code === "SQLITE_CONSTRAINT_UNIQUE" || (typeof err?.message === "string" && err.message.includes("UNIQUE constraint failed"));
}

export async function createException(c: Ctx, rawScheduleId: unknown, input: ExceptionInput): Promise<ExceptionRow> {
  const schedule = await getSchedule(c, rawScheduleId);
  if (input.exception_date === undefined || input.exception_date === null) throw invalid("exception_date", "exception_date is required");
  if (input.exception_type === undefined || input.exception_type === null) throw invalid("exception_type", "exception_type is required");
  const v = readException(input, {});
  const now = c.now();
  return inTransaction(c, async (t) => {
    const n = await t.db.selectFrom("office_hours_exceptions").select((eb) => eb.fn.countAll<number>().as("n")).where("workspace_id", "=", t.wsId).where("schedule_id", "=", schedule.id).executeTakeFirstOrThrow();
    if (Number(n.n) >= MAX_EXCEPTIONS) throw invalid("exception_date", `a schedule has at most ${MAX_EXCEPTIONS} exceptions`);
    const row = {
      workspace_id: t.wsId,
      schedule_id: Number(schedule.id),
      exception_date: v.exception_date!,
      exception_type: v.exception_type!,
      name: v.name ?? null,
      time_intervals: v.time_intervals ?? null,
      recurring_annually: v.recurring_annually ?? 0,
      created_at: now,
      updated_at: now,
    };
    const inserted = await t.db
      .insertInto("office_hours_exceptions")
      .values(row)
      .onConflict((oc) => oc.columns(["schedule_id", "exception_date"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) throw dateTaken();
    return { ...row, id: Number(inserted.id) };
  });
}

export async function getException(c: Ctx, rawScheduleId: unknown, rawId: unknown): Promise<ExceptionRow> {
  const schedule = await getSchedule(c, rawScheduleId);
  const id = parseNumericId(rawId);
  const row =
    id === null
      ? undefined
      : await c.db.selectFrom("office_hours_exceptions").selectAll().where("workspace_id", "=", c.wsId).where("schedule_id", "=", schedule.id).where("id", "=", id).executeTakeFirst();
  if (!row) throw exceptionNotFound();
  return row;
}

/** A partial update merged from the row held in the transaction (FOR UPDATE on PostgreSQL). */
export async function updateException(c: Ctx, rawScheduleId: unknown, rawId: unknown, input: ExceptionInput): Promise<ExceptionRow> {
  const found = await getException(c, rawScheduleId, rawId);
  try {
    return await inTransaction(c, async (t) => {
      let q = t.db.selectFrom("office_hours_exceptions").selectAll().where("workspace_id", "=", t.wsId).where("id", "=", found.id);
      if (t.kind === "postgres") q = q.forUpdate();
      const row = await q.executeTakeFirst();
      if (!row) throw exceptionNotFound();
      const set = { ...readException(input, row), updated_at: t.now() };
      const updated = await t.db.updateTable("office_hours_exceptions").set(set).where("workspace_id", "=", t.wsId).where("id", "=", row.id).returningAll().executeTakeFirst();
      if (!updated) throw exceptionNotFound();
      return updated;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw dateTaken();
    throw e;
  }
}

export async function deleteException(c: Ctx, rawScheduleId: unknown, rawId: unknown): Promise<number> {
  const row = await getException(c, rawScheduleId, rawId);
  const res = await c.db.deleteFrom("office_hours_exceptions").where("workspace_id", "=", c.wsId).where("id", "=", row.id).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw exceptionNotFound();
  return Number(row.id);
}

export async function listExceptions(c: Ctx, rawScheduleId: unknown): Promise<ExceptionRow[]> {
  const schedule = await getSchedule(c, rawScheduleId);
  return c.db
    .selectFrom("office_hours_exceptions")
    .selectAll()
    .where("workspace_id", "=", c.wsId)
    .where("schedule_id", "=", schedule.id)
    .orderBy("exception_date")
    .orderBy("id")
    .limit(MAX_EXCEPTIONS)
    .execute();
}
