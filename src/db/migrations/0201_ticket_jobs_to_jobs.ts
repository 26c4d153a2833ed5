// POST /tickets/enqueue moves onto the jobs platform (src/platform/jobs.ts): its jobs are `jobs` rows of
// kind `ticket_create` whose identifier is numeric (the row's id, as Intercom's ticket job ids are).
// The rows of the old ticket_jobs table become such jobs with the same meaning: the same id (as the
// identifier, so GET /jobs/status/{id} still finds them), status (pending → pending: a worker now creates
// its ticket; success → completed, naming the ticket; failed → failed) and times. The id sequence of
// `jobs` is moved past the old ids first, so a new ticket job's id is never an old one's. Then ticket_jobs
// is dropped.
import { sql } from "kysely";
import type { MigrationFactory } from "../schema-helpers.js";

export const ticketJobsToJobs: MigrationFactory = (kind) => ({
  async up(db) {
    if (kind === "postgres") {
      await sql`select setval(pg_get_serial_sequence('jobs', 'id'), greatest(1, (select coalesce(max(id), 0) from jobs), (select coalesce(max(id), 0) from ticket_jobs)))`.execute(db);
    } else {
      await sql`insert into sqlite_sequence (name, seq) select 'jobs', 0 where not exists (select 1 from sqlite_sequence where name = 'jobs')`.execute(db);
      await sql`update sqlite_sequence set seq = max(seq, (select coalesce(max(id), 0) from ticket_jobs)) where name = 'jobs'`.execute(db);
    }
    await sql`
      insert into jobs (workspace_id, identifier, kind, status, params, state, processed, total, result, error, claim_token, lease_until, created_at, updated_at, completed_at)
      select workspace_id, cast(id as text), 'ticket_create',
        case status when 'success' then 'completed' when 'failed' then 'failed' else 'pending' end,
        '{"request":' || request || '}', '{}',
        case status when 'success' then 1 else 0 end, 1,
        case when status = 'success' and resource_id is not null then '{"resource_id":"' || resource_id || '"}' else null end,
        case status when 'failed' then 'the ticket could not be created' else null end,
        null, 0, created_at, updated_at,
        case status when 'pending' then null else updated_at end
      from ticket_jobs order by id`.execute(db);
    await sql`drop table ticket_jobs`.execute(db);
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});
