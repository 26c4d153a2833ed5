// GET|POST /office_hours_schedules, GET|PUT|DELETE /office_hours_schedules/{id},
// GET|POST /office_hours_schedules/{id}/office_hours_exceptions, GET|PUT|DELETE …/office_hours_exceptions/{id} (2.16)
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import {
  createException,
  createSchedule,
  deleteException,
  deleteSchedule,
  getException,
  getSchedule,
  listExceptions,
  listSchedules,
  updateException,
  updateSchedule,
} from "./service.js";
import { presentException, presentSchedule } from "./present.js";
import { ExceptionBody, ScheduleBody } from "./schemas.js";

const Opt = Type.Optional;
const Id = Type.Object({ office_hours_schedule_id: Type.String() });
const ExId = Type.Object({ office_hours_schedule_id: Type.String(), id: Type.String() });

export default async function routes(app: App) {
  app.get("/office_hours_schedules", async (req) => ({ type: "office_hours_schedule.list", data: (await listSchedules(ctx(req))).map(presentSchedule) }));
  app.post("/office_hours_schedules", { schema: { body: ScheduleBody } }, async (req, reply) =>
    reply.code(201).send(presentSchedule(await createSchedule(ctx(req), req.body))),
  );
  app.get("/office_hours_schedules/:office_hours_schedule_id", { schema: { params: Id } }, async (req) => presentSchedule(await getSchedule(ctx(req), req.params.office_hours_schedule_id)));
  app.put("/office_hours_schedules/:office_hours_schedule_id", { schema: { params: Id, body: Opt(ScheduleBody) } }, async (req) =>
    presentSchedule(await updateSchedule(ctx(req), req.params.office_hours_schedule_id, req.body ?? {})),
  );
  app.delete("/office_hours_schedules/:office_hours_schedule_id", { schema: { params: Id } }, async (req) => ({
    id: String(await deleteSchedule(ctx(req), req.params.office_hours_schedule_id)),
    object: "office_hours_schedule",
    deleted: true,
  }));

  const ex = "/office_hours_schedules/:office_hours_schedule_id/office_hours_exceptions";
  app.get(ex, { schema: { params: Id } }, async (req) => ({
    type: "office_hours_exception.list",
    data: (await listExceptions(ctx(req), req.params.office_hours_schedule_id)).map(presentException),
  }));
  app.post(ex, { schema: { params: Id, body: ExceptionBody } }, async (req, reply) =>
    reply.code(201).send(presentException(await createException(ctx(req), req.params.office_hours_schedule_id, req.body))),
  );
  app.get(`${ex}/:id`, { schema: { params: ExId } }, async (req) => presentException(await getException(ctx(req), req.params.office_hours_schedule_id, req.params.id)));
  app.put(`${ex}/:id`, { schema: { params: ExId, body: Opt(ExceptionBody) } }, async (req) =>
    presentException(await updateException(ctx(req), req.params.office_hours_schedule_id, req.params.id, req.body ?? {})),
  );
  app.delete(`${ex}/:id`, { schema: { params: ExId } }, async (req) => ({
    id: String(await deleteException(ctx(req), req.params.office_hours_schedule_id, req.params.id)),
    object: "office_hours_exception",
    deleted: true,
  }));
}
