// Conversation attributes (2.16): typed, unique names, archive, list options.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type TestServer } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

const V = "2.16";

describe("conversation attributes", () => {
  it("creates, reads, updates, archives and lists attributes of each type", async () => {
    const ws = await srv.newWorkspace("Conv attrs");
    const s = await ws.api("/conversations/attributes", { body: { name: "Order number", description: "the order", data_type: "string", multiline: true, required: true }, version: V });
    expect(s.status).toBe(200);
    expect(s.body).toMatchObject({ type: "conversation_attribute", name: "Order number", description: "the order", data_type: "string", multiline: true, required: true, archived: false, visible_to_team_ids: [], admin_id: String(ws.adminId) });
    expect(typeof s.body.id).toBe("number");
    const rel = (await ws.api("/conversations/attributes", { body: { name: "Account", data_type: "relationship", reference: { type: "many", object_type_id: "7" } }, version: V })).body;
    expect(rel.reference).toEqual({ type: "many", object_type_id: "7" });
    const num = (await ws.api("/conversations/attributes", { body: { name: "Seats", data_type: "integer", visible_to_team_ids: [String(ws.teamId)] }, version: V })).body;
    expect(num).toMatchObject({ data_type: "integer", visible_to_team_ids: [String(ws.teamId)] });
    expect(num.multiline).toBeUndefined();

    expect((await ws.api(`/conversations/attributes/${s.body.id}`, { version: V })).body).toEqual(s.body);
    await ws.api("/_opencom/clock/advance", { body: { seconds: 3 } });
    const up = (await ws.api(`/conversations/attributes/${s.body.id}`, { method: "PUT", body: { name: "Order #", multiline: false }, version: V })).body;
    expect(up).toMatchObject({ id: s.body.id, name: "Order #", description: "the order", multiline: false, required: true });
    expect(up.updated_at).toBeGreaterThan(s.body.updated_at);

    const archived = (await ws.api(`/conversations/attributes/${num.id}`, { method: "DELETE", version: V })).body;
    expect(archived).toMatchObject({ id: num.id, archived: true });
    const list = (await ws.api("/conversations/attributes", { version: V })).body;
    expect(list.type).toBe("list");
    expect(list.data.map((a: any) => a.id).sort()).toEqual([s.body.id, rel.id].sort());
    const all = (await ws.api("/conversations/attributes?include_archived=true", { version: V })).body;
    expect(all.data).toHaveLength(3);
    // an archived attribute is still read by id
    expect((await ws.api(`/conversations/attributes/${num.id}`, { version: V })).body.archived).toBe(true);
  });

  it("manages the options of a list attribute", async () => {
    const ws = await srv.newWorkspace("Conv attr options");
    const a = (await ws.api("/conversations/attributes", { body: { name: "Priority", data_type: "list", options: [{ label: "Low" }, { label: "High" }] }, version: V })).body;
    expect(a.options.map((o: any) => [o.label, o.archived])).toEqual([["Low", false], ["High", false]]);
    const added = (await ws.api(`/conversations/attributes/${a.id}/options`, { body: { label: "Urgent" }, version: V })).body;
    expect(added.options.map((o: any) => o.label)).toEqual(["Low", "High", "Urgent"]);
    const low = added.options[0].id;
    expect(low).toMatch(/^[0-9a-f-]{36}$/);
    const renamed = (await ws.api(`/conversations/attributes/${a.id}/options/${low}`, { method: "PUT", body: { label: "Minor" }, version: V })).body;
    expect(renamed.options[0]).toEqual({ id: low, label: "Minor", archived: false });
    const gone = (await ws.api(`/conversations/attributes/${a.id}/options/${low}`, { method: "DELETE", version: V })).body;
    expect(gone.options[0]).toEqual({ id: low, label: "Minor", archived: true });
    expect(gone.options).toHaveLength(3);
    const listed = (await ws.api("/conversations/attributes", { version: V })).body.data[0];
    expect(listed.options).toEqual(gone.options);

    expectErrorList(await ws.api(`/conversations/attributes/${a.id}/options/nope`, { method: "PUT", body: { label: "x" }, version: V }), 404, "conversation_attribute_option_not_found");
    expectErrorList(await ws.api(`/conversations/attributes/${a.id}/options`, { body: { label: " " }, version: V }), 422, "parameter_invalid");
    expectErrorList(await ws.api(`/conversations/attributes/${a.id}/options`, { body: {}, version: V }), 400);
    const str = (await ws.api("/conversations/attributes", { body: { name: "Text", data_type: "string" }, version: V })).body;
    expectErrorList(await ws.api(`/conversations/attributes/${str.id}/options`, { body: { label: "x" }, version: V }), 422, "parameter_invalid");
    expectErrorList(await ws.api(`/conversations/attributes/${str.id}/options/${low}`, { method: "DELETE", version: V }), 422, "parameter_invalid");
  });

  it("answers the documented errors and isolates workspaces", async () => {
    const ws = await srv.newWorkspace("Conv attr errors");
    const other = await srv.newWorkspace("Conv attr others");
    const a = (await ws.api("/conversations/attributes", { body: { name: "Plan", data_type: "list", options: [{ label: "Pro" }] }, version: V })).body;
    expectErrorList(await ws.api("/conversations/attributes", { body: { name: "x", data_type: "invalid_type" }, version: V }), 422, "parameter_invalid");
    expectErrorList(await ws.api("/conversations/attributes", { body: { data_type: "string" }, version: V }), 422, "parameter_invalid");
    expectErrorList(await ws.api("/conversations/attributes", { body: { name: "plan", data_type: "string" }, version: V }), 422, "parameter_invalid");
    expectErrorList(await ws.api("/conversations/attributes", { body: { name: "Rel", data_type: "relationship" }, version: V }), 422, "parameter_invalid");
    expectErrorList(await ws.api("/conversations/attributes", { body: { name: "Num", data_type: "integer", multiline: true }, version: V }), 422, "parameter_invalid");
    expectErrorList(await ws.api("/conversations/attributes", { body: { name: "T", data_type: "string", visible_to_team_ids: ["999999"] }, version: V }), 422, "parameter_invalid");
    const b = (await ws.api("/conversations/attributes", { body: { name: "Other", data_type: "string" }, version: V })).body;
    expectErrorList(await ws.api(`/conversations/attributes/${b.id}`, { method: "PUT", body: { name: "PLAN" }, version: V }), 422, "parameter_invalid");
    expectErrorList(await ws.api(`/conversations/attributes/${b.id}`, { method: "PUT", body: { data_type: "integer" }, version: V }), 422, "parameter_invalid");
    expectErrorList(await ws.api("/conversations/attributes/999999", { version: V }), 404, "conversation_attribute_not_found");
    expectErrorList(await ws.api("/conversations/attributes/abc", { method: "DELETE", version: V }), 404, "conversation_attribute_not_found");
    const opt = a.options[0].id;
    for (const [method, path, body] of [
      ["GET", `/conversations/attributes/${a.id}`, undefined],
      ["PUT", `/conversations/attributes/${a.id}`, { name: "Mine" }],
      ["DELETE", `/conversations/attributes/${a.id}`, undefined],
      ["POST", `/conversations/attributes/${a.id}/options`, { label: "x" }],
      ["PUT", `/conversations/attributes/${a.id}/options/${opt}`, { label: "x" }],
      ["DELETE", `/conversations/attributes/${a.id}/options/${opt}`, undefined],
    ] as const) {
      expectErrorList(await other.api(path, { method, body, version: V }), 404, "conversation_attribute_not_found");
    }
    expect((await other.api("/conversations/attributes", { version: V })).body.data).toEqual([]);
    // the same name in another workspace is fine
    expect((await other.api("/conversations/attributes", { body: { name: "Plan", data_type: "string" }, version: V })).status).toBe(200);
  });

  it("keeps names unique under concurrent creates", async () => {
    const ws = await srv.newWorkspace("Conv attr race");
    const res = await Promise.all(Array.from({ length: 8 }, () => ws.api("/conversations/attributes", { body: { name: "Same", data_type: "string" }, version: V })));
    expect(res.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of res.filter((r) => r.status !== 200)) expect([409, 422]).toContain(r.status);
  });
});
