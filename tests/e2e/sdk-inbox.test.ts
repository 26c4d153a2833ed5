// The inbox through the official SDK (intercom-client 7.x, Intercom-Version 2.14): conversations, tickets and
// their tags, ticket types and attributes, calls — success paths, the SDK's pagers, its error classes with
// the documented status and error.list body, and workspace isolation. Plain-fetch coverage is in the area files.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Intercom, IntercomClient, IntercomError } from "intercom-client";
import { sdkErrorOf as sdkError } from "../helpers/sdk.js";
import { startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());


async function user(ws: TestWorkspace, n: string) {
  return ws.client.contacts.create({ role: "user", email: `${n}@sdk-inbox.example`, name: n, external_id: n });
}

describe("conversations through the SDK", () => {
  it("runs assignment rules (opencom keeps none: the conversation is unchanged); unknown and foreign ids are NotFoundError", async () => {
    const ws = await srv.newWorkspace("sdk conversations");
    const other = await srv.newWorkspace("sdk conversations other");
    const u = await user(ws, "ada");
    const made = await ws.client.conversations.create({ from: { type: "user", id: u.id! }, body: "Hello there" });
    const id = made.conversation_id!;
    const before = await ws.client.conversations.find({ conversation_id: id });
    const ran = await ws.client.conversations.runAssignmentRules({ conversation_id: id });
    expect(ran).toMatchObject({ type: "conversation", id, state: "open", admin_assignee_id: before.admin_assignee_id, team_assignee_id: before.team_assignee_id });
    expect(ran.contacts?.contacts?.map((c) => c.id)).toEqual([u.id]);

    await sdkError(ws.client.conversations.runAssignmentRules({ conversation_id: "999999999" }), Intercom.NotFoundError, 404, "not_found");
    await sdkError(other.client.conversations.runAssignmentRules({ conversation_id: id }), Intercom.NotFoundError, 404, "not_found");
    await sdkError(other.client.conversations.find({ conversation_id: id }), Intercom.NotFoundError, 404, "not_found");
    await sdkError(
      other.client.conversations.reply({ conversation_id: id, body: { message_type: "comment", type: "admin", admin_id: String(other.adminId), body: "x" } }),
      Intercom.NotFoundError,
      404,
    );
    await sdkError(
      ws.client.conversations.reply({ conversation_id: id, body: { message_type: "comment", type: "admin", admin_id: "999999", body: "x" } }),
      IntercomError,
      404,
    );
    const bad = new IntercomClient({ token: "not-a-token", baseUrl: srv.url });
    await sdkError(bad.conversations.runAssignmentRules({ conversation_id: id }), Intercom.UnauthorizedError, 401, "unauthorized");
  });

  it("another workspace's conversation is NotFoundError to every conversation method", async () => {
    const ws = await srv.newWorkspace("sdk conversations errors");
    const other = await srv.newWorkspace("sdk conversations errors other");
    const u = await user(ws, "bob");
    const id = (await ws.client.conversations.create({ from: { type: "user", id: u.id! }, body: "Hi" })).conversation_id!;
    const replied = await ws.client.conversations.reply({ conversation_id: id, body: { message_type: "comment", type: "admin", admin_id: String(ws.adminId), body: "Hello" } });
    const partId = replied.conversation_parts!.conversation_parts!.at(-1)!.id!;
    const a = String(other.adminId);
    await sdkError(other.client.conversations.update({ conversation_id: id, read: true }), Intercom.NotFoundError, 404);
    await sdkError(other.client.conversations.manage({ conversation_id: id, body: { message_type: "close", type: "admin", admin_id: a } }), Intercom.NotFoundError, 404);
    await sdkError(other.client.conversations.attachContactAsAdmin({ conversation_id: id, admin_id: a, customer: { intercom_user_id: u.id! } }), Intercom.NotFoundError, 404);
    await sdkError(other.client.conversations.detachContactAsAdmin({ conversation_id: id, contact_id: u.id!, admin_id: a }), Intercom.NotFoundError, 404);
    await sdkError(other.client.conversations.redactConversationPart({ type: "conversation_part", conversation_id: id, conversation_part_id: partId }), Intercom.NotFoundError, 404);
    await sdkError(other.client.tags.tagConversation({ conversation_id: id, id: "1", admin_id: a }), Intercom.NotFoundError, 404);
    await sdkError(other.client.conversations.deleteConversation({ conversation_id: Number(id) }), IntercomError, 404);
    // still there, untouched
    expect((await ws.client.conversations.find({ conversation_id: id })).state).toBe("open");
    // a teammate of another workspace cannot act here either
    await sdkError(ws.client.conversations.manage({ conversation_id: id, body: { message_type: "close", type: "admin", admin_id: a } }), Intercom.NotFoundError, 404);
  });
});

describe("tickets through the SDK", () => {
  async function ticketSetup(ws: TestWorkspace) {
    const type = (await ws.client.ticketTypes.create({ name: "Bug", category: "Customer", description: "A bug" }))!;
    const u = await user(ws, `t-${ws.workspaceId}`);
    return { type, u };
  }

  it("tags and untags a ticket; documented 404s per missing ticket, tag and admin; isolated", async () => {
    const ws = await srv.newWorkspace("sdk ticket tags");
    const other = await srv.newWorkspace("sdk ticket tags other");
    const { type, u } = await ticketSetup(ws);
    const t = (await ws.client.tickets.create({ ticket_type_id: type.id!, contacts: [{ id: u.id! }] }))!;
    const tag = await ws.client.tags.create({ name: "urgent" });

    const tagged = await ws.client.tags.tagTicket({ ticket_id: t.id!, id: tag.id, admin_id: String(ws.adminId) });
    expect(tagged).toMatchObject({ type: "tag", id: tag.id, name: "urgent" });
    // again: the same tag, no error
    expect(await ws.client.tags.tagTicket({ ticket_id: t.id!, id: tag.id, admin_id: String(ws.adminId) })).toEqual(tagged);

    await sdkError(ws.client.tags.tagTicket({ ticket_id: t.id!, id: "999999", admin_id: String(ws.adminId) }), Intercom.NotFoundError, 404, "tag_not_found");
    await sdkError(ws.client.tags.tagTicket({ ticket_id: t.id!, id: tag.id, admin_id: "999999" }), Intercom.NotFoundError, 404, "admin_not_found");
    await sdkError(other.client.tags.tagTicket({ ticket_id: t.id!, id: tag.id, admin_id: String(other.adminId) }), Intercom.NotFoundError, 404, "ticket_not_found");
    await sdkError(other.client.tags.untagTicket({ ticket_id: t.id!, tag_id: tag.id, admin_id: String(other.adminId) }), Intercom.NotFoundError, 404, "ticket_not_found");

    const untagged = await ws.client.tags.untagTicket({ ticket_id: t.id!, tag_id: tag.id, admin_id: String(ws.adminId) });
    expect(untagged).toMatchObject({ type: "tag", id: tag.id, name: "urgent" });
    // untagged already: the tag is not on the ticket
    await sdkError(ws.client.tags.untagTicket({ ticket_id: t.id!, tag_id: tag.id, admin_id: String(ws.adminId) }), Intercom.NotFoundError, 404, "tag_not_found");
    await sdkError(ws.client.tags.untagTicket({ ticket_id: t.id!, tag_id: "999999", admin_id: String(ws.adminId) }), Intercom.NotFoundError, 404, "tag_not_found");

    await sdkError(ws.client.tickets.get({ ticket_id: "999999999" }), IntercomError, 404);
    await sdkError(other.client.tickets.get({ ticket_id: t.id! }), IntercomError, 404);
    await sdkError(other.client.tickets.update({ ticket_id: t.id!, open: false }), Intercom.NotFoundError, 404);
    await sdkError(
      other.client.tickets.reply({ ticket_id: t.id!, body: { message_type: "note", type: "admin", admin_id: String(other.adminId), body: "x" } }),
      Intercom.NotFoundError,
      404,
    );
    await sdkError(other.client.tickets.deleteTicket({ ticket_id: t.id! }), Intercom.NotFoundError, 404);
    expect((await ws.client.tickets.get({ ticket_id: t.id! }))!.open).toBe(true);
  });

  it("pages a ticket search with the SDK's pager (hasNextPage, getNextPage, iteration)", async () => {
    const ws = await srv.newWorkspace("sdk ticket search");
    const other = await srv.newWorkspace("sdk ticket search other");
    const { type, u } = await ticketSetup(ws);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const t = (await ws.client.tickets.create({ ticket_type_id: type.id!, contacts: [{ id: u.id! }] }))!;
      ids.push(t.id!);
    }
    // (the SDK's pager writes the cursor into the request it was given, and getNextPage() moves the page itself)
    const query = (): Intercom.SearchRequest => ({ query: { field: "ticket_type_id", operator: "=", value: type.id! }, pagination: { per_page: 2 } });
    const page = await ws.client.tickets.search(query());
    expect(page.response).toMatchObject({ type: "ticket.list", total_count: 5, pages: { page: 1, per_page: 2, total_pages: 3 } });
    const byPage = [page.data.map((t) => t!.id!)];
    while (page.hasNextPage()) {
      await page.getNextPage();
      byPage.push(page.data.map((t) => t!.id!));
    }
    // newest first, each ticket once
    expect(byPage).toEqual([[ids[4], ids[3]], [ids[2], ids[1]], [ids[0]]]);

    const seen: string[] = [];
    for await (const t of await ws.client.tickets.search(query())) seen.push(t!.id!);
    expect(seen).toEqual([...ids].reverse());

    // another workspace finds none of them
    const theirs = await other.client.tickets.search({ query: { field: "ticket_type_id", operator: "=", value: type.id! } });
    expect(theirs.data).toEqual([]);
    expect(theirs.hasNextPage()).toBe(false);
  });
});

describe("ticket types and attributes through the SDK", () => {
  it("gets and updates a type and updates an attribute; missing and foreign ones are 404, a default attribute cannot be archived (400)", async () => {
    const ws = await srv.newWorkspace("sdk ticket types");
    const other = await srv.newWorkspace("sdk ticket types other");
    const type = (await ws.client.ticketTypes.create({ name: "Incident", category: "Back-office", description: "Something broke", icon: "🔥" }))!;
    const got = (await ws.client.ticketTypes.get({ ticket_type_id: type.id! }))!;
    expect(got).toEqual(type);
    // Intercom answers the attributes as its examples show, `{type: "list", data: [...]}` (the SDK's type follows the
    // schema's `ticket_type_attributes` array; at run time the SDK hands over the JSON as it came)
    const attrs = (got.ticket_type_attributes as unknown as { data: Intercom.TicketTypeAttribute[] }).data;
    expect(attrs.map((a) => a.name)).toEqual(["_default_title_", "_default_description_"]);

    const up = (await ws.client.ticketTypes.update({ ticket_type_id: type.id!, name: "Incident 2", archived: true }))!;
    expect(up).toMatchObject({ id: type.id, name: "Incident 2", description: "Something broke", archived: true, category: "Back-office" });
    expect((await ws.client.ticketTypes.get({ ticket_type_id: type.id! }))!.name).toBe("Incident 2");

    const attr = (await ws.client.ticketTypes.attributes.create({
      ticket_type_id: type.id!,
      name: "Priority",
      description: "How bad",
      data_type: "list",
      list_items: "Low,High",
      required_to_create: true,
    }))!;
    const changed = (await ws.client.ticketTypes.attributes.update({ ticket_type_id: type.id!, attribute_id: attr.id!, description: "Severity", list_items: "Low,Medium" }))!;
    expect(changed).toMatchObject({ type: "ticket_type_attribute", id: attr.id, name: "Priority", description: "Severity", required_to_create: true });
    expect(changed.input_options).toMatchObject({ list_options: [{ label: "Low", archived: false }, { label: "Medium", archived: false }, { label: "High", archived: true }] });

    // (these operations document 401 only: the SDK throws its base IntercomError for the rest)
    await sdkError(ws.client.ticketTypes.get({ ticket_type_id: "999999" }), IntercomError, 404, "not_found");
    await sdkError(other.client.ticketTypes.get({ ticket_type_id: type.id! }), IntercomError, 404, "not_found");
    await sdkError(other.client.ticketTypes.update({ ticket_type_id: type.id!, name: "mine" }), IntercomError, 404, "not_found");
    await sdkError(ws.client.ticketTypes.attributes.update({ ticket_type_id: type.id!, attribute_id: "999999", description: "x" }), IntercomError, 404, "not_found");
    await sdkError(other.client.ticketTypes.attributes.update({ ticket_type_id: type.id!, attribute_id: attr.id!, description: "x" }), IntercomError, 404, "not_found");
    const bad = new IntercomClient({ token: "not-a-token", baseUrl: srv.url });
    await sdkError(bad.ticketTypes.get({ ticket_type_id: type.id! }), Intercom.UnauthorizedError, 401, "unauthorized");
    const title = attrs[0];
    await sdkError(ws.client.ticketTypes.attributes.update({ ticket_type_id: type.id!, attribute_id: title.id!, archived: true }), IntercomError, 400, "parameter_invalid");
  });
});

describe("calls through the SDK", () => {
  let rec: Server;
  let recUrl = "";
  beforeAll(async () => {
    rec = createServer((_req, res) => {
      res.writeHead(200, { "Content-Type": "audio/mpeg" });
      res.end(Buffer.from("ID3-fake-audio"));
    });
    await new Promise<void>((r) => rec.listen(0, "127.0.0.1", r));
    recUrl = `http://127.0.0.1:${(rec.address() as AddressInfo).port}/rec.mp3`;
  });
  afterAll(() => new Promise<void>((r) => rec.close(() => r())));

  it("fetches a call's recording (Intercom redirects to the file); a call without one is NotFoundError; isolated", async () => {
    const ws = await srv.newWorkspace("sdk calls");
    const other = await srv.newWorkspace("sdk calls other");
    const call = (await ws.api("/_opencom/calls", { body: { phone: "+15551239999", recording_url: recUrl, ended_at: Math.floor(Date.now() / 1000) + 60 } })).body;
    expect(call.recording_url).toBe(`${srv.url}/calls/${call.id}/recording`);
    const shown = await ws.client.calls.showCall({ call_id: call.id });
    expect(shown).toMatchObject({ id: call.id, recording_url: call.recording_url });

    const { data, rawResponse } = await ws.client.calls.showCallRecording({ call_id: call.id }).withRawResponse();
    expect(data).toBeUndefined();
    expect(rawResponse.status).toBe(200);
    expect(rawResponse.redirected).toBe(true);
    expect(rawResponse.url).toBe(recUrl);
    expect(rawResponse.headers.get("content-type")).toBe("audio/mpeg");

    const bare = (await ws.api("/_opencom/calls", { body: { phone: "+15551239998" } })).body;
    await sdkError(ws.client.calls.showCallRecording({ call_id: bare.id }), Intercom.NotFoundError, 404, "not_found");
    await sdkError(other.client.calls.showCallRecording({ call_id: call.id }), Intercom.NotFoundError, 404, "not_found");
    await sdkError(ws.client.calls.showCallRecording({ call_id: "999999999" }), Intercom.NotFoundError, 404, "not_found");
  });
});
