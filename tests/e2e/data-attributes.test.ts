import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Intercom } from "intercom-client";
import { VERSIONS } from "../../src/platform/versions.js";
import { expectErrorList, startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

let seq = 0;
const uniq = (prefix: string) => `${prefix} ${Date.now().toString(36)} ${++seq}`;

type Attr = Record<string, any>;

async function create(ws: TestWorkspace, body: Record<string, unknown>, version?: string): Promise<Attr> {
  const res = await ws.api("/data_attributes", { method: "POST", body, version });
  expect(res.status, res.text).toBe(200);
  return res.body;
}

async function list(ws: TestWorkspace, query = ""): Promise<Attr[]> {
  const res = await ws.api(`/data_attributes${query}`);
  expect(res.status, res.text).toBe(200);
  expect(res.body.type).toBe("list");
  return res.body.data;
}

const post = (ws: TestWorkspace, body: Record<string, unknown>) => ws.api("/data_attributes", { method: "POST", body });
const put = (ws: TestWorkspace, id: unknown, body: Record<string, unknown>) => ws.api(`/data_attributes/${id}`, { method: "PUT", body });

describe("list", () => {
  it("lists standard attributes of contacts and companies through the SDK", async () => {
    const res = await srv.ws.client.dataAttributes.list();
    expect(res.type).toBe("list");
    const names = res.data?.map((a) => `${a.model}:${a.full_name}`) ?? [];
    for (const n of ["contact:email", "contact:external_id", "contact:location.country", "company:name", "company:plan.name", "company:monthly_spend"]) expect(names).toContain(n);
    const email = res.data?.find((a) => a.model === "contact" && a.name === "email");
    expect(email).toMatchObject({ type: "data_attribute", data_type: "string", custom: false, archived: false, api_writable: true });
    expect(email?.id).toBeUndefined();
  });

  it("filters by model; conversation lists nothing; a bad model is a 400", async () => {
    const companies = await srv.ws.client.dataAttributes.list({ model: "company" });
    expect(new Set(companies.data?.map((a) => a.model))).toEqual(new Set(["company"]));
    const contacts = await list(srv.ws, "?model=contact");
    expect(new Set(contacts.map((a) => a.model))).toEqual(new Set(["contact"]));
    expect(await list(srv.ws, "?model=conversation")).toEqual([]);
    expect(expectErrorList(await srv.ws.api("/data_attributes?model=ticket"), 400, "parameter_invalid").field).toBe("model");
    expectErrorList(await srv.ws.api("/data_attributes?include_archived=perhaps"), 400, "parameter_invalid");
  });
});

describe("create", () => {
  it("creates a company string attribute through the SDK, shaped as the contract shows", async () => {
    const name = uniq("Mithril Shirt");
    const since = Math.floor(Date.now() / 1000) - 1;
    const attr = await srv.ws.client.dataAttributes.create({ name, model: "company", data_type: "string" } as Intercom.CreateDataAttributeRequest);
    expect(attr).toMatchObject({
      type: "data_attribute",
      name,
      full_name: `custom_attributes.${name}`,
      label: name,
      data_type: "string",
      api_writable: true,
      messenger_writable: false,
      custom: true,
      archived: false,
      admin_id: String(srv.ws.adminId),
      model: "company",
    });
    expect(typeof attr.id).toBe("number");
    expect(attr.created_at).toBeGreaterThanOrEqual(since);
    expect((await list(srv.ws, "?model=company")).find((a) => a.id === attr.id)).toEqual(attr);
  });

  it("creates list attributes with options, in the 2.14 and the 2.7 forms", async () => {
    const a = await create(srv.ws, { name: uniq("Team size"), model: "contact", data_type: "options", options: [{ value: "1-10" }, { value: "11-50" }], description: "How big", messenger_writable: true });
    expect(a).toMatchObject({ data_type: "string", options: ["1-10", "11-50"], description: "How big", messenger_writable: true });
    const b = await create(srv.ws, { name: uniq("Tier"), model: "contact", data_type: "string", options: ["gold", "silver"] }, "2.7");
    expect(b).toMatchObject({ data_type: "string", options: ["gold", "silver"] });

    // the options constrain contacts' values
    const ok = await srv.ws.api("/contacts", { method: "POST", body: { email: `${Date.now()}-opt@example.com`, custom_attributes: { [a.name]: "11-50" } } });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.custom_attributes[a.name]).toBe("11-50");
    expectErrorList(await srv.ws.api("/contacts", { method: "POST", body: { email: `${Date.now()}-bad@example.com`, custom_attributes: { [a.name]: "51+" } } }), 400, "parameter_invalid");
  });

  it("reads datetime attributes as date before Unstable", async () => {
    const name = uniq("Renewal");
    const attr = await create(srv.ws, { name, model: "contact", data_type: "datetime" });
    expect(attr.data_type).toBe("date");
    const unstable = await srv.ws.api("/data_attributes?model=contact", { version: "Unstable" });
    expect(unstable.body.data.find((a: Attr) => a.name === name).data_type).toBe("datetime");
  });

  it("keeps names unique across models, case-insensitively", async () => {
    const name = uniq("The One Ring");
    await create(srv.ws, { name, model: "company", data_type: "string" });
    const same = expectErrorList(await post(srv.ws, { name, model: "company", data_type: "string" }), 400, "parameter_invalid");
    expect(same.message).toBe(`You already have '${name}' in your company data. To save this as new company data, use a different name.`);
    const other = expectErrorList(await post(srv.ws, { name: name.toUpperCase(), model: "contact", data_type: "integer" }), 400, "parameter_invalid");
    expect(other.message).toBe(`You already have '${name}' in your company data. To save this as new people data, use a different name.`);
    expectErrorList(await post(srv.ws, { name: "email", model: "contact", data_type: "string" }), 400, "parameter_invalid");
    // another workspace may use the name
    const ws2 = await srv.newWorkspace();
    await create(ws2, { name, model: "contact", data_type: "string" });
  });

  it("refuses bad names, types, models and options, writing nothing", async () => {
    const before = (await list(srv.ws, "?include_archived=true")).length;
    const msg = (res: Awaited<ReturnType<typeof post>>) => expectErrorList(res, 400).message;
    expect(msg(await post(srv.ws, { name: "!nv@l!d n@me", model: "company", data_type: "string" }))).toBe(
      "Your name for this attribute must only contain alphanumeric characters, currency symbols, and hyphens",
    );
    expect(msg(await post(srv.ws, { name: "The Second Ring", model: "company", data_type: "mithril" }))).toBe("Data Type isn't an option");
    expect(msg(await post(srv.ws, { name: "Ring", model: "ticket", data_type: "string" }))).toBe("The Data Attribute model field must be either contact or company");
    expectErrorList(await post(srv.ws, { description: "Just a plain old ring", options: [{ value: "1-10" }], archived: false }), 400, "parameter_not_found");
    expectErrorList(await post(srv.ws, { name: "List", model: "contact", data_type: "options", options: [{ value: "1-10" }] }), 400, "parameter_invalid");
    expectErrorList(await post(srv.ws, { name: "List", model: "contact", data_type: "options" }), 400, "parameter_not_found");
    expectErrorList(await post(srv.ws, { name: "List", model: "contact", data_type: "options", options: [{ value: "a" }, { value: "a" }] }), 400, "parameter_invalid");
    expectErrorList(await post(srv.ws, { name: "List", model: "contact", data_type: "options", options: { value: "a" } }), 400, "parameter_invalid");
    expectErrorList(await post(srv.ws, { name: "Count", model: "contact", data_type: "integer", options: [{ value: "1" }, { value: "2" }] }), 400, "parameter_invalid");
    expectErrorList(await post(srv.ws, { name: "Count", model: "contact", data_type: "integer", messenger_writable: "yes" }), 400, "parameter_invalid");
    expectErrorList(await post(srv.ws, { name: "x".repeat(191), model: "contact", data_type: "integer" }), 400, "parameter_invalid");
    expectErrorList(await post(srv.ws, { name: "with.dot", model: "contact", data_type: "integer" }), 400, "parameter_invalid");
    expect((await list(srv.ws, "?include_archived=true")).length).toBe(before);
  });
});

describe("update", () => {
  it("changes description, messenger_writable and options through the SDK", async () => {
    const attr = await create(srv.ws, { name: uniq("Plan size"), model: "company", data_type: "options", options: [{ value: "1-10" }, { value: "11-20" }] });
    const updated = await srv.ws.client.dataAttributes.update({
      data_attribute_id: attr.id,
      body: { options: [{ value: "1-10" }, { value: "11-20" }, { value: "21+" }], description: "Just a plain old ring", messenger_writable: true } as Intercom.UpdateDataAttributeRequestBody,
    });
    expect(updated).toMatchObject({ id: attr.id, options: ["1-10", "11-20", "21+"], description: "Just a plain old ring", messenger_writable: true, data_type: "string" });
    expect(updated.updated_at).toBeGreaterThanOrEqual(attr.updated_at);
    expect((await list(srv.ws, "?model=company")).find((a) => a.id === attr.id)).toEqual(updated);
  });

  it("archives and unarchives", async () => {
    const name = uniq("Legacy");
    const attr = await create(srv.ws, { name, model: "contact", data_type: "string" });
    const archived = await put(srv.ws, attr.id, { archived: true });
    expect(archived.status, archived.text).toBe(200);
    expect(archived.body.archived).toBe(true);
    expect((await list(srv.ws)).map((a) => a.id)).not.toContain(attr.id);
    expect((await list(srv.ws, "?include_archived=true")).find((a) => a.id === attr.id)?.archived).toBe(true);
    // an archived attribute takes no values
    expectErrorList(await srv.ws.api("/contacts", { method: "POST", body: { email: `${Date.now()}-arch@example.com`, custom_attributes: { [name]: "x" } } }), 400, "parameter_invalid");
    const back = await put(srv.ws, attr.id, { archived: false });
    expect(back.body.archived).toBe(false);
    expect((await list(srv.ws)).map((a) => a.id)).toContain(attr.id);
  });

  it("refuses to archive an attribute a segment uses (422)", async () => {
    const name = uniq("Score");
    const attr = await create(srv.ws, { name, model: "contact", data_type: "integer" });
    const seg = await srv.ws.api("/_opencom/segments", { method: "POST", body: { name: "High scores", query: { field: `custom_attributes.${name}`, operator: ">", value: 10 } } });
    expect(seg.status, seg.text).toBe(200);
    const err = expectErrorList(await put(srv.ws, attr.id, { description: "Trying to archive", archived: true }), 422, "data_invalid");
    expect(err.message).toBe("The Data Attribute you are trying to archive has a dependant object");
    expect((await list(srv.ws)).find((a) => a.id === attr.id)).toMatchObject({ archived: false, description: "" });
  });

  it("never changes the data type, name or model", async () => {
    const attr = await create(srv.ws, { name: uniq("Fixed"), model: "contact", data_type: "integer" });
    expect(expectErrorList(await put(srv.ws, attr.id, { data_type: "string" }), 400, "parameter_invalid").field).toBe("data_type");
    expectErrorList(await put(srv.ws, attr.id, { options: [{ value: "a" }, { value: "b" }] }), 400, "parameter_invalid");
    expectErrorList(await put(srv.ws, attr.id, { name: "Other" }), 400, "parameter_invalid");
    expectErrorList(await put(srv.ws, attr.id, { model: "company" }), 400, "parameter_invalid");
    expectErrorList(await put(srv.ws, attr.id, { archived: "yes" }), 400, "parameter_invalid");
    const list_ = await create(srv.ws, { name: uniq("Listed"), model: "contact", data_type: "options", options: ["a", "b"] });
    expect(expectErrorList(await put(srv.ws, list_.id, { options: { value: "1-10" } }), 400, "parameter_invalid").message).toBe("Options isn't an array");
    expectErrorList(await put(srv.ws, list_.id, { options: [{ value: "only" }] }), 400, "parameter_invalid");
    expect((await list(srv.ws)).find((a) => a.id === list_.id)?.options).toEqual(["a", "b"]);
  });

  it("answers 404 field_not_found for unknown attributes and other workspaces' ones", async () => {
    const err = expectErrorList(await put(srv.ws, 999999, { description: "x" }), 404, "field_not_found");
    expect(err.message).toBe("We couldn't find that data attribute to update");
    expectErrorList(await put(srv.ws, "abc", { description: "x" }), 404, "field_not_found");
    const attr = await create(srv.ws, { name: uniq("Private"), model: "contact", data_type: "string" });
    const other = await srv.newWorkspace();
    expectErrorList(await put(other, attr.id, { archived: true }), 404, "field_not_found");
    expect((await list(other, "?include_archived=true")).map((a) => a.id)).not.toContain(attr.id);
    expect((await list(srv.ws)).find((a) => a.id === attr.id)?.archived).toBe(false);
  });
});

describe("2.7", () => {
  it("creates, updates and lists in the 2.7 shape", async () => {
    const attr = await create(srv.ws, { name: uniq("Old style"), model: "contact", data_type: "boolean" }, "2.7");
    expect(attr).toMatchObject({ type: "data_attribute", data_type: "boolean", custom: true, model: "contact" });
    const res = await srv.ws.api(`/data_attributes/${attr.id}`, { method: "PUT", body: { description: "updated" }, version: "2.7" });
    expect(res.status).toBe(200);
    expect(res.body.description).toBe("updated");
    const listed = await srv.ws.api("/data_attributes?model=contact", { version: "2.7" });
    expect(listed.body.data.find((a: Attr) => a.id === attr.id)).toEqual(res.body);
  });
});

describe("every Intercom-Version", () => {
  it("answers each data attribute operation in every version", async () => {
    for (const version of VERSIONS) {
      const list = await srv.ws.api("/data_attributes?include_archived=true", { version });
      expect(list.body.data.length).toBeGreaterThan(10);
      const options = await create(srv.ws, { name: uniq("every options"), model: "company", data_type: "options", options: [{ value: "a" }, { value: "b" }] }, version);
      expect(options.options).toEqual(["a", "b"]);
      const dated = await create(srv.ws, { name: uniq("every date"), model: "contact", data_type: "datetime", description: version }, version);
      expect(dated.data_type).toBe(version === "Unstable" ? "datetime" : "date");
      const archived = await srv.ws.api(`/data_attributes/${options.id}`, { method: "PUT", body: { archived: true }, version });
      expect(archived.body.archived).toBe(true);
      expectErrorList(await srv.ws.api("/data_attributes/999999", { method: "PUT", body: { archived: true }, version }), 404, "field_not_found");
    }
  });
});
