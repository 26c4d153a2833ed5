// Custom object instances (2.13+) and opencom's custom object types, on both stores.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

async function defineOrder(ws: TestWorkspace, attributes?: unknown[]) {
  const res = await ws.api("/_opencom/custom_object_types", { method: "POST", body: { identifier: "Order", name: "Order", ...(attributes ? { attributes } : {}) } });
  expect(res.status).toBe(201);
  return res.body;
}

describe("opencom's custom object types", () => {
  it("creates, lists and deletes types; one per identifier", async () => {
    const ws = await srv.newWorkspace("Types");
    const t = await defineOrder(ws, [{ name: "order_number", data_type: "string" }]);
    expect(t).toMatchObject({ type: "custom_object_type", identifier: "Order", name: "Order", attributes: [{ name: "order_number", data_type: "string" }] });
    expectErrorList(await ws.api("/_opencom/custom_object_types", { method: "POST", body: { identifier: "Order" } }), 409, "conflict");
    expect(expectErrorList(await ws.api("/_opencom/custom_object_types", { method: "POST", body: { identifier: "1 bad" } }), 400).field).toBe("identifier");
    expect(expectErrorList(await ws.api("/_opencom/custom_object_types", { method: "POST", body: { identifier: "Bad", attributes: [{ name: "x", data_type: "blob" }] } }), 400).field).toBe("attributes[0].data_type");
    expect((await ws.api("/_opencom/custom_object_types")).body.data.map((x: any) => x.identifier)).toEqual(["Order"]);
    // another workspace does not see it
    expect((await srv.ws.api("/_opencom/custom_object_types")).body.data.map((x: any) => x.identifier)).not.toContain("Order");
    await ws.api("/custom_object_instances/Order", { method: "POST", version: "2.13", body: { external_id: "o1" } });
    expect((await ws.api("/_opencom/custom_object_types/Order", { method: "DELETE" })).body).toEqual({ type: "custom_object_type", identifier: "Order", deleted: true });
    expectErrorList(await ws.api("/_opencom/custom_object_types/Order", { method: "DELETE" }), 404, "not_found");
    // its instances went with it
    expectErrorList(await ws.api("/custom_object_instances/Order?external_id=o1", { version: "2.13" }), 404, "not_found");
  });
});

describe("custom object instances", () => {
  it("creates, then updates by external_id; gets by id or external_id; deletes both ways", async () => {
    const ws = await srv.newWorkspace("Instances");
    await defineOrder(ws);
    await ws.api("/_opencom/clock", { method: "PUT", body: { now: 1_800_000_000 } });
    const created = await ws.api("/custom_object_instances/Order", {
      method: "POST",
      version: "2.14",
      body: { external_id: "123", external_created_at: 1392036272, custom_attributes: { order_number: "ORDER-12345", total_amount: 99.99 } },
    });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({
      id: expect.any(String),
      type: "Order",
      custom_attributes: { order_number: "ORDER-12345", total_amount: "99.99" },
      external_id: "123",
      external_created_at: 1392036272,
      external_updated_at: null,
      created_at: 1_800_000_000,
      updated_at: 1_800_000_000,
    });
    const id = created.body.id;
    await ws.api("/_opencom/clock/advance", { method: "POST", body: { seconds: 60 } });
    const updated = await ws.api("/custom_object_instances/Order", { method: "POST", version: "2.14", body: { external_id: "123", external_updated_at: 1392036300, custom_attributes: { total_amount: "10", order_number: null, note: "x" } } });
    expect(updated.body).toMatchObject({ id, custom_attributes: { total_amount: "10", note: "x" }, external_created_at: 1392036272, external_updated_at: 1392036300, created_at: 1_800_000_000, updated_at: 1_800_000_060 });
    expect(updated.body.custom_attributes).not.toHaveProperty("order_number");

    // 2.13–2.15: GET on the type finds by external_id
    expect((await ws.api("/custom_object_instances/Order?external_id=123", { version: "2.15" })).body).toEqual(updated.body);
    expect(expectErrorList(await ws.api("/custom_object_instances/Order", { version: "2.13" }), 400, "parameter_not_found").field).toBe("external_id");
    expectErrorList(await ws.api("/custom_object_instances/Order?external_id=nope", { version: "2.13" }), 404, "not_found");
    // by id, or by external_id in the id's place
    expect((await ws.api(`/custom_object_instances/Order/${id}`, { version: "2.16" })).body).toEqual(updated.body);
    expect((await ws.api(`/custom_object_instances/Order/123`, { version: "2.16" })).body.id).toBe(id);
    expectErrorList(await ws.api(`/custom_object_instances/Order/999999`, { version: "2.16" }), 404, "not_found");
    // an unknown type: the documented 404
    const typeMissing = expectErrorList(await ws.api("/custom_object_instances/Invoice", { method: "POST", version: "2.16", body: { external_id: "1" } }), 404, "not_found");
    expect(typeMissing.message).toBe("Custom object type `Invoice` not found");
    expectErrorList(await ws.api("/custom_object_instances/Invoice/1", { version: "2.16" }), 404, "not_found");
    // external_id is required
    expect(expectErrorList(await ws.api("/custom_object_instances/Order", { method: "POST", version: "2.16", body: { custom_attributes: {} } }), 400).field).toBe("external_id");
    expectErrorList(await ws.api("/custom_object_instances/Order", { method: "POST", version: "2.16", body: { external_id: "9", custom_attributes: { a: { nested: 1 } } } }), 400);

    // delete by id; a second delete is a 404
    const del = await ws.api(`/custom_object_instances/Order/${id}`, { method: "DELETE", version: "2.16" });
    expect(del.body).toEqual({ id, object: "Order", deleted: true });
    expectErrorList(await ws.api(`/custom_object_instances/Order/${id}`, { method: "DELETE", version: "2.16" }), 404, "not_found");
    // delete by external_id
    const other = (await ws.api("/custom_object_instances/Order", { method: "POST", version: "2.13", body: { external_id: "abc" } })).body;
    expect((await ws.api("/custom_object_instances/Order?external_id=abc", { method: "DELETE", version: "2.13" })).body).toEqual({ id: other.id, object: "Order", deleted: true });
    expectErrorList(await ws.api("/custom_object_instances/Order?external_id=abc", { method: "DELETE", version: "2.13" }), 404, "not_found");
    expectErrorList(await ws.api("/custom_object_instances/Order", { method: "DELETE", version: "2.13" }), 400, "parameter_not_found");
  });

  it("2.16+ lists a type's instances, newest first, paged; external_id answers a list of the one instance", async () => {
    const ws = await srv.newWorkspace("List");
    await defineOrder(ws);
    for (let i = 1; i <= 5; i++) await ws.api("/custom_object_instances/Order", { method: "POST", version: "2.16", body: { external_id: `order_00${i}` } });
    const page1 = await ws.api("/custom_object_instances/Order?per_page=2", { version: "2.16" });
    expect(page1.status).toBe(200);
    expect(page1.body).toMatchObject({ type: "list", pages: { type: "pages", page: 1, per_page: 2, total_pages: 3 }, total_count: 5 });
    expect(page1.body.data.map((d: any) => d.external_id)).toEqual(["order_005", "order_004"]);
    const page3 = await ws.api("/custom_object_instances/Order?per_page=2&page=3", { version: "Unstable" });
    expect(page3.body.data.map((d: any) => d.external_id)).toEqual(["order_001"]);
    const all = await ws.api("/custom_object_instances/Order", { version: "2.16" });
    expect(all.body.pages.per_page).toBe(20);
    expect(all.body.data).toHaveLength(5);
    expect(expectErrorList(await ws.api("/custom_object_instances/Order?per_page=151", { version: "2.16" }), 400).field).toBe("per_page");
    const one = await ws.api("/custom_object_instances/Order?external_id=order_003", { version: "2.16" });
    // the operation's schema is the list, so the one instance comes as a one-item list
    expect(one.body).toMatchObject({ type: "list", total_count: 1, pages: { page: 1, total_pages: 1 } });
    expect(one.body.data).toHaveLength(1);
    expect(one.body.data[0]).toMatchObject({ type: "Order", external_id: "order_003", custom_attributes: {} });
    expectErrorList(await ws.api("/custom_object_instances/Order?external_id=order_999", { version: "2.16" }), 404, "not_found");
    expectErrorList(await ws.api("/custom_object_instances/Shipment", { version: "2.16" }), 404, "not_found");
    // an older version asks the nearest description: 2.13's find by external_id
    expect((await ws.api("/custom_object_instances/Order?external_id=order_003", { version: "2.9" })).body.external_id).toBe("order_003");
  });

  it("filters by the contact or conversation an instance refers to; declared attributes are checked", async () => {
    const ws = await srv.newWorkspace("Refs");
    await defineOrder(ws, [
      { name: "order_number", data_type: "string" },
      { name: "total", data_type: "decimal" },
      { name: "customer", data_type: "contact_reference" },
      { name: "conversation", data_type: "conversation_reference" },
    ]);
    const contact = (await ws.api("/contacts", { method: "POST", body: { role: "user", email: "buyer@example.com" } })).body;
    const conv = await ws.api("/conversations", { method: "POST", body: { from: { type: "user", id: contact.id }, body: "Where is my order?" } });
    const convId = String(conv.body.conversation_id ?? conv.body.id);
    await ws.api("/custom_object_instances/Order", { method: "POST", version: "2.16", body: { external_id: "a", custom_attributes: { customer: contact.id, total: 5 } } });
    await ws.api("/custom_object_instances/Order", { method: "POST", version: "2.16", body: { external_id: "b", custom_attributes: { customer: contact.id, conversation: convId } } });
    await ws.api("/custom_object_instances/Order", { method: "POST", version: "2.16", body: { external_id: "c" } });
    const byContact = await ws.api(`/custom_object_instances/Order?references_contact_id=${contact.id}`, { version: "2.16" });
    expect(byContact.body.data.map((d: any) => d.external_id)).toEqual(["b", "a"]);
    expect(byContact.body.total_count).toBe(2);
    const byConv = await ws.api(`/custom_object_instances/Order?references_conversation_id=${convId}`, { version: "2.16" });
    expect(byConv.body.data.map((d: any) => d.external_id)).toEqual(["b"]);
    // an update that drops the reference drops it from the filter
    await ws.api("/custom_object_instances/Order", { method: "POST", version: "2.16", body: { external_id: "a", custom_attributes: { customer: null } } });
    expect((await ws.api(`/custom_object_instances/Order?references_contact_id=${contact.id}`, { version: "2.16" })).body.data.map((d: any) => d.external_id)).toEqual(["b"]);
    // checks
    expect(expectErrorList(await ws.api("/custom_object_instances/Order", { method: "POST", version: "2.16", body: { external_id: "d", custom_attributes: { colour: "red" } } }), 400).field).toBe("custom_attributes.colour");
    expect(expectErrorList(await ws.api("/custom_object_instances/Order", { method: "POST", version: "2.16", body: { external_id: "d", custom_attributes: { total: "lots" } } }), 400).field).toBe("custom_attributes.total");
    expect(expectErrorList(await ws.api("/custom_object_instances/Order", { method: "POST", version: "2.16", body: { external_id: "d", custom_attributes: { customer: "nobody" } } }), 400).field).toBe("custom_attributes.customer");
    // another workspace's contact is no reference
    const stranger = (await srv.ws.api("/contacts", { method: "POST", body: { role: "user", email: "stranger-co@example.com" } })).body;
    expectErrorList(await ws.api("/custom_object_instances/Order", { method: "POST", version: "2.16", body: { external_id: "d", custom_attributes: { customer: stranger.id } } }), 400);
  });

  it("20 parallel upserts of one external_id leave one instance", async () => {
    const ws = await srv.newWorkspace("Race");
    await defineOrder(ws);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => ws.api("/custom_object_instances/Order", { method: "POST", version: "2.16", body: { external_id: "same", custom_attributes: { [`k${i}`]: String(i) } } })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    const list = await ws.api("/custom_object_instances/Order", { version: "2.16" });
    expect(list.body.total_count).toBe(1);
    // every attribute landed: each update merged under the row's lock
    expect(Object.keys(list.body.data[0].custom_attributes)).toHaveLength(20);
  });

  it("keeps workspaces apart", async () => {
    const a = await srv.newWorkspace("A");
    const b = await srv.newWorkspace("B");
    await defineOrder(a);
    await defineOrder(b);
    const inA = (await a.api("/custom_object_instances/Order", { method: "POST", version: "2.16", body: { external_id: "shared" } })).body;
    const inB = (await b.api("/custom_object_instances/Order", { method: "POST", version: "2.16", body: { external_id: "shared" } })).body;
    expect(inA.id).not.toBe(inB.id);
    expectErrorList(await b.api(`/custom_object_instances/Order/${inA.id}`, { version: "2.16" }), 404, "not_found");
    expectErrorList(await b.api(`/custom_object_instances/Order/${inA.id}`, { method: "DELETE", version: "2.16" }), 404, "not_found");
    expect((await b.api("/custom_object_instances/Order", { version: "2.16" })).body.data.map((d: any) => d.id)).toEqual([inB.id]);
    // a type only one workspace defines
    await a.api("/_opencom/custom_object_types", { method: "POST", body: { identifier: "Invoice" } });
    expectErrorList(await b.api("/custom_object_instances/Invoice", { method: "POST", version: "2.16", body: { external_id: "1" } }), 404, "not_found");
  });

  it("works through the official SDK", async () => {
    const ws = await srv.newWorkspace("SDK");
    await defineOrder(ws);
    const client = ws.client as any;
    const created = await client.customObjectInstances.createCustomObjectInstances({ custom_object_type_identifier: "Order", external_id: "sdk-1", custom_attributes: { order_number: "N1" } });
    expect(created).toMatchObject({ type: "Order", external_id: "sdk-1", custom_attributes: { order_number: "N1" } });
    const got = await client.customObjectInstances.getCustomObjectInstancesById({ custom_object_type_identifier: "Order", custom_object_instance_id: created.id });
    expect(got.id).toBe(created.id);
    const byExt = await client.customObjectInstances.getCustomObjectInstancesByExternalId({ custom_object_type_identifier: "Order", external_id: "sdk-1" });
    expect(byExt.id).toBe(created.id);
    const deleted = await client.customObjectInstances.deleteCustomObjectInstancesByExternalId({ custom_object_type_identifier: "Order", custom_object_instance_id: created.id });
    expect(deleted).toMatchObject({ id: created.id, deleted: true });
  });
});
