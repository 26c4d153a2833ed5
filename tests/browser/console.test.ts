// The web console in a real browser (chromium via playwright-core), against an in-process opencom on the
// test store (OPENCOM_TEST_STORE=postgres for PostgreSQL): sign in, live inbox, admin reply, writing as
// the contact and its webhook delivery, browsing contacts, filtering the request journal. Screenshots of
// each main view go to test-results/screenshots/.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { startTestServer, usingPostgres, type TestServer } from "../helpers/server.js";
import { startReceiver, type Receiver } from "../helpers/receiver.js";
import { launch, SCREENSHOTS } from "./chromium.js";

const store = usingPostgres ? "postgres" : "sqlite";
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${store}-${name}.png`), fullPage: true });

describe(`web console (${store})`, () => {
  let srv: TestServer;
  let receiver: Receiver;
  let browser: { context: BrowserContext; close: () => Promise<void> };
  let page: Page;
  let contactId: string;
  let conversationId: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [srv, receiver, browser] = await Promise.all([startTestServer(), startReceiver(), launch()]);
    page = await browser.context.newPage();
    page.on("pageerror", (e) => pageErrors.push(String(e)));
    page.on("console", (m) => m.type() === "error" && /Content Security Policy|Uncaught/.test(m.text()) && pageErrors.push(m.text()));
    const contact = await srv.ws.api("/contacts", { method: "POST", body: { role: "user", email: "ada@example.com", name: "Ada Lovelace" } });
    expect(contact.status).toBe(200);
    contactId = contact.body.id;
    // enough contacts for three pages of 50
    for (let i = 0; i < 12; i++) {
      await Promise.all(
        Array.from({ length: 10 }, (_, j) => srv.ws.api("/contacts", { method: "POST", body: { role: "user", email: `person${i * 10 + j}@example.com`, name: `Person ${i * 10 + j}` } })),
      );
    }
    const sub = await srv.ws.api("/_opencom/webhooks", { method: "POST", body: { url: receiver.url, topics: ["conversation.user.replied"] } });
    expect(sub.status).toBe(200);
  });

  afterAll(async () => {
    await browser?.close();
    await receiver?.close();
    await srv?.close();
  });

  it("signs in with the workspace token, kept in sessionStorage only", async () => {
    await page.goto(srv.url + "/");
    await expect(page.getByRole("textbox", { name: "Access token" }).isVisible()).resolves.toBe(true);
    await shot(page, "signin");
    await page.getByRole("textbox", { name: "Access token" }).fill("oc_wrong");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").waitFor();
    await page.getByRole("textbox", { name: "Access token" }).fill(srv.ws.token);
    await page.getByRole("button", { name: "Sign in" }).click();
    for (const name of ["Inbox", "Contacts", "Companies", "Articles", "Requests", "Webhooks", "Settings"]) {
      await page.getByRole("link", { name, exact: true }).waitFor();
    }
    const stored = await page.evaluate(() => ({ session: sessionStorage.getItem("opencom.token"), local: localStorage.length, cookie: document.cookie }));
    expect(stored).toEqual({ session: srv.ws.token, local: 0, cookie: "" });
    await page.getByText("● live").waitFor();
  });

  it("shows a conversation the API created, without a reload", async () => {
    const list = page.getByRole("list", { name: "Conversations" });
    await list.waitFor({ state: "attached" });
    const created = await srv.ws.api("/conversations", { method: "POST", body: { from: { type: "user", id: contactId }, body: "Hello from the API" } });
    expect(created.status).toBe(200);
    conversationId = created.body.conversation_id;
    await list.getByText("Hello from the API").waitFor({ timeout: 10_000 });
    await shot(page, "inbox");
  });

  it("lists a ticket the API created, without a reload, and opens it", async () => {
    const type = await srv.ws.api("/ticket_types", { body: { name: "Bug", category: "Customer" } });
    expect(type.status).toBe(200);
    const ticket = await srv.ws.api("/tickets", { body: { ticket_type_id: type.body.id, contacts: [{ id: contactId }], ticket_attributes: { _default_title_: "Printer on fire" } } });
    expect(ticket.status).toBe(200);
    const tickets = page.getByRole("list", { name: "Tickets" });
    await tickets.getByText("Printer on fire").waitFor({ timeout: 10_000 });
    await tickets.getByText("Printer on fire").click();
    await page.getByRole("heading", { name: "Printer on fire" }).waitFor();
    await page.getByText(`Ticket #${ticket.body.ticket_id}`, { exact: false }).waitFor();

    // reply and note as the admin; the API reads them back
    await page.getByRole("textbox", { name: "Reply" }).fill("We are on it");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await page.getByRole("list", { name: "Ticket parts" }).getByText("We are on it").waitFor();
    await page.getByRole("textbox", { name: "Reply" }).fill("internal: fire brigade called");
    await page.getByRole("button", { name: "Add note" }).click();
    await page.getByRole("list", { name: "Ticket parts" }).getByText("internal: fire brigade called").waitFor();
    const parts = (await srv.ws.api(`/tickets/${ticket.body.id}`)).body.ticket_parts.ticket_parts;
    expect(parts.find((p: any) => p.body?.includes("We are on it"))).toMatchObject({ part_type: "comment", author: { type: "admin" } });
    expect(parts.find((p: any) => p.body?.includes("fire brigade"))).toMatchObject({ part_type: "note" });

    // another state of its category, then close and reopen
    const states = (await srv.ws.api("/ticket_states")).body.data as any[];
    const target = states.find((x) => x.category === "in_progress" && (!x.ticket_category || x.ticket_category === "Customer"));
    await page.getByLabel("Ticket state").selectOption(String(target.id));
    await page.getByRole("button", { name: "Set state" }).click();
    await expect.poll(async () => (await srv.ws.api(`/tickets/${ticket.body.id}`)).body.ticket_state.id).toBe(target.id);
    await page.getByRole("button", { name: "Close" }).click();
    await page.getByRole("button", { name: "Reopen" }).and(page.locator(":enabled")).waitFor();
    expect((await srv.ws.api(`/tickets/${ticket.body.id}`)).body.open).toBe(false);
    await page.getByRole("button", { name: "Reopen" }).click();
    await page.getByRole("button", { name: "Close" }).and(page.locator(":enabled")).waitFor();
    expect((await srv.ws.api(`/tickets/${ticket.body.id}`)).body.open).toBe(true);
    await page.getByRole("button", { name: "Show JSON" }).click();
    await page.locator("pre.json").getByText("Printer on fire").first().waitFor();
    await shot(page, "ticket");
  });

  it("replies as the admin; the API reads the reply back", async () => {
    await page.getByRole("list", { name: "Conversations" }).getByText("Hello from the API").click();
    await page.getByText("Contact: Ada Lovelace").waitFor();
    await page.getByRole("textbox", { name: "Reply" }).fill("Hi Ada, an admin here");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await page.getByRole("list", { name: "Conversation parts" }).getByText("Hi Ada, an admin here").waitFor();
    const conv = await srv.ws.api(`/conversations/${conversationId}`);
    const parts = conv.body.conversation_parts.conversation_parts;
    const reply = parts.find((p: any) => p.part_type === "comment" && p.body?.includes("Hi Ada, an admin here"));
    expect(reply?.author.type).toBe("admin");

    await page.getByRole("textbox", { name: "Reply" }).fill("internal: check billing");
    await page.getByRole("button", { name: "Add note" }).click();
    await page.getByRole("list", { name: "Conversation parts" }).getByText("internal: check billing").waitFor();
    await page.getByRole("button", { name: "Close" }).click();
    await page.getByRole("button", { name: "Reopen" }).and(page.locator(":enabled")).waitFor();
    expect((await srv.ws.api(`/conversations/${conversationId}`)).body.state).toBe("closed");
    await page.getByRole("button", { name: "Reopen" }).click();
    await page.getByRole("button", { name: "Snooze" }).and(page.locator(":enabled")).waitFor();
    await page.getByRole("button", { name: "Snooze" }).click();
    await page.getByRole("button", { name: "Reopen" }).and(page.locator(":enabled")).waitFor();
    expect((await srv.ws.api(`/conversations/${conversationId}`)).body.state).toBe("snoozed");
    await page.getByRole("button", { name: "Reopen" }).click();
    await page.getByLabel("Assign to").selectOption({ index: 1 });
    await page.getByRole("button", { name: "Assign" }).click();
    await expect.poll(async () => (await srv.ws.api(`/conversations/${conversationId}`)).body.admin_assignee_id).toBeTruthy();
    await shot(page, "conversation");
  });

  it("writes as the contact; the conversation.user.replied delivery shows in Webhooks", async () => {
    await page.getByRole("textbox", { name: "Message as contact" }).fill("Thanks, it works now");
    await page.getByRole("button", { name: "Send as contact" }).click();
    await page.getByRole("list", { name: "Conversation parts" }).getByText("Thanks, it works now").waitFor();
    const conv = await srv.ws.api(`/conversations/${conversationId}`);
    const part = conv.body.conversation_parts.conversation_parts.find((p: any) => p.body?.includes("Thanks, it works now"));
    expect(part.author).toMatchObject({ type: "user", id: contactId });
    const [hook] = await receiver.waitFor(1);
    expect(hook.json.topic).toBe("conversation.user.replied");

    await page.getByRole("link", { name: "Webhooks" }).click();
    const deliveries = page.getByRole("list", { name: "Deliveries" });
    const summary = deliveries.locator("summary", { hasText: "conversation.user.replied" });
    await summary.getByText("delivered").waitFor();
    await summary.click();
    await deliveries.getByText("X-Hub-Signature").first().waitFor();
    await shot(page, "webhooks");
  });

  it("manages subscriptions, the clock, faults and the rate limit", async () => {
    const subs = page.getByRole("list", { name: "Subscriptions" });
    await page.getByRole("textbox", { name: "Webhook URL" }).fill(receiver.url + "?second");
    await page.getByRole("textbox", { name: "Topics" }).fill("contact.user.created, contact.deleted");
    await page.getByRole("button", { name: "Subscribe" }).click();
    const second = subs.getByRole("listitem").filter({ hasText: "?second" });
    await second.waitFor();
    await second.getByRole("button", { name: "Ping" }).click();
    await page.getByRole("list", { name: "Deliveries" }).locator("summary", { hasText: "ping" }).waitFor();
    await second.getByRole("button", { name: "Edit" }).click();
    const editing = subs.locator("form"); // the item being edited shows its fields as inputs
    await editing.getByRole("checkbox", { name: "Active" }).uncheck();
    await editing.getByRole("button", { name: "Save" }).click();
    await second.getByText("inactive").waitFor();
    const listed = (await srv.ws.api("/_opencom/webhooks")).body.data.find((w: any) => w.url.endsWith("?second"));
    expect(listed).toMatchObject({ active: false, topics: ["contact.user.created", "contact.deleted"] });

    const before = (await srv.ws.api("/_opencom/clock")).body.now;
    await page.getByRole("textbox", { name: "Seconds" }).fill("86400");
    await page.getByRole("button", { name: "Advance" }).click();
    await expect.poll(async () => (await srv.ws.api("/_opencom/clock")).body.now - before).toBeGreaterThanOrEqual(86400);
    await page.getByRole("button", { name: "Real time" }).click();
    await expect.poll(async () => Math.abs((await srv.ws.api("/_opencom/clock")).body.now - Date.now() / 1000)).toBeLessThan(5);

    await page.getByRole("textbox", { name: "Fault path" }).fill("/tags");
    await page.getByRole("button", { name: "Add fault" }).click();
    await page.getByRole("list", { name: "Faults" }).getByText("/tags").waitFor();
    expect((await srv.ws.api("/tags")).status).toBe(503);
    await page.getByRole("list", { name: "Faults" }).getByRole("button", { name: "Remove" }).click();
    await expect.poll(async () => (await srv.ws.api("/tags")).status).toBe(200);

    await page.getByRole("textbox", { name: "Per minute" }).fill("600");
    await page.getByRole("button", { name: "Set limit" }).click();
    await page.getByText("600 requests per minute").waitFor();
    expect((await srv.ws.api("/me")).headers.get("x-ratelimit-limit")).toBe("100");
    await page.getByRole("button", { name: "No limit" }).click();
    await page.getByText("Off", { exact: true }).waitFor();
    expect((await srv.ws.api("/_opencom/rate_limit")).body.per_minute).toBeNull();
  });

  it("starts a new conversation as a contact", async () => {
    await page.getByRole("link", { name: "Inbox" }).click();
    await page.goto(srv.url + "/#/inbox");
    await page.getByRole("textbox", { name: "Message as contact" }).fill("A brand new question");
    await page.getByLabel("Find contact").fill("ada@");
    await page.getByRole("combobox", { name: "Contact", exact: true }).locator("option", { hasText: "Ada Lovelace" }).waitFor({ state: "attached" });
    await page.getByRole("combobox", { name: "Contact", exact: true }).selectOption({ label: "Ada Lovelace (user)" });
    await page.getByRole("button", { name: "Send as contact" }).click();
    await page.getByRole("list", { name: "Conversation parts" }).getByText("A brand new question").waitFor();
    const search = await srv.ws.api("/conversations/search", { method: "POST", body: { query: { field: "source.body", operator: "~", value: "brand new question" } } });
    expect(search.body.conversations?.length ?? search.body.total_count).toBeTruthy();

    // filters: the first conversation is assigned, the new one is not; none is closed
    const list = page.getByRole("list", { name: "Conversations" });
    await page.getByLabel("Assignee", { exact: true }).selectOption("none");
    await list.getByText("A brand new question").waitFor();
    await expect.poll(() => list.getByText("Hello from the API").count()).toBe(0);
    await page.getByLabel("Assignee", { exact: true }).selectOption({ label: "Ada Admin" });
    await list.getByText("Hello from the API").waitFor();
    await expect.poll(() => list.getByText("A brand new question").count()).toBe(0);
    await page.getByLabel("State", { exact: true }).selectOption("closed");
    await expect.poll(() => list.getByRole("listitem").count()).toBe(0);
    await page.getByLabel("State", { exact: true }).selectOption("open");
    await list.getByText("Hello from the API").waitFor();
    await page.getByLabel("Assignee", { exact: true }).selectOption("");
    await page.getByLabel("State", { exact: true }).selectOption("");
  });

  it("browses contacts page by page and opens one", async () => {
    await page.getByRole("link", { name: "Contacts" }).click();
    const list = page.getByRole("list", { name: "Contacts" });
    await list.getByRole("listitem").first().waitFor();
    expect(await list.getByRole("listitem").count()).toBe(50);
    await page.getByText("Page 1 of 3").waitFor();
    await page.getByRole("button", { name: "Next page" }).click();
    await page.getByText("Page 2 of 3").waitFor();
    await page.getByRole("searchbox", { name: "Search contacts" }).fill("ada@example");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await list.getByRole("link", { name: "Ada Lovelace" }).click();
    const detail = page.getByRole("region", { name: "Detail" });
    await detail.getByText(`"id": "${contactId}"`).waitFor();
    await detail.getByLabel("Intercom-Version").selectOption("2.7");
    await detail.getByText("GET /contacts/" + contactId + " → 200").waitFor();
    await shot(page, "contacts");

    for (const [link, name] of [["Companies", "companies"], ["Articles", "articles"], ["Settings", "settings"]] as const) {
      await page.getByRole("link", { name: link, exact: true }).click();
      await page.getByRole("heading", { name: link, exact: true }).waitFor();
      await shot(page, name);
    }
  });

  it("browses custom object instances of every type and opens one", async () => {
    expect((await srv.ws.api("/_opencom/custom_object_types", { body: { identifier: "Order", name: "Order" } })).status).toBe(201);
    const made = await srv.ws.api("/custom_object_instances/Order", { body: { external_id: "ord-42", custom_attributes: { total: "99.50" } }, version: "2.14" });
    expect(made.status).toBe(200);
    await srv.ws.api("/custom_object_instances/Order", { body: { external_id: "ord-43" }, version: "2.14" });
    await page.getByRole("link", { name: "Custom objects" }).click();
    const list = page.getByRole("list", { name: "Custom objects" });
    await list.getByRole("link", { name: "Order: ord-43" }).waitFor();
    await list.getByRole("link", { name: "Order: ord-42" }).click();
    const detail = page.getByRole("region", { name: "Detail" });
    await detail.getByText(`GET /custom_object_instances/Order/${made.body.id} → 200`).waitFor();
    await detail.getByText('"total": "99.50"').waitFor();
    await shot(page, "custom-objects");
  });

  it("filters the request journal", async () => {
    await srv.ws.api("/contacts", { method: "POST", body: { role: "lead", name: "Journal Lead", custom_atributes: { x: 1 } } });
    await page.getByRole("link", { name: "Requests" }).click();
    const journal = page.getByRole("list", { name: "Request journal" });
    await journal.getByRole("listitem").first().waitFor();
    await page.getByLabel("Method").selectOption("GET");
    await page.getByRole("textbox", { name: "Path" }).fill("/conversations/{conversation_id}");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect.poll(async () => {
      const texts = await journal.locator("summary").allInnerTexts();
      return texts.length > 0 && texts.every((t) => /GET \/conversations\/\d+/.test(t));
    }).toBe(true);
    await page.getByLabel("Method").selectOption("POST");
    await page.getByRole("textbox", { name: "Path" }).fill("/contacts");
    await page.getByRole("button", { name: "Filter" }).click();
    const lead = journal.locator("summary", { hasText: "warning" }).first();
    await lead.waitFor();
    await lead.click();
    await journal.getByRole("list", { name: "Lint warnings" }).getByText("custom_atributes").waitFor();
    await page.getByRole("img", { name: /Requests per second/ }).waitFor();
    await shot(page, "requests");
  });

  it("never streams another workspace's changes", async () => {
    const other = await srv.newWorkspace("Other");
    const res = await fetch(srv.url + "/_opencom/live", { headers: { Authorization: `Bearer ${other.token}` } });
    expect(res.status).toBe(200);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    const read = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        text += value;
      }
    })();
    await srv.ws.api("/conversations", { method: "POST", body: { from: { type: "user", id: contactId }, body: "not for the other workspace" } });
    const mine = await other.api("/contacts", { method: "POST", body: { role: "user", email: "own@example.com" } });
    await expect.poll(() => text).toContain("contact.user.created");
    expect(text).not.toContain("conversation.user.created");
    expect(text).toContain(mine.body.id);
    await reader.cancel();
    await read.catch(() => undefined);
    expect((await fetch(srv.url + "/_opencom/live")).status).toBe(401);
  });

  it("ran without script errors or policy violations", () => {
    expect(pageErrors).toEqual([]);
  });
});
