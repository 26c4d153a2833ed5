// Bulk contacts and companies (Unstable): the request answers 202 with the job at once; the job worker
// applies the items through the single-item services; GET …/bulk/{id} shows the tasks and the state;
// per-item results at GET /_opencom/jobs/{id}.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";

process.env.OPENCOM_BULK_BATCH = "3"; // several steps per task…
process.env.OPENCOM_JOB_STEP_DELAY_MS = "20"; // …slowed down, so that a test sees a job move

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

const U = { version: "Unstable" };
const post = (ws: TestWorkspace, path: string, body: unknown, method = "POST") => ws.api(path, { ...U, method, body });

async function settle(ws: TestWorkspace, noun: "contacts" | "companies", id: string, timeoutMs = 15_000) {
  const start = Date.now();
  const seen: string[] = [];
  for (;;) {
    const res = await ws.api(`/${noun}/bulk/${id}`, U);
    expect(res.status).toBe(200);
    if (seen[seen.length - 1] !== res.body.state) seen.push(res.body.state);
    if (res.body.state === "completed" || res.body.state === "completed_with_errors") return { job: res.body, seen };
    if (Date.now() - start > timeoutMs) throw new Error(`job ${id} stuck in ${res.body.state}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function results(ws: TestWorkspace, id: string) {
  const res = await ws.api(`/_opencom/jobs/${id}`);
  expect(res.status).toBe(200);
  return res.body.tasks as Array<{ id: string; operation: string; state: string; results: Array<{ index: number; status: string; id?: string; error?: { code: string; message: string } }> }>;
}

/** GET /companies?company_id= */
async function byCompanyId(ws: TestWorkspace, companyId: string) {
  const res = await ws.api(`/companies?company_id=${companyId}`, U);
  expect(res.status).toBe(200);
  return res.body.type === "list" ? res.body.data[0] : res.body;
}

async function findByEmail(ws: TestWorkspace, email: string) {
  const res = await ws.api("/contacts/search", { ...U, body: { query: { field: "email", operator: "=", value: email } } });
  expect(res.status).toBe(200);
  return res.body.data as Array<Record<string, any>>;
}

describe("bulk contacts", () => {
  it("creates contacts in the background; a duplicate email or external_id fails that item only", async () => {
    const ws = await srv.newWorkspace("bulk create");
    const existing = await ws.api("/contacts", { body: { role: "user", email: "taken@bulk.example", external_id: "taken" } });
    expect(existing.status).toBe(200);
    // an archived user still holds its email
    const archived = await ws.api("/contacts", { body: { role: "user", email: "archived@bulk.example" } });
    await ws.api(`/contacts/${archived.body.id}/archive`, { method: "POST" });
    const tag = await ws.api("/tags", { body: { name: "bulk-vip" } });
    const res = await post(ws, "/contacts/bulk", {
      contacts: [
        { external_id: "b1", email: "b1@bulk.example", name: "B One", custom_attributes: {}, companies: [{ company_id: "acme", name: "Acme" }], tags: { add: [{ id: tag.body.id }, { id: "999999" }] } },
        { email: "TAKEN@bulk.example" },
        { external_id: "taken" },
        { email: "archived@bulk.example" },
        { role: "lead", email: "taken@bulk.example", name: "a lead may share it" },
        { email: "not-an-email" },
        { email: "b2@bulk.example", ignored_field: "x" },
      ],
    });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ type: "contacts.bulk.job", completed_at: null, url: expect.stringContaining(`/contacts/bulk/${res.body.id}`) });
    expect(["pending", "running"]).toContain(res.body.state);
    expect(res.body.tasks).toHaveLength(1);
    expect(res.body.tasks[0]).toMatchObject({ item_count: 7, state: "pending", started_at: null, completed_at: null });

    const { job } = await settle(ws, "contacts", res.body.id);
    expect(job.state).toBe("completed_with_errors");
    expect(job.tasks[0].state).toBe("completed_with_errors");
    expect(job.completed_at).toEqual(expect.any(Number));
    expect(job.tasks[0].started_at).toEqual(expect.any(Number));

    const [task] = await results(ws, res.body.id);
    expect(task.results.map((r) => r.status)).toEqual(["success", "failed", "failed", "failed", "success", "failed", "success"]);
    expect(task.results[1].error).toMatchObject({ code: "conflict", message: expect.stringContaining(existing.body.id) });
    expect(task.results[3].error?.code).toBe("conflict");
    expect(task.results[5].error?.code).toBe("parameter_invalid");

    const [b1] = await findByEmail(ws, "b1@bulk.example");
    expect(b1).toMatchObject({ external_id: "b1", name: "B One", role: "user" });
    expect(b1.id).toBe(task.results[0].id);
    expect(b1.tags.data.map((t: { id: string }) => t.id)).toEqual([tag.body.id]);
    expect(b1.companies.total_count).toBe(1);
    const company = await byCompanyId(ws, "acme");
    expect(company).toMatchObject({ name: "Acme", user_count: 1 });
    expect(await findByEmail(ws, "b2@bulk.example")).toHaveLength(1);
    // the single create's rules: still one user with that email
    const taken = await findByEmail(ws, "taken@bulk.example");
    expect(taken.map((c) => c.role).sort()).toEqual(["lead", "user"]);
  });

  it("updates and deletes by id; an unknown id fails the item; webhook topics per item", async () => {
    const ws = await srv.newWorkspace("bulk update");
    const sub = await ws.api("/_opencom/webhooks", { body: { url: "http://127.0.0.1:9/hook", topics: ["contact.user.created", "contact.user.updated", "contact.deleted"], version: "Unstable" } });
    expect(sub.status).toBe(200);
    const a = (await ws.api("/contacts", { body: { role: "user", email: "a@upd.example", custom_attributes: {} } })).body;
    const b = (await ws.api("/contacts", { body: { role: "user", email: "b@upd.example" } })).body;
    await ws.api("/companies", { body: { company_id: "c7", name: "Seven" } });
    const upd = await post(ws, "/contacts/bulk", { contacts: [
      { id: a.id, name: "Ada", companies: [{ company_id: "c6", name: "Six" }] },
      { id: "000000000000000000000000", name: "nobody" },
      { id: b.id, email: "a@upd.example" },
    ] }, "PUT");
    expect(upd.status).toBe(202);
    const done = await settle(ws, "contacts", upd.body.id);
    expect(done.job.state).toBe("completed_with_errors");
    const [task] = await results(ws, upd.body.id);
    expect(task.results.map((r) => r.status)).toEqual(["success", "failed", "failed"]);
    expect(task.results[1].error).toMatchObject({ code: "not_found" });
    expect((await ws.api(`/contacts/${a.id}`)).body.name).toBe("Ada");
    expect((await ws.api(`/contacts/${b.id}`)).body.email).toBe("b@upd.example");

    // detach a company, append a delete task to a finished job: closed
    const detach = await post(ws, "/contacts/bulk", { contacts: [{ id: a.id, companies: [{ company_id: "c6", remove: true }] }] }, "PUT");
    await settle(ws, "contacts", detach.body.id);
    expect((await ws.api(`/contacts/${a.id}/companies`)).body.total_count).toBe(0);
    expectErrorList(await post(ws, "/contacts/bulk/delete", { contacts: [{ id: b.id }], job: { id: upd.body.id } }), 403, "forbidden");

    const del = await post(ws, "/contacts/bulk/delete", { contacts: [{ id: b.id }, { id: b.id }] });
    expect(del.status).toBe(202);
    const dd = await settle(ws, "contacts", del.body.id);
    expect(dd.job.state).toBe("completed_with_errors"); // the second delete finds nothing
    expectErrorList(await ws.api(`/contacts/${b.id}`), 404);

    const topics = (await ws.api("/_opencom/webhooks/deliveries?per_page=50")).body.data.map((d: { topic: string }) => d.topic);
    expect(topics.filter((t: string) => t === "contact.user.updated").length).toBeGreaterThanOrEqual(1);
    expect(topics.filter((t: string) => t === "contact.deleted")).toHaveLength(1);
  });

  it("appends tasks to a running job with job.id", async () => {
    const ws = await srv.newWorkspace("bulk append");
    const many = Array.from({ length: 100 }, (_, i) => ({ email: `m${i}@append.example` }));
    const first = await post(ws, "/contacts/bulk", { contacts: many });
    expect(first.status).toBe(202);
    const second = await post(ws, "/contacts/bulk", { contacts: [{ email: "late@append.example" }], job: { id: first.body.id } });
    expect(second.status).toBe(202);
    expect(second.body.id).toBe(first.body.id);
    expect(second.body.tasks.map((t: { item_count: number }) => t.item_count)).toEqual([100, 1]);
    // progress moves: processed / total at opencom's job view
    const progress = await ws.api(`/_opencom/jobs/${first.body.id}`);
    expect(progress.body).toMatchObject({ kind: "contacts_bulk", total: 101 });
    expect(progress.body.processed).toBeLessThan(101);
    const { job, seen } = await settle(ws, "contacts", first.body.id);
    expect(seen).toContain("running");
    expect(job.state).toBe("completed");
    expect(job.tasks.every((t: { state: string }) => t.state === "completed")).toBe(true);
    expect(await findByEmail(ws, "late@append.example")).toHaveLength(1);
    expect((await ws.api(`/_opencom/jobs/${first.body.id}`)).body.processed).toBe(101);
    // finished: closed for new tasks
    expectErrorList(await post(ws, "/contacts/bulk", { contacts: [{ email: "later@append.example" }], job: { id: first.body.id } }), 403, "forbidden");
    const count = await ws.api("/contacts/search", { ...U, body: { query: { field: "email", operator: "$", value: "@append.example" }, pagination: { per_page: 1 } } });
    expect(count.body.total_count).toBeGreaterThanOrEqual(100);
  });

  it("refuses malformed requests (422 naming the field) and unknown jobs (404)", async () => {
    const ws = await srv.newWorkspace("bulk errors");
    const e1 = expectErrorList(await post(ws, "/contacts/bulk", {}), 422, "field_not_found");
    expect(e1.message).toBe("contacts field must be supplied");
    expectErrorList(await post(ws, "/contacts/bulk", { contacts: "x" }), 422, "type_mismatch");
    expectErrorList(await post(ws, "/contacts/bulk", { contacts: [1] }), 422, "type_mismatch");
    const tooMany = expectErrorList(await post(ws, "/contacts/bulk", { contacts: Array.from({ length: 101 }, () => ({ email: "x@y.z" })) }), 422, "parameter_invalid");
    expect(tooMany.message).toBe("maximum number of contacts per request is 100");
    expectErrorList(await post(ws, "/contacts/bulk", { contacts: [{ name: "no id" }] }, "PUT"), 422, "field_not_found");
    expectErrorList(await post(ws, "/contacts/bulk/delete", { contacts: [{}] }), 422, "field_not_found");
    expectErrorList(await post(ws, "/contacts/bulk", { contacts: [{ email: "a@b.c" }], job: { id: "nosuchjob" } }), 404, "job_not_found");
    expectErrorList(await ws.api("/contacts/bulk/nosuchjob", U), 404, "job_not_found");
    // a companies job is not a contacts job
    const cj = await post(ws, "/companies/bulk", { companies: [{ company_id: "x1" }] });
    expectErrorList(await ws.api(`/contacts/bulk/${cj.body.id}`, U), 404, "job_not_found");
  });

  it("another workspace's token gets 404 for the job and cannot append to it", async () => {
    const ws = await srv.newWorkspace("bulk owner");
    const other = await srv.newWorkspace("bulk other");
    const job = await post(ws, "/contacts/bulk", { contacts: [{ email: "own@iso.example" }] });
    expectErrorList(await other.api(`/contacts/bulk/${job.body.id}`, U), 404, "job_not_found");
    expectErrorList(await post(other, "/contacts/bulk", { contacts: [{ email: "x@iso.example" }], job: { id: job.body.id } }), 404, "job_not_found");
    const del = await post(other, "/contacts/bulk/delete", { contacts: [{ id: (await settle(ws, "contacts", job.body.id), (await findByEmail(ws, "own@iso.example"))[0].id) }] });
    const done = await settle(other, "contacts", del.body.id);
    expect(done.job.state).toBe("completed_with_errors");
    expect(await findByEmail(ws, "own@iso.example")).toHaveLength(1);
  });
});

describe("bulk companies", () => {
  it("creates or updates by company_id, updates by id, deletes; failures per item", async () => {
    const ws = await srv.newWorkspace("bulk companies");
    const sub = await ws.api("/_opencom/webhooks", { body: { url: "http://127.0.0.1:9/hook", topics: ["company.created", "company.updated", "company.deleted"], version: "Unstable" } });
    expect(sub.status).toBe(200);
    const pre = (await ws.api("/companies", { body: { company_id: "old", name: "Old name" } })).body;
    const res = await post(ws, "/companies/bulk", { companies: [
      { company_id: "new1", name: "New One", plan: "pro", size: 10, monthly_spend: 155.98, custom_attributes: {} },
      { company_id: "old", name: "Renamed" },
      { name: "no company_id" },
      { company_id: "bad", size: "many" },
    ] });
    expect(res.status).toBe(202);
    expect(res.body.type).toBe("companies.bulk.job");
    const { job } = await settle(ws, "companies", res.body.id);
    expect(job.state).toBe("completed_with_errors");
    const [task] = await results(ws, res.body.id);
    expect(task.results.map((r) => r.status)).toEqual(["success", "success", "failed", "failed"]);
    expect(task.results[3].error?.message).toContain("size");
    const n1 = await byCompanyId(ws, "new1");
    expect(n1).toMatchObject({ name: "New One", size: 10, monthly_spend: 155, plan: { name: "pro" } });
    expect((await ws.api(`/companies/${pre.id}`)).body.name).toBe("Renamed");

    const upd = await post(ws, "/companies/bulk", { companies: [{ id: n1.id, industry: "Rockets", company_id: "ignored" }, { id: "nope" }] }, "PUT");
    const u = await settle(ws, "companies", upd.body.id);
    expect(u.job.state).toBe("completed_with_errors");
    expect((await ws.api(`/companies/${n1.id}`)).body).toMatchObject({ industry: "Rockets", company_id: "new1" });

    const del = await post(ws, "/companies/bulk/delete", { companies: [{ id: pre.id }] });
    const d = await settle(ws, "companies", del.body.id);
    expect(d.job.state).toBe("completed");
    expectErrorList(await ws.api(`/companies/${pre.id}`), 404);

    const topics = (await ws.api("/_opencom/webhooks/deliveries?per_page=50")).body.data.map((x: { topic: string }) => x.topic);
    expect(topics.filter((t: string) => t === "company.created")).toHaveLength(2); // old (before), new1
    expect(topics.filter((t: string) => t === "company.deleted")).toHaveLength(1);

    expectErrorList(await post(ws, "/companies/bulk", { companies: Array.from({ length: 101 }, (_, i) => ({ company_id: `c${i}` })) }), 422, "parameter_invalid");
    expectErrorList(await post(ws, "/companies/bulk", { companies: [{ name: "x" }] }, "PUT"), 422, "field_not_found");
    expectErrorList(await ws.api("/companies/bulk/nope", U), 404, "job_not_found");
  });

  it("the job shows in GET /jobs/status/{id}", async () => {
    const ws = await srv.newWorkspace("bulk status");
    const res = await post(ws, "/companies/bulk", { companies: [{ company_id: "s1" }] });
    await settle(ws, "companies", res.body.id);
    const st = await ws.api(`/jobs/status/${res.body.id}`, U);
    expect(st.status).toBe(200);
    expect(st.body).toMatchObject({ status: "success", resource_type: "companies_bulk_job" });
  });
});
