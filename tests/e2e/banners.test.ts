// Banners: made with opencom's API (POST /_opencom/banners), listed for a contact (GET
// /contacts/{id}/banners, 2.16+: an impression, a view per banner and contact) and dismissed by view
// (POST /contacts/{id}/banners/{view_id}/dismiss, idempotent; a dismissed banner is no longer listed).
// Errors, versions, isolation. Plain HTTP (intercom-client 7.x has no banners methods).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

const V = "2.16";

async function banner(ws: TestWorkspace, body: Record<string, unknown>) {
  const res = await ws.api("/_opencom/banners", { body });
  expect(res.status).toBe(200);
  return res.body;
}

async function contact(ws: TestWorkspace, body: Record<string, unknown>) {
  return (await ws.api("/contacts", { body })).body;
}

describe("banners", () => {
  it("lists the banners a contact matches, with a stable view, until dismissed", async () => {
    const ws = await srv.newWorkspace("Banners");
    await ws.api("/_opencom/clock", { method: "PUT", body: { now: 1_780_580_493 } });
    const user = await contact(ws, { role: "user", email: "ann@banner.example" });
    const lead = await contact(ws, { role: "lead", email: "lee@banner.example" });
    const everyone = await banner(ws, { title: "Hi there", body: "<p>Hi there!</p>", action: { type: "url", label: "Learn more", target: "https://example.com/pricing" } });
    expect(everyone).toMatchObject({ type: "banner", id: expect.stringMatching(/^\d+$/), style: "inline", position: "top", show_dismiss_button: true, target_role: null });
    const usersOnly = await banner(ws, { title: "For users", style: "floating", position: "bottom", show_dismiss_button: false, target_role: "user", action: { type: "reaction", reaction_set: [{ unicode_emoticon: "👍" }, { unicode_emoticon: "👎" }] } });
    const justLee = await banner(ws, { body: "Only Lee", target_contact_id: lead.id });

    const first = await ws.api(`/contacts/${user.id}/banners`, { version: V });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      type: "list",
      data: [
        {
          type: "banner",
          id: everyone.id,
          view_id: expect.stringMatching(/^\d+$/),
          title: "Hi there",
          body: "<p>Hi there!</p>",
          style: "inline",
          position: "top",
          show_dismiss_button: true,
          action: { type: "url", label: "Learn more", target: "https://example.com/pricing" },
          client_targeting: null,
          created_at: 1_780_580_493,
        },
        {
          type: "banner",
          id: usersOnly.id,
          view_id: expect.stringMatching(/^\d+$/),
          title: "For users",
          body: null,
          style: "floating",
          position: "bottom",
          show_dismiss_button: false,
          action: { type: "reaction", reaction_set: [{ index: 0, unicode_emoticon: "👍" }, { index: 1, unicode_emoticon: "👎" }] },
          client_targeting: null,
          created_at: 1_780_580_493,
        },
      ],
    });
    // the same views next time (created_at is the view's)
    await ws.api("/_opencom/clock/advance", { body: { seconds: 60 } });
    const again = (await ws.api(`/contacts/${user.id}/banners`, { version: V })).body;
    expect(again).toEqual(first.body);
    // the lead gets the banner for everyone and its own, with views of its own
    const leads = (await ws.api(`/contacts/${lead.id}/banners`, { version: V })).body.data;
    expect(leads.map((b: any) => b.id)).toEqual([everyone.id, justLee.id]);
    expect(leads[0].view_id).not.toBe(first.body.data[0].view_id);
    expect(leads[0].created_at).toBe(1_780_580_553);

    // dismiss: no longer listed, idempotent
    const view = first.body.data[0].view_id;
    const dismissed = await ws.api(`/contacts/${user.id}/banners/${view}/dismiss`, { method: "POST", version: V });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body).toEqual({ type: "banner_dismiss", view_id: view, dismissed: true });
    expect((await ws.api(`/contacts/${user.id}/banners/${view}/dismiss`, { method: "POST", version: V })).body).toEqual(dismissed.body);
    expect((await ws.api(`/contacts/${user.id}/banners`, { version: V })).body.data.map((b: any) => b.id)).toEqual([usersOnly.id]);
    // the lead's view of the same banner is its own
    expect((await ws.api(`/contacts/${lead.id}/banners`, { version: V })).body.data.map((b: any) => b.id)).toEqual([everyone.id, justLee.id]);

    // a deleted banner is no longer listed; opencom's list shows the live ones
    expect((await ws.api(`/_opencom/banners/${usersOnly.id}`, { method: "DELETE" })).body).toMatchObject({ id: usersOnly.id, deleted: true });
    expectErrorList(await ws.api(`/_opencom/banners/${usersOnly.id}`, { method: "DELETE" }), 404, "not_found");
    expect((await ws.api(`/contacts/${user.id}/banners`, { version: V })).body).toEqual({ type: "list", data: [] });
    expect((await ws.api("/_opencom/banners")).body.data.map((b: any) => b.id)).toEqual([everyone.id, justLee.id]);
  });

  it("answers 404 for an unknown contact or view, and refuses bad banners (400 naming the field)", async () => {
    const ws = await srv.newWorkspace("Banner errors");
    const user = await contact(ws, { role: "user", email: "err@banner.example" });
    const other = await contact(ws, { role: "user", email: "other@banner.example" });
    await banner(ws, { title: "One" });
    const view = (await ws.api(`/contacts/${user.id}/banners`, { version: V })).body.data[0].view_id;
    expect(expectErrorList(await ws.api("/contacts/000000000000000000000000/banners", { version: V }), 404, "not_found").message).toBe("User Not Found");
    expectErrorList(await ws.api(`/contacts/000000000000000000000000/banners/${view}/dismiss`, { method: "POST", version: V }), 404, "not_found");
    expect(expectErrorList(await ws.api(`/contacts/${user.id}/banners/999999999/dismiss`, { method: "POST", version: V }), 404, "not_found").message).toBe("Resource Not Found");
    expectErrorList(await ws.api(`/contacts/${user.id}/banners/abc/dismiss`, { method: "POST", version: V }), 404, "not_found");
    // another contact's view
    expectErrorList(await ws.api(`/contacts/${other.id}/banners/${view}/dismiss`, { method: "POST", version: V }), 404, "not_found");

    const bad: Array<[Record<string, unknown>, string]> = [
      [{ title: "x", style: "sideways" }, "style"],
      [{ title: "x", position: "middle" }, "position"],
      [{ title: "x", target_role: "visitor" }, "target_role"],
      [{ title: "x", target_contact_id: "000000000000000000000000" }, "target_contact_id"],
      [{ title: "x", action: { type: "teleport" } }, "action.type"],
      [{ title: "x", action: { type: "url" } }, "action.target"],
      [{}, "body"],
    ];
    for (const [body, field] of bad) expect(expectErrorList(await ws.api("/_opencom/banners", { body }), 400, "parameter_invalid").field).toBe(field);
    expectErrorList(await ws.api("/_opencom/banners", { body: { title: "x".repeat(300) } }), 400);
  });

  it("keeps workspaces apart, and serves 2.16 and Unstable (older versions get 2.16's answer)", async () => {
    const a = await srv.newWorkspace("Banners A");
    const b = await srv.newWorkspace("Banners B");
    const ua = await contact(a, { role: "user", email: "a@banner.example" });
    const ub = await contact(b, { role: "user", email: "b@banner.example" });
    await banner(a, { title: "A only" });
    const view = (await a.api(`/contacts/${ua.id}/banners`, { version: V })).body.data[0].view_id;
    expect((await b.api(`/contacts/${ub.id}/banners`, { version: V })).body).toEqual({ type: "list", data: [] });
    expectErrorList(await b.api(`/contacts/${ua.id}/banners`, { version: V }), 404, "not_found");
    expectErrorList(await b.api(`/contacts/${ua.id}/banners/${view}/dismiss`, { method: "POST", version: V }), 404, "not_found");
    expectErrorList(await b.api(`/contacts/${ub.id}/banners/${view}/dismiss`, { method: "POST", version: V }), 404, "not_found");
    expect((await b.api("/_opencom/banners")).body.data).toEqual([]);
    for (const version of ["Unstable", "2.15", "2.7"]) {
      const res = await a.api(`/contacts/${ua.id}/banners`, { version });
      expect(res.status).toBe(200);
      expect(res.body.data.map((x: any) => x.view_id)).toEqual([view]);
    }
    expect((await a.api(`/contacts/${ua.id}/banners/${view}/dismiss`, { method: "POST", version: "Unstable" })).body).toEqual({ type: "banner_dismiss", view_id: view, dismissed: true });
  });

  it("concurrent lists make one view per banner and contact", async () => {
    const ws = await srv.newWorkspace("Banner race");
    const user = await contact(ws, { role: "user", email: "race@banner.example" });
    await banner(ws, { title: "One" });
    await banner(ws, { title: "Two" });
    const all = await Promise.all(Array.from({ length: 8 }, () => ws.api(`/contacts/${user.id}/banners`, { version: V })));
    for (const r of all) expect(r.status).toBe(200);
    const views = new Set(all.flatMap((r) => r.body.data.map((x: any) => `${x.id}:${x.view_id}`)));
    expect(views.size).toBe(2);
  });
});
