// intercom-client 7.x, `client.unstable.*` (Intercom-Version: Unstable): data attributes, data events,
// custom object instances, content and reporting data exports, workflows; settings: admins, teams,
// away status reasons, brands, emails. Every method at least once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Intercom } from "intercom-client";
import { startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";
import { sdkError, unstableClient } from "../helpers/sdk.js";

let srv: TestServer;
let ws: TestWorkspace;
let sdk: ReturnType<typeof unstableClient>;
beforeAll(async () => {
  srv = await startTestServer();
  ws = await srv.newWorkspace("SDK unstable data");
  sdk = unstableClient(srv, ws);
});
afterAll(async () => srv?.close());

const U = Intercom.unstable;

describe("SDK unstable: data attributes and events", () => {
  it("creates, lists and updates data attributes", async () => {
    const attr: any = await sdk.dataAttributes.createDataAttribute({ name: "plan_tier", model: "contact", data_type: "string", description: "Tier" });
    expect(attr).toMatchObject({ type: "data_attribute", name: "plan_tier", full_name: "custom_attributes.plan_tier", model: "contact", data_type: "string", custom: true, archived: false });
    const up: any = await sdk.dataAttributes.updateDataAttribute({ id: Number(attr.id), body: { description: "Plan tier", archived: true } });
    expect(up).toMatchObject({ id: attr.id, description: "Plan tier", archived: true });
    const live: any = await sdk.dataAttributes.lisDataAttributes({ model: "contact" });
    expect(live.type).toBe("list");
    expect(live.data.map((a: any) => a.name)).not.toContain("plan_tier");
    const all: any = await sdk.dataAttributes.lisDataAttributes({ model: "contact", include_archived: true });
    expect(all.data.find((a: any) => a.name === "plan_tier")).toMatchObject({ id: attr.id, archived: true });
    await sdkError(sdk.dataAttributes.updateDataAttribute({ id: 999999, body: { description: "x" } }), 404, undefined, U.NotFoundError);
    await sdkError(sdk.dataAttributes.createDataAttribute({ name: "plan_tier", model: "contact", data_type: "string" }), 400, undefined, U.BadRequestError);
  });

  it("tracks events, lists them by the SDK's filter and adds summaries", async () => {
    const c: any = await sdk.contacts.createContact({ role: "user", external_id: "ev-user", email: "ev@data.test" } as any);
    await sdk.dataEvents.createDataEvent({ event_name: "invited-friend", user_id: "ev-user", created_at: Math.floor(Date.now() / 1000), metadata: { invitee_email: "pi@example.org" } } as any);
    await sdk.dataEvents.createDataEvent({ event_name: "ordered", email: "ev@data.test", created_at: Math.floor(Date.now() / 1000) } as any);
    // the SDK sends `filter` as one JSON query parameter: filter={"user_id":"ev-user"}
    const events: any = await sdk.dataEvents.lisDataEvents({ filter: { user_id: "ev-user" }, type: "user" });
    expect(events).toMatchObject({ type: "event.summary", intercom_user_id: c.id, user_id: "ev-user" });
    expect(events.events.map((e: any) => e.event_name).sort()).toEqual(["invited-friend", "ordered"]);
    expect(events.events.find((e: any) => e.event_name === "invited-friend")).toMatchObject({ type: "event", intercom_user_id: c.id, user_id: "ev-user", metadata: { invitee_email: "pi@example.org" } });
    const byEmail: any = await sdk.dataEvents.lisDataEvents({ filter: { email: "ev@data.test" }, type: "user" });
    expect(byEmail.events).toHaveLength(2);
    const byId: any = await sdk.dataEvents.lisDataEvents({ filter: { intercom_user_id: c.id }, type: "user", summary: true });
    expect(byId).toMatchObject({ type: "event.summary", intercom_user_id: c.id });
    expect(byId.events.map((e: any) => [e.name, e.count]).sort()).toEqual([["invited-friend", 1], ["ordered", 1]]);

    await sdk.dataEvents.dataEventSummaries({ user_id: "ev-user", event_summaries: { event_name: "ordered", count: 5, first: 1_700_000_000, last: 1_700_000_100 } });
    const summed: any = await sdk.dataEvents.lisDataEvents({ filter: { user_id: "ev-user" }, type: "user", summary: true });
    expect(summed.events.find((e: any) => e.name === "ordered").count).toBe(6);

    await sdkError(sdk.dataEvents.lisDataEvents({ filter: { user_id: "nobody" }, type: "user" }), 404);
    expect((await sdkError(sdk.dataEvents.lisDataEvents({ filter: "{not json" as any, type: "user" }), 400, "parameter_invalid")).field).toBe("filter");
    expect((await sdkError(sdk.dataEvents.lisDataEvents({ filter: { user_id: 5 } as any, type: "user" }), 400, "parameter_invalid")).field).toBe("filter.user_id");
    await sdkError(sdk.dataEvents.createDataEvent({ event_name: "x", user_id: "nobody", created_at: 1 } as any), 404);
  });
});

describe("SDK unstable: custom object instances", () => {
  it("creates, reads and deletes instances by id and by external id", async () => {
    expect((await ws.api("/_opencom/custom_object_types", { body: { identifier: "Order", name: "Order", attributes: [{ name: "order_number", data_type: "string" }] } })).status).toBe(201);
    const inst: any = await sdk.customObjectInstances.createCustomObjectInstances({ custom_object_type_identifier: "Order", external_id: "123", external_created_at: 1_392_036_272, external_updated_at: 1_392_036_272, custom_attributes: { order_number: "ORDER-12345" } });
    expect(inst).toMatchObject({ type: "Order", external_id: "123", custom_attributes: { order_number: "ORDER-12345" } });
    // Unstable (like 2.16) answers a one-item list there (the SDK types it as the instance)
    expect(await sdk.customObjectInstances.getCustomObjectInstancesByExternalId({ custom_object_type_identifier: "Order", external_id: "123" })).toMatchObject({ type: "list", total_count: 1, data: [{ id: inst.id, external_id: "123" }] });
    expect(await sdk.customObjectInstances.getCustomObjectInstancesById({ custom_object_type_identifier: "Order", id: inst.id })).toMatchObject({ id: inst.id, external_id: "123" });
    // the SDK's names are crossed: ...ById sends ?external_id=, ...ByExternalId sends the id in the path
    expect(await sdk.customObjectInstances.deleteCustomObjectInstancesById({ custom_object_type_identifier: "Order", external_id: "123" })).toMatchObject({ id: inst.id, object: "Order", deleted: true });
    const other: any = await sdk.customObjectInstances.createCustomObjectInstances({ custom_object_type_identifier: "Order", external_id: "456" });
    expect(await sdk.customObjectInstances.deleteCustomObjectInstancesByExternalId({ custom_object_type_identifier: "Order", id: other.id })).toMatchObject({ id: other.id, object: "Order", deleted: true });
    await sdkError(sdk.customObjectInstances.getCustomObjectInstancesById({ custom_object_type_identifier: "Order", id: other.id }), 404, "not_found", U.NotFoundError);
    await sdkError(sdk.customObjectInstances.getCustomObjectInstancesByExternalId({ custom_object_type_identifier: "Nope", external_id: "1" }), 404, "not_found", U.NotFoundError);
  });
});

describe("SDK unstable: exports and workflows", () => {
  it("creates, reads, downloads and cancels content data exports", async () => {
    const ws2 = await srv.newWorkspace("SDK unstable export");
    const s = unstableClient(srv, ws2);
    const c: any = await s.contacts.createContact({ role: "user", email: "exp@data.test" } as any);
    await s.messages.createMessage({ from: { type: "admin", id: String(ws2.adminId) }, to: { type: "user", id: c.id }, message_type: "email", subject: "Welcome", body: "hi", template: "plain" } as any);
    const now = Math.floor(Date.now() / 1000);
    const job: any = await s.dataExport.createDataExport({ created_at_after: now - 3600, created_at_before: now + 3600 });
    expect(job).toMatchObject({ job_identifier: expect.stringMatching(/^[a-z0-9]{16}$/), status: "pending" });
    let got: any;
    for (let i = 0; i < 100; i++) {
      got = await s.dataExport.getDataExport({ job_identifier: job.job_identifier });
      if (got.status === "completed") break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(got).toMatchObject({ job_identifier: job.job_identifier, status: "completed", download_url: `${srv.url}/download/content/data/${job.job_identifier}` });
    const dl = await s.dataExport.downloadDataExport({ job_identifier: job.job_identifier }).withRawResponse();
    expect(dl.rawResponse.status).toBe(200);
    // a finished job cancels as it is
    expect(await s.dataExport.cancelDataExport({ job_identifier: job.job_identifier })).toMatchObject({ job_identifier: job.job_identifier, status: "completed" });

    const second: any = await s.dataExport.createDataExport({ created_at_after: now - 3600, created_at_before: now + 3600 });
    const cancelled: any = await s.dataExport.cancelDataExport({ job_identifier: second.job_identifier });
    expect(cancelled.status).toBe("canceled");
    await sdkError(s.dataExport.downloadDataExport({ job_identifier: second.job_identifier }), 404, "not_found");
    await sdkError(s.dataExport.getDataExport({ job_identifier: "nope" }), 404, "not_found");
    await sdkError(s.dataExport.createDataExport({ created_at_after: 10, created_at_before: 5 }), 400, "parameter_invalid");
  });

  it("lists reporting datasets and enqueues a reporting export", async () => {
    const sets: any = await sdk.export.listAvailableDatasetsAndAttributes();
    expect(sets.type).toBe("list");
    const conv = sets.data.find((d: any) => d.id === "conversation");
    expect(conv.attributes).toContainEqual({ id: "conversation_id", name: "Conversation ID" });
    const job: any = await sdk.export.enqueueANewReportingDataExportJob({ dataset_id: "conversation", attribute_ids: ["conversation_id", "conversation_started_at"], start_time: 1_717_490_000, end_time: 1_717_510_000 });
    expect(job).toMatchObject({ job_identifier: expect.any(String), status: "pending" });
    await sdkError(sdk.export.enqueueANewReportingDataExportJob({ dataset_id: "nope", attribute_ids: ["x"], start_time: 1, end_time: 2 }), 400);
  });

  it("opencom keeps no workflows: exporting one is Intercom's 404", async () => {
    await sdkError(sdk.workflows.exportWorkflow({ id: "12345" }), 404, "not_found", U.NotFoundError);
  });
});

describe("SDK unstable: admins, teams, away reasons, brands, emails", () => {
  it("identifies, lists, reads admins, sets one away and lists activity logs", async () => {
    const me: any = await sdk.admins.identifyAdmin();
    expect(me).toMatchObject({ type: "admin", id: String(ws.adminId), app: { id_code: ws.workspaceId } });
    const admins: any = await sdk.admins.listAdmins();
    expect(admins.type).toBe("admin.list");
    expect(admins.admins.map((a: any) => a.id)).toContain(String(ws.adminId));
    expect(await sdk.admins.retrieveAdmin({ id: ws.adminId })).toMatchObject({ type: "admin", id: String(ws.adminId) });
    await sdkError(sdk.admins.retrieveAdmin({ id: 999999 }), 404, undefined, U.NotFoundError);

    const reasons = await sdk.awayStatusReasons.listAwayStatusReasons();
    // typed by the SDK as an array; Intercom answers a list object
    const list = reasons as any;
    expect(list.type).toBe("list");
    expect(list.data.map((r: any) => r.label)).toEqual(["On a break", "In a meeting", "Out for lunch", "Done for the day", "On holiday"]);

    const away: any = await sdk.admins.setAwayAdmin({ id: ws.adminId, away_mode_enabled: true, away_mode_reassign: true, away_status_reason_id: Number(list.data[1].id) });
    expect(away).toMatchObject({ id: String(ws.adminId), away_mode_enabled: true, away_mode_reassign: true });
    expect(String(away.away_status_reason_id)).toBe(list.data[1].id);
    await sdkError(sdk.admins.setAwayAdmin({ id: 999999, away_mode_enabled: true, away_mode_reassign: true }), 404, undefined, U.NotFoundError);

    const now = Math.floor(Date.now() / 1000);
    const logs: any = await sdk.admins.listActivityLogs({ created_at_after: String(now - 3600), created_at_before: String(now + 3600) });
    expect(logs.type).toBe("activity_log.list");
    expect(logs.activity_logs.map((l: any) => l.activity_type)).toContain("admin_away_mode_change");
    await sdkError(sdk.admins.listActivityLogs({ created_at_after: "soon" }), 400);
  });

  it("lists and reads teams, brands and email settings", async () => {
    const teams: any = await sdk.teams.listTeams();
    expect(teams.type).toBe("team.list");
    expect(teams.teams.map((t: any) => t.id)).toContain(String(ws.teamId));
    expect(await sdk.teams.retrieveTeam({ id: String(ws.teamId) })).toMatchObject({ type: "team", id: String(ws.teamId) });
    await sdkError(sdk.teams.retrieveTeam({ id: "999999" }), 404, undefined, U.NotFoundError);

    const brands: any = await sdk.brands.listBrands();
    expect(brands).toMatchObject({ type: "list", data: [{ type: "brand", id: ws.workspaceId, is_default: true }] });
    expect(await sdk.brands.retrieveBrand({ id: ws.workspaceId })).toEqual(brands.data[0]);
    await sdkError(sdk.brands.retrieveBrand({ id: "nope" }), 404, "not_found", U.NotFoundError);

    const emails: any = await sdk.emails.listEmails();
    expect(emails).toMatchObject({ type: "list", data: [{ type: "email_setting", email: `support@${ws.workspaceId}.opencom.test`, brand_id: ws.workspaceId }] });
    expect(await sdk.emails.retrieveEmail({ id: emails.data[0].id })).toEqual(emails.data[0]);
    await sdkError(sdk.emails.retrieveEmail({ id: "nope" }), 404, "not_found", U.NotFoundError);
  });
});
