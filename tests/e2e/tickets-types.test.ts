import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type TestServer } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

describe("ticket types, attributes and states", () => {
  it("creates a type with its default attributes and its category's states; updates and lists it", async () => {
    const ws = await srv.newWorkspace("Ticket types");
    const res = await ws.api("/ticket_types", { body: { name: "Bug", description: "A bug", category: "Back-office", icon: "🐞" }, version: "2.14" });
    expect(res.status).toBe(200);
    const t = res.body;
    expect(t).toMatchObject({ type: "ticket_type", name: "Bug", description: "A bug", icon: "🐞", category: "Back-office", archived: false, is_internal: false, workspace_id: ws.workspaceId });
    expect(t.ticket_type_attributes.data.map((a: any) => [a.name, a.default, a.order, a.input_options])).toEqual([
      ["_default_title_", true, 0, { multiline: false }],
      ["_default_description_", true, 1, { multiline: true }],
    ]);
    expect(t.ticket_states.data.map((s: any) => s.category)).toEqual(["submitted", "in_progress", "waiting_on_customer", "resolved"]);
    expect((await ws.api(`/ticket_types/${t.id}`)).body).toEqual(t);

    const up = (await ws.api(`/ticket_types/${t.id}`, { method: "PUT", body: { name: "Bug 2", archived: true } })).body;
    expect(up).toMatchObject({ id: t.id, name: "Bug 2", description: "A bug", archived: true });
    const second = (await ws.api("/ticket_types", { body: { name: "Question" } })).body;
    expect(second).toMatchObject({ category: "Customer", icon: "🎟️", description: "" });
    const list = (await ws.api("/ticket_types")).body;
    expect(list.type).toBe("list");
    expect(list.data.map((x: any) => x.id)).toEqual([t.id, second.id]);
  });

  it("adds and updates typed attributes", async () => {
    const ws = await srv.newWorkspace("Ticket attributes");
    const t = (await ws.api("/ticket_types", { body: { name: "Bug" } })).body;
    const a = await ws.api(`/ticket_types/${t.id}/attributes`, { body: { name: "Priority", description: "How bad", data_type: "list", list_items: "Low,High", required_to_create: true } });
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ type: "ticket_type_attribute", name: "Priority", data_type: "list", order: 2, required_to_create: true, visible_to_contacts: true, default: false, ticket_type_id: Number(t.id), archived: false });
    expect(a.body.input_options.list_options.map((o: any) => o.label)).toEqual(["Low", "High"]);
    const up = (await ws.api(`/ticket_types/${t.id}/attributes/${a.body.id}`, { method: "PUT", body: { description: "Severity", list_items: "Low,Medium" } })).body;
    expect(up).toMatchObject({ id: a.body.id, description: "Severity", required_to_create: true });
    expect(up.input_options.list_options.map((o: any) => [o.label, o.archived])).toEqual([["Low", false], ["Medium", false], ["High", true]]);
    const m = (await ws.api(`/ticket_types/${t.id}/attributes`, { body: { name: "Steps", description: "", data_type: "string", multiline: true } })).body;
    expect(m).toMatchObject({ order: 3, input_options: { multiline: true } });
    const full = (await ws.api(`/ticket_types/${t.id}`)).body;
    expect(full.ticket_type_attributes.data.map((x: any) => x.name)).toEqual(["_default_title_", "_default_description_", "Priority", "Steps"]);

    // documented and natural errors
    expectErrorList(await ws.api(`/ticket_types/${t.id}/attributes`, { body: { name: "X", description: "d" } }), 400, "parameter_not_found");
    expectErrorList(await ws.api(`/ticket_types/${t.id}/attributes`, { body: { name: "X", description: "d", data_type: "colour" } }), 400, "parameter_invalid");
    expectErrorList(await ws.api(`/ticket_types/${t.id}/attributes`, { body: { name: "X", description: "d", data_type: "list" } }), 400, "parameter_not_found");
    expectErrorList(await ws.api(`/ticket_types/${t.id}/attributes`, { body: { name: "Priority", description: "d", data_type: "string" } }), 400, "parameter_invalid");
    const title = full.ticket_type_attributes.data[0];
    expectErrorList(await ws.api(`/ticket_types/${t.id}/attributes/${title.id}`, { method: "PUT", body: { archived: true } }), 400, "parameter_invalid");
    expectErrorList(await ws.api(`/ticket_types/${t.id}/attributes/999999`, { method: "PUT", body: { description: "x" } }), 404, "not_found");
    expectErrorList(await ws.api(`/ticket_types/999999/attributes`, { body: { name: "X", description: "d", data_type: "string" } }), 404, "not_found");
  });

  it("lists the seeded states with the types that use them (2.12+)", async () => {
    const ws = await srv.newWorkspace("Ticket states");
    const bug = (await ws.api("/ticket_types", { body: { name: "Bug", category: "Tracker" } })).body;
    const states = (await ws.api("/ticket_states", { version: "2.12" })).body;
    expect(states.type).toBe("list");
    expect(states.data).toHaveLength(12);
    const tracker = states.data.filter((s: any) => s.ticket_types.data.some((x: any) => x.id === bug.id));
    expect(tracker.map((s: any) => s.category)).toEqual(["submitted", "in_progress", "waiting_on_customer", "resolved"]);
    expect(tracker[0]).toMatchObject({ type: "ticket_state", internal_label: "Submitted", external_label: "Submitted", archived: false });
    expect(tracker.map((s: any) => s.id)).toEqual(bug.ticket_states.data.map((s: any) => s.id));
  });

  it("answers errors, isolates workspaces and works through the SDK", async () => {
    const ws = await srv.newWorkspace("Ticket type errors");
    const other = await srv.newWorkspace("Ticket type others");
    expectErrorList(await ws.api("/ticket_types", { body: { description: "no name" } }), 400, "parameter_not_found");
    expectErrorList(await ws.api("/ticket_types", { body: { name: "X", category: "Nope" } }), 400, "parameter_invalid");
    expectErrorList(await ws.api("/ticket_types/abc"), 404, "not_found");
    const t = (await ws.api("/ticket_types", { body: { name: "Mine" }, version: "2.9" })).body;
    expect(t.name).toBe("Mine");
    expectErrorList(await other.api(`/ticket_types/${t.id}`), 404, "not_found");
    expectErrorList(await other.api(`/ticket_types/${t.id}`, { method: "PUT", body: { name: "x" } }), 404, "not_found");
    expectErrorList(await other.api(`/ticket_types/${t.id}/attributes`, { body: { name: "X", description: "d", data_type: "string" } }), 404, "not_found");
    const attr = t.ticket_type_attributes.data[0];
    expectErrorList(await other.api(`/ticket_types/${t.id}/attributes/${attr.id}`, { method: "PUT", body: { description: "x" } }), 404, "not_found");
    expect((await other.api("/ticket_types")).body.data).toEqual([]);

    const made = await ws.client.ticketTypes.create({ name: "From SDK", category: "Customer", icon: "🦁" });
    expect(made).toMatchObject({ name: "From SDK", icon: "🦁" });
    const attribute = await ws.client.ticketTypes.attributes.create({ ticket_type_id: made!.id!, name: "Count", description: "How many", data_type: "integer" });
    expect(attribute).toMatchObject({ name: "Count", data_type: "integer" });
    const listed = await ws.client.ticketTypes.list();
    expect(listed.data?.map((x) => x?.name)).toEqual(["Mine", "From SDK"]);
    const states = await ws.client.ticketStates.listTicketStates();
    expect(states.data?.length).toBe(12);
  });
});
