// Fin Agent API on both stores: answers from published articles, content snippets and external pages
// (and the same answer for the same question), the cannot-answer path and escalation, CSAT, procedures
// with a human-in-the-loop step, versions (2.14 vs Unstable) and workspace isolation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

const U = "Unstable";
const user = (id = "u-1") => ({ id, name: "Ada Lovelace", email: `${id}@example.com` });
const msg = (body: string, timestamp = "2025-01-24T10:01:20.000Z") => ({ author: "user", body, timestamp });

async function article(ws: TestWorkspace, title: string, body: string, state = "published") {
  const r = await ws.api("/articles", { body: { title, body, author_id: ws.adminId, state } });
  expect(r.status).toBe(200);
  return r.body;
}

async function seedContent(ws: TestWorkspace) {
  const reset = await article(ws, "Reset your password", "<p>Open Settings, choose Security and click Reset password. A link is emailed to you within five minutes.</p>");
  const invoice = await article(ws, "Download an invoice", "<p>Invoices are under Billing, then History. Click an invoice to download it as a PDF.</p>");
  await article(ws, "Secret draft about refunds", "<p>Refunds are processed on Fridays.</p>", "draft");
  return { reset, invoice };
}

const fin = (ws: TestWorkspace, external: string) => ws.api(`/_opencom/fin/conversations/${encodeURIComponent(external)}`);

describe("Fin Agent API", () => {
  it("answers from published articles with their sources, deterministically (2.14)", async () => {
    const ws = await srv.newWorkspace("Fin answers");
    const { reset } = await seedContent(ws);
    await ws.api("/_opencom/webhooks", { body: { url: "http://127.0.0.1:9/hook", topics: ["fin_agent.fin_replied", "fin_agent.fin_status_updated", "fin_agent.csat_requested"] } });
    const r = await ws.api("/fin/start", { version: "2.14", body: { conversation_id: "ext-1", message: msg("How do I reset my password?"), user: user() } });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ conversation_id: "ext-1", user_id: "u-1", status: "awaiting_user_reply", created_at_ms: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/) });
    const read = (await fin(ws, "ext-1")).body;
    expect(read.messages).toHaveLength(2);
    const answer = read.messages[1];
    expect(answer.author).toBe("fin");
    // the passage of the best article, then its source: exactly this on both stores
    expect(answer.body).toBe(
      `<p>Open Settings, choose Security and click Reset password. A link is emailed to you within five minutes.</p><p>Sources: <a href="${answer.sources[0]?.url}">Reset your password</a></p>`,
    );
    expect(answer.sources).toEqual([{ type: "article", id: String(reset.id), locale: "en", title: "Reset your password", url: expect.stringContaining(`/articles/${reset.id}-`) }]);
    // a user contact now maps to the Fin user
    const contact = (await ws.api(`/contacts/${read.contact_id}`)).body;
    expect(contact).toMatchObject({ external_id: "u-1", email: "u-1@example.com" });
    // the same question on the same content: the same answer
    await ws.api("/fin/start", { version: "2.14", body: { conversation_id: "ext-2", message: msg("How do I reset my password?"), user: user() } });
    expect((await fin(ws, "ext-2")).body.messages[1].body).toBe(answer.body);
    // a follow-up question, then thanks: resolved, complete, and a rating is asked for
    const follow = await ws.api("/fin/reply", { version: "2.14", body: { conversation_id: "ext-1", message: msg("where can I download an invoice", "2025-01-24T10:02:00.000Z"), user: user() } });
    expect(follow.body.status).toBe("awaiting_user_reply");
    expect((await fin(ws, "ext-1")).body.messages[3].body).toContain("Billing");
    const thanks = await ws.api("/fin/reply", { version: "2.14", body: { conversation_id: "ext-1", message: msg("Thanks!", "2025-01-24T10:03:00.000Z"), user: user() } });
    expect(thanks.body.status).toBe("complete");
    const done = (await fin(ws, "ext-1")).body;
    expect(done).toMatchObject({ resolution_state: "resolved", csat: { rating: null } });
    // a retried message (same body and timestamp) changes nothing
    const retry = await ws.api("/fin/reply", { version: "2.14", body: { conversation_id: "ext-1", message: msg("Thanks!", "2025-01-24T10:03:00.000Z"), user: user() } });
    expect(retry.body.status).toBe("complete");
    // Fin no longer waits for a reply
    expectErrorList(await ws.api("/fin/reply", { version: "2.14", body: { conversation_id: "ext-1", message: msg("one more"), user: user() } }), 400, "parameter_invalid");
    const deliveries = (await ws.api("/_opencom/webhooks/deliveries?per_page=50")).body.data.map((d: any) => d.topic);
    expect(deliveries.filter((t: string) => t === "fin_agent.fin_replied")).toHaveLength(4);
    expect(deliveries.filter((t: string) => t === "fin_agent.csat_requested")).toHaveLength(1);
    expect(deliveries.filter((t: string) => t === "fin_agent.fin_status_updated")).toHaveLength(5);
  });

  it("answers from content snippets and external pages too, each source named by its content type", async () => {
    const ws = await srv.newWorkspace("Fin knowledge");
    const V = "2.16";
    const post = async (path: string, body: unknown, method = "POST") => {
      const r = await ws.api(path, { method, body, version: V });
      expect(r.status, `${path}: ${r.text}`).toBeLessThan(300);
      return r.body;
    };
    const reset = await article(ws, "Reset your password", "<p>Open Settings, choose Security and click Reset password.</p>");
    const shipping = await post("/content_snippets", { title: "Shipping times", body_markdown: "We **ship** orders within two business days from our [Lisbon](https://example.com/lisbon) warehouse." });
    const secret = await post("/content_snippets", { title: "Staff discount codes", body_markdown: "Staff discount codes are listed in the handbook.", ai_chatbot_availability: false });
    const source = await post("/ai/content_import_sources", { url: "https://docs.example.com", sync_behavior: "api" });
    const warranty = await post("/ai/external_pages", { title: "Warranty policy", html: "<p>Every device has a two-year <b>warranty</b> covering manufacturing defects.</p>", url: "https://docs.example.com/warranty", locale: "en", source_id: source.id, external_id: "warranty" });
    const app = await post("/ai/external_pages", { title: "Reset password in the app", html: "<p>In the mobile app, tap Profile, then Reset password.</p>", url: "https://docs.example.com/app", locale: "en", source_id: source.id, external_id: "app" });
    await post("/ai/external_pages", { title: "Internal escalation matrix", html: "<p>Escalation matrix for the support team.</p>", url: "https://docs.example.com/matrix", locale: "en", source_id: source.id, external_id: "matrix", ai_agent_availability: false });

    const ask = async (id: string, question: string) => {
      const r = await ws.api("/fin/ask", { version: U, body: { conversation_id: id, message: msg(question), user: user("u-k") } });
      expect(r.status).toBe(200);
      return (await fin(ws, id)).body;
    };
    // a snippet: its Markdown as text; a snippet has no URL, its title names it
    const ship = await ask("k-1", "When do you ship orders?");
    expect(ship.resolution_state).toBe("resolved");
    expect(ship.messages[1].body).toBe("<p>We ship orders within two business days from our Lisbon warehouse.</p><p>Sources: Shipping times</p>");
    expect(ship.messages[1].sources).toEqual([{ type: "content_snippet", id: String(shipping.id), locale: "en", title: "Shipping times" }]);
    // an external page: its HTML as text, its URL
    const war = await ask("k-2", "What does the warranty cover?");
    expect(war.messages[1].body).toBe('<p>Every device has a two-year warranty covering manufacturing defects.</p><p>Sources: <a href="https://docs.example.com/warranty">Warranty policy</a></p>');
    expect(war.messages[1].sources).toEqual([{ type: "external_page", id: String(warranty.id), locale: "en", title: "Warranty policy", url: "https://docs.example.com/warranty" }]);
    // an article and a page scoring the same: both, the article first
    const both = await ask("k-3", "How do I reset my password?");
    expect(both.messages[1].body).toBe(
      `<p>Open Settings, choose Security and click Reset password.</p><p>In the mobile app, tap Profile, then Reset password.</p><p>Sources: <a href="${both.messages[1].sources[0].url}">Reset your password</a>, <a href="https://docs.example.com/app">Reset password in the app</a></p>`,
    );
    expect(both.messages[1].sources).toEqual([
      { type: "article", id: String(reset.id), locale: "en", title: "Reset your password", url: expect.stringContaining(`/articles/${reset.id}-`) },
      { type: "external_page", id: String(app.id), locale: "en", title: "Reset password in the app", url: "https://docs.example.com/app" },
    ]);
    // the same question on the same content: the same answer
    expect((await ask("k-4", "How do I reset my password?")).messages[1].body).toBe(both.messages[1].body);
    // content not available to Fin does not answer
    expect((await ask("k-5", "staff discount codes")).resolution_state).toBe("unresolved");
    expect((await ask("k-6", "escalation matrix")).resolution_state).toBe("unresolved");
    // made available, edited and deleted: the index follows
    await post(`/content_snippets/${secret.id}`, { ai_chatbot_availability: true }, "PUT");
    expect((await ask("k-7", "staff discount codes")).messages[1].sources).toEqual([{ type: "content_snippet", id: String(secret.id), locale: "en", title: "Staff discount codes" }]);
    await post(`/content_snippets/${shipping.id}`, { title: "Delivery", body_markdown: "Parcels leave daily." }, "PUT");
    expect((await ask("k-8", "When do you ship orders?")).resolution_state).toBe("unresolved");
    expect((await ws.api(`/ai/external_pages/${warranty.id}`, { method: "DELETE", version: V })).status).toBe(200);
    expect((await ask("k-9", "What does the warranty cover?")).resolution_state).toBe("unresolved");
    // another workspace's content is not Fin's content here
    const other = await srv.newWorkspace("Fin knowledge other");
    const r = await other.api("/fin/ask", { version: U, body: { conversation_id: "o-1", message: msg("staff discount codes"), user: user("u-o") } });
    expect(r.status).toBe(200);
    expect((await fin(other, "o-1")).body.resolution_state).toBe("unresolved");
  });

  it("cannot answer: escalates to a helpdesk conversation, or completes without follow-ups", async () => {
    const ws = await srv.newWorkspace("Fin no answer");
    await seedContent(ws);
    // the draft about refunds is not Fin's content
    const r = await ws.api("/fin/start", { body: { conversation_id: "nope-1", message: msg("When are refunds processed?"), user: user("u-2") } });
    expect(r.body.status).toBe("complete");
    const read = (await fin(ws, "nope-1")).body;
    expect(read.messages[1].body).toContain("couldn't find an answer");
    expect(read).toMatchObject({ resolution_state: "escalated", escalation_reason: "Conversation finished without resolution", csat: null });
    const conv = (await ws.api(`/conversations/${read.intercom_conversation_id}`)).body;
    expect(conv.source.body).toContain("refunds");
    expect(conv.conversation_parts.conversation_parts.some((p: any) => p.part_type === "note" && p.body.includes("Fin escalated"))).toBe(true);
    // Unstable: follow_up_questions false → complete, not escalated
    const quiet = await ws.api("/fin/start", { version: U, body: { conversation_id: "nope-2", message: msg("When are refunds processed?"), user: user("u-2"), settings: { follow_up_questions: false } } });
    expect(quiet.body.status).toBe("complete");
    expect((await fin(ws, "nope-2")).body).toMatchObject({ resolution_state: "unresolved", intercom_conversation_id: null });
    // asking for a person escalates
    const human = await ws.api("/fin/start", { body: { conversation_id: "nope-3", message: msg("I want to talk to a human"), user: user("u-2") } });
    expect(human.body.status).toBe("complete");
    expect((await fin(ws, "nope-3")).body.escalation_reason).toBe("Escalation requested by user");
  });

  it("asks, escalates and lists capabilities (Unstable)", async () => {
    const ws = await srv.newWorkspace("Fin Unstable");
    await seedContent(ws);
    const ask = await ws.api("/fin/ask", { version: U, body: { conversation_id: "ask-1", message: msg("download invoice pdf"), user: user("u-3") } });
    expect(ask.body).toMatchObject({ conversation_id: "ask-1", user_id: "u-3", status: "complete" });
    expect((await fin(ws, "ask-1")).body).toMatchObject({ mode: "ask", resolution_state: "resolved" });
    expectErrorList(await ws.api("/fin/ask", { version: U, body: { conversation_id: "ask-1", message: msg("again"), user: user("u-3") } }), 400, "parameter_invalid");
    const unknown = await ws.api("/fin/ask", { version: U, body: { conversation_id: "ask-2", message: msg("quantum chromodynamics"), user: user("u-3") } });
    expect(unknown.body.status).toBe("complete");
    expect((await fin(ws, "ask-2")).body).toMatchObject({ resolution_state: "unresolved", intercom_conversation_id: null });
    // escalate the ask conversation yourself
    const esc = await ws.api("/fin/escalate", { version: U, body: { conversation_id: "ask-2", context: "Customer is frustrated." } });
    expect(esc.status).toBe(200);
    expect(esc.body).toMatchObject({ conversation_id: "ask-2", status: "escalated", intercom_conversation_id: expect.any(String) });
    const helpdesk = (await ws.api(`/conversations/${esc.body.intercom_conversation_id}`)).body;
    expect(helpdesk.conversation_parts.conversation_parts.filter((p: any) => p.part_type === "note").map((p: any) => p.body).join()).toContain("Customer is frustrated.");
    // again: the same handoff
    expect((await ws.api("/fin/escalate", { version: U, body: { conversation_id: "ask-2" } })).body.intercom_conversation_id).toBe(esc.body.intercom_conversation_id);
    // on behalf of a user
    const byUser = await ws.api("/fin/escalate", { version: U, body: { user: user("u-4"), message: "I need help with billing" } });
    expect(byUser.body).toEqual({ intercom_conversation_id: expect.any(String), status: "escalated" });
    expect((await ws.api(`/conversations/${byUser.body.intercom_conversation_id}`)).body.source.body).toContain("I need help with billing");
    expectErrorList(await ws.api("/fin/escalate", { version: U, body: {} }), 400, "parameter_invalid");
    expectErrorList(await ws.api("/fin/escalate", { version: U, body: { conversation_id: "never" } }), 400, "parameter_invalid");
    // capabilities: live API procedures and the static actions
    const live = (await ws.api("/_opencom/fin/procedures", { body: { name: "Reset password", description: "Walk the user through it." } })).body;
    await ws.api("/_opencom/fin/procedures", { body: { name: "Draft one", state: "draft" } });
    await ws.api("/_opencom/fin/procedures", { body: { name: "No API", api_trigger: false } });
    const caps = await ws.api("/fin/capabilities", { version: U, body: { user: { id: "u-5" } } });
    expect(caps.body.capabilities.map((x: any) => x.type)).toEqual(["procedure", "reply", "ask", "escalate"]);
    expect(caps.body.capabilities[0]).toEqual({ type: "procedure", id: live.id, name: "Reset password", description: "Walk the user through it.", endpoint: `/fin/procedures/${live.id}/run`, method: "POST" });
    expectErrorList(await ws.api("/fin/capabilities", { version: U, body: { user: { id: "u-5", attributes: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`a${i}`, i])) } } }), 400, "parameter_invalid");
  });

  it("records CSAT as described: retries, changes, remark lock, window, errors", async () => {
    const ws = await srv.newWorkspace("Fin CSAT");
    await seedContent(ws);
    await ws.api("/fin/ask", { version: U, body: { conversation_id: "c-1", message: msg("reset password"), user: user("u-6") } });
    const rate = (body: unknown, version = "2.14") => ws.api("/fin/csat", { version, body });
    expect((await rate({ conversation_id: "c-1", rating: "good" })).body).toEqual({ conversation_id: "c-1", rating: "good", status: "rated" });
    expect((await rate({ conversation_id: "c-1", rating: "good" })).status).toBe(200);
    expect((await rate({ conversation_id: "c-1", rating: "amazing" })).body.rating).toBe("amazing");
    expect((await rate({ conversation_id: "c-1", rating: "amazing", remark: "Fast!" })).body.rating).toBe("amazing");
    expect((await fin(ws, "c-1")).body.csat).toMatchObject({ rating: "amazing", remark: "Fast!" });
    expect(expectErrorList(await rate({ conversation_id: "c-1", rating: "bad" }), 422).field).toBe("base");
    expect(expectErrorList(await rate({ conversation_id: "c-1", rating: "superb" }), 422).field).toBe("rating");
    expect(expectErrorList(await rate({ conversation_id: "missing", rating: "ok" }), 422).field).toBe("external_conversation_id");
    // no survey: Fin did not resolve it
    await ws.api("/fin/ask", { version: U, body: { conversation_id: "c-2", message: msg("quantum chromodynamics"), user: user("u-6") } });
    expect(expectErrorList(await rate({ conversation_id: "c-2", rating: "ok" }), 422).message).toBe("No rating survey found for this conversation");
    // the window closes after 7 days on the workspace clock
    await ws.api("/fin/ask", { version: U, body: { conversation_id: "c-3", message: msg("reset password"), user: user("u-6") } });
    expect((await rate({ conversation_id: "c-3", rating: "ok" }, U)).status).toBe(200);
    await ws.api("/_opencom/clock/advance", { body: { seconds: 8 * 24 * 3600 } });
    expect(expectErrorList(await rate({ conversation_id: "c-3", rating: "good" }, U), 422).message).toBe("The rating window for this conversation has closed");
    expect((await rate({ conversation_id: "c-3", rating: "ok" }, U)).status).toBe(200);
    expectErrorList(await ws.api("/fin/csat", { body: { rating: "ok" } }), 400, "parameter_not_found");
  });

  it("runs procedures through a human-in-the-loop step", async () => {
    const ws = await srv.newWorkspace("Fin procedures");
    await ws.api("/_opencom/webhooks", { body: { url: "http://127.0.0.1:9/hook", topics: ["procedure.hitl_notification.created"] } });
    const proc = (
      await ws.api("/_opencom/fin/procedures", {
        body: {
          name: "Refund",
          instructions: "Starting your refund.",
          attributes_to_collect: [
            { identifier: "approved", data_type: "boolean" },
            { identifier: "reason", data_type: "list", options: ["damaged", "late"] },
          ],
          completion_message: "Refund approved: {{approved}} ({{reason}}).",
        },
      })
    ).body;
    expect(proc).toMatchObject({ type: "fin_procedure", state: "live", api_trigger: true });
    const run = await ws.api(`/fin/procedures/${proc.id}/run`, { version: U, body: { conversation_id: "p-1", user: user("u-7"), message: { author: "agent", body: "Starting your refund request." } } });
    expect(run.body).toMatchObject({ conversation_id: "p-1", user_id: "u-7", procedure_id: proc.id, status: "thinking" });
    const paused = (await fin(ws, "p-1")).body;
    expect(paused.hitl).toMatchObject({ status: "pending", attributes_to_collect: [{ identifier: "approved" }, { identifier: "reason" }] });
    expect((await ws.api("/_opencom/webhooks/deliveries")).body.data.map((d: any) => d.topic)).toEqual(["procedure.hitl_notification.created"]);
    const step = paused.hitl.step_id;
    const collect = (body: unknown, id = "p-1") => ws.api(`/procedures/${id}/collect_agent_input`, { version: U, body });
    expectErrorList(await collect({ step_id: "wrong", attribute_values: [] }), 404, "not_found");
    expectErrorList(await collect({ step_id: step, attribute_values: [{ identifier: "approved", value: true }] }), 400, "parameter_invalid");
    expectErrorList(await collect({ step_id: step, attribute_values: [{ identifier: "approved", value: "yes" }, { identifier: "reason", value: "late" }] }), 400, "parameter_invalid");
    expectErrorList(await collect({ step_id: step, attribute_values: [{ identifier: "approved", value: true }, { identifier: "reason", value: "lost" }] }), 400, "parameter_invalid");
    expectErrorList(await collect({ step_id: step, attribute_values: [] }, "p-unknown"), 404, "not_found");
    const ok = await collect({ step_id: step, attribute_values: [{ identifier: "approved", value: true }, { identifier: "reason", value: "late" }] });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({});
    const done = (await fin(ws, "p-1")).body;
    expect(done).toMatchObject({ status: "complete", resolution_state: "resolved", hitl: { status: "fulfilled" } });
    expect(done.messages.map((m: any) => m.body)).toEqual(["Starting your refund request.", "<p>Starting your refund.</p>", "<p>Refund approved: true (late).</p>"]);
    expectErrorList(await collect({ step_id: step, attribute_values: [{ identifier: "approved", value: true }, { identifier: "reason", value: "late" }] }), 409, "conflict");
    // a run whose step expires
    await ws.api(`/fin/procedures/${proc.id}/run`, { version: U, body: { conversation_id: "p-2", user: user("u-7") } });
    const step2 = (await fin(ws, "p-2")).body.hitl.step_id;
    await ws.api("/_opencom/clock/advance", { body: { seconds: 25 * 3600 } });
    expect(expectErrorList(await collect({ step_id: step2, attribute_values: [] }, "p-2"), 404, "not_found").message).toBe("This HITL request has expired");
    // a procedure without a step completes at once
    const quick = (await ws.api("/_opencom/fin/procedures", { body: { name: "Hello", completion_message: "All done." } })).body;
    expect((await ws.api(`/fin/procedures/${quick.id}/run`, { version: U, body: { conversation_id: "p-3", user: user("u-7") } })).body.status).toBe("complete");
    // the documented 400s
    const draft = (await ws.api("/_opencom/fin/procedures", { body: { name: "Draft", state: "draft" } })).body;
    const noApi = (await ws.api("/_opencom/fin/procedures", { body: { name: "No API", api_trigger: false } })).body;
    const runErr = async (id: string, external: string) => expectErrorList(await ws.api(`/fin/procedures/${id}/run`, { version: U, body: { conversation_id: external, user: user("u-7") } }), 400, "parameter_invalid").message;
    expect(await runErr("999999", "p-9")).toBe("Procedure not found");
    expect(await runErr(draft.id, "p-9")).toBe("Procedure is not live");
    expect(await runErr(noApi.id, "p-9")).toBe("Procedure does not have an API trigger");
    expect(await runErr(quick.id, "p-3")).toMatch(/already exists/);
    // opencom's procedure API
    expect((await ws.api(`/_opencom/fin/procedures/${draft.id}`, { method: "PUT", body: { state: "live" } })).body.state).toBe("live");
    expect((await ws.api(`/_opencom/fin/procedures/${draft.id}`, { method: "DELETE" })).body).toMatchObject({ deleted: true });
    expectErrorList(await ws.api(`/_opencom/fin/procedures/${draft.id}`), 404, "not_found");
    expectErrorList(await ws.api("/_opencom/fin/procedures", { body: { name: "Bad", attributes_to_collect: [{ identifier: "x", data_type: "list" }] } }), 400, "parameter_invalid");
  });

  it("answers the documented errors and isolates workspaces", async () => {
    const ws = await srv.newWorkspace("Fin errors");
    const other = await srv.newWorkspace("Fin errors other");
    await seedContent(ws);
    for (const version of ["2.14", "2.15", "2.16", U]) {
      expectErrorList(await ws.api("/fin/start", { version, body: { message: msg("hi"), user: user() } }), 400, "parameter_not_found");
      expectErrorList(await ws.api("/fin/start", { version, body: { conversation_id: "x", message: msg("hi") } }), 400, "parameter_not_found");
      expectErrorList(await ws.api("/fin/reply", { version, body: { conversation_id: "never", message: msg("hi"), user: user() } }), 400, "parameter_invalid");
      expectErrorList(await ws.api("/fin/start", { version, token: null, body: { conversation_id: "x", message: msg("hi"), user: user() } }), 401, "unauthorized");
    }
    expectErrorList(await ws.api("/fin/start", { body: { conversation_id: "h", message: msg("hi"), user: user(), conversation_metadata: { history: Array.from({ length: 11 }, () => msg("x")) } } }), 400, "parameter_invalid");
    const started = await ws.api("/fin/start", { body: { conversation_id: "iso-1", message: msg("reset my password"), user: user() } });
    expect(started.body.status).toBe("awaiting_user_reply");
    expectErrorList(await ws.api("/fin/start", { body: { conversation_id: "iso-1", message: msg("again"), user: user() } }), 400, "parameter_invalid");
    expectErrorList(await ws.api("/fin/reply", { body: { conversation_id: "iso-1", message: msg("hello"), user: user("someone-else") } }), 400, "parameter_invalid");
    // another workspace sees neither the conversation nor the content
    expectErrorList(await other.api("/fin/reply", { body: { conversation_id: "iso-1", message: msg("hi"), user: user() } }), 400, "parameter_invalid");
    expectErrorList(await other.api("/_opencom/fin/conversations/iso-1"), 404, "not_found");
    expect(expectErrorList(await other.api("/fin/csat", { body: { conversation_id: "iso-1", rating: "ok" } }), 422).field).toBe("external_conversation_id");
    const theirs = await other.api("/fin/ask", { version: U, body: { conversation_id: "iso-1", message: msg("reset my password"), user: user() } });
    expect(theirs.body.status).toBe("complete");
    expect((await fin(other, "iso-1")).body).toMatchObject({ resolution_state: "unresolved" });
    const proc = (await ws.api("/_opencom/fin/procedures", { body: { name: "Mine" } })).body;
    expectErrorList(await other.api(`/_opencom/fin/procedures/${proc.id}`), 404, "not_found");
    expect(expectErrorList(await other.api(`/fin/procedures/${proc.id}/run`, { version: U, body: { conversation_id: "r", user: user() } }), 400).message).toBe("Procedure not found");
    expectErrorList(await other.api("/fin/escalate", { version: U, body: { conversation_id: "iso-1-missing" } }), 400, "parameter_invalid");
    // Unstable-only statuses stay in their enums: 2.14 never sees "replying"
    expect(["thinking", "awaiting_user_reply", "escalated", "resolved", "complete"]).toContain(started.body.status);
  });

  it("keeps Fin data through a snapshot and a reset", async () => {
    const ws = await srv.newWorkspace("Fin snapshot");
    await seedContent(ws);
    await ws.api("/_opencom/fin/procedures", { body: { name: "Snap", attributes_to_collect: [{ identifier: "ok", data_type: "boolean" }] } });
    await ws.api("/fin/ask", { version: U, body: { conversation_id: "s-1", message: msg("reset password"), user: user() } });
    const before = (await fin(ws, "s-1")).body;
    const snap = (await ws.api("/_opencom/snapshot")).body;
    expect((await ws.api("/_opencom/reset", { method: "POST" })).status).toBe(200);
    expectErrorList(await fin(ws, "s-1"), 404, "not_found");
    expect((await ws.api("/_opencom/snapshot", { method: "PUT", body: snap })).status).toBeLessThan(300);
    expect((await fin(ws, "s-1")).body).toEqual(before);
  });
});
