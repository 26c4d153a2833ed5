// Office hours schedules and exceptions (2.16).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type TestServer } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

const V = "2.16";
const weekdays = [0, 1, 2, 3, 4].map((d) => ({ start_minute: d * 1440 + 540, end_minute: d * 1440 + 1020 }));

describe("office hours schedules", () => {
  it("creates, reads, updates, lists and deletes schedules", async () => {
    const ws = await srv.newWorkspace("Office hours");
    const r = await ws.api("/office_hours_schedules", { body: { name: "Support", time_zone_name: "America/New_York", time_intervals: [...weekdays].reverse() }, version: V });
    expect(r.status).toBe(201);
    const s = r.body;
    expect(s).toMatchObject({ type: "office_hours_schedule", name: "Support", time_zone_name: "America/New_York", twenty_four_seven: false });
    expect(s.time_intervals).toEqual(weekdays.map((i, d) => ({ ...i, day_of_week: d })));
    expect((await ws.api(`/office_hours_schedules/${s.id}`, { version: V })).body).toEqual(s);
    const all = (await ws.api("/office_hours_schedules", { body: { name: "Always", time_zone_name: "UTC", time_intervals: [{ start_minute: 0, end_minute: 5040 }, { start_minute: 5040, end_minute: 10080, day_of_week: 3 }] }, version: V })).body;
    expect(all.twenty_four_seven).toBe(true);
    expect(all.time_intervals.map((i: any) => i.day_of_week)).toEqual([0, 3]);
    const up = (await ws.api(`/office_hours_schedules/${s.id}`, { method: "PUT", body: { name: "Extended" }, version: V })).body;
    expect(up).toMatchObject({ id: s.id, name: "Extended", time_zone_name: "America/New_York", time_intervals: s.time_intervals });
    const list = (await ws.api("/office_hours_schedules", { version: V })).body;
    expect(list.type).toBe("office_hours_schedule.list");
    expect(list.data.map((x: any) => x.id)).toEqual([s.id, all.id]);
    expect((await ws.api(`/office_hours_schedules/${all.id}`, { method: "DELETE", version: V })).body).toEqual({ id: all.id, object: "office_hours_schedule", deleted: true });
    expectErrorList(await ws.api(`/office_hours_schedules/${all.id}`, { version: V }), 404, "not_found");
    expectErrorList(await ws.api(`/office_hours_schedules/${all.id}`, { method: "DELETE", version: V }), 404, "not_found");
  });

  it("refuses what it cannot take (422) and isolates workspaces", async () => {
    const ws = await srv.newWorkspace("Office hours errors");
    const other = await srv.newWorkspace("Office hours others");
    const ok = { name: "S", time_zone_name: "Europe/Paris", time_intervals: weekdays };
    for (const bad of [
      { ...ok, name: undefined },
      { ...ok, name: " " },
      { ...ok, time_zone_name: "Mars/Olympus" },
      { ...ok, time_zone_name: undefined },
      { ...ok, time_intervals: undefined },
      { ...ok, time_intervals: [{ start_minute: 10, end_minute: 60 }] },
      { ...ok, time_intervals: [{ start_minute: 60, end_minute: 60 }] },
      { ...ok, time_intervals: [{ start_minute: 0, end_minute: 10095 }] },
      { ...ok, time_intervals: [{ start_minute: 0, end_minute: 600 }, { start_minute: 540, end_minute: 900 }] },
    ]) {
      expectErrorList(await ws.api("/office_hours_schedules", { body: bad, version: V }), 422, "parameter_invalid");
    }
    const s = (await ws.api("/office_hours_schedules", { body: ok, version: V })).body;
    expectErrorList(await ws.api(`/office_hours_schedules/${s.id}`, { method: "PUT", body: { time_zone_name: "Nowhere" }, version: V }), 422, "parameter_invalid");
    const e = (await ws.api(`/office_hours_schedules/${s.id}/office_hours_exceptions`, { body: { exception_date: "2026-12-25", exception_type: "closed" }, version: V })).body;
    for (const [method, path, body] of [
      ["GET", `/office_hours_schedules/${s.id}`, undefined],
      ["PUT", `/office_hours_schedules/${s.id}`, { name: "x" }],
      ["DELETE", `/office_hours_schedules/${s.id}`, undefined],
      ["GET", `/office_hours_schedules/${s.id}/office_hours_exceptions`, undefined],
      ["POST", `/office_hours_schedules/${s.id}/office_hours_exceptions`, { exception_date: "2026-01-01", exception_type: "closed" }],
      ["GET", `/office_hours_schedules/${s.id}/office_hours_exceptions/${e.id}`, undefined],
      ["PUT", `/office_hours_schedules/${s.id}/office_hours_exceptions/${e.id}`, { name: "x" }],
      ["DELETE", `/office_hours_schedules/${s.id}/office_hours_exceptions/${e.id}`, undefined],
    ] as const) {
      expectErrorList(await other.api(path, { method, body, version: V }), 404, "not_found");
    }
    expect((await other.api("/office_hours_schedules", { version: V })).body.data).toEqual([]);
  });
});

describe("office hours exceptions", () => {
  it("creates closed and custom-hours exceptions, one per date, updates, lists and deletes them", async () => {
    const ws = await srv.newWorkspace("Exceptions");
    const s = (await ws.api("/office_hours_schedules", { body: { name: "S", time_zone_name: "UTC", time_intervals: weekdays }, version: V })).body;
    const base = `/office_hours_schedules/${s.id}/office_hours_exceptions`;
    const xmas = await ws.api(base, { body: { exception_date: "2026-12-25", exception_type: "closed", name: "Christmas Day", recurring_annually: true }, version: V });
    expect(xmas.status).toBe(201);
    expect(xmas.body).toMatchObject({ type: "office_hours_exception", office_hours_schedule_id: s.id, exception_date: "2026-12-25", exception_type: "closed", name: "Christmas Day", time_intervals: null, recurring_annually: true });
    const eve = (await ws.api(base, { body: { exception_date: "2026-12-24", exception_type: "custom_hours", time_intervals: [{ start_minute: 540, end_minute: 780 }] }, version: V })).body;
    // 2026-12-24 is a Thursday
    expect(eve).toMatchObject({ name: null, recurring_annually: false, time_intervals: [{ start_minute: 540, end_minute: 780, day_of_week: 3 }] });
    expectErrorList(await ws.api(base, { body: { exception_date: "2026-12-25", exception_type: "custom_hours", time_intervals: [{ start_minute: 0, end_minute: 60 }] }, version: V }), 422, "parameter_invalid");
    expectErrorList(await ws.api(base, { body: { exception_date: "2026-02-30", exception_type: "closed" }, version: V }), 422, "parameter_invalid");
    expectErrorList(await ws.api(base, { body: { exception_date: "2026-03-01", exception_type: "custom_hours" }, version: V }), 422, "parameter_invalid");
    expectErrorList(await ws.api(base, { body: { exception_date: "2026-03-01", exception_type: "custom_hours", time_intervals: [{ start_minute: 0, end_minute: 1455 }] }, version: V }), 422, "parameter_invalid");
    expectErrorList(await ws.api(base, { body: { exception_date: "2026-03-01", exception_type: "open" }, version: V }), 422, "parameter_invalid");
    expectErrorList(await ws.api(base, { body: { exception_type: "closed" }, version: V }), 422, "parameter_invalid");

    const list = (await ws.api(base, { version: V })).body;
    expect(list).toMatchObject({ type: "office_hours_exception.list" });
    expect(list.data.map((x: any) => x.exception_date)).toEqual(["2026-12-24", "2026-12-25"]);
    expect((await ws.api(`${base}/${xmas.body.id}`, { version: V })).body).toEqual(xmas.body);

    const reduced = (await ws.api(`${base}/${xmas.body.id}`, { method: "PUT", body: { exception_type: "custom_hours", name: "Christmas Day (reduced hours)", time_intervals: [{ start_minute: 540, end_minute: 780 }] }, version: V })).body;
    expect(reduced).toMatchObject({ exception_type: "custom_hours", name: "Christmas Day (reduced hours)", recurring_annually: true, time_intervals: [{ start_minute: 540, end_minute: 780, day_of_week: 4 }] });
    expect((await ws.api(`${base}/${eve.id}`, { method: "PUT", body: { exception_type: "closed" }, version: V })).body.time_intervals).toBeNull();
    expectErrorList(await ws.api(`${base}/${eve.id}`, { method: "PUT", body: { exception_type: "custom_hours" }, version: V }), 422, "parameter_invalid");
    expectErrorList(await ws.api(`${base}/${eve.id}`, { method: "PUT", body: { exception_date: "2026-12-25" }, version: V }), 422, "parameter_invalid");

    expect((await ws.api(`${base}/${eve.id}`, { method: "DELETE", version: V })).body).toEqual({ id: eve.id, object: "office_hours_exception", deleted: true });
    expectErrorList(await ws.api(`${base}/${eve.id}`, { version: V }), 404, "not_found");
    // an exception is reached only through its own schedule
    const s2 = (await ws.api("/office_hours_schedules", { body: { name: "S2", time_zone_name: "UTC", time_intervals: [] }, version: V })).body;
    expectErrorList(await ws.api(`/office_hours_schedules/${s2.id}/office_hours_exceptions/${xmas.body.id}`, { version: V }), 404, "not_found");
    // deleting the schedule deletes its exceptions
    await ws.api(`/office_hours_schedules/${s.id}`, { method: "DELETE", version: V });
    expectErrorList(await ws.api(base, { version: V }), 404, "not_found");
  });

  it("keeps one exception per date under concurrent creates", async () => {
    const ws = await srv.newWorkspace("Exceptions race");
    const s = (await ws.api("/office_hours_schedules", { body: { name: "S", time_zone_name: "UTC", time_intervals: weekdays }, version: V })).body;
    const res = await Promise.all(Array.from({ length: 8 }, () => ws.api(`/office_hours_schedules/${s.id}/office_hours_exceptions`, { body: { exception_date: "2027-01-01", exception_type: "closed" }, version: V })));
    expect(res.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of res.filter((r) => r.status !== 201)) expect([409, 422]).toContain(r.status);
  });
});
